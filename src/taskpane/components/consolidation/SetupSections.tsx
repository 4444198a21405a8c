import { Button, Field, Switch, Textarea } from "@fluentui/react-components";
import { DocumentArrowUpRegular, SaveRegular } from "@fluentui/react-icons";
import { useRef } from "react";
import { PERIOD_KINDS } from "../../../core/forms/schema";
import type { Consolidation } from "../../useConsolidation";
import { ErrorBar } from "../ErrorBar";
import { HiddenFileInput } from "../HiddenFileInput";
import { Notice } from "../Notice";
import { PeriodPicker } from "../PeriodPicker";
import { useSectionStyles } from "./styles";

/** Period of the consolidation and the strict option. */
export function PeriodSection({ c }: { c: Consolidation }) {
  const s = useSectionStyles();
  return (
    <section className={s.section} aria-labelledby="h-cons-period">
      <h2 id="h-cons-period" className={s.h2}>
        Kỳ tổng hợp
      </h2>
      <PeriodPicker
        label="Kỳ tổng hợp"
        year={c.year}
        kind={c.kind}
        kinds={PERIOD_KINDS}
        onChange={c.setPeriod}
      />
      <Switch
        checked={c.strict}
        label="Chỉ tổng hợp các tệp không có lỗi"
        onChange={(_, data) => c.setStrict(data.checked)}
      />
    </section>
  );
}

/** The units that must report: typed, imported from a register (.xlsx or .csv), saved in the workbook (with a port). */
export function ExpectedSection({ c, canSave }: { c: Consolidation; canSave: boolean }) {
  const s = useSectionStyles();
  const registerFile = useRef<HTMLInputElement>(null);
  return (
    <section className={s.section} aria-labelledby="h-cons-expected">
      <h2 id="h-cons-expected" className={s.h2}>
        Danh sách đơn vị phải nộp
      </h2>
      <Field
        label="Mỗi dòng một đơn vị"
        hint={
          canSave
            ? "Dùng để nhận ra đơn vị của từng tệp và biết đơn vị nào chưa nộp; lưu trong sổ làm việc này."
            : "Dùng để nhận ra đơn vị của từng tệp và biết đơn vị nào chưa nộp."
        }
      >
        <Textarea
          value={c.expectedText}
          rows={5}
          resize="vertical"
          onChange={(_, data) => c.setExpectedText(data.value)}
        />
      </Field>
      <div className={s.row}>
        {canSave && (
          <Button
            icon={<SaveRegular />}
            disabled={c.expected.busy}
            onClick={() => void c.saveExpected()}
          >
            Lưu danh sách
          </Button>
        )}
        <Button
          icon={<DocumentArrowUpRegular />}
          disabled={c.expected.busy}
          onClick={() => registerFile.current?.click()}
        >
          Nhập từ tệp danh sách…
        </Button>
        <HiddenFileInput
          ref={registerFile}
          accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          label="Chọn tệp danh sách đơn vị (.xlsx hoặc .csv)"
          testId="expected-file-input"
          onFiles={([f]) => void c.importRegister(f)}
        />
      </div>
      {c.expectedInfo && (
        <Notice
          intent="success"
          resetKey={c.expectedInfo}
          onDismiss={() => c.setExpectedInfo(undefined)}
        >
          {c.expectedInfo}
        </Notice>
      )}
      <ErrorBar message={c.expected.error} onDismiss={() => c.expected.setError(undefined)} />
    </section>
  );
}
