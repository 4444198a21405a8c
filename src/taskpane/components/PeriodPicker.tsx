import { Field, makeStyles, Radio, RadioGroup, SpinButton } from "@fluentui/react-components";
import type { PeriodKind } from "../../core/forms/schema";
import { PERIOD_KIND_LABELS } from "../labels";

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: "16px",
    rowGap: "8px",
    alignItems: "flex-start",
  },
  year: { width: "120px" },
  kinds: { flexWrap: "wrap" },
  kindLabel: { whiteSpace: "nowrap" },
});

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface PeriodPickerProps {
  year: number;
  kind: PeriodKind;
  /** Period kinds the chosen form set is reported for. */
  kinds: readonly PeriodKind[];
  onChange: (year: number, kind: PeriodKind) => void;
  /** Prefix of the labels when a pane shows two pickers (e.g. `Tổng hợp`). */
  label?: string;
}

/** Year and kind of a reporting period: `Quý I`, `6 tháng`, `Quý III`, `Năm`. */
export function PeriodPicker({
  year,
  kind,
  kinds,
  onChange,
  label = "Kỳ báo cáo",
}: PeriodPickerProps) {
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field label={`${label}: năm`}>
        <SpinButton
          className={styles.year}
          value={year}
          min={MIN_YEAR}
          max={MAX_YEAR}
          onChange={(_, data) => {
            const next = data.value ?? Number(data.displayValue);
            if (Number.isInteger(next) && next >= MIN_YEAR && next <= MAX_YEAR)
              onChange(next, kind);
          }}
        />
      </Field>
      <Field label={`${label}: loại kỳ`}>
        <RadioGroup
          layout="horizontal"
          className={styles.kinds}
          value={kind}
          onChange={(_, data) => onChange(year, data.value as PeriodKind)}
        >
          {kinds.map((k) => (
            <Radio
              key={k}
              value={k}
              label={{ children: PERIOD_KIND_LABELS[k], className: styles.kindLabel }}
            />
          ))}
        </RadioGroup>
      </Field>
    </div>
  );
}
