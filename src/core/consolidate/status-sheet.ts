import { STATUS_SHEET } from "../workbook/consolidated";
import { emptyFormsNote } from "../completeness";
import { type CellStyle, type LayoutCell, type SheetLayout } from "../workbook/layout";
import { columnLetter } from "../workbook/snapshot";
import { type ConsolidationResult } from "./types";
import { BORDERED, HEADER, RED, TEXT } from "./sheet-style";
import { dateText, periodLine, unitsSummary } from "./explain";

/**
 * Renderer of “Tình hình nộp báo cáo”: files to confirm, units, missing, excluded, duplicates, values not summed,
 * checks after consolidation. Every section shares one column header row (Excel repeats a single row range on each
 * printed page, so sections with their own headers would print under a wrong one).
 */

/** The sheet's single column header row. */
export const STATUS_HEADER_ROW = 5;
const HEADERS = [
  "STT",
  "Đơn vị",
  "Loại biểu mẫu",
  "Tệp",
  "Ngày của tệp",
  "Chỉ tiêu đã nhập",
  "Số lỗi",
  "Số cảnh báo",
  "Ghi chú, lý do",
];
const LAST_COLUMN = columnLetter(HEADERS.length - 1);

type Row = { stt: number } & Partial<{
  unit: string;
  set: string;
  file: string;
  date: string;
  filled: string;
  errors: number;
  warnings: number;
  note: string;
}>;

