import type { ConsolidationInput } from "../core/consolidate/types";
import { checkSnapshot, type FileReport } from "../core/report";
import { RecognizeError } from "../core/workbook/recognize";

/** The consolidation module, loaded on demand (it is not part of the pane's first load). */
export type ConsolidationModule = typeof import("../core/consolidate");

export function loadConsolidation(): Promise<ConsolidationModule> {
  return import(/* webpackChunkName: "consolidate" */ "../core/consolidate");
}

function unreadable(file: string, error: string): FileReport {
  return { file, ok: false, error };
}

/**
 * Reads one unit's file picked in the pane, as `cchc consolidate` reads one from disk: the core's report and
 * the Ghi chú from a single parse. Nothing thrown escapes: a bad file becomes a report with its reason.
 * The xlsx reader is loaded here, on demand.
 */
export async function readUnitFile(
  file: File,
  consolidation: ConsolidationModule
): Promise<ConsolidationInput> {
  const name = file.name;
  const fileDate = file.lastModified ? new Date(file.lastModified) : undefined;
  const xlsx = await import(/* webpackChunkName: "xlsx-read" */ "../core/xlsx/read");
  if (file.size > xlsx.MAX_FILE_BYTES) {
    const mb = Math.round(file.size / 1048576);
    return {
      file: name,
      fileDate,
      report: unreadable(name, `Tệp quá lớn (${mb} MB); biểu mẫu chỉ cần vài chục KB.`),
    };
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const snapshot = await xlsx.readSnapshot(bytes);
    const report = checkSnapshot(name, snapshot);
    return {
      file: name,
      fileDate,
      report,
      notes: consolidation.notesFromSnapshot(snapshot, report),
    };
  } catch (e) {
    if (e instanceof xlsx.UnreadableFileError || e instanceof RecognizeError) {
      return { file: name, fileDate, report: unreadable(name, e.message) };
    }
    const detail = e instanceof Error ? e.message : String(e);
    return { file: name, fileDate, report: unreadable(name, `Không đọc được tệp: ${detail}`) };
  }
}

/** Lets the browser paint (progress bar) between two files read on the main thread. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
