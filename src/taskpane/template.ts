import type { ConsolidationResult } from "../core/consolidate/types";
import type { Catalog } from "../core/forms/catalog";
import { periodLabel, type Period } from "../core/period";
import { buildLayout, type WorkbookLayout } from "../core/workbook/layout";
import type { ConsolidationModule } from "./unitFiles";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Characters Windows refuses in file names (control characters are refused too). */
const FORBIDDEN = '\\/:*?"<>|';

/** A file name Windows accepts: `Biểu mẫu CCHC - Sở Tư pháp - Quý I năm 2024.xlsx`. */
export function templateFileName(unit: string, period: Period): string {
  const safe = [...unit]
    .map((ch) => (ch.charCodeAt(0) < 32 || FORBIDDEN.includes(ch) ? " " : ch))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return `Biểu mẫu CCHC - ${safe || "Đơn vị"} - ${periodLabel(period)}.xlsx`;
}

/** A layout as an .xlsx blob; the xlsx writer is loaded here, on demand, not in the pane's first load. */
async function xlsxBlob(layout: WorkbookLayout): Promise<Blob> {
  const { writeLayout } = await import(/* webpackChunkName: "xlsx-write" */ "../core/xlsx/write");
  return new Blob([new Uint8Array(await writeLayout(layout))], { type: XLSX_MIME });
}

/**
 * The ready-made template (with Data Validation and conditional formatting in the file), built in the browser
 * by the core.
 */
export async function buildTemplateFile(
  catalog: Catalog,
  unit: string,
  period: Period
): Promise<{ blob: Blob; fileName: string }> {
  return {
    blob: await xlsxBlob(buildLayout(catalog, { unit, period })),
    fileName: templateFileName(unit, period),
  };
}

/** The consolidation as a file of its own, the same as `cchc consolidate -o` writes (metadata, names). */
export async function buildConsolidationFile(
  consolidation: ConsolidationModule,
  result: ConsolidationResult
): Promise<{ blob: Blob; fileName: string }> {
  return {
    blob: await xlsxBlob(consolidation.consolidationWorkbook(result)),
    fileName: `Tổng hợp CCHC - ${result.periodLabel}.xlsx`,
  };
}

/** Starts the browser's download of a blob; returns the object URL (kept for a visible link, revoke later). */
export function startDownload(blob: Blob, fileName: string): string {
  const url = URL.createObjectURL(blob);
  // Edge Legacy (EdgeHTML), which older Excel on Windows uses for task panes, saves blobs its own way.
  const legacy = navigator as Navigator & { msSaveOrOpenBlob?: (b: Blob, name: string) => boolean };
  if (typeof legacy.msSaveOrOpenBlob === "function") {
    legacy.msSaveOrOpenBlob(blob, fileName);
    return url;
  }
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  return url;
}
