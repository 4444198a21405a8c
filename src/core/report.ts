import { completeness, emptyForms, type Completeness } from "./completeness";
import type { Catalog } from "./forms/catalog";
import { valueKey } from "./forms/schema";
import type { Finding } from "./findings/types";
import { parsePeriodId } from "./period";
import { checkRawCells, sortFindings, type ValueMap } from "./rules/engine";
import { checkAgainstPrevious, type PeriodReport } from "./rules/previous";
import { parseCell, type ParseOptions } from "./values/parse";
import type { CellValue, RawCell } from "./values/types";
import { metaItems } from "./workbook/metadata";
import {
  recognize,
  RecognizeError,
  type Provenance,
  type ReadOptions,
  type RecognizedReport,
} from "./workbook/recognize";
import type { WorkbookSnapshot } from "./workbook/snapshot";

/** The checked content of one unit's workbook. */
export interface UnitReport {
  file: string;
  ok: true;
  formSet: string;
  formSetName: string;
  unit?: string;
  period?: string;
  how: { formSet: Provenance; unit: Provenance; period: Provenance };
  /** Plain values keyed `form:code`: numbers, pairs as `a/b`, text as strings. */
  values: Record<string, number | string>;
  findings: Finding[];
  counts: { errors: number; warnings: number; infos: number };
  /** How much of the forms the workbook has is filled (blank rows are not reported, not 0). */
  completeness: Completeness;
  /** The workbook's own date, when it has one (ISO). */
  modified?: string;
  /** Parsed values with their precision, for consolidation. */
  parsed: ValueMap;
  addresses: Record<string, string>;
}

export interface UnreadableReport {
  file: string;
  ok: false;
  error: string;
}

export type FileReport = UnitReport | UnreadableReport;

export function plainValue(v: CellValue): number | string | undefined {
  switch (v.kind) {
    case "number":
      return v.value;
    case "pair":
      return `${v.a}/${v.b}`;
    case "text":
      return v.text;
    default:
      return undefined;
  }
}

export function countFindings(findings: Finding[]): UnitReport["counts"] {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === "error") counts.errors++;
    else if (f.severity === "warning") counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/**
 * Cells the metadata lists as numbers of units (a consolidation's count of answers in an answer row):
 * read as counts and left out of the form's rules, as the consolidation leaves them out.
 */
function unitCountCells(rec: RecognizedReport): {
  cells: Record<string, RawCell>;
  values: ValueMap;
  findings: Finding[];
} {
  const cells = { ...rec.cells };
  const values: ValueMap = {};
  const findings: Finding[] = [];
  for (const key of metaItems(rec.meta?.unitCounts)) {
    const raw = cells[key];
    const form = Number(key.slice(0, key.indexOf(":")));
    const code = key.slice(key.indexOf(":") + 1);
    const row = rec.catalog.row(form, code);
    if (!raw || !row) continue;
    delete cells[key];
    const parsed = parseCell(raw, { ...row, kind: "count" });
    values[key] = parsed.value;
    for (const issue of parsed.issues) {
      findings.push({ ...issue, form, row: code, cell: rec.addresses[key] });
    }
  }
  return { cells, values, findings };
}

/** How to read and check a workbook: recognition options plus the officer's Excel decimal separator. */
export type CheckOptions = ReadOptions & ParseOptions;

/** Recognises and checks a workbook snapshot (from a file or from the open workbook in Excel). */
export function checkSnapshot(
  file: string,
  snapshot: WorkbookSnapshot,
  opts: CheckOptions = {}
): UnitReport {
  const rec = recognize(snapshot, opts);
  const catalog: Catalog = rec.catalog;
  const counts = unitCountCells(rec);
  const checked = checkRawCells(
    catalog,
    counts.cells,
    (form, code) => rec.addresses[valueKey(form, code)],
    { decimalSeparator: opts.decimalSeparator }
  );
  const parsed: ValueMap = {};
  for (const { form, row } of catalog.valueRows()) {
    const key = valueKey(form, row.code);
    const v = counts.values[key] ?? checked.values[key];
    if (v) parsed[key] = v;
  }
  const values: Record<string, number | string> = {};
  for (const [key, v] of Object.entries(parsed)) {
    const plain = plainValue(v);
    if (plain !== undefined) values[key] = plain;
  }
  const findings = sortFindings(catalog, [
    ...rec.findings,
    ...counts.findings,
    ...checked.findings,
  ]);
  return {
    file,
    ok: true,
    formSet: catalog.id,
    formSetName: catalog.set.name,
    unit: rec.unit,
    period: rec.period,
    how: rec.how,
    values,
    findings,
    counts: countFindings(findings),
    completeness: completeness(catalog, parsed, rec.forms),
    modified: snapshot.modified?.toISOString(),
    parsed,
    addresses: rec.addresses,
  };
}

