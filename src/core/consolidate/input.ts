import { checkWorkbookFile, unreadableReport } from "../report";
import { identifySnapshot } from "../workbook/recognize";
import { fileSizeProblem } from "../xlsx/limits";
import { notesFromSnapshot } from "./notes";
import type { ConsolidationInput } from "./types";

/**
 * One unit file as the CLI (fs) and the task pane (File) read it; only the I/O stays at those edges.
 * Pure: bytes, name and date in, plain data out; never throws.
 */

/** A file that could not be read: consolidation excludes it with the (Vietnamese) reason. */
export function unreadableInput(file: string, reason: string, fileDate?: Date): ConsolidationInput {
  return { file, fileDate, report: unreadableReport(file, reason) };
}

/** The input of a file too large to read, checked before reading it; undefined when it may be read. */
export function oversizeInput(
  file: string,
  size: number,
  fileDate?: Date
): ConsolidationInput | undefined {
  const reason = fileSizeProblem(size);
  return reason ? unreadableInput(file, reason, fileDate) : undefined;
}

/**
 * Reads and checks one unit's .xlsx bytes: the report and its Ghi chú from a single parse. `fileDate` is the
 * file's own date (mtime, File.lastModified), used when the workbook has none. A bad file becomes an input
 * with an unreadable report and its reason.
 */
export async function readUnitInput(
  file: string,
  bytes: Uint8Array,
  fileDate?: Date
): Promise<ConsolidationInput> {
  const { report, snapshot } = await checkWorkbookFile(file, bytes);
  const notes = report.ok && snapshot ? notesFromSnapshot(snapshot, report) : undefined;
  const identity = report.ok && snapshot ? identifySnapshot(snapshot, file) : undefined;
  return { file, fileDate, report, ...(notes ? { notes } : {}), ...(identity ? { identity } : {}) };
}
