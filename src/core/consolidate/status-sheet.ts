import { STATUS_SHEET } from "../workbook/consolidated";
import { emptyFormsNote } from "../completeness";
import { type CellStyle, type LayoutCell, type SheetLayout } from "../workbook/layout";
import { columnLetter } from "../workbook/snapshot";
import { type ConsolidationResult } from "./types";
import { BORDERED, HEADER, RED, TEXT } from "./sheet-style";
import { dateText, periodLine, unitsSummary } from "./explain";

/** Renderer of “Tình hình nộp báo cáo”: files to confirm, units, missing, excluded, duplicates, values not summed. */

export function statusSheet(result: ConsolidationResult): SheetLayout {
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  let r = 1;
  const line = (text: string, style: CellStyle = {}) => {
    cells.push({ address: `A${r}`, value: text, style: { wrap: true, ...style } });
    merges.push(`A${r}:H${r}`);
    r++;
  };
  const table = (headers: string[], rows: (string | number | undefined)[][]) => {
    headers.forEach((h, i) =>
      cells.push({ address: `${columnLetter(i)}${r}`, value: h, style: HEADER })
    );
    r++;
    for (const row of rows) {
      row.forEach((v, i) =>
        cells.push({
          address: `${columnLetter(i)}${r}`,
          value: v,
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
  r++;
  if (result.toConfirm.length > 0) {
    line(`CẦN XÁC NHẬN: ${result.toConfirm.length} tệp chưa được tổng hợp`, {
      bold: true,
      fill: RED,
    });
    const question = { unit: "Đơn vị", period: "Kỳ báo cáo", value: "Giá trị" };
    table(
      ["STT", "Tệp", "Cần xác nhận", "Tệp ghi", "Có thể là", "Lý do"],
      result.toConfirm.map((c, i) => [
        i + 1,
        c.file,
        question[c.question],
        c.detected ?? "",
        c.candidates.join("; "),
        c.reason,
      ])
    );
    r++;
  }

  const dup = new Map(result.duplicates.map((d) => [d.kept, d]));
  line(`1. Đơn vị đã tổng hợp (${result.units.length})`, { bold: true });
  table(
    [
      "STT",
      "Đơn vị",
      "Loại biểu mẫu",
      "Tệp",
      "Ngày của tệp",
      "Chỉ tiêu đã nhập",
      "Số lỗi",
      "Số cảnh báo",
      "Ghi chú",
    ],
    result.units.map((u, i) => {
      const notes: string[] = [];
      if (u.expected === false) notes.push("Không có trong danh sách đơn vị phải nộp.");
      const d = dup.get(u.file);
      if (d) notes.push(`Gửi ${d.dropped.length + 1} tệp; dùng tệp này.`);
      if (u.errors > 0) notes.push("Có lỗi: xem kết quả kiểm tra của tệp.");
      const blank = emptyFormsNote(u.emptyForms);
      if (blank) notes.push(blank);
      return [
        i + 1,
        u.unit,
        u.formSetName,
        u.file,
        dateText(u),
        `${u.filled}/${u.total}`,
        u.errors,
        u.warnings,
        notes.join(" "),
      ];
    })
  );
  r++;
  line(`2. Đơn vị chưa nộp (${result.missing.length})`, { bold: true });
  if (!result.expected) line(expectedText, { italic: true });
  else {
    table(
      ["STT", "Đơn vị", "Ghi chú"],
      result.expected
        .filter((e) => !e.received)
        .map((e, i) => [
          i + 1,
          e.name,
          [
            e.toConfirmFiles?.length
              ? `Có thể là tệp cần xác nhận: ${e.toConfirmFiles.join(", ")}.`
              : "",
            e.excludedFiles.length ? `Có tệp bị loại: ${e.excludedFiles.join(", ")}` : "",
          ]
            .filter(Boolean)
            .join(" ") || "Chưa nhận được tệp.",
        ])
    );
  }
  r++;
  line(`3. Tệp bị loại (${result.excluded.length})`, { bold: true });
  table(
    ["STT", "Tệp", "Đơn vị", "Lý do"],
    result.excluded.map((x, i) => [i + 1, x.file, x.unit ?? "", x.reason])
  );
  r++;
  line(`4. Đơn vị gửi nhiều lần (${result.duplicates.length})`, { bold: true });
  table(
    ["STT", "Đơn vị", "Tệp được dùng", "Tệp bỏ qua", "Lý do"],
    result.duplicates.map((d, i) => [i + 1, d.unit, d.kept, d.dropped.join(", "), d.reason])
  );
  r++;
  line(`5. Số liệu không được cộng (${result.notSummed.length})`, { bold: true });
  if (result.notSummed.length === 0) {
    line("Không có giá trị nào bị bỏ khỏi tổng.", { italic: true });
  } else {
    line(
      "Các giá trị này có lỗi (không đọc được, không hợp với loại chỉ tiêu, hoặc không rõ nghĩa): không được cộng; đơn vị được tính là chưa có số liệu ở dòng đó.",
      { italic: true }
    );
    table(
      ["STT", "Đơn vị", "Tệp", "Ô", "Chỉ tiêu", "Lý do"],
      result.notSummed.map((n, i) => [i + 1, n.unit, n.file, n.cell ?? "", n.key, n.reason])
    );
  }
  if (result.unexpected.length > 0) {
    r++;
    line(`6. Đơn vị không có trong danh sách phải nộp (${result.unexpected.length})`, {
      bold: true,
    });
    table(
      ["STT", "Đơn vị"],
      result.unexpected.map((u, i) => [i + 1, u])
    );
  }
  const tableFindings = [result.target, ...result.totals].flatMap((t) =>
    t.findings.map((f) => ({ t, f }))
  );
  r++;
  line(`Kiểm tra số liệu sau tổng hợp (${tableFindings.length})`, { bold: true });
  if (tableFindings.length === 0)
    line("Các quy tắc của biểu mẫu đều thỏa trên số liệu đã tổng hợp.", { italic: true });
  else {
    const sev = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" };
    table(
      ["STT", "Bảng", "Ô", "Mức", "Nội dung"],
      tableFindings.map(({ t, f }, i) => [i + 1, t.title, f.cell ?? "", sev[f.severity], f.message])
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
    headerRow: 2,
    lastRow: r - 1,
  };
}
