import { emptyFormsNote } from "../../core/completeness";
import type {
  ConsolidationInput,
  ConsolidationResult,
  FileToConfirm,
} from "../../core/consolidate/types";
import type { Finding } from "../../core/rules/types";

/** Row states, in the order the officer has to deal with them. */
export type UnitStatus = "confirm" | "excluded" | "duplicate" | "missing" | "included";

export const STATUS_ORDER: UnitStatus[] = [
  "confirm",
  "excluded",
  "duplicate",
  "missing",
  "included",
];

/** Short badge text (fits at 320 px); the detail line says the rest. */
export const STATUS_LABELS: Record<UnitStatus, string> = {
  confirm: "Cần xác nhận",
  excluded: "Bị loại",
  duplicate: "Trùng",
  missing: "Chưa nộp",
  included: "Đã tổng hợp",
};

export const STATUS_COLOR: Record<UnitStatus, "success" | "warning" | "danger" | "informative"> = {
  confirm: "warning",
  excluded: "danger",
  duplicate: "warning",
  missing: "informative",
  included: "success",
};

export interface UnitRow {
  key: string;
  status: UnitStatus;
  unit: string;
  /** The unit's file; undefined for a unit that has not sent one. */
  file?: string;
  /** Sentences under the badge. */
  details: string[];
  errors?: number;
  warnings?: number;
  /** The file's own findings (from its check). */
  findings: Finding[];
  /** Form set of the file, for the findings' form titles. */
  formSet?: string;
  confirm?: FileToConfirm;
  /** For duplicates: this file is not the one used. */
  canKeep?: boolean;
}

/**
 * The consolidation result as rows ordered by what needs the officer: files to confirm, excluded files,
 * duplicates, units not received, then units consolidated (each group in the result's order).
 */
export function unitRows(result: ConsolidationResult, inputs: ConsolidationInput[]): UnitRow[] {
  const byFile = new Map(inputs.map((i) => [i.file, i] as const));
  const own = (file: string) => {
    const r = byFile.get(file)?.report;
    return r && r.ok
      ? {
          errors: r.counts.errors,
          warnings: r.counts.warnings,
          findings: r.findings,
          formSet: r.formSet,
        }
      : { findings: [] as Finding[] };
  };
  const rows: UnitRow[] = [];
  for (const c of result.toConfirm) {
    rows.push({
      key: `c|${c.file}|${c.question}`,
      status: "confirm",
      unit: c.detected ?? c.file,
      file: c.file,
      details: [c.reason],
      confirm: c,
      ...own(c.file),
      errors: c.errors ?? own(c.file).errors,
    });
  }
  for (const x of result.excluded) {
    const o = own(x.file);
    rows.push({
      key: `x|${x.file}|${x.cause}`,
      status: "excluded",
      unit: x.unit ?? x.file,
      file: x.file,
      details: [x.reason],
      ...o,
      errors: x.errors ?? o.errors,
    });
  }
  for (const d of result.duplicates) {
    for (const file of d.dropped) {
      rows.push({
        key: `d|${file}`,
        status: "duplicate",
        unit: d.unit,
        file,
        details: [d.reason],
        canKeep: true,
        ...own(file),
      });
    }
  }
  for (const name of result.missing) {
    rows.push({ key: `m|${name}`, status: "missing", unit: name, details: [], findings: [] });
  }
  for (const u of result.units) {
    const details: string[] = [];
    if (u.expected === false) details.push("Không có trong danh sách đơn vị phải nộp.");
    const dup = result.duplicates.find((d) => d.kept === u.file);
    if (dup) details.push(`Đơn vị gửi ${dup.dropped.length + 1} tệp: ${dup.reason}`);
    const empty = emptyFormsNote(u.emptyForms);
    if (empty) details.push(empty);
    rows.push({
      key: `u|${u.file}`,
      status: "included",
      unit: u.unit,
      file: u.file,
      details,
      ...own(u.file),
      errors: u.errors,
      warnings: u.warnings,
    });
  }
  return rows;
}

export type RowFilter = "all" | "attention" | "included";

export function filterRows(rows: UnitRow[], filter: RowFilter): UnitRow[] {
  if (filter === "all") return rows;
  if (filter === "included") return rows.filter((r) => r.status === "included");
  return rows.filter((r) => r.status !== "included" || (r.errors ?? 0) > 0 || r.details.length > 0);
}
