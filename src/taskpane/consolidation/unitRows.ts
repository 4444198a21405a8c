import { emptyFormsNote } from "../../core/completeness";
import type {
  ConsolidationInput,
  ConsolidationResult,
  DuplicateGroup,
  FileToConfirm,
  NotSummedValue,
} from "../../core/consolidate/types";
import { placeInWords } from "../../core/place";
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
  /** Sentences that ask the officer to check a choice the product made (shown first, in warning colour). */
  alerts?: string[];
}

/** Values not summed listed in a row before "và N giá trị khác". */
export const NOT_SUMMED_SHOWN = 3;

/** What the pane says after the core's cause: its own control, never the command's flags. */
export const PANE_ACTIONS = {
  assign: "Chọn đơn vị cho tệp ở ô bên dưới.",
  keep: "Để giữ tệp khác: bấm “Dùng tệp này” ở tệp đó.",
};

/** A file to confirm as the pane says it: the cause, then the picker next to the sentence. */
export function confirmText(c: FileToConfirm): string {
  return c.question === "unit" ? `${c.cause} ${PANE_ACTIONS.assign}` : c.cause;
}

/** A duplicate as the pane says it: a choice the product made points to “Dùng tệp này”. */
export function duplicateText(d: DuplicateGroup): string {
  return d.choice === "fewest-errors" ? `${d.cause} ${PANE_ACTIONS.keep}` : d.cause;
}

/** The kept file's line about its unit's other files. */
function keptNote(dup: DuplicateGroup): string {
  const n = dup.dropped.length + 1;
  if (dup.choice === "fewest-errors") {
    return `CẦN XÁC NHẬN: đơn vị gửi ${n} tệp cùng ngày hoặc không có ngày ghi trong tệp; tệp này được tạm giữ vì ít lỗi nhất. Nếu đơn vị muốn nộp tệp khác, bấm “Dùng tệp này” ở tệp đó.`;
  }
  const reason = duplicateText(dup);
  return /^Đơn vị gửi /.test(reason) ? reason : `Đơn vị gửi ${n} tệp: ${reason}`;
}

/** Lines about a unit's values that carry an error and are left out of every total. */
export function notSummedLines(values: NotSummedValue[]): string[] {
  if (values.length === 0) return [];
  const line = (v: NotSummedValue) => {
    const [form, code] = v.key.split(":");
    const where = v.cell ? ` (${placeInWords(v.cell)})` : "";
    return `Không cộng vào tổng: Biểu mẫu ${form}, dòng ${code}${where}: ${v.reason}`;
  };
  const shown = values.slice(0, NOT_SUMMED_SHOWN).map(line);
  const more = values.length - shown.length;
  return more > 0
    ? [...shown, `… và ${more} giá trị có lỗi khác không được cộng vào tổng.`]
    : shown;
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
      details: [confirmText(c)],
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
        details: d.choice === "fewest-errors" ? [] : [duplicateText(d)],
        ...(d.choice === "fewest-errors" ? { alerts: [duplicateText(d)] } : {}),
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
    const alerts: string[] = [];
    if (u.provenance?.unit === "assigned") details.push("Đơn vị do bạn chọn cho tệp này.");
    if (u.expected === false) details.push("Không có trong danh sách đơn vị phải nộp.");
    const dup = result.duplicates.find((d) => d.kept === u.file);
    if (dup) (dup.choice === "fewest-errors" ? alerts : details).push(keptNote(dup));
    alerts.push(...notSummedLines((result.notSummed ?? []).filter((v) => v.file === u.file)));
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
      ...(alerts.length > 0 ? { alerts } : {}),
    });
  }
  return rows;
}

export type RowFilter = "all" | "attention" | "included";

export function filterRows(rows: UnitRow[], filter: RowFilter): UnitRow[] {
  if (filter === "all") return rows;
  if (filter === "included") return rows.filter((r) => r.status === "included");
  return rows.filter(
    (r) =>
      r.status !== "included" ||
      (r.errors ?? 0) > 0 ||
      r.details.length > 0 ||
      (r.alerts?.length ?? 0) > 0
  );
}
