import type { WorkbookLayout } from "../workbook/layout";
import { GENERATOR, metaList, metaRows, META_SHEET } from "../workbook/metadata";
import { consolidationSheets, targetSheetName } from "./sheets";
import type { ConsolidationResult } from "./types";

export interface ConsolidationWorkbookOptions {
  /** The province as the metadata names it, e.g. `UBND tỉnh Sơn La`. Default: the target set's name. */
  unit?: string;
  /** ISO timestamp recorded in the metadata. Default: now. */
  created?: string;
}

/**
 * The consolidation as a workbook of its own (`cchc consolidate -o`): the sheets of `consolidationSheets`,
 * the templates' defined names on the province's value cells, and the metadata sheet: form set, version,
 * unit, period, the expected units, which sheets are the forms (the totals and breakdown sheets are not),
 * and which cells hold a number of units rather than an answer.
 */
export function consolidationWorkbook(
  result: ConsolidationResult,
  opts: ConsolidationWorkbookOptions = {}
): WorkbookLayout {
  const target = result.target;
  const unitCounts = target.rows.filter((r) => r.countsUnits).map((r) => r.key);
  const rows = metaRows({
    formSet: target.formSet,
    version: target.version,
    unit: opts.unit?.trim() || target.formSetName,
    period: result.period,
    created: opts.created ?? new Date().toISOString(),
    generator: GENERATOR,
    expectedUnits: result.expected?.length
      ? metaList(result.expected.map((e) => e.name))
      : undefined,
    formSheets: metaList(target.forms.map((f) => targetSheetName(f.number))),
    unitCounts: unitCounts.length > 0 ? metaList(unitCounts) : undefined,
  });
  return {
    sheets: consolidationSheets(result, { names: true }),
    meta: { sheetName: META_SHEET, rows },
    title: `Tổng hợp báo cáo CCHC ${result.periodLabel}`,
  };
}
