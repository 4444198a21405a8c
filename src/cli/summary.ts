import { attentionLines, type AttentionHints, type ConsolidationResult } from "../core/consolidate";
import { oneLine } from "./io";

/** The plain-text summary of `cchc consolidate` (the terminal strips control characters afterwards). */

/** The officer's answers are this command's options. */
const HINTS: AttentionHints = {
  assign: (file, unit) => `--assign "${file}=${unit}"`,
  keep: (file) => `--keep "${file}"`,
};

/** Files to confirm, duplicate choices and values not summed, with the options that answer them. */
export function confirmLines(result: ConsolidationResult): string[] {
  return attentionLines(result, HINTS);
}

export function summaryText(result: ConsolidationResult, output: string | undefined): string {
  const out: string[] = [];
  const bySet = result.sets
    .filter((s) => s.units > 0)
    .map((s) => `${s.units} ${s.name}`)
    .join("; ");
  out.push(
    `Tổng hợp ${result.periodLabel}: ${result.units.length} đơn vị${bySet ? ` (${bySet})` : ""}.`
  );
  out.push(...confirmLines(result));
  const withErrors = result.units.filter((u) => u.errors > 0);
  if (withErrors.length > 0) {
    out.push(`Đơn vị có lỗi (vẫn được tổng hợp, cần xem lại): ${withErrors.length}`);
    for (const u of withErrors)
      out.push(
        `  - ${oneLine(u.unit)} (${oneLine(u.file)}): ${u.errors} lỗi, ${u.warnings} cảnh báo`
      );
  }
  if (result.excluded.length > 0) {
    out.push(`Tệp bị loại: ${result.excluded.length}`);
    for (const x of result.excluded) out.push(`  - ${oneLine(x.file)}: ${oneLine(x.reason)}`);
  }
  if (result.duplicates.length > 0) {
    out.push(`Đơn vị gửi nhiều lần: ${result.duplicates.length}`);
    for (const d of result.duplicates) {
      out.push(`  - ${oneLine(d.unit)}: ${oneLine(d.reason)}`);
    }
  }
  if (result.expected) {
    out.push(
      result.missing.length > 0
        ? `Chưa nộp (${result.missing.length}/${result.expected.length}): ${result.missing.map(oneLine).join(", ")}`
        : `Đã nhận đủ ${result.expected.length} đơn vị trong danh sách.`
    );
    if (result.unexpected.length > 0) {
      out.push(`Không có trong danh sách: ${result.unexpected.map(oneLine).join(", ")}`);
    }
  }
  const rows = result.target.rows.filter((r) => r.kind !== "header");
  const manual = rows.filter((r) => r.status === "manual").length;
  const pending = rows.filter((r) => r.status === "pending").length;
  out.push(
    `Biểu tỉnh: ${rows.length - manual - pending} dòng tự tính, ${manual} dòng nhập tay, ${pending} dòng tự tính sau khi nhập tay (xem cột “Cách tính”).`
  );
  const checks = [result.target, ...result.totals].reduce((n, t) => n + t.findings.length, 0);
  if (checks > 0)
    out.push(
      `Kiểm tra số liệu sau tổng hợp: ${checks} điểm cần xem (trang “Tình hình nộp báo cáo”).`
    );
  if (output) out.push(`Đã ghi ${output}.`);
  return `${out.join("\n")}\n`;
}