/**
 * Reads and checks one .xlsx file, with the snapshot the report came from (for Ghi chú). Never throws: an
 * unreadable file becomes a report with its Vietnamese reason (and no snapshot).
 */
export async function checkWorkbookFile(
  file: string,
  bytes: Uint8Array,
  opts: CheckOptions = {}
): Promise<{ report: FileReport; snapshot?: WorkbookSnapshot }> {
  // Loaded on demand so that the task pane's first load does not carry the xlsx library.
  const xlsx = await import(/* webpackChunkName: "xlsx-read" */ "./xlsx/read");
  try {
    const snapshot = await xlsx.readSnapshot(bytes);
    return { report: checkSnapshot(file, snapshot, opts), snapshot };
  } catch (e) {
    if (e instanceof xlsx.UnreadableFileError || e instanceof RecognizeError) {
      return { report: unreadableReport(file, e.message) };
    }
    const detail = e instanceof Error ? e.message : String(e);
    return { report: unreadableReport(file, `Không đọc được tệp: ${detail}`) };
  }
}

/** Reads and checks one .xlsx file; an unreadable file becomes a report with its reason, never an exception. */
export async function checkWorkbookBytes(
  file: string,
  bytes: Uint8Array,
  opts: CheckOptions = {}
): Promise<FileReport> {
  return (await checkWorkbookFile(file, bytes, opts)).report;
}

export function unreadableReport(file: string, error: string): UnreadableReport {
  return { file, ok: false, error };
}

/** Whether the report is ready to send, in one Vietnamese sentence, most serious reason first. */
export interface SendVerdict {
  level: "error" | "warning" | "success";
  text: string;
}

export function sendVerdict(r: UnitReport): SendVerdict {
  if (r.counts.errors > 0) {
    return { level: "error", text: `Chưa nên gửi: còn ${r.counts.errors} lỗi cần sửa.` };
  }
  const empty = emptyForms(r.completeness);
  if (empty.length > 0) {
    return {
      level: "warning",
      text: `Chưa nên gửi: Biểu mẫu ${empty.join(", ")} chưa có số liệu nào (để trống không phải là 0).`,
    };
  }
  if (r.counts.warnings > 0) {
    return {
      level: "warning",
      text: `Không có lỗi; còn ${r.counts.warnings} cảnh báo, hãy xem lại trước khi gửi.`,
    };
  }
  return { level: "success", text: "Không có lỗi hay cảnh báo: có thể gửi." };
}

function periodReport(r: UnitReport): PeriodReport {
  return {
    formSet: r.formSet,
    formSetName: r.formSetName,
    unit: r.unit,
    period: (r.period && parsePeriodId(r.period)) || undefined,
    values: r.parsed,
  };
}

/**
 * The findings `current` gets from an earlier report `previous` (both as checked by `checkSnapshot`),
 * pinned to the current report's cells. `catalog` is the form set of `current`.
 */
export function previousFindings(
  current: UnitReport,
  previous: UnitReport,
  catalog: Catalog
): Finding[] {
  return checkAgainstPrevious(
    catalog,
    periodReport(current),
    periodReport(previous),
    (form, code) => current.addresses[valueKey(form, code)]
  );
}

/** `current` with the findings from `previous` merged in catalog order and counted again. */
export function withPreviousFindings(
  current: UnitReport,
  previous: UnitReport,
  catalog: Catalog
): UnitReport {
  const extra = previousFindings(current, previous, catalog);
  if (extra.length === 0) return current;
  const findings = sortFindings(catalog, [...current.findings, ...extra]);
  return { ...current, findings, counts: countFindings(findings) };
}
