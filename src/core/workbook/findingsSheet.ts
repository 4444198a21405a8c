/**
 * The "Kết quả kiểm tra" sheet as plain data: written into the open workbook by the add-in, and as a file of
 * its own by the checking page (xlsx/findingsFile.ts).
 */
import type { Severity } from "../forms/schema";
import { SEVERITY_LABELS, type Finding } from "../rules/types";
import type { CellStyle, LayoutCell, SheetLayout } from "./layout";

export const FINDINGS_SHEET = "Kết quả kiểm tra";

/** Marks the add-in paints on cells; unusual tints, so a user's own fill is never taken for one. */
export const MARK_FILLS: Record<Severity, string> = {
  error: "#FFB0B6",
  warning: "#FFE38C",
  info: "#D2E5F7",
};

const HEADER_ROW = 4;
const BOX: CellStyle = { border: true, vAlign: "top", wrap: true };

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A link from a findings row to the cell it is about (`'Biểu mẫu 3'!D20`), where the sheet is in the workbook. */
export interface FindingLink {
  address: string;
  target: string;
}

export interface FindingsSheetLayout extends SheetLayout {
  links: FindingLink[];
}

/** The findings as a sheet layout: title, counts, then Mức độ / Biểu mẫu / Dòng / Ô / Nội dung. */
export function findingsLayout(
  name: string,
  findings: Finding[],
  title: string,
  now = new Date()
): FindingsSheetLayout {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const cells: LayoutCell[] = [
    { address: "A1", value: title, style: { bold: true, fontSize: 13 } },
    {
      address: "A2",
      value: `Lập lúc ${stamp(now)}: ${count("error")} lỗi, ${count("warning")} cảnh báo, ${count("info")} thông tin.`,
      style: { italic: true },
    },
  ];
  ["Mức độ", "Biểu mẫu", "Dòng", "Ô", "Nội dung"].forEach((text, i) => {
    cells.push({
      address: `${"ABCDE"[i]}${HEADER_ROW}`,
      value: text,
      style: { bold: true, fill: "#F2F2F2", hAlign: "center", ...BOX, vAlign: "middle" },
    });
  });
  const links: FindingLink[] = [];
  findings.forEach((f, i) => {
    const r = HEADER_ROW + 1 + i;
    cells.push(
      {
        address: `A${r}`,
        value: SEVERITY_LABELS[f.severity],
        style: { ...BOX, fill: MARK_FILLS[f.severity] },
      },
      { address: `B${r}`, value: f.form > 0 ? f.form : "", style: { ...BOX, hAlign: "center" } },
      { address: `C${r}`, value: f.row, style: { ...BOX, hAlign: "center" } },
      { address: `D${r}`, value: f.cell ?? "", style: BOX },
      { address: `E${r}`, value: f.message, style: BOX }
    );
    if (f.cell) links.push({ address: `D${r}`, target: f.cell });
  });
  if (findings.length === 0) {
    cells.push({
      address: `A${HEADER_ROW + 1}`,
      value: "Không có lỗi hay cảnh báo nào.",
      style: BOX,
    });
  }
  return {
    name,
    form: 0,
    columns: [12, 10, 10, 22, 90],
    cells,
    merges: ["A1:E1", "A2:E2"],
    validations: [],
    conditionalFormats: [],
    valueCells: [],
    headerRow: HEADER_ROW,
    lastRow: HEADER_ROW + Math.max(1, findings.length),
    links,
  };
}
