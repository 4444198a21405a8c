import { foldText } from "../text";
import { cellText, type SheetSnapshot } from "./snapshot";

/**
 * What only a consolidation's output carries, so that sheets written by "Tổng hợp" into an open workbook are
 * never read as one unit's report.
 */
export const DETAIL_SHEET = "Chi tiết theo đơn vị";
export const STATUS_SHEET = "Tình hình nộp báo cáo";
/** Column of every consolidated table: how many units reported the row. */
export const REPORTED_UNITS_HEADER = "Số đơn vị có số liệu";

const TITLES = [DETAIL_SHEET, STATUS_SHEET].map(foldText);
const HEADER = foldText(REPORTED_UNITS_HEADER);
const ROWS_SCANNED = 12;

export function isConsolidationSheet(sheet: SheetSnapshot): boolean {
  const top = sheet.rows.slice(0, ROWS_SCANNED);
  if (TITLES.includes(foldText(cellText(top[0]?.[0])))) return true;
  return top.some((row) => (row ?? []).some((c) => foldText(cellText(c)) === HEADER));
}
