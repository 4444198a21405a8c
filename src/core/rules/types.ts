import type { Severity } from "../forms/schema";

/** How a severity is named to users, everywhere: pane, findings sheet, command line. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: "Lỗi",
  warning: "Cảnh báo",
  info: "Lưu ý",
};

/** One problem in a report, pinned to a form, a row and (where known) a cell. */
export interface Finding {
  severity: Severity;
  form: number;
  row: string;
  rule: string;
  message: string;
  /** `'Biểu mẫu 7'!D45` when the value came from a workbook. */
  cell?: string;
  /** The value the cell should hold, where the rule can say. */
  expected?: number;
}
