import type { Catalog } from "../forms/catalog";
import type { RowKind, Severity } from "../forms/schema";
import type { FileReport } from "../report";
import type { ValueMap } from "../rules/engine";
import type { CellValue } from "../values/types";
import type { Identity } from "../workbook/identity";
import type { ConsolidationMap } from "./schema";

/** One unit file handed to `consolidate`. */
export interface ConsolidationInput {
  /** Name shown to users (path or file name). */
  file: string;
  /** What `readUnitInput` / `checkSnapshot` made of the file. */
  report: FileReport;
  /** The file's own date (mtime, or File.lastModified): used when the workbook has no date of its own. */
  fileDate?: Date;
  /** Ghi chú of the unit's rows keyed `form:code` (see `notesFromSnapshot`). */
  notes?: Record<string, string>;
  /** What the workbook states about its unit and period (`readUnitInput` sets it); else the report's unit/period. */
  identity?: Identity;
}

export interface ConsolidateOptions {
  /** `2024-Q1`, `2024-H1`, `2024-Q3`, `2024-Y`. */
  period: string;
  /** Units that must report (as typed in the list); enables `missing` and `unexpected`. */
  expected?: string[];
  /** Leave out units whose file has error findings. */
  strict?: boolean;
  /** Default: the built-in map of the provincial set (`map-tinh-2024.json`). */
  map?: ConsolidationMap;
  /** Form sets to resolve the map against. Default: the built-in sets. */
  catalogs?: Catalog[];
  /** Unit register (expected units with codes and other names); supersedes `expected` when given. */
  register?: UnitRegister;
  /** The officer's decisions: file (as in `ConsolidationInput.file`) → unit name as written in the register. */
  assignments?: Record<string, string>;
  /** Files to keep when a unit sent several (overrides the date rule). */
  keep?: string[];
}

/** One unit of the register. */
export interface RegisterUnit {
  /** The name as written in the register. */
  name: string;
  code?: string;
  /** e.g. `so-nganh`, `xa`, as written in the register's type column. */
  type?: string;
  /** Other names: abbreviations ("Sở KH&CN"), names without diacritics. */
  aliases: string[];
}

export interface UnitRegister {
  units: RegisterUnit[];
}

export type ConfirmQuestion = "unit" | "period" | "value";

/** A file that was not merged because the product is not sure about it; the officer decides. */
export interface FileToConfirm {
  file: string;
  question: ConfirmQuestion;
  /** Vietnamese: why the file was not merged and what to do (in the pane or with the command's flags). */
  reason: string;
  /** Why the file was not merged, without what to do: each front end says its own way out. */
  cause: string;
  /** Register names that might be meant, best first (question `unit`). */
  candidates: string[];
  /** What the file itself says, as written (unit name, period text). */
  detected?: string;
  formSet?: string;
  errors?: number;
}

/**
 * - `computed`: derived from the unit forms (may still be blank when no unit reported the row);
 * - `pending`: a total or ratio of rows that are typed by hand; the sheet holds a formula;
 * - `manual`: cannot be derived from unit forms; left blank for Sở Nội vụ to type;
 * - `none`: not consolidated (e.g. a percentage reported without its parts).
 */
export type RowStatus = "computed" | "pending" | "manual" | "none";

export interface AnswerGroup {
  code: number;
  label: string;
  /** Units that gave this answer, in unit order. */
  units: string[];
}

/** Who answered what, for enum rows (count/share sources). */
export interface Answers {
  /** Labels of the answers being counted (e.g. `["Có"]`); empty when only the distribution is given. */
  counted: string[];
  /** Units whose answer is counted. */
  units: string[];
  groups: AnswerGroup[];
}

export interface ReferenceFigure {
  value: CellValue;
  reported: number;
  of: number;
  how: string;
  answers?: Answers;
}

/** A row of a consolidated table (header rows included, with kind `header`). */
export interface ConsolidatedRow {
  form: number;
  code: string;
  /** `form:code`. */
  key: string;
  printedCode?: string;
  label: string;
  unit: string;
  kind: RowKind;
  status: RowStatus;
  /** The value is a number of units (a `count` source), not the row's own answer: the row's rules skip it. */
  countsUnits?: boolean;
  /** Blank unless computed. Count sources give a number of units; pairs `{a, b}`; notes text. */
  value: CellValue;
  /** Units with a value in at least one source row. */
  reported: number;
  /** Units whose form set is among the row's sources. */
  of: number;
  /** Vietnamese: how the value is obtained (or why it is typed by hand). */
  how: string;
  /** Vietnamese remark on this run, e.g. a zero denominator. */
  remark?: string;
  /** For count and share sources. */
  answers?: Answers;
  /** For manual rows: a figure from the unit forms that helps whoever types the value. */
  reference?: ReferenceFigure;
  /** Ghi chú written by units next to the source rows, with the unit's name. */
  notes: { unit: string; text: string }[];
  /** For `pending` rows: the formula inputs (keys of rows of the same form). */
  formula?:
    | { type: "total"; parts: string[] }
    | {
        type: "ratio";
        numerator: string[];
        denominator: string[];
        scale: number;
        decimals: number;
      };
  /** For pending rows: keys of the manual rows still to type. */
  waitsFor?: string[];
}

export interface ConsolidationFinding {
  severity: Severity;
  rule: string;
  message: string;
  /** Form set of the table the finding is about (a unit's set, or the consolidated table). */
  table?: string;
  /** Set for findings from a unit's file. */
  file?: string;
  unit?: string;
  form?: number;
  row?: string;
  /** Cell in the unit's workbook, or in the consolidation workbook for consolidated tables. */
  cell?: string;
  expected?: number;
}

