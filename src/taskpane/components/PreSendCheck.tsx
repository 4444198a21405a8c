import { Button, makeStyles, Spinner } from "@fluentui/react-components";
import { ClipboardTaskListLtrRegular, DocumentTableRegular } from "@fluentui/react-icons";
import { useState } from "react";
import type { ExcelPort } from "../../excel/contract";
import { useAsyncAction } from "../useAsyncAction";
import type { CheckOutcome } from "../useWorkbookCheck";
import { ErrorBar } from "./ErrorBar";
import { Notice } from "./Notice";
import { findingsSheetTitle, ReportSummary } from "./ReportSummary";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "8px" },
});

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
          <ReportSummary report={report} onDismiss={() => setResult(undefined)} />
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
