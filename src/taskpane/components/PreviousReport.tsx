import { Button, makeStyles, Spinner, tokens } from "@fluentui/react-components";
import { DismissRegular, HistoryRegular } from "@fluentui/react-icons";
import { useRef } from "react";
import { parsePeriodId, periodLabel } from "../../core/period";
import { checkWorkbookBytes, type UnitReport } from "../../core/report";
import { previousMismatch } from "../../core/rules/previousFit";
import { fileSizeProblem } from "../../core/xlsx/limits";
import { useAsyncAction } from "../useAsyncAction";
import { fileBytes } from "../unitFiles";
import { ErrorBar } from "./ErrorBar";
import { HiddenFileInput } from "./HiddenFileInput";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "6px" },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "4px", alignItems: "center" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
});

/** Reads the previous period's report picked by the officer; a bad file is an error naming it. */
async function readPrevious(file: File): Promise<UnitReport> {
  const tooBig = fileSizeProblem(file.size);
  if (tooBig) throw new Error(`${file.name}: ${tooBig}`);
  const report = await checkWorkbookBytes(file.name, await fileBytes(file));
  if (!report.ok) throw new Error(`${file.name}: ${report.error}`);
  return report;
}

export function previousLabel(r: UnitReport): string {
  const period = r.period ? parsePeriodId(r.period) : null;
  const parts = [r.unit, period ? periodLabel(period) : undefined].filter(Boolean);
  return parts.length > 0 ? `${r.file} (${parts.join(", ")})` : r.file;
}

export interface PreviousReportProps {
  previous: UnitReport | undefined;
  /** The open workbook's report: the previous one must be of the same unit and an earlier period. */
  current: UnitReport | undefined;
  onChange: (previous: UnitReport | undefined) => void;
}

/**
 * "So với báo cáo kỳ trước": the officer picks last period's file, and every check from then on also
 * checks the lũy kế rows against it (a cumulative number must not fall).
 */
export function PreviousReport({ previous, current, onChange }: PreviousReportProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const read = useAsyncAction();

  const pick = (file: File) =>
    read.run("đọc báo cáo kỳ trước", async () => {
      onChange(await readPrevious(file));
    });

  const mismatch = previous && current ? previousMismatch(current, previous) : undefined;
  return (
    <div className={styles.root}>
      <p className={styles.hint}>
        Chọn tệp báo cáo kỳ trước của đơn vị để kiểm tra các chỉ tiêu lũy kế không giảm so với kỳ
        trước. Tệp chỉ được đọc trên máy này.
      </p>
      <div className={styles.row}>
        <Button
          icon={read.busy ? <Spinner size="tiny" /> : <HistoryRegular />}
          disabled={read.busy}
          onClick={() => input.current?.click()}
        >
          {previous ? "Chọn tệp kỳ trước khác…" : "Chọn tệp báo cáo kỳ trước…"}
        </Button>
        {previous && (
          <Button icon={<DismissRegular />} onClick={() => onChange(undefined)}>
            Bỏ so sánh
          </Button>
        )}
      </div>
      {previous && !mismatch && (
        <p data-testid="previous-report">Đang so với: {previousLabel(previous)}.</p>
      )}
      {previous && mismatch && (
        <Notice
          intent="warning"
          title="Không dùng tệp kỳ trước này."
          resetKey={mismatch}
          testId="previous-mismatch"
        >
          {previousLabel(previous)}: {mismatch}
        </Notice>
      )}
      <HiddenFileInput
        ref={input}
        accept=".xlsx"
        label="Chọn tệp báo cáo kỳ trước (.xlsx)"
        testId="previous-file-input"
        onFiles={([file]) => void pick(file)}
      />
      <ErrorBar message={read.error} onDismiss={() => read.setError(undefined)} />
    </div>
  );
}
