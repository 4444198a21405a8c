import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from "@fluentui/react-components";
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
  checkNow: () => Promise<CheckOutcome | undefined>;
}

/** One click: the whole workbook is checked, with how its form set, unit and period were found. */
export function PreSendCheck({ port, checkNow }: PreSendCheckProps) {
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

  const report = result?.kind === "report" ? result.report : undefined;
  const writeSheet = () =>
    write.run("ghi trang kết quả kiểm tra", async () => {
      if (!report) return;
      const name = await port.writeFindingsSheet(report.findings, findingsSheetTitle(report));
      setWritten(name);
    });

  const period = report?.period ? parsePeriodId(report.period) : null;
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
      <ErrorBar message={check.error} />
      {result?.kind === "no-forms" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Không tìm thấy biểu mẫu để kiểm tra.</MessageBarTitle> {result.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {report && (
        <section aria-label="Kết quả kiểm tra trước khi gửi" data-testid="presend-result">
          <MessageBar intent={sendVerdict(report).level} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{sendVerdict(report).text}</MessageBarTitle> Tổng cộng:{" "}
              {summaryText(report.counts)}.
            </MessageBarBody>
          </MessageBar>
          <dl className={styles.dl}>
            <dt className={styles.dt}>Bộ biểu mẫu</dt>
            <dd className={styles.dd}>
              {report.formSetName}{" "}
              <span className={styles.how}>({PROVENANCE_LABELS[report.how.formSet]})</span>
            </dd>
            <dt className={styles.dt}>Đơn vị</dt>
            <dd className={styles.dd}>
              {report.unit ?? "—"}{" "}
              <span className={styles.how}>({PROVENANCE_LABELS[report.how.unit]})</span>
            </dd>
            <dt className={styles.dt}>Kỳ báo cáo</dt>
            <dd className={styles.dd}>
              {period ? periodLabel(period) : (report.period ?? "—")}{" "}
              <span className={styles.how}>({PROVENANCE_LABELS[report.how.period]})</span>
            </dd>
            <dt className={styles.dt}>Số liệu</dt>
            <dd className={styles.dd} data-testid="presend-completeness">
              {completenessSentence(report.completeness)}
            </dd>
          </dl>
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
            <MessageBar intent="success">
              <MessageBarBody>Đã ghi trang “{written}”.</MessageBarBody>
            </MessageBar>
          )}
          <ErrorBar message={write.error} />
        </section>
      )}
    </div>
  );
}
