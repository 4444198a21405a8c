import ExcelJS from "exceljs";
import { getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { buildLayout } from "../../src/core/workbook/layout";
import { loadWorkbook } from "../../src/core/xlsx/read";
import { writeLayout } from "../../src/core/xlsx/write";

export type TypedValue = string | number;

/** A `cchc template` workbook with values typed into its value cells (formula cells are left alone unless given). */
export async function filledTemplate(
  setId: string,
  unit: string,
  period: string,
  values: Record<string, TypedValue>
): Promise<Uint8Array> {
  const layout = buildLayout(getFormSet(setId), { unit, period: parsePeriodId(period)! });
  const wb = await loadWorkbook(await writeLayout(layout), { guarded: false });
  for (const sheet of layout.sheets) {
    const ws = wb.getWorksheet(sheet.name)!;
    for (const v of sheet.valueCells) {
      const typed = values[`${v.form}:${v.code}`];
      if (typed !== undefined) ws.getCell(v.address).value = typed;
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface HandmadeOptions {
  /** Title lines above each table. */
  titleLines?: string[];
  /** All seven forms stacked in one sheet under "Biểu mẫu N" titles, instead of one sheet per form. */
  stacked?: boolean;
  /** Column order of the table, by header: default TT, Chỉ tiêu, Đơn vị tính, Số liệu, Ghi chú. */
  columns?: ("code" | "label" | "unit" | "value" | "note")[];
  /** A two-row header with "Kết quả thống kê" merged over "Đơn vị tính" and "Số liệu". */
  twoRowHeader?: boolean;
  /** How a code is printed, e.g. (c) => ` ${c}. ` */
  printCode?: (code: string) => string;
  /** Override labels by key `form:code`. */
  labels?: Record<string, string>;
  /** Leave these forms out. */
  omitForms?: number[];
  /** Sheet name per form (one sheet per form). */
  sheetName?: (form: number) => string;
  /** Notes (Ghi chú) by key. */
  notes?: Record<string, string>;
}

const HEADERS = { code: "TT", label: "Chỉ tiêu thống kê", unit: "Đơn vị tính", value: "Số liệu", note: "Ghi chú" };

/** A workbook as officers make it by hand: the official table layout, no metadata, no names. */
export async function handmadeWorkbook(
  setId: string,
  values: Record<string, TypedValue>,
  opts: HandmadeOptions = {}
): Promise<Uint8Array> {
  const catalog = getFormSet(setId);
  const wb = new ExcelJS.Workbook();
  const columns = opts.columns ?? ["code", "label", "unit", "value", "note"];
  const col = (k: (typeof columns)[number]) => columns.indexOf(k) + 1;
  let stackedSheet: ExcelJS.Worksheet | undefined;
  let r = 1;
  for (const form of catalog.set.forms) {
    if (opts.omitForms?.includes(form.number)) continue;
    let ws: ExcelJS.Worksheet;
    if (opts.stacked) {
      ws = stackedSheet ??= wb.addWorksheet("Biểu mẫu");
      if (r > 1) r += 2;
    } else {
      ws = wb.addWorksheet(opts.sheetName ? opts.sheetName(form.number) : `BM${form.number}`);
      r = 1;
    }
    ws.getCell(r++, 1).value = `Biểu mẫu ${form.number}`;
    ws.getCell(r++, 1).value = form.title.toUpperCase();
    for (const line of opts.titleLines ?? []) ws.getCell(r++, 1).value = line;
    const header = r;
    if (opts.twoRowHeader) {
      for (const k of columns) {
        if (k === "unit" || k === "value") continue;
        ws.getCell(header, col(k)).value = HEADERS[k];
        ws.mergeCells(header, col(k), header + 1, col(k));
      }
      const first = Math.min(col("unit"), col("value"));
      ws.getCell(header, first).value = "Kết quả thống kê";
      if (Math.abs(col("unit") - col("value")) === 1) ws.mergeCells(header, first, header, first + 1);
      ws.getCell(header + 1, col("unit")).value = HEADERS.unit;
      ws.getCell(header + 1, col("value")).value = HEADERS.value;
      r += 2;
    } else {
      for (const k of columns) ws.getCell(header, col(k)).value = k === "code" ? form.codeHeader : HEADERS[k];
      r += 1;
    }
    for (const row of form.rows) {
      const key = `${form.number}:${row.code}`;
      const printed = row.printedCode ?? row.code;
      ws.getCell(r, col("code")).value = opts.printCode && printed === row.code ? opts.printCode(row.code) : printed;
      ws.getCell(r, col("label")).value = opts.labels?.[key] ?? row.label;
      ws.getCell(r, col("unit")).value = row.unit;
      const v = values[key];
      if (v !== undefined) ws.getCell(r, col("value")).value = v;
      const note = opts.notes?.[key];
      if (note) ws.getCell(r, col("note")).value = note;
      r++;
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
