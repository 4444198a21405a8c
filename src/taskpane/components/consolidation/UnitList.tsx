import {
  Badge,
  Button,
  Combobox,
  Dropdown,
  Field,
  makeStyles,
  Option,
  Text,
  tokens,
} from "@fluentui/react-components";
import { CheckmarkRegular, DeleteRegular } from "@fluentui/react-icons";
import { useMemo, useState } from "react";
import type { ConsolidationInput, ConsolidationResult } from "../../../core/consolidate/types";
import { placeInWords } from "../../../core/place";
import type { Finding } from "../../../core/rules/types";
import { summaryText } from "../../labels";
import {
  filterRows,
  STATUS_COLOR,
  STATUS_LABELS,
  unitRows,
  type RowFilter,
  type UnitRow,
} from "../../consolidation/unitRows";
import { FindingsList } from "../FindingsList";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column" },
  row: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "8px 0",
    display: "flex",
    flexDirection: "column",
    rowGap: "4px",
    minWidth: 0,
  },
  head: { display: "flex", alignItems: "flex-start", columnGap: "8px" },
  name: { flexGrow: 1, minWidth: 0, fontWeight: tokens.fontWeightSemibold },
  badge: { flexShrink: 0 },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  alert: {
    color: tokens.colorStatusWarningForeground3,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: { display: "flex", flexWrap: "wrap", columnGap: "4px", rowGap: "4px" },
  small: { minWidth: 0 },
});

const FILTER_LABELS: Record<RowFilter, string> = {
  all: "Tất cả",
  attention: "Cần xem",
  included: "Đã tổng hợp",
};

/** A unit file's findings for the list: the cell is in the unit's workbook, so it is said in words. */
function listed(findings: Finding[]): Finding[] {
  return findings.map((f) => ({
    ...f,
    message: f.cell ? `${f.message} (${placeInWords(f.cell)})` : f.message,
    cell: undefined,
  }));
}

export interface UnitListProps {
  result: ConsolidationResult;
  inputs: ConsolidationInput[];
  /** Names the officer can assign a file to (the expected units). */
  unitNames: string[];
  disabled: boolean;
  onRemove: (file: string) => void;
  onKeep: (file: string) => void;
  onAssign: (file: string, unit: string) => void;
}

/** The units, ordered by what needs the officer, with a filter; each row can be opened. */
export function UnitList(props: UnitListProps) {
  const styles = useStyles();
  const { result, inputs } = props;
  const rows = useMemo(() => unitRows(result, inputs), [result, inputs]);
  const [filter, setFilter] = useState<RowFilter>("all");
  const shown = filterRows(rows, filter);
  const count = (f: RowFilter) => filterRows(rows, f).length;
  return (
    <div>
      <Field label="Hiện">
        <Dropdown
          value={`${FILTER_LABELS[filter]} (${count(filter)})`}
          selectedOptions={[filter]}
          onOptionSelect={(_, d) => setFilter(d.optionValue as RowFilter)}
          data-testid="units-filter"
        >
          {(Object.keys(FILTER_LABELS) as RowFilter[]).map((f) => (
            <Option key={f} value={f} text={`${FILTER_LABELS[f]} (${count(f)})`}>
              {`${FILTER_LABELS[f]} (${count(f)})`}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <ul className={styles.list} aria-label="Tình trạng các đơn vị" data-testid="units-table">
        {shown.map((r) => (
          <UnitItem key={r.key} row={r} {...props} />
        ))}
      </ul>
      {shown.length === 0 && <Text className={styles.detail}>Không có đơn vị nào ở mục này.</Text>}
    </div>
  );
}

function UnitItem({
  row,
  unitNames,
  disabled,
  onRemove,
  onKeep,
  onAssign,
}: { row: UnitRow } & UnitListProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const counts =
    row.errors === undefined
      ? undefined
      : summaryText({ errors: row.errors, warnings: row.warnings ?? 0, infos: 0 });
  const file = row.file;
  const candidates = row.confirm ? [...new Set([...row.confirm.candidates, ...unitNames])] : [];
  return (
    <li className={styles.row} data-status={row.status} data-file={file}>
      <div className={styles.head}>
        <span className={styles.name}>{row.unit}</span>
        <Badge className={styles.badge} appearance="tint" color={STATUS_COLOR[row.status]}>
          {STATUS_LABELS[row.status]}
        </Badge>
      </div>
      {file && (file !== row.unit || counts) && (
        <Text className={styles.detail}>
          {[file !== row.unit ? file : undefined, counts].filter(Boolean).join(" · ")}
        </Text>
      )}
      {row.alerts?.map((d) => (
        <Text key={d} className={styles.alert} data-alert>
          {d}
        </Text>
      ))}
      {row.details.map((d) => (
        <Text key={d} className={styles.detail}>
          {d}
        </Text>
      ))}
      {row.confirm?.question === "unit" && file && candidates.length === 0 && (
        <Text className={styles.alert}>
          Chưa có danh sách đơn vị để chọn: ghi các đơn vị ở mục “Danh sách đơn vị phải nộp” bên
          dưới.
        </Text>
      )}
      {row.confirm?.question === "unit" && file && candidates.length > 0 && (
        <Field label={`Tệp “${file}” là của đơn vị`}>
          <Combobox
            placeholder="Chọn tên đơn vị"
            disabled={disabled}
            onOptionSelect={(_, d) => {
              if (d.optionValue) onAssign(file, d.optionValue);
            }}
          >
            {candidates.map((c) => (
              <Option key={c} value={c}>
                {c}
              </Option>
            ))}
          </Combobox>
        </Field>
      )}
      {file && (
        <div className={styles.actions}>
          {row.findings.length > 0 && (
            <Button
              size="small"
              appearance="subtle"
              className={styles.small}
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              {open ? "Ẩn lỗi, cảnh báo" : "Xem lỗi, cảnh báo"}
            </Button>
          )}
          {row.canKeep && (
            <Button
              size="small"
              // Outlined when the product's own pick needs confirming.
              appearance={row.alerts ? "outline" : "subtle"}
              className={styles.small}
              icon={<CheckmarkRegular />}
              disabled={disabled}
              onClick={() => onKeep(file)}
            >
              Dùng tệp này
            </Button>
          )}
          <Button
            size="small"
            appearance="subtle"
            className={styles.small}
            icon={<DeleteRegular />}
            disabled={disabled}
            aria-label={`Bỏ tệp ${file}`}
            onClick={() => onRemove(file)}
          >
            Bỏ tệp
          </Button>
        </div>
      )}
      {open && (
        <FindingsList
          findings={listed(row.findings)}
          formSet={row.formSet}
          onSelect={() => undefined}
          headingLevel={4}
        />
      )}
    </li>
  );
}
