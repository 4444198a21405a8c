import { type RowKind } from "../forms/schema";
import { formatVietnameseNumber } from "../values/number";
import { type CellValue } from "../values/types";
import { formatVietnamTime } from "./time";
import {
  type Answers,
  type ConsolidatedRow,
  type ConsolidationResult,
  type FileToConfirm,
  type ReferenceFigure,
  type UnitEntry,
} from "./types";

/** Explanation texts of the consolidation sheets: summaries, how a value is obtained, dates. */

/** `3 đơn vị được tổng hợp; 2 tệp bị loại; 1 tệp trùng; 1 đơn vị chưa nộp.` (the last part with a list only). */
export function submissionSummary(result: ConsolidationResult): string {
  const droppedFiles = result.duplicates.reduce((n, d) => n + d.dropped.length, 0);
  const missing = result.expected ? `; ${result.missing.length} đơn vị chưa nộp` : "";
  const confirm = result.toConfirm.length
    ? `${result.toConfirm.length} tệp cần xác nhận (chưa tổng hợp); `
    : "";
  const chosen = result.duplicates.filter((d) => d.choice === "fewest-errors").length;
  const choice = chosen ? ` (${chosen} đơn vị cần xác nhận tệp được giữ)` : "";
  return `${confirm}${result.units.length} đơn vị được tổng hợp; ${result.excluded.length} tệp bị loại; ${droppedFiles} tệp trùng${choice}${missing}.`;
}

export function unitsSummary(result: ConsolidationResult): string {
  const parts = result.sets.filter((s) => s.units > 0).map((s) => `${s.units} ${s.name}`);
  return `${result.units.length} đơn vị${parts.length ? ` (${parts.join("; ")})` : ""}`;
}

export function periodLine(result: ConsolidationResult): string {
  return `Kỳ báo cáo: ${result.periodLabel} (từ ${result.window.from} đến ${result.window.to})`;
}

export const LEGEND =
  "Nền xanh lá: tự tính từ báo cáo của đơn vị; nền vàng: nhập tay; nền xanh dương: tự tính khi đã nhập tay đủ các ô cần; nền xám: không tổng hợp.";

export function fmtValue(v: CellValue, kind?: RowKind): string {
  switch (v.kind) {
    case "number":
      return `${formatVietnameseNumber(v.value, v.decimals > 0 ? v.decimals : undefined)}${kind === "percent" ? "%" : ""}`;
    case "pair":
      return `${formatVietnameseNumber(v.a)}/${formatVietnameseNumber(v.b)}`;
    case "text":
      return v.text;
    default:
      return "(trống)";
  }
}

export function answersText(a: Answers, of: number): string {
  const groups = a.groups.map(
    (g) => `${g.label} (${g.code}): ${g.units.length} đơn vị — ${g.units.join(", ")}`
  );
  const answered = a.groups.reduce((n, g) => n + g.units.length, 0);
  if (of > answered) groups.push(`Để trống: ${of - answered} đơn vị`);
  return groups.join("; ");
}

export function referenceText(ref: ReferenceFigure): string {
  const value = ref.answers || ref.value.kind === "blank" ? "" : ` ${fmtValue(ref.value)} —`;
  const answers = ref.answers && ref.reported > 0 ? ` ${answersText(ref.answers, ref.of)}.` : "";
  return `Tham khảo:${value} ${ref.how} Có số liệu: ${ref.reported}/${ref.of} đơn vị.${answers}`;
}

/** Column F: how the value was obtained, who reported, who answered what. */
export function howText(r: ConsolidatedRow): string {
  const prefix =
    r.status === "computed" ? "Tự tính: " : r.status === "pending" ? "Công thức: " : "";
  const parts = [prefix + r.how];
  if ((r.status === "computed" || r.status === "pending") && r.of > 0) {
    parts.push(`Có số liệu: ${r.reported}/${r.of} đơn vị.`);
    if (r.status === "computed" && r.reported === 0) {
      parts.push("Chưa đơn vị nào ghi số liệu: để trống, không phải 0.");
    }
  }
  if (r.status === "computed" && r.of === 0 && r.value.kind === "blank") {
    parts.push("Chưa có đơn vị nào thuộc loại này được tổng hợp.");
  }
  if (r.remark) parts.push(r.remark);
  if (r.answers && r.reported > 0) parts.push(`${answersText(r.answers, r.of)}.`);
  if (r.reference) parts.push(referenceText(r.reference));
  return parts.join(" ");
}

