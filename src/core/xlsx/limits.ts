/**
 * Limits of workbooks read. No real Biểu mẫu workbook comes near any of them (a filled one is a few dozen KB, a
 * form sheet a few hundred cells); they exist so that a broken or hostile file is refused in bounded memory and
 * time instead of exhausting the CLI or the task pane. No ExcelJS here, so callers can check a file's size first.
 */

/** Largest file accepted. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** Zip entries in the container (a workbook has a few dozen). */
export const MAX_ZIP_ENTRIES = 20_000;
/** Bytes inflated in total over the parts that are read (sheets, strings, styles, workbook, properties). */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
/** An entry this large must not be compressed more than MAX_RATIO:1 (real sheet XML: 5–50:1). */
export const RATIO_CHECK_BYTES = 10 * 1024 * 1024;
export const MAX_RATIO = 200;

/** One worksheet's XML (a form sheet's is well under 1 MB; 100,000 cells take ~10 MB). */
export const MAX_SHEET_XML_BYTES = 64 * 1024 * 1024;
/** Last row and column a form sheet may use, cells per sheet and per workbook. */
export const MAX_SHEET_ROWS = 5_000;
export const MAX_SHEET_COLUMNS = 256;
export const MAX_SHEET_CELLS = 100_000;
export const MAX_WORKBOOK_CELLS = 300_000;
/** Shared strings (one per distinct text; a form workbook has a few hundred) and their part's size. */
export const MAX_SHARED_STRINGS = 300_000;
export const MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024;
/** The styles part (Excel allows 64,000 cell formats, about 5 MB of XML). */
export const MAX_STYLES_BYTES = 16 * 1024 * 1024;
/** Worksheets in a workbook. */
export const MAX_SHEETS = 255;
/** A merged range larger than this is dropped (its first cell keeps the value); a form's largest spans a row. */
export const MAX_MERGE_CELLS = 5_000;

/** `1.048.576`: thousands grouped the Vietnamese way, for messages. */
export function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** Why a file of `size` bytes is not read (Vietnamese), or undefined when it may be read. */
export function fileSizeProblem(size: number): string | undefined {
  if (size <= MAX_FILE_BYTES) return undefined;
  return `Tệp quá lớn (${Math.round(size / 1048576)} MB); biểu mẫu chỉ cần vài chục KB.`;
}
