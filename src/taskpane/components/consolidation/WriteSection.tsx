import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  ProgressBar,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { TableSimpleIncludeRegular } from "@fluentui/react-icons";
import type { ExcelPort } from "../../../excel/contract";
import { buildConsolidationFile } from "../../template";
import type { Consolidation } from "../../useConsolidation";
import { DownloadButton } from "../DownloadButton";
import { ErrorBar } from "../ErrorBar";
import { Notice } from "../Notice";
import { useSectionStyles } from "./styles";

/** Writing the result into the open workbook (with a port) and downloading it as a file. */
export function WriteSection({ c, port }: { c: Consolidation; port: ExcelPort | undefined }) {
  const s = useSectionStyles();
  const { mod, result } = c;
  const included = result?.units.length ?? 0;
  const p = c.writeProgress;
  const written = c.written;
  const stale = written !== undefined && written.result !== result;
  const canReplace = port?.removeSheets !== undefined;
  return (
    <section className={s.section} aria-labelledby="h-cons-write">
      <h2 id="h-cons-write" className={s.h2}>
        Kết quả tổng hợp
      </h2>
      <div className={s.row}>
        {port && (
          <Button
            appearance="primary"
            icon={c.writing.busy ? <Spinner size="tiny" /> : <TableSimpleIncludeRegular />}
            disabled={c.writing.busy || included === 0}
            onClick={() => void c.write()}
          >
            Ghi kết quả tổng hợp
          </Button>
        )}
        <DownloadButton
          label="Tải tệp tổng hợp .xlsx"
          action="tạo tệp tổng hợp"
          done="Đã tạo tệp tổng hợp."
          primary={!port}
          source={result}
          disabled={!mod || included === 0}
          build={() =>
            mod && result
              ? buildConsolidationFile(mod, result)
              : Promise.reject(new Error("Chưa có kết quả tổng hợp để tải về."))
          }
        />
      </div>
      {included === 0 && (
        <Text className={s.detail}>Chưa có đơn vị nào được tổng hợp: chưa thể ghi kết quả.</Text>
      )}
      {p && (
        <Field
          label={`Đang ghi trang ${Math.min(p.done + 1, p.total)}/${p.total}`}
          validationState="none"
          validationMessage={p.current}
          data-testid="write-progress"
        >
          <ProgressBar value={p.total ? p.done / p.total : 0} max={1} />
        </Field>
      )}
      {written && !stale && (
        <Notice
          intent="success"
          title={`Đã ghi ${written.names.length} trang mới.`}
          resetKey={written}
          onDismiss={c.dismissWritten}
        >
          {written.names.map((n) => `“${n}”`).join(", ")}
        </Notice>
      )}
      {written && stale && (
        <Notice intent="info" testId="written-stale" onDismiss={c.dismissWritten}>
          Các trang đã ghi là của lần tổng hợp trước; tệp, kỳ hoặc danh sách đã thay đổi. Bấm “Ghi
          kết quả tổng hợp” để ghi lại.
        </Notice>
      )}
      <ErrorBar message={c.writing.error} onDismiss={() => c.writing.setError(undefined)} />
      <Dialog
        open={c.replacing !== undefined}
        modalType="alert"
        onOpenChange={(_, d) => {
          if (!d.open) c.cancelReplace();
        }}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Sổ làm việc đã có kết quả tổng hợp</DialogTitle>
            <DialogContent>
              <p>
                Các trang của lần tổng hợp trước:{" "}
                {(c.replacing ?? []).map((n) => `“${n}”`).join(", ")}.
              </p>
              <p>
                {canReplace
                  ? "Thay chúng bằng kết quả mới? Các trang khác của sổ làm việc không bị động đến."
                  : "Excel này không xóa được các trang đó từ ngăn: hãy xóa chúng rồi ghi lại."}
              </p>
            </DialogContent>
            <DialogActions>
              {canReplace && (
                <Button appearance="primary" onClick={() => void c.confirmReplace()}>
                  Thay kết quả cũ
                </Button>
              )}
              <Button appearance="secondary" onClick={c.cancelReplace}>
                Hủy
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
