/**
 * Consolidation (Sở Nội vụ): unit reports of one period → the province's Biểu mẫu 1–7, a table per unit
 * form set, a per-unit breakdown and a submission report. Pure: no fs/path, usable in the task pane.
 *
 * API
 * ---
 * consolidate(inputs: ConsolidationInput[], opts: ConsolidateOptions): ConsolidationResult
 *   inputs: { file, report: FileReport, fileDate?: Date, notes?: Record<"form:code", string>, identity? }[]
 *     - report: from readUnitInput (CLI and task pane), or checkSnapshot; unreadable reports are excluded
 *       with their reason.
 *     - fileDate: the file's own date (mtime / File.lastModified), used when the workbook has none.
 *     - notes: Ghi chú of the unit's rows, from notesFromSnapshot(snapshot, report); optional.
 *     - identity: what the workbook states about its unit and period (readUnitInput sets it; else the
 *       report's unit and period are used).
 *   opts: { period: "2024-Q1", register?: UnitRegister, expected?: string[], assignments?: {file: unit},
 *           keep?: string[], strict?: boolean, map?, catalogs? }
 *     - register (or expected, names only): every merged file is one register unit; files whose unit is
 *       unknown, generic, unlisted or ambiguous, or whose periods disagree, go to result.toConfirm.
 *     - assignments: the officer's answers (file → register name); keep: files to keep among a unit's files.
 *     - throws only on an invalid period or map; every problem with a file is reported in the result.
 *   result (see types.ts):
 *     - target: TableResult of the province's table: rows (header rows included) with status
 *       computed | pending | manual | none, value (CellValue), reported/of unit counts, how (Vietnamese),
 *       answers (count/share: who answered what), reference (manual rows), notes (Ghi chú with unit names),
 *       and findings (the province's rules on the consolidated values).
 *     - totals: one TableResult per unit form set with units ("Tổng hợp các sở, ban, ngành", …).
 *     - units (included, sorted; provenance, writtenAs), excluded (file + Vietnamese reason), duplicates
 *       (kept, dropped, reason, choice: date | keep | fewest-errors, candidates), toConfirm (file, question:
 *       unit | period, reason, candidates, detected), notSummed (values with an error finding, never summed),
 *       expected / missing / unexpected (when opts.expected is given), findings (unit findings with file
 *       and unit, consolidation notices, consolidated-table checks).
 *
 * consolidationSheets(result, { names? }): SheetLayout[]
 *   The output workbook as plain data, in order: "Biểu mẫu 1" … "Biểu mẫu 7" (province), one totals sheet
 *   per unit set, "Chi tiết theo đơn vị" (with two sets, one per set named by it: "Chi tiết — Sở, ban, ngành"), "Tình hình nộp báo cáo". Write with addSheet (ExcelJS) or
 *   Office.js. Only "nhập tay" cells carry a validation (the template's); no conditional formats; with `names` (default false) the
 *   province's value cells carry the templates' defined names (`CCHC_BM3_3_1_1`), no other sheet does.
 *   String cells with numFmt "@" hold text from unit files or free text: write them as text (Office.js:
 *   set numberFormat "@" before values), never as formulas, dates or numbers. Only cells with `formula`
 *   are formulas (totals/ratios that wait for hand-typed rows).
 *
 * consolidationWorkbook(result, { unit?, created? }): WorkbookLayout
 *   The consolidation as a file of its own (write with writeLayout): the sheets with defined names, and the
 *   CCHC_META sheet (form set, version, unit — default the target set's name —, period, created, generator,
 *   expectedUnits, formSheets: the province's sheets, unitCounts: cells holding a number of units), so
 *   `cchc validate` recognises it by metadata. The task pane offers it as a download; into the user's open
 *   workbook it writes consolidationSheets only (see docs/consolidation.md).
 *
 * readUnitInput(file, bytes, fileDate?): Promise<ConsolidationInput>
 *   One unit file's bytes → report + Ghi chú from a single parse; never throws (a bad file becomes an
 *   unreadable report with its reason). oversizeInput(file, size, fileDate?) refuses a file by its size
 *   before it is read; unreadableInput(file, reason, fileDate?) wraps an I/O error. The CLI (fs) and the
 *   task pane (File) only do the I/O around these.
 *
 * submissionSummary(result): one Vietnamese sentence — units consolidated, files excluded, duplicate files,
 *   units missing (with an expected list).
 * consolidationJson(result): the `cchc consolidate --json` object (no clock-dependent field).
 * attentionLines(result, hints?): Vietnamese lines for a text summary, each said once: files to confirm (with
 *   candidates and, with `hints.assign`, the command), duplicate choices (with `hints.keep`), values not summed.
 * registerOfBytes(file, bytes): Promise<UnitRegister> — the unit register from .xlsx or CSV (UTF-8 ± BOM,
 *   UTF-16; `;`, tab, or `,` under a header; one column keeps commas); columns name, code, type, other names.
 *   parseRegister(csvText), registerOfNames(names), matchRegister(register, name) (name, no diacritics,
 *   other names, codes). See docs/consolidation.md.
 * parseExpectedUnits(csvText): string[] — the register's names.
 * expectedUnitsOfBytes(file, bytes): string[] — the same from a file's bytes (UTF-8); throws an Error with
 *   a Vietnamese message naming the file (not UTF-8, not CSV, no name).
 *   Uses csv-parse: its Node build (csv-parse/sync) where a global Buffer exists, else its browser build
 *   (csv-parse/browser/esm/sync), both loaded on first use.
 * unitKey(name): matching key of unit names (NFC, invisible characters removed, lower case, single spaces).
 * notesFromSnapshot(snapshot, report): Ghi chú per row, from the same snapshot the report came from.
 * builtInMap(), sameSetMap(catalog), loadConsolidationMap(json, catalogs): consolidation maps as data.
 */
export { consolidate } from "./consolidate";
export { attentionLines, type AttentionHints } from "./explain";
export {
  consolidationSheets,
  howText,
  DETAIL_SHEET,
  STATUS_SHEET,
  submissionSummary,
  targetSheetName,
} from "./sheets";
export { consolidationWorkbook, type ConsolidationWorkbookOptions } from "./workbook";
export { oversizeInput, readUnitInput, unreadableInput } from "./input";
export { consolidationJson } from "./json";
export {
  expectedUnitsOfBytes,
  matchRegister,
  parseExpectedUnits,
  parseRegister,
  registerOfBytes,
  registerOfNames,
  unitKey,
} from "./expected";
export { notesFromSnapshot } from "./notes";
export { builtInMap, sameSetMap } from "./maps";
export {
  loadConsolidationMap,
  mapProblems,
  type ConsolidationMap,
  type MapEntry,
  type Source,
} from "./schema";
export { formatVietnamTime } from "./time";
export type * from "./types";
