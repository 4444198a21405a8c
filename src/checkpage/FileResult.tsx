import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import { useId } from "react";
import type { FileReport } from "../core/report";
import { DownloadButton } from "../taskpane/components/DownloadButton";
import { FindingsList } from "../taskpane/components/FindingsList";
import { findingsSheetTitle, ReportSummary } from "../taskpane/components/ReportSummary";
import { XLSX_MIME } from "../taskpane/template";
import { findingsFileName } from "./checkFile";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
    padding: "12px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: "8px",
    rowGap: "4px",
  },
  h3: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    overflowWrap: "anywhere",
  },
});

async function findingsFile(report: FileReport & { ok: true }) {
  const { writeFindingsFile } = await import(
    /* webpackChunkName: "findings-file" */ "../core/xlsx/findingsFile"
  );
  const bytes = await writeFindingsFile(report.findings, findingsSheetTitle(report));
  return {
    blob: new Blob([new Uint8Array(bytes)], { type: XLSX_MIME }),
    fileName: findingsFileName(report.file),
  };
}

/** One checked file: the pre-send verdict, where its form set, unit and period came from, its findings. */
export interface FileResultProps {
  report: FileReport;
  /** Why last period's file was not compared with this one (other unit, a period not earlier…). */
  previousNote?: string;
  onRemove: () => void;
}

export function FileResult({ report, previousNote, onRemove }: FileResultProps) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.card} aria-labelledby={id} data-testid="file-result">
      <div className={styles.head}>
        <h3 id={id} className={styles.h3}>
          {report.file}
        </h3>
        <Button
          size="small"
          appearance="subtle"
          icon={<DismissRegular />}
          onClick={onRemove}
          aria-label={`Bỏ tệp ${report.file}`}
        >
          Bỏ tệp
        </Button>
      </div>
      {!report.ok ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Không kiểm tra được tệp này.</MessageBarTitle> {report.error}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <ReportSummary report={report} />
          {previousNote && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{previousNote}</MessageBarBody>
            </MessageBar>
          )}
          {report.findings.length === 0 ? (
            <p>Không có lỗi hay cảnh báo nào.</p>
          ) : (
            <FindingsList findings={report.findings} formSet={report.formSet} headingLevel={4} />
          )}
          <DownloadButton
            label="Tải kết quả kiểm tra .xlsx"
            action="tạo tệp kết quả kiểm tra"
            done="Đã tạo tệp kết quả kiểm tra."
            build={() => findingsFile(report)}
          />
        </>
      )}
    </section>
  );
}