export function statusSheet(result: ConsolidationResult): SheetLayout {
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  let r = 1;
  const line = (text: string, style: CellStyle = {}) => {
    cells.push({ address: `A${r}`, value: text, style: { wrap: true, ...style } });
    merges.push(`A${r}:${LAST_COLUMN}${r}`);
    r++;
  };
  const rows = (list: Row[]) => {
    for (const x of list) {
      const values = [x.stt, x.unit, x.set, x.file, x.date, x.filled, x.errors, x.warnings, x.note];
      values.forEach((v, i) =>
        cells.push({
          address: `${columnLetter(i)}${r}`,
          value: v === "" ? undefined : v,
          style: typeof v === "number" ? { ...BORDERED, hAlign: "center" } : TEXT,
        })
      );
      r++;
    }
  };
  line(STATUS_SHEET.toUpperCase(), { bold: true, fontSize: 13 });
  line(periodLine(result), { italic: true });
  const expectedText = result.expected
    ? `Danh sách phải nộp: ${result.expected.length} đơn vị; chưa nộp: ${result.missing.length}.`
    : "Không có danh sách đơn vị phải nộp (--expected): không xác định được đơn vị chưa nộp.";
  line(
    `Đã tổng hợp: ${unitsSummary(result)}. Tệp cần xác nhận: ${result.toConfirm.length}. Tệp bị loại: ${result.excluded.length}. Đơn vị gửi nhiều lần: ${result.duplicates.length}. Số liệu không được cộng: ${result.notSummed.length}. ${expectedText}`,
    { numFmt: "@" }
  );
  r = STATUS_HEADER_ROW;
  HEADERS.forEach((h, i) =>
    cells.push({ address: `${columnLetter(i)}${r}`, value: h, style: HEADER })
  );
  r++;
  const setName = (id?: string) => (id ? (result.sets.find((s) => s.id === id)?.name ?? id) : "");

  if (result.toConfirm.length > 0) {
    line(`CẦN XÁC NHẬN: ${result.toConfirm.length} tệp chưa được tổng hợp`, {
      bold: true,
      fill: RED,
    });
    const question = { unit: "Đơn vị", period: "Kỳ báo cáo", value: "Giá trị" };
    rows(
      result.toConfirm.map((c, i) => ({
        stt: i + 1,
        unit: c.candidates.length ? `Có thể là: ${c.candidates.join("; ")}` : "",
        set: setName(c.formSet),
        file: c.file,
        note: [
          `Cần xác nhận: ${question[c.question]}.`,
          c.detected ? `Tệp ghi: ${c.detected}.` : "",
          c.reason,
        ]
          .filter(Boolean)
          .join(" "),
      }))
    );
  }

  const dup = new Map(result.duplicates.map((d) => [d.kept, d]));
  line(`1. Đơn vị đã tổng hợp (${result.units.length})`, { bold: true });
  rows(
    result.units.map((u, i) => {
      const notes: string[] = [];
      if (u.expected === false) notes.push("Không có trong danh sách đơn vị phải nộp.");
      const d = dup.get(u.file);
      if (d) notes.push(`Gửi ${d.dropped.length + 1} tệp; dùng tệp này.`);
      if (u.errors > 0) notes.push("Có lỗi: xem kết quả kiểm tra của tệp.");
      const blank = emptyFormsNote(u.emptyForms);
      if (blank) notes.push(blank);
      return {
        stt: i + 1,
        unit: u.unit,
        set: u.formSetName,
        file: u.file,
        date: dateText(u),
        filled: `${u.filled}/${u.total}`,
        errors: u.errors,
        warnings: u.warnings,
        note: notes.join(" "),
      };
    })
  );
  line(`2. Đơn vị chưa nộp (${result.missing.length})`, { bold: true });
  if (!result.expected) line(expectedText, { italic: true });
  else {
    rows(
      result.expected
        .filter((e) => !e.received)
        .map((e, i) => ({
          stt: i + 1,
          unit: e.name,
          note:
            [
              e.toConfirmFiles?.length
                ? `Có thể là tệp cần xác nhận: ${e.toConfirmFiles.join(", ")}.`
                : "",
              e.excludedFiles.length ? `Có tệp bị loại: ${e.excludedFiles.join(", ")}` : "",
            ]
              .filter(Boolean)
              .join(" ") || "Chưa nhận được tệp.",
        }))
    );
  }
  line(`3. Tệp bị loại (${result.excluded.length})`, { bold: true });
  rows(
    result.excluded.map((x, i) => ({
      stt: i + 1,
      unit: x.unit ?? "",
      set: setName(x.formSet),
      file: x.file,
      note: x.reason,
    }))
  );
  line(`4. Đơn vị gửi nhiều lần (${result.duplicates.length})`, { bold: true });
  rows(
    result.duplicates.map((d, i) => ({
      stt: i + 1,
      unit: d.unit,
      file: d.kept,
      note: `Dùng tệp này; bỏ qua: ${d.dropped.join(", ")}. ${d.reason}`,
    }))
  );
  line(`5. Số liệu không được cộng (${result.notSummed.length})`, { bold: true });
  if (result.notSummed.length === 0) {
    line("Không có giá trị nào bị bỏ khỏi tổng.", { italic: true });
  } else {
    line(
      "Các giá trị này có lỗi (không đọc được, không hợp với loại chỉ tiêu, hoặc không rõ nghĩa): không được cộng; đơn vị được tính là chưa có số liệu ở dòng đó.",
      { italic: true }
    );
    rows(
      result.notSummed.map((n, i) => ({
        stt: i + 1,
        unit: n.unit,
        set: setName(n.formSet),
        file: n.file,
        note: `Ô ${n.cell ?? "?"} (chỉ tiêu ${n.key}): ${n.reason}`,
      }))
    );
  }
  if (result.unexpected.length > 0) {
    line(`6. Đơn vị không có trong danh sách phải nộp (${result.unexpected.length})`, {
      bold: true,
    });
    rows(result.unexpected.map((u, i) => ({ stt: i + 1, unit: u })));
  }
  const tableFindings = [result.target, ...result.totals].flatMap((t) =>
    t.findings.map((f) => ({ t, f }))
  );
  line(`Kiểm tra số liệu sau tổng hợp (${tableFindings.length})`, { bold: true });
  if (tableFindings.length === 0)
    line("Các quy tắc của biểu mẫu đều thỏa trên số liệu đã tổng hợp.", { italic: true });
  else {
    const sev = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" };
    rows(
      tableFindings.map(({ t, f }, i) => ({
        stt: i + 1,
        note: `${sev[f.severity]} — ${t.title}${f.cell ? `, ô ${f.cell}` : ""}: ${f.message}`,
      }))
    );
  }
  return {
    name: STATUS_SHEET,
    form: 0,
    columns: [6, 36, 22, 34, 22, 11, 9, 11, 50],
    landscape: true,
    cells,
    merges,
    validations: [],
    conditionalFormats: [],
    valueCells: [],
    headerRow: STATUS_HEADER_ROW,
    lastRow: r - 1,
  };
}
