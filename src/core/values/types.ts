import type { Severity } from "../forms/schema";

/** A cell as read from a workbook (ExcelJS or Office.js), before interpretation. */
export interface RawCell {
  /** The stored value: a number, a string, a boolean, a date, or nothing. */
  value: string | number | boolean | Date | null | undefined;
  /** Excel number format of the cell (e.g. `0.00%`, `@`, `General`). */
  numFmt?: string;
  /** The formula, when the cell holds one (without the leading `=`). */
  formula?: string;
  /** Why the stored value could not even be represented (a date serial beyond Excel's dates), Vietnamese. */
  invalid?: string;
}

/** A cell value interpreted by its row's kind. The original text is kept wherever there was one. */
export type CellValue =
  | { kind: "blank" }
  | {
      kind: "number";
      value: number;
      /** Decimals as typed or stored: the value stands for value ± 0.5·10^-decimals. */
      decimals: number;
      /** `19/19=100%`: the fraction printed next to a percentage. */
      fraction?: { a: number; b: number };
      raw?: string;
    }
  | { kind: "pair"; a: number; b: number; raw?: string }
  | { kind: "text"; text: string }
  | { kind: "invalid"; raw: string; reason: string };

/** A problem found while reading one cell (before any rule between cells). */
export interface ValueIssue {
  severity: Severity;
  /** Rule id, e.g. `value.unparseable`, `kind.count`. */
  rule: string;
  /** Vietnamese message. */
  message: string;
}

export interface ParsedCell {
  value: CellValue;
  issues: ValueIssue[];
}