export function dateText(u: UnitEntry): string {
  if (!u.date) return "";
  return `${formatVietnamTime(u.date)} (${u.dateSource === "workbook" ? "ghi trong tệp" : "ngày sửa tệp"})`;
}

/** How a text summary tells the officer to answer (the CLI's options); without it no command is shown. */
export interface AttentionHints {
  /** How to assign `file` to `unit`, e.g. `--assign "a.xlsx=Sở Y tế"`. */
  assign?: (file: string, unit: string) => string;
  /** How to keep `file` among a unit's copies, e.g. `--keep "a.xlsx"`. */
  keep?: (file: string) => string;
}

const QUESTION: Record<FileToConfirm["question"], string> = {
  unit: "chưa rõ đơn vị",
  period: "chưa rõ kỳ báo cáo",
  value: "có giá trị cần xác nhận",
};

/** One line of text: a file's line breaks never forge lines of the summary. */
const flat = (s: string | undefined) => (s ?? "").replace(/[\r\n\u2028\u2029]+/g, " ");

/** The concrete answer for a file to confirm, when the reason does not already give it. */
function answerOf(c: FileToConfirm, hints: AttentionHints): string | undefined {
  if (c.question === "unit") {
    const name = c.candidates[0];
    return hints.assign && name
      ? `để tổng hợp là ${flat(name)}: ${hints.assign(flat(c.file), flat(name))}`
      : undefined;
  }
  if (c.question === "period") return "kiểm tra kỳ báo cáo ghi trong tệp, sửa rồi tổng hợp lại";
  return "kiểm tra giá trị trong tệp với đơn vị, sửa rồi tổng hợp lại";
}

/**
 * What the officer must look at, as plain lines for a text summary (CLI), each said once: files to confirm
 * (question, reason, what the file says, candidates, how to answer), duplicates kept for fewest errors (how to
 * keep another copy), values not summed (file, unit, cell, reason). Empty when there is none.
 */
export function attentionLines(result: ConsolidationResult, hints: AttentionHints = {}): string[] {
  const out: string[] = [];
  if (result.toConfirm.length > 0) {
    out.push(`CẦN XÁC NHẬN — ${result.toConfirm.length} tệp chưa được tổng hợp:`);
    for (const c of result.toConfirm) {
      const maybe =
        c.candidates.length > 0 ? ` Có thể là: ${c.candidates.map(flat).join("; ")}.` : "";
      out.push(`  - ${flat(c.file)}: ${QUESTION[c.question]} — ${flat(c.reason)}${maybe}`);
      if (c.detected) out.push(`      tệp ghi: ${flat(c.detected)}`);
      const answer = answerOf(c, hints);
      if (answer) out.push(`      ${answer}`);
    }
  }
  const chosen = result.duplicates.filter((d) => d.choice === "fewest-errors");
  if (chosen.length > 0) {
    out.push(
      `CẦN XÁC NHẬN — ${chosen.length} đơn vị gửi nhiều tệp không phân biệt được bằng ngày:`
    );
    for (const d of chosen) {
      const other = (d.candidates ?? []).map((c) => c.file).find((f) => f !== d.kept);
      out.push(
        `  - ${flat(d.unit)}: ĐÃ TỰ CHỌN ${flat(d.kept)} (ít lỗi nhất); bỏ ${d.dropped.map(flat).join(", ")}.`
      );
      if (other && hints.keep) out.push(`      nếu cần tệp khác: ${hints.keep(flat(other))}`);
    }
  }
  if (result.notSummed.length > 0) {
    out.push(
      `Số liệu không được cộng (có lỗi; đơn vị được tính là chưa có số liệu ở dòng đó): ${result.notSummed.length}`
    );
    for (const n of result.notSummed) {
      out.push(
        `  - ${flat(n.file)} (${flat(n.unit)}), ${rowName(n.key)}, ô ${flat(n.cell ?? "?")}: ${flat(n.reason)}`
      );
    }
  }
  return out;
}

/** `3:1.1` → `Biểu mẫu 3, dòng 1.1`. */
function rowName(key: string): string {
  const [form, code] = key.split(":");
  return `Biểu mẫu ${form}, dòng ${code}`;
}