export interface TableResult {
  /** Form set of the table. */
  formSet: string;
  formSetName: string;
  /** Version of the form set. */
  version: string;
  /** Vietnamese caption, e.g. `Biểu mẫu 1–7 của UBND tỉnh` or `Tổng hợp các sở, ban, ngành`. */
  title: string;
  /** `target`: the map's target table; `totals`: a same-set consolidation of one unit set. */
  kind: "target" | "totals";
  /** Number of units consolidated into it. */
  units: number;
  forms: { number: number; title: string; codeHeader: string }[];
  rows: ConsolidatedRow[];
  /** Rules of the table's form set checked on the consolidated values. */
  findings: ConsolidationFinding[];
}

export interface UnitEntry {
  file: string;
  /** The unit's name: as written in the register when there is one, else as written in its file. */
  unit: string;
  /** The name as the file writes it (or as assigned), when it differs from `unit`. */
  writtenAs?: string;
  /** Where the unit and the period came from, and how sure that is. */
  provenance?: UnitProvenance;
  formSet: string;
  formSetName: string;
  errors: number;
  warnings: number;
  /** Value rows filled / all value rows of the unit's forms, and the forms left entirely blank. */
  filled: number;
  total: number;
  emptyForms: number[];
  /** ISO date used to pick the newest file of a unit. */
  date?: string;
  /** `workbook`: the workbook's own date; `file`: the file's date on disk. */
  dateSource?: "workbook" | "file";
  /** Parsed values keyed `form:code` that are summed (a value with an error finding is in `notSummed`). */
  values: ValueMap;
  /** Values with an error finding: shown in the detail sheet, never summed. */
  notSummed?: ValueMap;
  /** Ghi chú keyed `form:code`. */
  notes: Record<string, string>;
  /** Whether the unit is on the expected list (undefined without a list). */
  expected?: boolean;
}

export interface UnitProvenance {
  /** `metadata`, `unit-line`, `header-block`, `caption`, `title`, `assigned` (the officer's choice), … */
  unit: string;
  /** How the name matched the register: `name`, `no-diacritics`, `other-name`, `code`; absent without register. */
  match?: string;
  /** `metadata`, `title`, `sheet-name`, `file-name`, or `assumed` (the file states no period). */
  period: string;
  formSet: string;
}

/** A value of a unit's file that carries an error finding: not summed, counted as not reported for its row. */
export interface NotSummedValue {
  file: string;
  unit: string;
  formSet: string;
  /** `form:code` of the unit's set. */
  key: string;
  cell?: string;
  /** The finding's Vietnamese message. */
  reason: string;
}

export type ExclusionCause = "unreadable" | "form-set" | "period" | "no-unit" | "strict";

export interface ExcludedFile {
  file: string;
  unit?: string;
  formSet?: string;
  cause: ExclusionCause;
  /** Vietnamese. */
  reason: string;
  /** Error count of the file, when it was read. */
  errors?: number;
}

export interface DuplicateGroup {
  unit: string;
  kept: string;
  dropped: string[];
  /** Vietnamese: which file was kept and why. */
  reason: string;
  /**
   * How the kept file was chosen: the workbook's own newest date, the officer's `keep`, or (tie / no date)
   * the file without errors, which the officer should confirm.
   */
  choice?: "date" | "keep" | "fewest-errors";
  /**
   * `reason` without what to do (for `fewest-errors`, the pane's “Dùng tệp này” or the command's `--keep`):
   * each front end says its own way out.
   */
  cause: string;
  /** Every file of the unit, for a picker. */
  candidates?: { file: string; date?: string; errors: number }[];
}

export interface ExpectedStatus {
  /** As written in the expected list. */
  name: string;
  received: boolean;
  /** The unit's name as written in its file, when received. */
  unit?: string;
  /** Files of this unit that were excluded. */
  excludedFiles: string[];
  /** Files to confirm that may be this unit's (it is among their candidates). */
  toConfirmFiles?: string[];
}

export interface SourceSetSummary {
  id: string;
  name: string;
  level: string;
  units: number;
  /** Which target rows read each row of the set: `form:code` → [`BM3 3.2.1`, …]. */
  usedBy: Record<string, string[]>;
}

export interface ConsolidationResult {
  period: string;
  periodLabel: string;
  window: { from: string; to: string };
  /** The consolidated table of the map's target (the province's Biểu mẫu 1–7). */
  target: TableResult;
  /** One same-set consolidation per source set that has units ("Tổng hợp các sở, ban, ngành", …). */
  totals: TableResult[];
  sets: SourceSetSummary[];
  /** Included units, sorted (set order, then name). */
  units: UnitEntry[];
  excluded: ExcludedFile[];
  duplicates: DuplicateGroup[];
  /** Undefined without an expected list. */
  expected?: ExpectedStatus[];
  /** Expected units not consolidated (as written in the list). */
  missing: string[];
  /** Consolidated units that are not on the expected list. */
  unexpected: string[];
  /** Unit findings (with file and unit), consolidation notices, then checks of the consolidated tables. */
  findings: ConsolidationFinding[];
  /** Files not merged until the officer answers (unit unknown or ambiguous, conflicting periods). */
  toConfirm: FileToConfirm[];
  /** Values with an error finding, left out of every total. */
  notSummed: NotSummedValue[];
}
