import { cleanText, foldText } from "../text";
import type { RawCell } from "../values/types";
import { cellText, columnIndex, type SheetSnapshot } from "./snapshot";

/** Table scanning: where the Biểu mẫu tables of a sheet are, their columns and coded rows, and the text around them. */

export interface Columns {
  code: number;
  label: number;
  unit: number;
  value: number;
}

export interface BlockRow {
  row0: number;
  code: string;
  label: string;
}

export interface Block {
  sheet: SheetSnapshot;
  /** From a `Biểu mẫu N` title or the sheet name. */
  form?: number;
  /** A section row that opened the block: `I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC`. */
  section?: { number: number; title: string };
  cols: Columns;
  rows: BlockRow[];
}

/** A row of text outside the tables (titles, captions, the header block), cells cleaned, with their columns. */
export interface TextLine {
  sheet: string;
  hidden: boolean;
  row0: number;
  cells: { col: number; text: string }[];
  /** The cells joined by spaces. */
  text: string;
  /** Before the sheet's first table. */
  top: boolean;
}

/** Text of a cell for matching: `cellText`, then NFC, invisible characters removed, white space folded. */
export function textOf(cell: RawCell | null | undefined): string {
  return cleanText(cellText(cell));
}

/** The sheet with each merged range's value kept in its top-left cell only (Office.js repeats it in every cell). */
export function unmerged(sheet: SheetSnapshot): SheetSnapshot {
  if (!sheet.merges || sheet.merges.length === 0) return sheet;
  const rows = sheet.rows.map((r) => (r ? [...r] : r));
  for (const range of sheet.merges) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range.toUpperCase());
    if (!m || !m[3]) continue;
    const [c0, r0, c1, r1] = [
      columnIndex(m[1]),
      Number(m[2]) - 1,
      columnIndex(m[3]),
      Number(m[4]) - 1,
    ];
    for (let r = r0; r <= Math.min(r1, rows.length - 1); r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = c0; c <= Math.min(c1, row.length - 1); c++) {
        if (r !== r0 || c !== c0) row[c] = null;
      }
    }
  }
  return { ...sheet, rows };
}

/** `Biểu mẫu 3`, `Biểu số 3`; not a range such as `Biểu mẫu 1–7`. */
const TITLE = /^bieu (?:mau )?(?:so )?([1-7])(?![0-9]|\s*[-–—]\s*[0-9])/;
const ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii"];
/** `I. CÔNG TÁC …`, `II - CẢI CÁCH THỂ CHẾ`, or `II` in the code column with the title in the label column. */
const SECTION = /^(vii|vi|v|iv|iii|ii|i)\s*[.):-]\s*(\S.*)$/;

function headerColumns(sheet: SheetSnapshot, r: number): Columns | null {
  const row = sheet.rows[r] ?? [];
  let code = -1;
  let label = -1;
  for (let c = 0; c < row.length && code < 0; c++) {
    const t = foldText(textOf(row[c]));
    if (t === "tt" || t === "stt") code = c;
  }
  if (code < 0) return null;
  for (let c = 0; c < row.length; c++) {
    if (c !== code && label < 0 && foldText(textOf(row[c])).startsWith("chi tieu")) label = c;
  }
  if (label < 0) return null;
  let unit = -1;
  let value = -1;
  for (const rr of [r, r + 1]) {
    const cellsOfRow = sheet.rows[rr] ?? [];
    for (let c = 0; c < cellsOfRow.length; c++) {
      const t = foldText(textOf(cellsOfRow[c]));
      if (unit < 0 && (t.startsWith("don vi tinh") || t === "dvt")) unit = c;
      else if (value < 0 && (t.startsWith("so lieu") || t === "gia tri")) value = c;
    }
  }
  if (value < 0) value = unit >= 0 ? unit + 1 : Math.max(code, label) + 2;
  return { code, label, unit, value };
}

function isSecondHeaderRow(sheet: SheetSnapshot, r: number): boolean {
  const texts = (sheet.rows[r] ?? []).map((c) => foldText(textOf(c)));
  return texts.some((t) => t.startsWith("so lieu") || t.startsWith("don vi tinh") || t === "dvt");
}

function normaliseCode(cell: RawCell | null | undefined): string {
  if (cell && typeof cell.value === "number") return String(cell.value);
  return textOf(cell).replace(/\s+/g, "").replace(/\.+$/, "");
}

function firstText(row: (RawCell | null | undefined)[]): string {
  for (const c of row) {
    const t = textOf(c);
    if (t) return t;
  }
  return "";
}

