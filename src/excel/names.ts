import { columnIndex, columnLetter } from "../core/workbook/snapshot";

/** Excel's limits on sheet names: 31 characters, none of `[]:*?/\`, no leading or trailing apostrophe. */
export const MAX_SHEET_NAME = 31;

export function cleanSheetName(name: string): string {
  const s = name
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  return (s || "Trang").slice(0, MAX_SHEET_NAME).trim();
}

/** Sheet names compare case-insensitively in Excel. */
export function nameKey(name: string): string {
  return name.toLocaleLowerCase("vi");
}

/**
 * A name not in `taken` (lower-cased keys, updated): `Kết quả kiểm tra`, then `Kết quả kiểm tra (2)`, …
 * "History" is reserved by Excel.
 */
export function uniqueSheetName(base: string, taken: Set<string>, suffix = ""): string {
  taken.add("history");
  const clean = cleanSheetName(base);
  const fit = (tail: string) => `${clean.slice(0, MAX_SHEET_NAME - tail.length).trimEnd()}${tail}`;
  let name = fit(suffix);
  for (let n = 2; taken.has(nameKey(name)); n++) name = fit(`${suffix} (${n})`);
  taken.add(nameKey(name));
  return name;
}

/** `'Biểu mẫu 3'` or `Sheet1` for use in references. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export interface CellRef {
  row0: number;
  col0: number;
}

/** `D12` / `$D$12` → 0-based indexes. */
export function parseA1(cell: string): CellRef | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(cell.trim().toUpperCase());
  if (!m) return null;
  return { row0: Number(m[2]) - 1, col0: columnIndex(m[1]) };
}

export function a1(row0: number, col0: number): string {
  return `${columnLetter(col0)}${row0 + 1}`;
}

/** `A1:E5` → corners (a single cell gives the same corner twice). */
export function parseArea(area: string): { from: CellRef; to: CellRef } | null {
  const [p, q] = area.split(":");
  const from = parseA1(p);
  const to = q === undefined ? from : parseA1(q);
  if (!from || !to) return null;
  return {
    from: { row0: Math.min(from.row0, to.row0), col0: Math.min(from.col0, to.col0) },
    to: { row0: Math.max(from.row0, to.row0), col0: Math.max(from.col0, to.col0) },
  };
}
