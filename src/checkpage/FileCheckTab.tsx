import { Button, Field, makeStyles, ProgressBar, tokens } from "@fluentui/react-components";
import { ArrowUploadRegular, DeleteRegular } from "@fluentui/react-icons";
import { useEffect, useMemo, useRef, useState } from "react";
import { getFormSet } from "../core/forms/catalog";
import { previousMismatch } from "../core/rules/previousFit";
import { withPreviousFindings, type FileReport, type UnitReport } from "../core/report";
import { ErrorBar } from "../taskpane/components/ErrorBar";
import { FileDropZone } from "../taskpane/components/FileDropZone";
import { HiddenFileInput } from "../taskpane/components/HiddenFileInput";
import { PreviousReport } from "../taskpane/components/PreviousReport";
import { SelectionFields } from "../taskpane/components/SelectionFields";
import { TemplateDownload } from "../taskpane/components/TemplateDownload";
import { defaultSelection, selectionFromReport, type Selection } from "../taskpane/selection";
import { useAsyncAction } from "../taskpane/useAsyncAction";
import { nextFrame } from "../taskpane/unitFiles";
import { checkPickedFile } from "./checkFile";
import { FileResult } from "./FileResult";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: "16px", paddingTop: "8px" },
  section: { display: "flex", flexDirection: "column", rowGap: "8px" },
  h2: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: "8px 0 0",
  },
  row: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "8px", alignItems: "center" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: 0 },
});

interface Checked {
  key: string;
  report: FileReport;
}

let nextKey = 0;

/** "Kiểm tra tệp": the pane's pre-send check for files picked or dropped here, one report per file. */
export function FileCheckTab() {
  const styles = useStyles();
  const [checked, setChecked] = useState<Checked[]>([]);
  const [previous, setPrevious] = useState<UnitReport | undefined>(undefined);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [selection, setSelection] = useState<Selection>(() => defaultSelection());
  const edited = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const reading = useAsyncAction();

  const addFiles = (list: File[]) =>
    reading
      .run("đọc các tệp", async () => {
        setProgress({ done: 0, total: list.length });
        const read: Checked[] = [];
        for (const file of list) {
          await nextFrame();
          read.push({ key: `f${nextKey++}`, report: await checkPickedFile(file) });
          setProgress({ done: read.length, total: list.length });
        }
        // A file picked again (after a fix) replaces its earlier result.
        setChecked((current) => [
          ...read,
          ...current.filter((c) => !read.some((r) => r.report.file === c.report.file)),
        ]);
      })
      .finally(() => setProgress(undefined));

  // Last period's file, when picked, adds the lũy kế findings to every report shown.
  const shown = useMemo(
    () =>
      checked.map((c) => {
        if (!previous || !c.report.ok) return { ...c, previousNote: undefined };
        const mismatch = previousMismatch(c.report, previous);
        if (mismatch) return { ...c, previousNote: `Không so với kỳ trước: ${mismatch}` };
        const catalog = getFormSet(c.report.formSet);
        return {
          ...c,
          report: withPreviousFindings(c.report, previous, catalog),
          previousNote: undefined,
        };
      }),
    [checked, previous]
  );

  // Until the officer edits the template form, it follows the latest readable file.
  const latest = checked.find((c) => c.report.ok)?.report;
  useEffect(() => {
    if (edited.current || !latest?.ok) return;
    setSelection((s) => selectionFromReport(s, latest));
  }, [latest]);

  return (
    <div className={styles.root}>
      <section className={styles.section} aria-labelledby="h-check-files">
        <h2 id="h-check-files" className={styles.h2}>
          Tệp cần kiểm tra
        </h2>
        <FileDropZone
          label="Vùng kéo thả tệp .xlsx cần kiểm tra"
          prompt="Kéo thả các tệp .xlsx vào đây, hoặc:"
          testId="check-drop-zone"
          onFiles={(list) => void addFiles(list)}
        >
          <div className={styles.row}>
            <Button
              appearance="primary"
              icon={<ArrowUploadRegular />}
              disabled={reading.busy}
              onClick={() => input.current?.click()}
            >
              Chọn tệp .xlsx cần kiểm tra…
            </Button>
            {checked.length > 0 && (
              <Button
                icon={<DeleteRegular />}
                disabled={reading.busy}
                onClick={() => setChecked([])}
              >
                Bỏ hết {checked.length} tệp
              </Button>
            )}
          </div>
          <HiddenFileInput
            ref={input}
            accept=".xlsx"
            multiple
            label="Chọn các tệp .xlsx cần kiểm tra"
            testId="check-files-input"
            onFiles={(list) => void addFiles(list)}
          />
        </FileDropZone>
        <p className={styles.hint}>
          Tệp được kiểm tra như nút “Kiểm tra trước khi gửi” của ngăn Biểu mẫu CCHC trong Excel. Tệp
          không bị thay đổi. Sửa xong, chọn lại tệp để kiểm tra lại: kết quả cũ được thay.
        </p>
        {progress && (
          <Field
            label="Đang kiểm tra tệp"
            validationState="none"
            validationMessage={`Đã kiểm tra ${progress.done}/${progress.total} tệp…`}
          >
            <ProgressBar value={progress.total ? progress.done / progress.total : 0} max={1} />
          </Field>
        )}
        <ErrorBar message={reading.error} />
      </section>

      <section className={styles.section} aria-labelledby="h-check-previous">
        <h2 id="h-check-previous" className={styles.h2}>
          So với báo cáo kỳ trước
        </h2>
        <PreviousReport
          previous={previous}
          current={latest?.ok ? latest : undefined}
          onChange={setPrevious}
        />
      </section>

      {shown.length > 0 && (
        <section className={styles.section} aria-labelledby="h-check-results">
          <h2 id="h-check-results" className={styles.h2}>
            Kết quả kiểm tra ({shown.length} tệp)
          </h2>
          {shown.map((c) => (
            <FileResult
              key={c.key}
              report={c.report}
              previousNote={c.previousNote}
              onRemove={() => setChecked((list) => list.filter((x) => x.key !== c.key))}
            />
          ))}
        </section>
      )}

      <section className={styles.section} aria-labelledby="h-check-template">
        <h2 id="h-check-template" className={styles.h2}>
          Tải tệp mẫu
        </h2>
        <p className={styles.hint}>
          Tệp mẫu .xlsx có sẵn các ràng buộc nhập liệu, dùng được trong Excel 2010 trở lên, WPS
          Office và LibreOffice.
        </p>
        <SelectionFields
          selection={selection}
          onChange={(s) => {
            edited.current = true;
            setSelection(s);
          }}
        />
        <TemplateDownload selection={selection} />
      </section>
    </div>
  );
}
