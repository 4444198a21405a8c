import type { PeriodKind } from "../core/forms/schema";
import type { Provenance } from "../core/workbook/recognize";

/** Short labels of the period kinds, as officers say them. */
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  Q1: "Quý I",
  H1: "6 tháng",
  Q3: "Quý III",
  Y: "Năm",
};

export { SEVERITY_LABELS } from "../core/rules/types";

/** How the form set, unit or period of a checked workbook was determined. */
export const PROVENANCE_LABELS: Record<Provenance, string> = {
  metadata: "theo thông tin Biểu mẫu CCHC ghi trong tệp",
  content: "theo nội dung các trang: tiêu đề, dòng “Đơn vị báo cáo”, “Kỳ báo cáo”",
  option: "theo lựa chọn trong ngăn này",
  none: "không xác định được",
};

/** `2 lỗi, 1 cảnh báo` (and the notes, when there are some). */
export function summaryText(counts: { errors: number; warnings: number; infos: number }): string {
  const parts = [`${counts.errors} lỗi`, `${counts.warnings} cảnh báo`];
  if (counts.infos > 0) parts.push(`${counts.infos} lưu ý`);
  return parts.join(", ");
}
