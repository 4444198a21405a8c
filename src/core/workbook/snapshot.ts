import type { RawCell } from "../values/types";

/** One worksheet as plain data: what the recogniser needs, from ExcelJS or Office.js alike. */
export interface SheetSnapshot {
  name: string;
  /** Rows from row 1, cells from column A; `null` or missing entries are empty cells. */
  rows: (RawCell | null | undefined)[][];
  /** Merged ranges such as `A1:E1`. */
  merges?: string[];
  visible?: boolean;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  /** The workbook's own last-modified (or created) date, from its document properties. */
  modified?: Date;
}

/** `A`, `B`, … `AA` for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index of `A`, `AB`, … */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** `'Biểu mẫu 7'!D45`: the sheet name is quoted unless it is a plain identifier. */
export function cellAddress(sheet: string, row0: number, col0: number): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet);
  const name = plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetter(col0)}${row0 + 1}`;
}

/** Parses `'Sheet name'!D45` or `Sheet!D45` into its parts (0-based row and column). */
export function parseCellAddress(
  address: string
): { sheet: string; row0: number; col0: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)$/.exec(address);
  if (!m) return null;
  return {
    sheet: (m[1] ?? m[2]).replace(/''/g, "'"),
    row0: Number(m[4]) - 1,
    col0: columnIndex(m[3]),
  };
}

/** Text of a cell for matching headers, codes and labels. */
export function cellText(cell: RawCell | null | undefined): string {
  if (!cell) return "";
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}
