import ExcelJS from "exceljs";
import type { RawCell } from "../values/types";
import { IMPOSSIBLE_DATE } from "../values/parse";
import { columnIndex, type SheetSnapshot, type WorkbookSnapshot } from "../workbook/snapshot";
import { UnreadableFileError } from "./errors";
import { guardXlsx } from "./guard";
import { fileSizeProblem } from "./limits";

export { MAX_FILE_BYTES } from "./limits";
export { UnreadableFileError } from "./errors";

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function containsAscii(bytes: Uint8Array, text: string, utf16 = false): boolean {
  const pattern = utf16
    ? [...text].flatMap((c) => [c.charCodeAt(0), 0])
    : [...text].map((c) => c.charCodeAt(0));
  const limit = Math.min(bytes.length, 4 * 1024 * 1024) - pattern.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

/** Says why bytes are not an .xlsx workbook, or undefined when they look like one. */
export function sniffFormat(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return "Tệp rỗng (0 byte).";
  const tooLarge = fileSizeProblem(bytes.length);
  if (tooLarge) return tooLarge;
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (containsAscii(bytes, "EncryptionInfo", true)) {
      return "Tệp được bảo vệ bằng mật khẩu: hãy mở trong Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại.";
    }
    return "Đây là tệp Excel 97–2003 (.xls): hãy mở trong Excel và lưu lại dưới dạng .xlsx.";
  }
  if (!startsWith(bytes, [0x50, 0x4b])) {
    return "Không phải tệp Excel .xlsx (nội dung không phải định dạng bảng tính).";
  }
  if (containsAscii(bytes, "application/vnd.oasis.opendocument")) {
    return "Đây là tệp OpenDocument (.ods): hãy mở và lưu lại dưới dạng Excel (.xlsx).";
  }
  return undefined;
}

/** ExcelJS turns a number in a date-formatted cell into a Date, an invalid one beyond year 9999 (1e308). */
function isBadDate(v: unknown): boolean {
  return v instanceof Date && !Number.isFinite(v.getTime());
}

/** Cells of merged ranges other than each range's first: ExcelJS repeats the first cell's value in them. */
function mergedOthers(merges: string[]): Set<string> {
  const out = new Set<string>();
  for (const m of merges) {
    const [a, b] = m.split(":");
    const from = parseRef(a);
    const to = b ? parseRef(b) : from;
    if (!from || !to) continue;
    for (let r = Math.min(from.row, to.row); r <= Math.max(from.row, to.row); r++) {
      for (let c = Math.min(from.col, to.col); c <= Math.max(from.col, to.col); c++) {
        if (r !== Math.min(from.row, to.row) || c !== Math.min(from.col, to.col))
          out.add(`${r}:${c}`);
      }
    }
  }
  return out;
}

function parseRef(ref: string | undefined): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref ?? "");
  return m ? { row: Number(m[2]), col: columnIndex(m[1]) + 1 } : undefined;
}

function rawOf(cell: ExcelJS.Cell): RawCell | null {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  const numFmt = cell.numFmt || undefined;
  if (isBadDate(v)) return { value: null, numFmt, invalid: IMPOSSIBLE_DATE };
  if (
    typeof v === "number" ||
    typeof v === "string" ||
    typeof v === "boolean" ||
    v instanceof Date
  ) {
    return { value: v, numFmt };
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) {
      // `cell.value` drops a falsy cached result (a ratio of 0 would read blank); `cell.result` keeps it.
      const result = (cell as unknown as { result?: unknown }).result ?? (o.result as unknown);
      const formula = String(o.formula ?? o.sharedFormula ?? "");
      if (isBadDate(result)) return { value: null, numFmt, formula, invalid: IMPOSSIBLE_DATE };
      if (result && typeof result === "object" && "error" in (result as object)) {
        return { value: String((result as { error: unknown }).error), numFmt, formula };
      }
      return { value: result as RawCell["value"], numFmt, formula };
    }
    if (Array.isArray(o.richText)) {
      return { value: (o.richText as { text: string }[]).map((t) => t.text).join(""), numFmt };
    }
    if ("text" in o) return { value: String(o.text), numFmt };
    if ("error" in o) return { value: String(o.error), numFmt };
  }
  return { value: String(v), numFmt };
}

/** Converts a loaded ExcelJS workbook into a plain snapshot. */
export function snapshotOf(wb: ExcelJS.Workbook): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  wb.eachSheet((ws) => {
    const rows: (RawCell | null)[][] = [];
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    // A merged range's value is read once, at its first cell.
    const others = mergedOthers(merges);
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: (RawCell | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = others.has(`${rowNumber}:${col}`) ? null : rawOf(cell);
      });
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    sheets.push({
      name: ws.name,
      rows,
      merges,
      visible: ws.state === "visible" || ws.state === undefined,
    });
  });
  const modified =
    wb.modified instanceof Date && !isNaN(wb.modified.getTime()) ? wb.modified : undefined;
  const created =
    wb.created instanceof Date && !isNaN(wb.created.getTime()) ? wb.created : undefined;
  return { sheets, modified: modified ?? created };
}

/**
 * Loads .xlsx bytes into ExcelJS, with a Vietnamese reason when it cannot. `guarded` (the default for every
 * file a user gives) first checks the container within limits.ts and hands ExcelJS only the parts a reading
 * needs (guard.ts); `guarded: false` loads everything, for inspecting a file this product wrote (tests).
 */
export async function loadWorkbook(
  bytes: Uint8Array,
  opts: { guarded?: boolean } = {}
): Promise<ExcelJS.Workbook> {
  const reason = sniffFormat(bytes);
  if (reason) throw new UnreadableFileError(reason);
  const input = opts.guarded === false ? bytes : guardXlsx(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(input as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFileError(
      "Tệp .xlsx bị hỏng hoặc không đầy đủ (có thể bị cắt khi tải về hoặc đính kèm)."
    );
  }
  if (wb.worksheets.length === 0)
    throw new UnreadableFileError("Sổ làm việc không có trang tính nào.");
  return wb;
}

/** A user's workbook as a snapshot, through the guarded reader. */
export async function readSnapshot(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  return snapshotOf(await loadWorkbook(bytes));
}
