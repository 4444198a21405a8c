import { Button, Field, ProgressBar } from "@fluentui/react-components";
import { ArrowUploadRegular, DeleteRegular } from "@fluentui/react-icons";
import { useRef } from "react";
import type { Consolidation } from "../../useConsolidation";
import { ErrorBar } from "../ErrorBar";
import { FileDropZone } from "../FileDropZone";
import { HiddenFileInput } from "../HiddenFileInput";
import { useSectionStyles } from "./styles";

/** Drop zone and picker for the units' files, and the reading progress. */
export function FilesSection({ c, primary }: { c: Consolidation; primary: boolean }) {
  const s = useSectionStyles();
  const input = useRef<HTMLInputElement>(null);
  const p = c.readProgress;
  return (
    <section className={s.section} aria-labelledby="h-cons-files">
      <h2 id="h-cons-files" className={s.h2}>
        Tệp của các đơn vị
      </h2>
      <FileDropZone
        label="Vùng kéo thả tệp .xlsx"
        prompt="Kéo thả các tệp .xlsx của đơn vị vào đây, hoặc:"
        testId="drop-zone"
        onFiles={(list) => void c.addFiles(list)}
      >
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
      </FileDropZone>
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
