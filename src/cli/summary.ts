import type { ConsolidationResult, FileToConfirm } from "../core/consolidate";
import { oneLine } from "./io";

/** The plain-text summary of `cchc consolidate` (the terminal strips control characters afterwards). */

const QUESTION: Record<FileToConfirm["question"], string> = {
  unit: "chưa rõ đơn vị",
  period: "chưa rõ kỳ báo cáo",
  value: "có giá trị cần xác nhận",
};

function hintOf(c: FileToConfirm): string {
  if (c.question === "unit") {
    const name = c.candidates[0] ?? "Tên đơn vị";
    return `để tổng hợp: --assign "${oneLine(c.file)}=${oneLine(name)}"`;
  }
  if (c.question === "period") return "kiểm tra kỳ báo cáo ghi trong tệp, sửa rồi tổng hợp lại";
  return "kiểm tra giá trị trong tệp với đơn vị, sửa rồi tổng hợp lại";
}

export function confirmLines(result: ConsolidationResult): string[] {
  if (result.toConfirm.length === 0) return [];
  const out = [`Cần xác nhận (${result.toConfirm.length} tệp, CHƯA được tổng hợp):`];
  for (const c of result.toConfirm) {
    out.push(`  - ${oneLine(c.file)}: ${QUESTION[c.question]} — ${oneLine(c.reason)}`);
    if (c.detected) out.push(`      tệp ghi: ${oneLine(c.detected)}`);
    if (c.candidates.length > 0)
      out.push(`      có thể là: ${c.candidates.map(oneLine).join("; ")}`);
    out.push(`      ${hintOf(c)}`);
  }
  return out;
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
      if (d.choice === "fewest-errors") {
        const others = (d.candidates ?? []).map((c) => c.file).filter((f) => f !== d.kept);
        out.push(
          `    CHÚ Ý: không phân biệt được tệp nào mới hơn; chương trình ĐÃ TỰ CHỌN ${oneLine(d.kept)} (ít lỗi nhất).`,
          `    Nếu cần tệp khác, chạy lại với --keep "${oneLine(others[0] ?? "tệp.xlsx")}".`
        );
      }
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
