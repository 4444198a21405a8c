import {
  groupThousands,
  MAX_MERGE_CELLS,
  MAX_SHEET_CELLS,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
} from "./limits";
import { columnLetter } from "../workbook/snapshot";
import { removeElements } from "./xml";

/**
 * One worksheet's XML before ExcelJS sees it: its extent measured on the bytes (so a million-row sheet is refused
 * after reading a fraction of it), then the parts the reader never uses and ExcelJS would expand cell by cell
 * (data validations, huge merges, column ranges) removed.
 */

export interface SheetExtent {
  cells: number;
  lastRow: number;
  lastColumn: number;
}

const LT = 0x3c;
const GT = 0x3e;

function isNameByte(b: number): boolean {
  return (
    (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f
  );
}

/** The number in `r="…"` of a tag between `from` and `to` (letters → column, digits → row), or 0. */
function refOf(bytes: Uint8Array, from: number, to: number): { col: number; row: number } {
  for (let i = from; i + 3 < to; i++) {
    // ` r="` (a space or tab before r, so that `spans=` or `sr=` do not match)
    if (
      bytes[i + 1] === 0x72 &&
      bytes[i + 2] === 0x3d &&
      (bytes[i + 3] === 0x22 || bytes[i + 3] === 0x27) &&
      (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
    ) {
      let col = 0;
      let row = 0;
      for (let j = i + 4; j < to; j++) {
        const b = bytes[j];
        if (b >= 0x41 && b <= 0x5a) col = Math.min(col * 26 + (b - 0x40), 1e9);
        else if (b >= 0x61 && b <= 0x7a) col = Math.min(col * 26 + (b - 0x60), 1e9);
        else if (b >= 0x30 && b <= 0x39) row = Math.min(row * 10 + (b - 0x30), 1e12);
        else break;
      }
      return { col, row };
    }
  }
  return { col: 0, row: 0 };
}

/**
 * Rows and cells of a sheet's XML; stops as soon as one limit is passed and says which (Vietnamese, naming the
 * sheet), else undefined.
 */
export function measureSheet(
  bytes: Uint8Array,
  sheet: string,
  cellBudget: number
): { extent: SheetExtent; problem?: string } {
  const extent: SheetExtent = { cells: 0, lastRow: 0, lastColumn: 0 };
  let row = 0;
  let i = bytes.indexOf(LT);
  while (i >= 0) {
    let n = i + 1;
    let start = n;
    while (n < bytes.length && isNameByte(bytes[n])) n++;
    if (bytes[n] === 0x3a) {
      start = n + 1; // a namespace prefix
      n = start;
      while (n < bytes.length && isNameByte(bytes[n])) n++;
    }
    const len = n - start;
    const isRow =
      len === 3 && bytes[start] === 0x72 && bytes[start + 1] === 0x6f && bytes[start + 2] === 0x77;
    const isCell = len === 1 && bytes[start] === 0x63;
    const end = bytes.indexOf(GT, n);
    if (end < 0) break;
    if (isRow) {
      const r = refOf(bytes, n - 1, end).row;
      row = r > 0 ? r : row + 1;
      if (row > extent.lastRow) extent.lastRow = row;
      if (row > MAX_SHEET_ROWS) return { extent, problem: rowsProblem(sheet, row) };
    } else if (isCell) {
      extent.cells++;
      const ref = refOf(bytes, n - 1, end);
      if (ref.row > extent.lastRow) extent.lastRow = ref.row;
      if (ref.col > extent.lastColumn) extent.lastColumn = ref.col;
      if (ref.row > MAX_SHEET_ROWS) return { extent, problem: rowsProblem(sheet, ref.row) };
      if (ref.col > MAX_SHEET_COLUMNS) return { extent, problem: columnsProblem(sheet, ref.col) };
      if (extent.cells > Math.min(MAX_SHEET_CELLS, cellBudget)) {
        return { extent, problem: cellsProblem(sheet, extent.cells, cellBudget) };
      }
    }
    i = bytes.indexOf(LT, end);
  }
  return { extent };
}

function rowsProblem(sheet: string, row: number): string {
  return `Trang “${sheet}” có dữ liệu tới dòng ${groupThousands(row)}, quá giới hạn ${groupThousands(MAX_SHEET_ROWS)} dòng (một biểu mẫu chỉ có vài trăm dòng): tệp không được đọc. Hãy xóa các dòng thừa (hoặc trang này) rồi lưu lại.`;
}

function columnsProblem(sheet: string, col: number): string {
  return `Trang “${sheet}” có dữ liệu tới cột ${col <= 16384 ? columnLetter(col - 1) : groupThousands(col)}, quá giới hạn ${MAX_SHEET_COLUMNS} cột (tới cột ${columnLetter(MAX_SHEET_COLUMNS - 1)}): tệp không được đọc. Hãy xóa các cột thừa (hoặc trang này) rồi lưu lại.`;
}

function cellsProblem(sheet: string, cells: number, budget: number): string {
  const limit = Math.min(MAX_SHEET_CELLS, budget);
  const where = budget < MAX_SHEET_CELLS ? "cả sổ làm việc" : `trang “${sheet}”`;
  return `Tới trang “${sheet}”, ${where} có hơn ${groupThousands(Math.max(cells - 1, limit))} ô (một biểu mẫu chỉ có vài trăm ô): tệp không được đọc. Hãy xóa các vùng dữ liệu thừa rồi lưu lại.`;
}

/** How many elements of a short local name (`si`) the XML has, prefixed or not; stops counting past `max`. */
export function countElements(bytes: Uint8Array, local: string, max: number): number {
  const name = [...local].map((c) => c.charCodeAt(0));
  let n = 0;
  for (let i = bytes.indexOf(LT); i >= 0 && n <= max; i = bytes.indexOf(LT, i + 1)) {
    let j = i + 1;
    while (j < bytes.length && isNameByte(bytes[j])) j++;
    const start = bytes[j] === 0x3a ? j + 1 : i + 1;
    if (name.every((c, k) => bytes[start + k] === c)) {
      const after = bytes[start + name.length];
      if (
        after === GT ||
        after === 0x20 ||
        after === 0x2f ||
        after === 0x09 ||
        after === 0x0a ||
        after === 0x0d
      )
        n++;
    }
  }
  return n;
}

/** Rows × columns of `A1:E3` (or `A1`), 0 when it is not a range address. */
export function rangeArea(ref: string): number {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim());
  if (!m) return 0;
  const col = (s: string) =>
    [...s.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
}

/** Elements the reader never uses; ExcelJS expands some (validations over ranges, `<col>` spans) cell by cell. */
const DROPPED = [
  "cols",
  "dataValidations",
  "conditionalFormatting",
  "hyperlinks",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "tableParts",
  "extLst",
];

/** What Excel writes in a number cell's `<v>`: a finite decimal number, nothing else. */
const DECIMAL = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?\s*$/;

/**
 * Number cells whose stored text is not a decimal number (`0x10`, `1e400`, `1,5`) typed as text cells, so that
 * ExcelJS keeps the text (it would read `0x10` as 0) and the value parser reports it at its cell.
 */
function textualizeOddNumbers(xml: string): string {
  return xml.replace(
    // The body stops at the next cell tag, so unclosed cells cannot make this quadratic.
    /<((?:[\w.-]+:)?)c(\s[^>]*?)?(?<!\/)>((?:[^<]|<(?!\/?(?:[\w.-]+:)?c[\s>/]))*)<\/\1c>/g,
    (m, prefix: string, attrs: string | undefined, body: string) => {
      const a = attrs ?? "";
      const t = /\st\s*=\s*["']([^"']*)["']/.exec(a)?.[1];
      if (t !== undefined && t !== "n") return m;
      const v = new RegExp(`<${prefix}v(?:\\s[^>]*)?>([^<]*)</${prefix}v>`).exec(body)?.[1];
      if (v === undefined) return m;
      if (DECIMAL.test(v) && Number.isFinite(Number(v))) return m;
      const typed =
        t === undefined ? `${a} t="str"` : a.replace(/(\st\s*=\s*)["']n["']/, '$1"str"');
      return `<${prefix}c${typed}>${body}</${prefix}c>`;
    }
  );
}

/** The sheet's XML without the dropped elements and without merges too large for a form; merged cells kept. */
export function cleanSheet(xml: string): { xml: string; mergedCells: number } {
  let out = xml;
  for (const local of DROPPED) out = removeElements(out, local);
  out = textualizeOddNumbers(out);
  let mergedCells = 0;
  out = out.replace(
    /<((?:[\w.-]+:)?)mergeCell\s[^>]*?ref\s*=\s*["']([^"']*)["'][^>]*?\/>/g,
    (m, _prefix: string, ref: string) => {
      const area = rangeArea(ref);
      if (area === 0 || area > MAX_MERGE_CELLS) return "";
      mergedCells += area;
      return m;
    }
  );
  return { xml: out, mergedCells };
}
