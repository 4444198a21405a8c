import { Dropdown, Field, Input, Option } from "@fluentui/react-components";
import { catalogOf, catalogs, type Selection } from "../selection";
import { PeriodPicker } from "./PeriodPicker";

export interface SelectionFieldsProps {
  selection: Selection;
  onChange: (s: Selection) => void;
  /** Shows the unit field as required and missing (after an action that needs it). */
  unitMissing?: boolean;
}

/** The form set, unit and period of the forms to insert or download: shared by the pane and the checking page. */
export function SelectionFields({ selection, onChange, unitMissing }: SelectionFieldsProps) {
  const catalog = catalogOf(selection);
  const all = catalogs();
  return (
    <>
      <Field label="Bộ biểu mẫu">
        <Dropdown
          value={catalog.set.name}
          selectedOptions={[catalog.id]}
          onOptionSelect={(_, data) => {
            const next = all.find((c) => c.id === data.optionValue);
            if (!next) return;
            const kind = next.set.periods.includes(selection.kind)
              ? selection.kind
              : next.set.periods[0];
            onChange({ ...selection, formSet: next.id, kind });
          }}
        >
          {all.map((c) => (
            <Option key={c.id} value={c.id} text={c.set.name}>
              {c.set.derived ? `${c.set.name} (suy ra, chưa có bảng chính thức)` : c.set.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label="Tên đơn vị báo cáo"
        required
        validationState={unitMissing ? "error" : "none"}
        validationMessage={unitMissing ? "Hãy nhập tên đơn vị, ví dụ: Sở Tư pháp." : undefined}
      >
        <Input
          value={selection.unit}
          placeholder="Ví dụ: Sở Tư pháp"
          onChange={(_, data) => onChange({ ...selection, unit: data.value })}
        />
      </Field>
      <PeriodPicker
        year={selection.year}
        kind={selection.kind}
        kinds={catalog.set.periods}
        onChange={(year, kind) => onChange({ ...selection, year, kind })}
      />
    </>
  );
}
