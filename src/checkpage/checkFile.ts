import { checkWorkbookBytes, unreadableReport, type FileReport } from "../core/report";
import { fileSizeProblem } from "../core/xlsx/limits";
import { fileBytes } from "../taskpane/unitFiles";

/** Reads and checks one picked file; never throws: a bad file is a report with its Vietnamese reason. */
export async function checkPickedFile(file: File): Promise<FileReport> {
  const tooBig = fileSizeProblem(file.size);
  if (tooBig) return unreadableReport(file.name, tooBig);
  let bytes: Uint8Array;
  try {
    bytes = await fileBytes(file);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return unreadableReport(file.name, `Không đọc được tệp: ${detail}`);
  }
  return checkWorkbookBytes(file.name, bytes);
}

/** `Kết quả kiểm tra - so-tu-phap.xlsx` for `so-tu-phap.xlsx`. */
export function findingsFileName(file: string): string {
  const base = file.replace(/\.xlsx$/i, "");
  return `Kết quả kiểm tra - ${base}.xlsx`;
}
