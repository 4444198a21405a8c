import type { ConsolidationInput } from "../core/consolidate/types";

/** The consolidation module, loaded on demand (it is not part of the pane's first load). */
export type ConsolidationModule = typeof import("../core/consolidate");

export function loadConsolidation(): Promise<ConsolidationModule> {
  return import(/* webpackChunkName: "consolidate" */ "../core/consolidate");
}

/** A picked file's bytes: Blob.arrayBuffer where there is one, else FileReader (Edge Legacy has no arrayBuffer). */
export function fileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") {
    return file.arrayBuffer().then((b) => new Uint8Array(b));
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("FileReader"));
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Reads one unit's file picked in the pane as `cchc consolidate` reads one from disk: the pane does the I/O,
 * the core (`readUnitInput`) the rest. Nothing thrown escapes: a bad file becomes a report with its reason.
 */
export async function readUnitFile(
  file: File,
  consolidation: ConsolidationModule
): Promise<ConsolidationInput> {
  const fileDate = file.lastModified ? new Date(file.lastModified) : undefined;
  const oversize = consolidation.oversizeInput(file.name, file.size, fileDate);
  if (oversize) return oversize;
  let bytes: Uint8Array;
  try {
    bytes = await fileBytes(file);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return consolidation.unreadableInput(file.name, `Không đọc được tệp: ${detail}`, fileDate);
  }
  return consolidation.readUnitInput(file.name, bytes, fileDate);
}

/** Lets the browser paint (progress bar) between two files read on the main thread. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
