import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Spinner,
} from "@fluentui/react-components";
import { TableAddRegular } from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import { periodLabel } from "../../core/period";
import { buildLayout, type WorkbookLayout } from "../../core/workbook/layout";
import type { Capabilities, ExcelPort, ExistingForms, InsertReport } from "../../excel/contract";
import { catalogOf, periodOf, type Selection } from "../selection";
import { useAsyncAction } from "../useAsyncAction";
import { SelectionFields } from "./SelectionFields";
import { TemplateDownload } from "./TemplateDownload";
import { ErrorBar } from "./ErrorBar";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: "12px" },
  actions: { display: "flex", flexWrap: "wrap", columnGap: "8px", rowGap: "8px" },
});

/** What an insert did, for the tab to show after the panel moves away. */
export interface InsertNote {
  text: string;
  notes: string[];
}

export interface InsertPanelProps {
  port: ExcelPort;
  caps: Capabilities;
  /** The insert button is the view's primary action (a workbook without forms). */
  primary: boolean;
  /** A new value (the workbook was checked again) clears an old failure. */
  workbookState?: unknown;
  selection: Selection;
  onSelectionChange: (s: Selection) => void;
  /** Called after forms were inserted or rebuilt (show the note, re-check the workbook). */
  onInserted: (note: InsertNote) => Promise<unknown>;
}

export function InsertPanel({
  port,
  caps,
  primary,
  workbookState,
  selection,
  onSelectionChange,
  onInserted,
}: InsertPanelProps) {
  const styles = useStyles();
  const { busy, error, setError, run } = useAsyncAction();
  useEffect(() => setError(undefined), [workbookState, setError]);
  const [unitMissing, setUnitMissing] = useState(false);
  const [pending, setPending] = useState<
    { layout: WorkbookLayout; existing: ExistingForms } | undefined
  >(undefined);
  const catalog = catalogOf(selection);

  const layoutOf = (): WorkbookLayout | undefined => {
    const unit = selection.unit.trim();
    if (!unit) {
      setUnitMissing(true);
      return undefined;
    }
    return buildLayout(catalog, { unit, period: periodOf(selection) });
  };

  const finish = async (report: InsertReport, rebuilt: boolean) => {
    const what = `${report.sheets.length} biểu mẫu (${catalog.set.name}, ${selection.unit.trim()}, ${periodLabel(periodOf(selection))})`;
    const notes: string[] = [];
    if (rebuilt) notes.push(`Đã nhập lại ${report.keptCells} ô số liệu và ghi chú đã có.`);
    if (report.keptSheets.length > 0) {
      notes.push(
        `Một số ô không khớp dòng nào của mẫu mới nên các trang cũ được giữ lại: ${report.keptSheets.map((s) => `“${s}”`).join(", ")}.`
      );
    }
    notes.push(...report.skipped);
    await onInserted({ text: rebuilt ? `Đã dựng lại ${what}.` : `Đã chèn ${what}.`, notes });
  };

  const insert = () =>
    run("chèn biểu mẫu", async () => {
      const layout = layoutOf();
      if (!layout) return;
      const existing = await port.findExisting(layout);
      if (existing.sheets.length > 0) {
        setPending({ layout, existing });
        return;
      }
      await finish(await port.insertForms(layout, "new"), false);
    });

  const rebuild = () => {
    const p = pending;
    setPending(undefined);
    if (!p) return Promise.resolve(false);
    return run("dựng lại biểu mẫu", async () => {
      await finish(await port.insertForms(p.layout, "rebuild-keep-values"), true);
    });
  };

  return (
    <div className={styles.form}>
      <SelectionFields
        selection={selection}
        unitMissing={unitMissing}
        onChange={(s) => {
          if (s.unit !== selection.unit) setUnitMissing(false);
          onSelectionChange(s);
        }}
      />
      <div className={styles.actions}>
        <Button
          appearance={primary ? "primary" : "secondary"}
          icon={busy ? <Spinner size="tiny" /> : <TableAddRegular />}
          disabled={busy}
          onClick={() => void insert()}
        >
          Chèn biểu mẫu
        </Button>
        {(!caps.dataValidation || !caps.conditionalFormats || !caps.api19) && (
          <TemplateDownload selection={selection} />
        )}
      </div>
      <ErrorBar message={error} onDismiss={() => setError(undefined)} />
      <Dialog
        open={pending !== undefined}
        modalType="alert"
        onOpenChange={(_, data) => {
          if (!data.open) setPending(undefined);
        }}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Sổ làm việc đã có biểu mẫu</DialogTitle>
            <DialogContent>
              {pending && (
                <>
                  <p>
                    Đã có các trang: {pending.existing.sheets.map((s) => `“${s}”`).join(", ")}
                    {pending.existing.filledCells > 0
                      ? `, với ${pending.existing.filledCells} ô đã nhập số liệu hoặc ghi chú.`
                      : "."}
                  </p>
                  {pending.existing.unmatchedCells > 0 && (
                    <p>
                      {pending.existing.unmatchedCells} ô không khớp dòng nào của mẫu mới: các trang
                      chứa chúng được giữ lại dưới tên mới có “(cũ)”.
                    </p>
                  )}
                  <p>
                    “Dựng lại cấu trúc, giữ số liệu” sẽ làm mới tiêu đề, các dòng, công thức và ràng
                    buộc, rồi nhập lại đúng các số liệu đã có theo mã dòng. Không số liệu nào bị
                    xóa.
                  </p>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void rebuild()}>
                Dựng lại cấu trúc, giữ số liệu
              </Button>
              <Button appearance="secondary" onClick={() => setPending(undefined)}>
                Hủy
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
