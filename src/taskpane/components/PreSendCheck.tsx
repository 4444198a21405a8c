import { Button, makeStyles, Spinner, tokens } from "@fluentui/react-components";
import { ClipboardTaskListLtrRegular, DocumentTableRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { parsePeriodId, periodLabel } from "../../core/period";
import { completenessSentence } from "../../core/completeness";
import { sendVerdict, type UnitReport } from "../../core/report";
import type { ExcelPort } from "../../excel/contract";
import { PROVENANCE_LABELS, summaryText } from "../labels";
import { useAsyncAction } from "../useAsyncAction";
import type { CheckOutcome } from "../useWorkbookCheck";
import { ErrorBar } from "./ErrorBar";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "8px" },
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

export function findingsSheetTitle(r: UnitReport): string {
  const period = r.period ? parsePeriodId(r.period) : null;
  const parts = [r.formSetName, r.unit, period ? periodLabel(period) : undefined].filter(Boolean);
  return `Kết quả kiểm tra — ${parts.join(" — ")}`;
}

export interface PreSendCheckProps {
  port: ExcelPort;
  /** The workbook's current check: a result made from an older one is marked out of date. */
  outcome: CheckOutcome | undefined;
  checkNow: () => Promise<CheckOutcome | undefined>;
}

/** One click: the whole workbook is checked, with how its form set, unit and period were found. */
export function PreSendCheck({ port, outcome, checkNow }: PreSendCheckProps) {
  const styles = useStyles();
  const check = useAsyncAction();
  const write = useAsyncAction();
  const [result, setResult] = useState<CheckOutcome | undefined>(undefined);
  const [written, setWritten] = useState<string | undefined>(undefined);

  const runCheck = () =>
    check.run("kiểm tra sổ làm việc", async () => {
      setWritten(undefined);
      setResult(undefined);
      const outcome = await checkNow();
      if (!outcome) {
        throw new Error("Không đọc được sổ làm việc để kiểm tra: xem thông báo lỗi ở đầu ngăn.");
      }
      setResult(outcome);
    });

  const stale = result !== undefined && result !== outcome;
  const report = !stale && result?.kind === "report" ? result.report : undefined;
  const writeSheet = () =>
    write.run("ghi trang kết quả kiểm tra", async () => {
      if (!report) return;
      const name = await port.writeFindingsSheet(report.findings, findingsSheetTitle(report));
      setWritten(name);
    });

  const period = report?.period ? parsePeriodId(report.period) : null;
  const hows = report ? [report.how.formSet, report.how.unit, report.how.period] : [];
  const oneHow = hows.length > 0 && hows.every((h) => h === hows[0]) ? hows[0] : undefined;
  const how = (h: keyof typeof PROVENANCE_LABELS) =>
    oneHow ? null : <span className={styles.how}>({PROVENANCE_LABELS[h]})</span>;
  return (
    <div className={styles.root}>
      <div>
        <Button
          appearance="primary"
          icon={check.busy ? <Spinner size="tiny" /> : <ClipboardTaskListLtrRegular />}
          disabled={check.busy}
          onClick={() => void runCheck()}
        >
          Kiểm tra trước khi gửi
        </Button>
      </div>
      <ErrorBar message={check.error} onDismiss={() => check.setError(undefined)} />
      {stale && (
        <Notice intent="info" testId="presend-stale" onDismiss={() => setResult(undefined)}>
          Sổ làm việc đã thay đổi sau lần kiểm tra trước khi gửi: bấm lại để có kết quả mới.
        </Notice>
      )}
      {!stale && result?.kind === "no-forms" && (
        <Notice
          intent="warning"
          title="Không tìm thấy biểu mẫu để kiểm tra."
          onDismiss={() => setResult(undefined)}
        >
          {result.message}
        </Notice>
      )}
      {report && (
        <section aria-label="Kết quả kiểm tra trước khi gửi" data-testid="presend-result">
          <Notice
            intent={sendVerdict(report).level}
            title={sendVerdict(report).text}
            onDismiss={() => setResult(undefined)}
          >
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
          <div style={{ marginTop: "8px" }}>
            <Button
              icon={write.busy ? <Spinner size="tiny" /> : <DocumentTableRegular />}
              disabled={write.busy}
              onClick={() => void writeSheet()}
            >
              Ghi trang “Kết quả kiểm tra”
            </Button>
          </div>
          {written && (
            <Notice intent="success" resetKey={written} onDismiss={() => setWritten(undefined)}>
              Đã ghi trang “{written}”.
            </Notice>
          )}
          <ErrorBar message={write.error} onDismiss={() => write.setError(undefined)} />
        </section>
      )}
    </div>
  );
}
