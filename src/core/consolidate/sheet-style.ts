import { REPORTED_UNITS_HEADER } from "../workbook/consolidated";
import { type RowKind } from "../forms/schema";
import { type CellValue } from "../values/types";
import { plainValue } from "../report";
import { type CellStyle, type LayoutCell, NUMBER_FORMATS } from "../workbook/layout";
import { columnLetter } from "../workbook/snapshot";

/** Styles, column widths and cell helpers shared by the consolidation sheets. */

export const GREEN = "#EAF3E6";

export const YELLOW = "#FFF2CC";

export const PENDING = "#DDEBF7";

export const GREY = "#F2F2F2";

export const RED = "#FFC7CE";

export const BORDERED: CellStyle = { border: true, vAlign: "top", wrap: true };

export const HEADER: CellStyle = {
  ...BORDERED,
  bold: true,
  fill: GREY,
  hAlign: "center",
  vAlign: "middle",
};

/** Text written as text: never a formula, a date or a number. */
export const TEXT: CellStyle = { ...BORDERED, numFmt: "@" };

export const TABLE_COLUMNS = [8, 56, 14, 14, 11, 48, 40];

export const TABLE_HEADERS = [
  "",
  "Chỉ tiêu thống kê",
  "Đơn vị tính",
  "Số liệu",
  REPORTED_UNITS_HEADER,
  "Cách tính",
  "Ghi chú của đơn vị",
];

export function headerCells(cells: LayoutCell[], r: number, codeHeader: string): void {
  TABLE_HEADERS.forEach((text, i) => {
    cells.push({
      address: `${columnLetter(i)}${r}`,
      value: i === 0 ? codeHeader : text,
      style: HEADER,
    });
  });
}

export function numFmtOf(kind: RowKind, value: CellValue): string {
  if (value.kind === "blank") return NUMBER_FORMATS[kind];
  if (value.kind !== "number") return "@";
  if (kind === "count" || kind === "enum")
    return Number.isInteger(value.value) ? "#,##0" : "#,##0.00";
  if (kind === "percent")
    return value.decimals > 0 ? `0.${"0".repeat(Math.min(value.decimals, 4))}` : "0";
  return NUMBER_FORMATS[kind];
}

/** A value as it goes into a cell: numbers stay numbers, everything else is text. */
export function cellValue(v: CellValue): string | number | undefined {
  return v.kind === "invalid" ? v.raw : plainValue(v);
}

/** Excel's limit of characters in one cell. */
export const CELL_TEXT_LIMIT = 32767;

/**
 * Lines of text for one cell, kept whole while they fit Excel's limit; the rest is replaced by `more(n)`
 * (n = lines left out), so no cell is ever cut mid-line or refused by Excel.
 */
export function fitLines(lines: string[], more: (left: number) => string): string {
  const all = lines.join("\n");
  if (all.length <= CELL_TEXT_LIMIT) return all;
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const tail = `\n${more(lines.length - i)}`;
    const next = length + (kept.length ? 1 : 0) + lines[i].length;
    if (next + tail.length > CELL_TEXT_LIMIT) return [...kept, more(lines.length - i)].join("\n");
    kept.push(lines[i]);
    length = next;
  }
  return kept.join("\n");
}