function lineOf(sheet: SheetSnapshot, r: number, top: boolean): TextLine | undefined {
  const cells: TextLine["cells"] = [];
  (sheet.rows[r] ?? []).forEach((c, col) => {
    const text = textOf(c);
    if (text) cells.push({ col, text });
  });
  if (cells.length === 0) return undefined;
  return {
    sheet: sheet.name,
    hidden: sheet.visible === false,
    row0: r,
    cells,
    text: cells.map((c) => c.text).join(" "),
    top,
  };
}

/** A section row's number and title, or undefined. */
function sectionOf(
  printed: string,
  label: string,
  first: string
): { number: number; title: string } | undefined {
  const code = foldText(printed).replace(/[.)]$/, "");
  if (ROMAN.includes(code) && label) return { number: ROMAN.indexOf(code) + 1, title: label };
  const m = SECTION.exec(foldText(first));
  if (m && !printed.match(/^\d/))
    return { number: ROMAN.indexOf(m[1]) + 1, title: first.replace(/^\S+\s*[.):-]\s*/, "") };
  return undefined;
}

/** The form a sheet name gives: `BM3`, `Biểu mẫu 3`, `Bieu 3`. */
export function formFromName(name: string): number | undefined {
  const t = foldText(name);
  const m = /(?:^|[^0-9])([1-7])\s*$/.exec(t);
  if (m && (t.includes("bieu") || t.startsWith("bm"))) return Number(m[1]);
  return undefined;
}

/**
 * The tables of one sheet (a table is split where a `Biểu mẫu N` title, a section row or a code sequence starting
 * again at 1 begins a new form) and its text lines outside them.
 */
export function scanSheet(input: SheetSnapshot): { blocks: Block[]; lines: TextLine[] } {
  const sheet = unmerged(input);
  const blocks: Block[] = [];
  const lines: TextLine[] = [];
  const sheetForm = formFromName(sheet.name);
  let current: Block | null = null;
  let pendingTitle: number | undefined;
  let lastNumbered = "";
  let subIndex = 0;
  const pushLine = (r: number) => {
    const line = lineOf(sheet, r, blocks.length === 0);
    if (line) lines.push(line);
  };
  const open = (form: number | undefined, cols: Columns) => {
    if (current && current.rows.length === 0) blocks.pop();
    current = { sheet, form, cols, rows: [] };
    blocks.push(current);
    lastNumbered = "";
  };
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const first = firstText(row);
    const title = /^b/i.test(first) ? TITLE.exec(foldText(first)) : null;
    if (title) {
      pendingTitle = Number(title[1]);
      // Stacked forms: a new title closes the block; its columns carry over if no header follows.
      if (current) open(pendingTitle, (current as Block).cols);
      pushLine(r);
      continue;
    }
    const cols = headerColumns(sheet, r);
    if (cols) {
      const repeated = current !== null && pendingTitle === undefined;
      if (!repeated) open(pendingTitle ?? sheetForm, cols);
      pendingTitle = undefined;
      if (isSecondHeaderRow(sheet, r + 1) && !headerColumns(sheet, r + 1)) r++;
      continue;
    }
    if (!current) {
      pushLine(r);
      continue;
    }
    const block: Block = current;
    pendingTitle = undefined;
    const label = textOf(row[block.cols.label]);
    const printed = normaliseCode(row[block.cols.code]);
    if (!printed && !label) continue;
    if (/^\(?\d+\)?$/.test(label) && /^\(?\d+\)?$/.test(printed || "0")) continue; // column numbering row
    const section = sectionOf(printed, label, first);
    if (section) {
      if (block.rows.length > 0 || block.section) open(undefined, block.cols);
      (current as Block).section = section;
      continue;
    }
    let code: string;
    if (/^\d+(\.\d+)*$/.test(printed)) {
      // The code sequence starting again at 1 with another label: the next form of one continuous table.
      const prior = printed === "1" ? block.rows.find((x) => x.code === "1") : undefined;
      if (prior && foldText(prior.label) !== foldText(label)) open(undefined, block.cols);
      code = printed;
      lastNumbered = code;
      subIndex = 0;
    } else if (lastNumbered && (!printed || foldText(printed).startsWith("trongdo"))) {
      code = `${lastNumbered}.${String.fromCharCode(97 + subIndex++)}`;
    } else {
      pushLine(r);
      continue;
    }
    (current as Block).rows.push({ row0: r, code, label });
  }
  return { blocks: blocks.filter((b) => b.rows.length > 0), lines };
}
