import type { SheetLayout } from "../workbook/layout";
import type { ConsolidationResult } from "./types";
import { targetSheet, totalsSheet } from "./table-sheets";
import { detailSheets } from "./detail-sheet";
import { statusSheet } from "./status-sheet";

export { DETAIL_SHEET, STATUS_SHEET } from "../workbook/consolidated";
export { tableCellLocator, tableTitle, targetSheetName, totalsSheetName } from "./positions";
export { howText, submissionSummary } from "./explain";

/**
 * Every sheet of the consolidation workbook, as plain data (ExcelJS or Office.js write them). With `names`,
 * the value cells of the province's forms carry the templates' defined names (`CCHC_BM3_3_1_1`); the other
 * sheets never do. One renderer per sheet: table-sheets.ts, detail-sheet.ts, status-sheet.ts.
 */
export function consolidationSheets(
  result: ConsolidationResult,
  opts: { names?: boolean } = {}
): SheetLayout[] {
  return [
    ...result.target.forms.map((f) =>
      targetSheet(result, result.target, f.number, opts.names ?? false)
    ),
    ...result.totals.map((t) => totalsSheet(result, t)),
    ...detailSheets(result),
    statusSheet(result),
  ];
}
