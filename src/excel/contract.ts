import type { ConvertReport, TextNumberCell } from "../core/findings/convert";
import type { Finding } from "../core/rules/types";
import type { Separators, SheetLayout, WorkbookLayout } from "../core/workbook/layout";
import type { WorkbookSnapshot } from "../core/workbook/snapshot";

/**
 * What the task pane may ask of Excel. `src/excel/` implements it with Office.js (`createExcelPort()` in
 * `src/excel/port.ts`, which composes the parts of src/excel/); nothing else calls Office.js. Round-trip budgets (context.sync calls) are part of the
 * contract and are tested (docs/excel-layer.md).
 *
 * Errors: every method rejects with an `ExcelPortError` (src/excel/errors.ts): a Vietnamese `message` and the
 * Office.js error `code` (e.g. `AccessDenied`) or a port code (`SheetExists`, `Unsupported`).
 */

/** Features gated by requirement sets (Office.context.requirements.isSetSupported). */
export interface Capabilities {
  /** ExcelApi 1.7: worksheet onChanged / onAdded / onDeleted events (live validation). */
  events: boolean;
  /** ExcelApi 1.8: data validation through the API. */
  dataValidation: boolean;
  /** ExcelApi 1.6: conditional formats. */
  conditionalFormats: boolean;
  /** ExcelApi 1.4: named items (defined names). The manifest requires 1.4, so this is true wherever the pane loads. */
  namedItems: boolean;
  /** ExcelApi 1.13: insertWorksheetsFromBase64 (whole template import). */
  sheetImport: boolean;
  /** ExcelApi 1.9: print settings (page layout: A4, scale, print titles). */
  api19: boolean;
  /** ExcelApi 1.7: clickable cell links (range.hyperlink) in the findings sheet, and frozen header rows. */
  hyperlinks: boolean;
}

/** Forms already in the open workbook, found by their `Biểu mẫu N` sheets or titles. */
export interface ExistingForms {
  /** Names of sheets that would be replaced by an insert. */
  sheets: string[];
  /** Number of non-empty value and note cells among them that a rebuild carries over (matched by row code). */
  filledCells: number;
  /**
   * Non-empty cells a rebuild cannot place in the new forms (unknown rows, labels that no longer match).
   * Their sheets are kept, renamed `… (cũ)`, so nothing is lost.
   */
  unmatchedCells: number;
}

export type InsertMode = "new" | "rebuild-keep-values";

/** What an insert did, for the pane to tell the user. */
export interface InsertReport {
  /** Form sheets written, in order. */
  sheets: string[];
  /** Values and notes re-entered after a rebuild. */
  keptCells: number;
  /** Old sheets kept under a new name because some of their content could not be placed. */
  keptSheets: string[];
  /** Features left out because this Excel lacks them (Vietnamese, one sentence each). */
  skipped: string[];
}

/** One cell the add-in filled, and the fill it had before (restored when the mark goes). */
export interface HighlightMark {
  /** Worksheet id: survives renames and moves. */
  sheetId: string;
  /** Sheet name when marked (used where the id is not known, e.g. after the file was reopened). */
  sheet: string;
  /** `D12`, within the sheet. */
  cell: string;
  /** Fill colour before the mark (`#RRGGBB`), or null for no fill. */
  fill: string | null;
}

export interface HighlightState {
  /** Addresses the add-in highlighted last time, as `'Sheet'!D12` (sheet names as of that call). */
  addresses: string[];
  /** What restoring needs; filled by the port. A state without it clears nothing. */
  marks?: HighlightMark[];
}

export interface ExcelPort {
  capabilities(): Capabilities;
  /** Vietnamese sentences naming each feature this Excel lacks, with the requirement set and Excel versions. */
  unavailableFeatures(): string[];
  /**
   * Every sheet's used range (values, number formats, formulas) plus workbook properties, all sheets in one
   * batch: 1 sync when the port already knows the workbook's sheets (any earlier call), 2 the first time or
   * after sheets were added behind its back.
   */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /** Which of the layout's sheets exist and what a rebuild would keep. Same budget as readSnapshot. */
  findExisting(layout: WorkbookLayout): Promise<ExistingForms>;
  /**
   * `new`: 2 syncs; fails with a Vietnamese message (code `SheetExists`) if a form sheet exists.
   * `rebuild-keep-values`: rewrites the form sheets in place (references to them keep working) and re-enters
   * the values and notes the user typed, matched by form and row code; never loses a value. Syncs: the read
   * (1, 2 the first time), backups (1), one per form sheet, the last step (1). A failure midway says what was
   * done and where the old values are (src/excel/insert.ts). Prompts and alerts follow Excel's separators.
   */
  insertForms(layout: WorkbookLayout, mode: InsertMode): Promise<InsertReport>;
  /** 1 sync: clears previous marks (restoring the fills they covered) and marks the cells of the findings. */
  highlight(findings: Finding[], previous: HighlightState): Promise<HighlightState>;
  /** 2 syncs: numbers stored as text become numbers showing the same; cells changed since are left alone. */
  convertTextNumbers(cells: TextNumberCell[]): Promise<ConvertReport>;
  /** 1 sync: activates the sheet and selects a cell given as `'Sheet'!D12`. */
  select(address: string): Promise<void>;
  /** 2 syncs (more for thousands of findings): a new "Kết quả kiểm tra" sheet listing findings with links. */
  writeFindingsSheet(findings: Finding[], title: string): Promise<string>;
  /**
   * Adds new sheets (names made unique, never over user data): 1 sync to list the sheets, then one per
   * batch of at most ~1.5 MB estimated (every request stays under 4 MB, Excel on the web refuses 5 MB).
   * `onProgress(done, total)` is called with 0 first and after each batch, so the pane can show the writing.
   */
  writeSheets(
    sheets: SheetLayout[],
    onProgress?: (done: number, total: number) => void
  ): Promise<string[]>;
  /**
   * Subscribes to changes in any worksheet (including sheets added later, renamed or moved), debounced: one
   * handler call per burst. Changes made by the add-in itself are ignored. Returns an unsubscribe function.
   * Rejects (code `Unsupported`) where Excel has no events (ExcelApi 1.7).
   */
  onChange(handler: () => void, debounceMs?: number): Promise<() => Promise<void>>;
  /**
   * 1 sync: deletes the named sheets (the pane's own earlier consolidation sheets, after the officer agreed).
   * Optional: a port without it leaves old sheets alone.
   */
  removeSheets?(names: string[]): Promise<void>;
  /**
   * Excel's decimal and thousands separators (ExcelApi 1.11 `Application.decimalSeparator` /
   * `thousandsSeparator`: Excel's own setting, system or overridden), so hints speak in the officer's terms.
   * 1 sync the first time, then cached for the port's life; undefined without a sync below ExcelApi 1.11, and
   * undefined when Excel gives no usable pair (callers then say both ways).
   */
  separators(): Promise<Separators | undefined>;
  /** A value saved in the workbook (workbook settings, ExcelApi 1.4), e.g. the expected-unit list. 1 sync each. */
  loadSetting(key: string): Promise<string | undefined>;
  saveSetting(key: string, value: string): Promise<void>;
}
