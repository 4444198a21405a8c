import ExcelJS from "exceljs";
import { completeness } from "../../src/core/completeness";
import { getFormSet } from "../../src/core/forms/catalog";
import { countFindings, plainValue, type UnitReport } from "../../src/core/report";
import { checkRawCells } from "../../src/core/rules/engine";
import type { RawCell } from "../../src/core/values/types";
import type { ConsolidationInput } from "../../src/core/consolidate";
import { filledTemplate, handmadeWorkbook, type TypedValue } from "./workbooks";

export const DEPT = "so-nganh-2024";
export const LOCAL = "dia-phuong-2024";
export const PROVINCE = "tinh-2024";

/** A unit report built from typed values by the same engine `validate` uses, without an xlsx file. */
export function unitReport(
  setId: string,
  unit: string | undefined,
  period: string | undefined,
  values: Record<string, TypedValue>,
  opts: { file?: string; modified?: string } = {}
): UnitReport {
  const catalog = getFormSet(setId);
  const cells: Record<string, RawCell> = {};
  for (const [key, v] of Object.entries(values)) cells[key] = { value: v };
  const checked = checkRawCells(catalog, cells);
  const plain: Record<string, number | string> = {};
  for (const [key, v] of Object.entries(checked.values)) {
    const p = plainValue(v);
    if (p !== undefined) plain[key] = p;
  }
  return {
    file: opts.file ?? `${unit ?? "khong-ten"}.xlsx`,
    ok: true,
    formSet: catalog.id,
    formSetName: catalog.set.name,
    unit,
    period,
    how: {
      formSet: "metadata",
      unit: unit ? "metadata" : "none",
      period: period ? "metadata" : "none",
    },
    values: plain,
    findings: checked.findings,
    counts: countFindings(checked.findings),
    completeness: completeness(catalog, checked.values),
    modified: opts.modified,
    parsed: checked.values,
    addresses: {},
  };
}

/** An input for `consolidate` from typed values (no xlsx). */
export function unitInput(
  setId: string,
  unit: string,
  values: Record<string, TypedValue>,
  opts: { file?: string; period?: string; modified?: string; notes?: Record<string, string> } = {}
): ConsolidationInput {
  const file = opts.file ?? `${unit}.xlsx`;
  return {
    file,
    report: unitReport(setId, unit, opts.period ?? "2024-Q1", values, {
      file,
      modified: opts.modified,
    }),
    notes: opts.notes,
  };
}

export interface WorkbookOptions {
  /** Set the workbook's own last-modified date (document properties). */
  modified?: Date;
  /** Ghi chú by key `form:code`. */
  notes?: Record<string, string>;
}

/** A `cchc template` workbook filled with values (and notes), with a chosen modified date. */
export async function generatedWorkbook(
  setId: string,
  unit: string,
  period: string,
  values: Record<string, TypedValue>,
  opts: WorkbookOptions = {}
): Promise<Uint8Array> {
  const bytes = await filledTemplate(setId, unit, period, values);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  if (opts.notes) {
    const catalog = getFormSet(setId);
    for (const [key, text] of Object.entries(opts.notes)) {
      const [form, code] = [
        Number(key.slice(0, key.indexOf(":"))),
        key.slice(key.indexOf(":") + 1),
      ];
      const index = catalog.form(form).rows.findIndex((r) => r.code === code);
      wb.getWorksheet(`Biểu mẫu ${form}`)!.getCell(`E${7 + index}`).value = text;
    }
  }
  if (opts.modified) {
    wb.modified = opts.modified;
    wb.created = opts.modified;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A hand-made workbook in the official layout, naming its unit and period in title lines. */
export async function handmadeUnitWorkbook(
  setId: string,
  unit: string,
  periodText: string,
  values: Record<string, TypedValue>,
  opts: WorkbookOptions = {}
): Promise<Uint8Array> {
  const bytes = await handmadeWorkbook(setId, values, {
    titleLines: [`Đơn vị báo cáo: ${unit}`, `Kỳ báo cáo: ${periodText}`],
    twoRowHeader: true,
    notes: opts.notes,
  });
  if (!opts.modified) return bytes;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  wb.modified = opts.modified;
  wb.created = opts.modified;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
