import ExcelJS from "exceljs";
import type { Finding } from "../rules/types";
import { FINDINGS_SHEET, findingsLayout } from "../workbook/findingsSheet";
import { GENERATOR } from "../workbook/metadata";
import { addSheet } from "./write";

/**
 * The findings of one checked file as an .xlsx of its own ("Kết quả kiểm tra"), for the checking page.
 * No CCHC metadata sheet: the file is a list of findings, never to be read as a unit's report.
 * Cells are named as text (the checked file's sheets are not in this workbook, so no links).
 */
export async function writeFindingsFile(
  findings: Finding[],
  title: string,
  now = new Date()
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = GENERATOR;
  wb.title = title;
  wb.created = now;
  wb.modified = now;
  addSheet(wb, findingsLayout(FINDINGS_SHEET, findings, title, now));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
