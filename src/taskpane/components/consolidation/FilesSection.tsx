import {
  Button,
  Field,
  makeStyles,
  mergeClasses,
  ProgressBar,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowUploadRegular, DeleteRegular } from "@fluentui/react-icons";
import { useRef, useState, type DragEvent } from "react";
import type { Consolidation } from "../../useConsolidation";
import { ErrorBar } from "../ErrorBar";
import { HiddenFileInput } from "../HiddenFileInput";
import { useSectionStyles } from "./styles";

const useStyles = makeStyles({
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    rowGap: "8px",
    alignItems: "flex-start",
  },
  dropActive: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
});

/** Drop zone and picker for the units' files, and the reading progress. */
export function FilesSection({ c, primary }: { c: Consolidation; primary: boolean }) {
  const s = useSectionStyles();
  const styles = useStyles();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const p = c.readProgress;
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const list = Array.from(e.dataTransfer.files);
    if (list.length > 0) void c.addFiles(list);
  };
  return (
    <section className={s.section} aria-labelledby="h-cons-files">
      <h2 id="h-cons-files" className={s.h2}>
        Tệp của các đơn vị
      </h2>
      <div
        className={mergeClasses(styles.drop, dragging && styles.dropActive)}
        role="group"
        aria-label="Vùng kéo thả tệp .xlsx"
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Text>Kéo thả các tệp .xlsx của đơn vị vào đây, hoặc:</Text>
        <div className={s.row}>
          <Button
            appearance={primary ? "primary" : "secondary"}
            icon={<ArrowUploadRegular />}
            disabled={c.reading.busy}
            onClick={() => input.current?.click()}
          >
            Chọn tệp .xlsx…
          </Button>
          {c.files.length > 0 && (
            <Button icon={<DeleteRegular />} disabled={c.reading.busy} onClick={c.clearFiles}>
              Bỏ hết {c.files.length} tệp
            </Button>
          )}
        </div>
        <HiddenFileInput
          ref={input}
          accept=".xlsx"
          multiple
          label="Chọn các tệp .xlsx của đơn vị"
          testId="unit-files-input"
          onFiles={(list) => void c.addFiles(list)}
        />
      </div>
      {p && (
        <Field
          label={`Đang đọc tệp ${Math.min(p.done + 1, p.total)}/${p.total}`}
          validationState="none"
          validationMessage={p.current}
          data-testid="read-progress"
        >
          <ProgressBar value={p.total ? p.done / p.total : 0} max={1} />
        </Field>
      )}
      <ErrorBar message={c.reading.error} onDismiss={() => c.reading.setError(undefined)} />
    </section>
  );
}
