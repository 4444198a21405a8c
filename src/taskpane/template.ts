import type { Catalog } from "../core/forms/catalog";
import { periodLabel, type Period } from "../core/period";
import { buildLayout } from "../core/workbook/layout";

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

/**
 * The ready-made template (with Data Validation and conditional formatting in the file), built in the browser
 * by the core. The xlsx writer is loaded here, on demand, so it is not part of the pane's first load.
 */
export async function buildTemplateFile(
  catalog: Catalog,
  unit: string,
  period: Period
): Promise<{ blob: Blob; fileName: string }> {
  const { writeLayout } = await import(/* webpackChunkName: "xlsx-write" */ "../core/xlsx/write");
  const bytes = await writeLayout(buildLayout(catalog, { unit, period }));
  return {
    blob: new Blob([new Uint8Array(bytes)], { type: XLSX_MIME }),
    fileName: templateFileName(unit, period),
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
