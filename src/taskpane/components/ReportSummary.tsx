import { makeStyles, tokens } from "@fluentui/react-components";
import { completenessSentence } from "../../core/completeness";
import { parsePeriodId, periodLabel } from "../../core/period";
import { sendVerdict, type UnitReport } from "../../core/report";
import { PROVENANCE_LABELS, summaryText } from "../labels";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  dl: {
    margin: 0,
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: "8px",
    rowGap: "4px",
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0 },
  how: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** `Kết quả kiểm tra — Sở, ban, ngành — Sở Tư pháp — Quý I năm 2024`. */
export function findingsSheetTitle(r: UnitReport): string {
  const period = r.period ? parsePeriodId(r.period) : null;
  const parts = [r.formSetName, r.unit, period ? periodLabel(period) : undefined].filter(Boolean);
  return `Kết quả kiểm tra — ${parts.join(" — ")}`;
}

/**
 * A checked report at a glance: whether it is ready to send, its form set, unit and period with where each
 * came from (said once when all three came from the same place), and how much is filled. Shared by the pane's
 * pre-send check and the checking page.
 */
export function ReportSummary({
  report,
  onDismiss,
}: {
  report: UnitReport;
  onDismiss?: () => void;
}) {
  const styles = useStyles();
  const verdict = sendVerdict(report);
  const period = report.period ? parsePeriodId(report.period) : null;
  const hows = [report.how.formSet, report.how.unit, report.how.period];
  const oneHow = hows.every((h) => h === hows[0]) ? hows[0] : undefined;
  const how = (h: keyof typeof PROVENANCE_LABELS) =>
    oneHow ? null : <span className={styles.how}>({PROVENANCE_LABELS[h]})</span>;
  return (
    <>
      <Notice intent={verdict.level} title={verdict.text} onDismiss={onDismiss}>
        Tổng cộng: {summaryText(report.counts)}.
      </Notice>
      <dl className={styles.dl}>
        <dt className={styles.dt}>Bộ biểu mẫu</dt>
        <dd className={styles.dd}>
          {report.formSetName} {how(report.how.formSet)}
        </dd>
        <dt className={styles.dt}>Đơn vị</dt>
        <dd className={styles.dd}>
          {report.unit ?? "—"} {how(report.how.unit)}
        </dd>
        <dt className={styles.dt}>Kỳ báo cáo</dt>
        <dd className={styles.dd}>
          {period ? periodLabel(period) : (report.period ?? "—")} {how(report.how.period)}
        </dd>
        <dt className={styles.dt}>Số liệu</dt>
        <dd className={styles.dd} data-testid="presend-completeness">
          {completenessSentence(report.completeness)}
        </dd>
      </dl>
      {oneHow && (
        <p className={styles.how} style={{ margin: 0 }}>
          Bộ biểu mẫu, đơn vị và kỳ: {PROVENANCE_LABELS[oneHow]}.
        </p>
      )}
    </>
  );
}
