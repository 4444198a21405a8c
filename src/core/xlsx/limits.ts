/** Size limit of workbooks read; no ExcelJS here, so callers can check a file's size before reading it. */

/** Largest file accepted: a filled Biểu mẫu workbook is a few dozen kilobytes. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** Why a file of `size` bytes is not read (Vietnamese), or undefined when it may be read. */
export function fileSizeProblem(size: number): string | undefined {
  if (size <= MAX_FILE_BYTES) return undefined;
  return `Tệp quá lớn (${Math.round(size / 1048576)} MB); biểu mẫu chỉ cần vài chục KB.`;
}
