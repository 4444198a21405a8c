import { type Catalog } from "../forms/catalog";
import { valueKey } from "../forms/schema";
import { cellAddress } from "../workbook/snapshot";
import { type TableResult } from "./types";

/** Where each consolidated row is written: sheet names, row numbers, cell addresses. */

export const TARGET_HEADER_ROW = 6;

export const TOTALS_FIRST_ROW = 6;

export function targetSheetName(form: number): string {
  return `Biểu mẫu ${form}`;
}

/** Caption of a consolidated table. */
export function tableTitle(catalog: Catalog, kind: TableResult["kind"]): string {
  if (kind === "target")
    return `Biểu mẫu 1–7 của ${catalog.set.name}, tổng hợp từ báo cáo của các đơn vị`;
  return catalog.set.level === "department"
    ? "Tổng hợp các sở, ban, ngành"
    : `Tổng hợp ${catalog.set.name}`;
}

/** Excel's longest sheet name. */
export const MAX_SHEET_NAME = 31;

/** A sheet name from a title: without the characters Excel refuses, within 31 characters, cut between words. */
export function fitSheetName(title: string): string {
  const name = title
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^'+|'+$/g, "")
    .trim();
  if (name.length <= MAX_SHEET_NAME) return name;
  const cut = name.slice(0, MAX_SHEET_NAME + 1).replace(/\s+\S*$/, "");
  return (cut || name.slice(0, MAX_SHEET_NAME)).replace(/[\s,;.–—'-]+$/, "");
}

/** Excel compares sheet names without case. */
export const sheetKey = (name: string) => name.normalize("NFC").toLocaleLowerCase("vi");

/** Sheet of a same-set table: its title, within Excel's 31 characters, cut between words. */
export function totalsSheetName(table: TableResult): string {
  return fitSheetName(table.title);
}

/** Where each row of a table is written (1-based row numbers), and the sheet of each form. */
export function positions(table: TableResult): {
  sheet: (form: number) => string;
  row: Map<string, number>;
} {
  const row = new Map<string, number>();
  if (table.kind === "target") {
    for (const f of table.forms) {
      table.rows
        .filter((r) => r.form === f.number)
        .forEach((r, i) => row.set(r.key, TARGET_HEADER_ROW + 1 + i));
    }
    return { sheet: targetSheetName, row };
  }
  let r = TOTALS_FIRST_ROW;
  for (const f of table.forms) {
    r += 2; // title and header rows
    for (const x of table.rows.filter((x) => x.form === f.number)) row.set(x.key, r++);
    r += 1;
  }
  const name = totalsSheetName(table);
  return { sheet: () => name, row };
}

/** Cell of a row's value (column D) in the consolidation workbook. */
export function tableCellLocator(
  table: TableResult
): (form: number, code: string) => string | undefined {
  const pos = positions(table);
  return (form, code) => {
    const r = pos.row.get(valueKey(form, code));
    return r === undefined ? undefined : cellAddress(pos.sheet(form), r - 1, 3);
  };
}
