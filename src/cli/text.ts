import { parsePeriodId, periodLabel } from "../core/period";
import { completenessSentence } from "../core/completeness";
import { sendVerdict, type FileReport } from "../core/report";
import type { Provenance } from "../core/workbook/recognize";
import { SEVERITY_LABELS } from "../core/rules/types";
import { oneLine } from "./io";

const HOW: Record<Provenance, string> = {
  metadata: "theo thông tin trong tệp",
  content: "nhận ra từ nội dung",
  option: "theo tham số dòng lệnh",
  none: "không xác định được",
};

function periodText(p: string | undefined): string {
  const parsed = p ? parsePeriodId(p) : null;
  return parsed ? periodLabel(parsed) : "(chưa rõ)";
}

/** The Vietnamese plain-text report of `cchc validate`; `previous` is the report given with --previous. */
export function formatReportText(reports: FileReport[], previous?: FileReport): string {
  const out: string[] = [];
  if (previous && !previous.ok) {
    out.push(
      `Báo cáo kỳ trước ${oneLine(previous.file)}: KHÔNG ĐỌC ĐƯỢC — ${oneLine(previous.error)}`,
      "Các tệp dưới đây được kiểm tra mà không so sánh với kỳ trước.",
      ""
    );
  }
  for (const r of reports) {
    if (!r.ok) {
      out.push(`${oneLine(r.file)}: KHÔNG ĐỌC ĐƯỢC — ${oneLine(r.error)}`, "");
      continue;
    }
    out.push(oneLine(r.file));
    out.push(`  Bộ biểu mẫu: ${r.formSetName} (${r.formSet}) — ${HOW[r.how.formSet]}`);
    out.push(`  Đơn vị: ${r.unit ? oneLine(r.unit) : "(chưa rõ)"} — ${HOW[r.how.unit]}`);
    out.push(`  Kỳ báo cáo: ${periodText(r.period)} — ${HOW[r.how.period]}`);
    if (previous?.ok) {
      const unit = previous.unit ?? "(chưa rõ đơn vị)";
      out.push(
        `  So với báo cáo kỳ trước: ${oneLine(previous.file)} (${unit}, ${periodText(previous.period)})`
      );
    }
    const { errors, warnings, infos } = r.counts;
    out.push(`  Số liệu: ${completenessSentence(r.completeness)}`);
    out.push(`  Kết quả: ${errors} lỗi, ${warnings} cảnh báo${infos ? `, ${infos} lưu ý` : ""}`);
    out.push(`  ${sendVerdict(r).text}`);
    for (const f of r.findings) {
      const place = f.cell ?? `Biểu mẫu ${f.form}`;
      const row = f.row ? ` dòng ${f.row}` : "";
      out.push(
        `  - ${SEVERITY_LABELS[f.severity].toUpperCase()} [${place}] BM${f.form}${row}: ${oneLine(f.message)} (${f.rule})`
      );
    }
    out.push("");
  }
  const bad = reports.filter((r) => !r.ok).length;
  const withErrors = reports.filter((r) => r.ok && r.counts.errors > 0).length;
  out.push(`Tổng cộng ${reports.length} tệp: ${withErrors} tệp có lỗi, ${bad} tệp không đọc được.`);
  return `${out.join("\n")}\n`;
}
