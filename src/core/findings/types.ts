import type { Severity } from "../forms/schema";

/** How a severity is named to users, everywhere: pane, findings sheet, command line. */
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: "Lỗi",
  warning: "Cảnh báo",
  info: "Lưu ý",
};

/** What kind of check made a finding: a rule type, or a check on one value. */
export type FindingType =
  | "sum"
  | "ratio"
  | "compare"
  | "between"
  | "conditional"
  | "not-below-previous"
  | "fraction"
  | "text-number"
  | "value";

/** Which side of the rule an operand is on. */
export type OperandRole =
  | "target"
  | "part"
  | "numerator"
  | "denominator"
  | "left"
  | "right"
  | "when"
  | "then"
  | "previous"
  | "cell";

/** One row a finding is about, with its value as the officer sees it. */
export interface FindingOperand {
  role: OperandRole;
  form: number;
  code: string;
  /** Part of a pair row: `a` the first number, `b` the second. */
  part?: "a" | "b";
  /** Short name of the row from the catalog (`cấp tỉnh`), when it has one. */
  name?: string;
  /** The number as read, absent when blank or unreadable. */
  value?: number;
  /** The value as printed (`2.165`, `99,87%`), or the text that could not be read. */
  printed?: string;
  /** Why there is no value. */
  missing?: "blank" | "unreadable";
  /** Workbook cell, `'Biểu mẫu 3'!D20`, when the values came from one. */
  cell?: string;
  /** Decimals the value was printed with. */
  decimals?: number;
}

/** One problem in a report, pinned to a form, a row and (where known) a cell. */
export interface Finding {
  severity: Severity;
  form: number;
  row: string;
  rule: string;
  /** One short Vietnamese sentence, numbers first (≤ about 160 characters). */
  message: string;
  /** `'Biểu mẫu 7'!D45` when the value came from a workbook. */
  cell?: string;
  /** The value the cell should hold, where the rule can say. */
  expected?: number;
  /** The rule type or value check that made the finding. */
  type?: FindingType;
  /** Which template rendered it: `mismatch`, `blank`, … */
  situation?: string;
  /** Operator of a compare rule or a condition, as in the rule (`<=`, `=`, …). */
  op?: string;
  operands?: FindingOperand[];
  /** Printed value minus the value the rule computes, where both are numbers. */
  difference?: number;
  /** The rule in words and what to check: shown when the officer expands the finding. */
  detail?: string;
}
