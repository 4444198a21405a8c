import { emptyForms } from "../completeness";
import { builtInFormSets, type Catalog } from "../forms/catalog";
import { valueKey } from "../forms/schema";
import { parsePeriodId, periodId, periodLabel, periodWindow } from "../period";
import type { UnitReport } from "../report";
import { checkValues, sortFindings, type ValueMap } from "../rules/engine";
import { evaluateTable } from "./engine";
import { unitKey } from "./expected";
import { builtInMap, sameSetMap } from "./maps";
import { isUnitOperand, parseUnitRef, type ConsolidationMap, type Source } from "./schema";
import { tableCellLocator, tableTitle } from "./sheets";
import { formatVietnamTime } from "./time";
import type {
  ConsolidateOptions,
  ConsolidationFinding,
  ConsolidationInput,
  ConsolidationResult,
  DuplicateGroup,
  ExcludedFile,
  ExpectedStatus,
  TableResult,
  UnitEntry,
} from "./types";

interface Candidate {
  input: ConsolidationInput;
  report: UnitReport;
  unit: string;
  key: string;
  date?: string;
  dateSource?: "workbook" | "file";
  /** Notices about the file that do not exclude it. */
  notices: ConsolidationFinding[];
}

/**
 * Consolidates unit reports of one period into the map's target table (the province's Biểu mẫu 1–7)
 * and one table per unit form set. Pure: no I/O, the same inputs give the same result.
 */
export function consolidate(
  inputs: ConsolidationInput[],
  opts: ConsolidateOptions
): ConsolidationResult {
  const period = parsePeriodId(opts.period);
  if (!period) {
    throw new Error(
      `Kỳ báo cáo “${opts.period}” không hợp lệ: dùng dạng 2024-Q1, 2024-H1, 2024-Q3 hoặc 2024-Y.`
    );
  }
  const pid = periodId(period);
  const catalogs = opts.catalogs ? new Map(opts.catalogs.map((c) => [c.id, c])) : builtInFormSets();
  const map = opts.map ?? builtInMap();
  const target = catalogs.get(map.target);
  if (!target) throw new Error(`Không có bộ biểu mẫu “${map.target}”.`);
  const setName = (id: string) => catalogs.get(id)?.set.name ?? id;

  const excluded: ExcludedFile[] = [];
  const candidates: Candidate[] = [];
  for (const input of inputs) {
    const r = input.report;
    if (!r.ok) {
      excluded.push({ file: input.file, cause: "unreadable", reason: r.error });
      continue;
    }
    const base = { file: input.file, unit: r.unit?.trim() || undefined, formSet: r.formSet };
    if (!map.sources.includes(r.formSet)) {
      const accepted = map.sources.map((s) => `“${setName(s)}” (${s})`).join(", ");
      excluded.push({
        ...base,
        cause: "form-set",
        reason: `Tệp là biểu mẫu “${r.formSetName}” (${r.formSet}), không phải biểu mẫu được tổng hợp vào biểu “${target.set.name}”; chỉ nhận: ${accepted}.`,
        errors: r.counts.errors,
      });
      continue;
    }
    const catalog = catalogs.get(r.formSet) as Catalog;
    if (!catalog.set.periods.includes(period.kind)) {
      excluded.push({
        ...base,
        cause: "form-set",
        reason: `Bộ biểu mẫu “${catalog.set.name}” (${catalog.id}) không dùng cho kỳ ${periodLabel(period)}.`,
        errors: r.counts.errors,
      });
      continue;
    }
    const filePeriod = r.period ? parsePeriodId(r.period) : null;
    const givenByFile = filePeriod && r.how.period !== "option";
    if (givenByFile && periodId(filePeriod) !== pid) {
      excluded.push({
        ...base,
        cause: "period",
        reason: `Tệp thuộc kỳ ${periodLabel(filePeriod)} (${periodId(filePeriod)}), không phải kỳ tổng hợp ${periodLabel(period)} (${pid}).`,
        errors: r.counts.errors,
      });
      continue;
    }
    if (!base.unit) {
      excluded.push({
        ...base,
        cause: "no-unit",
        reason:
          "Không xác định được tên đơn vị: tệp không có dòng “Đơn vị báo cáo: …” hay thông tin đơn vị nào.",
        errors: r.counts.errors,
      });
      continue;
    }
    const notices: ConsolidationFinding[] = [];
    if (!givenByFile) {
      notices.push({
        severity: "warning",
        rule: "consolidate.period-assumed",
        message: `Tệp không ghi kỳ báo cáo; được coi là thuộc kỳ tổng hợp ${periodLabel(period)}.`,
        table: r.formSet,
        file: input.file,
        unit: base.unit,
      });
    }
    const fileDate =
      input.fileDate && !isNaN(input.fileDate.getTime()) ? input.fileDate.toISOString() : undefined;
    candidates.push({
      input,
      report: r,
      unit: base.unit,
      key: unitKey(base.unit),
      date: r.modified ?? fileDate,
      dateSource: r.modified ? "workbook" : fileDate ? "file" : undefined,
      notices,
    });
  }

  const { kept, duplicates } = pickNewest(candidates);
  const included: Candidate[] = [];
  for (const c of kept) {
    if (opts.strict && c.report.counts.errors > 0) {
      excluded.push({
        file: c.input.file,
        unit: c.unit,
        formSet: c.report.formSet,
        cause: "strict",
        reason: `Tệp có ${c.report.counts.errors} lỗi; đã chọn chỉ tổng hợp các tệp không có lỗi.`,
        errors: c.report.counts.errors,
      });
    } else included.push(c);
  }
  const collator = new Intl.Collator("vi", { sensitivity: "base" });
  const setOrder = (id: string) => map.sources.indexOf(id);
  included.sort(
    (a, b) =>
      setOrder(a.report.formSet) - setOrder(b.report.formSet) ||
      collator.compare(a.unit, b.unit) ||
      compareCodePoints(a.unit, b.unit) ||
      compareCodePoints(a.input.file, b.input.file)
  );
  excluded.sort(
    (a, b) => compareCodePoints(a.file, b.file) || compareCodePoints(a.reason, b.reason)
  );

  const expectedKeys = opts.expected ? new Map<string, string>() : undefined;
  for (const name of opts.expected ?? []) {
    const k = unitKey(name);
    if (k && !expectedKeys?.has(k)) expectedKeys?.set(k, name.trim());
  }
  const units: UnitEntry[] = included.map((c) => ({
    file: c.input.file,
    unit: c.unit,
    formSet: c.report.formSet,
    formSetName: c.report.formSetName,
    errors: c.report.counts.errors,
    warnings: c.report.counts.warnings,
    filled: c.report.completeness.filled,
    total: c.report.completeness.total,
    emptyForms: emptyForms(c.report.completeness),
    date: c.date,
    dateSource: c.dateSource,
    values: c.report.parsed,
    notes: c.input.notes ?? {},
    expected: expectedKeys ? expectedKeys.has(c.key) : undefined,
  }));

  let expected: ExpectedStatus[] | undefined;
  if (expectedKeys) {
    const byKey = new Map(included.map((c) => [c.key, c.unit]));
    expected = [...expectedKeys.entries()].map(([k, name]) => ({
      name,
      received: byKey.has(k),
      unit: byKey.get(k),
      excludedFiles: excluded.filter((x) => x.unit && unitKey(x.unit) === k).map((x) => x.file),
    }));
  }
  const missing = expected?.filter((e) => !e.received).map((e) => e.name) ?? [];
  const unexpected = units.filter((u) => u.expected === false).map((u) => u.unit);

  const targetTable = buildTable(map, catalogs, units, "target");
  const totals: TableResult[] = [];
  for (const id of map.sources) {
    const own = units.filter((u) => u.formSet === id);
    if (own.length === 0) continue;
    totals.push(buildTable(sameSetMap(catalogs.get(id) as Catalog), catalogs, own, "totals"));
  }

  const findings: ConsolidationFinding[] = [];
  for (const c of included) {
    findings.push(...c.notices);
    for (const f of c.report.findings) {
      findings.push({ ...f, table: c.report.formSet, file: c.input.file, unit: c.unit });
    }
  }
  findings.push(...targetTable.findings);
  for (const t of totals) findings.push(...t.findings);

  return {
    period: pid,
    periodLabel: periodLabel(period),
    window: periodWindow(period),
    target: targetTable,
    totals,
    sets: map.sources.map((id) => {
      const c = catalogs.get(id) as Catalog;
      return {
        id,
        name: c.set.name,
        level: c.set.level,
        units: units.filter((u) => u.formSet === id).length,
        usedBy: usedBy(map, id),
      };
    }),
    units,
    excluded,
    duplicates,
    toConfirm: [],
    expected,
    missing,
    unexpected,
    findings,
  };
}

/** A unit sent more than once counts once: the newest file (by its own date, else file date, else name). */
function pickNewest(candidates: Candidate[]): { kept: Candidate[]; duplicates: DuplicateGroup[] } {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
  const kept: Candidate[] = [];
  const duplicates: DuplicateGroup[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort(
      (a, b) =>
        compareCodePoints(b.date ?? "", a.date ?? "") ||
        compareCodePoints(b.input.file, a.input.file)
    );
    const [winner, ...losers] = sorted;
    kept.push(winner);
    if (losers.length === 0) continue;
    const tie = losers.some((l) => (l.date ?? "") === (winner.date ?? ""));
    const dated = (c: Candidate) =>
      c.date
        ? `${c.input.file} (${c.dateSource === "workbook" ? "ngày lưu ghi trong tệp" : "ngày sửa tệp"} ${formatVietnamTime(c.date)})`
        : `${c.input.file} (không có ngày)`;
    const reason = tie
      ? `Đơn vị gửi ${group.length} tệp cùng ngày hoặc không có ngày; giữ ${winner.input.file} (tên tệp xếp sau cùng), bỏ ${losers.map((l) => l.input.file).join(", ")}.`
      : `Đơn vị gửi ${group.length} tệp; giữ tệp mới nhất ${dated(winner)}, bỏ ${losers.map(dated).join(", ")}.`;
    duplicates.push({
      unit: winner.unit,
      kept: winner.input.file,
      dropped: losers.map((l) => l.input.file),
      reason,
    });
  }
  duplicates.sort((a, b) => compareCodePoints(unitKey(a.unit), unitKey(b.unit)));
  return { kept, duplicates };
}

function buildTable(
  map: ConsolidationMap,
  catalogs: Map<string, Catalog>,
  units: UnitEntry[],
  kind: TableResult["kind"]
): TableResult {
  const catalog = catalogs.get(map.target) as Catalog;
  const rows = evaluateTable(map, catalogs, units);
  const table: TableResult = {
    formSet: catalog.id,
    formSetName: catalog.set.name,
    version: catalog.set.version,
    title: tableTitle(catalog, kind),
    kind,
    units: units.filter((u) => map.sources.includes(u.formSet)).length,
    forms: catalog.set.forms.map((f) => ({
      number: f.number,
      title: f.title,
      codeHeader: f.codeHeader,
    })),
    rows,
    findings: [],
  };
  table.findings = checkTable(catalog, table);
  return table;
}

/** The table's own rules on its consolidated values (counts of answers are not codes: left out). */
function checkTable(catalog: Catalog, table: TableResult): ConsolidationFinding[] {
  const values: ValueMap = {};
  for (const row of table.rows) {
    if (row.status !== "computed" || row.countsUnits) continue;
    if (row.value.kind === "number" || row.value.kind === "pair") values[row.key] = row.value;
  }
  const cellOf = tableCellLocator(table);
  return sortFindings(catalog, checkValues(catalog, values, cellOf)).map((f) => ({
    ...f,
    table: catalog.id,
  }));
}

/** Which target rows read each row of a unit set: `form:code` → [`BM3 3.2.1`, …]. */
function usedBy(map: ConsolidationMap, set: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (refs: string[], form: number, label: string) => {
    for (const ref of refs) {
      const r = parseUnitRef(ref, form);
      if (!r || r.set !== set) continue;
      const key = valueKey(r.form, r.code);
      const list = (out[key] ??= []);
      if (!list.includes(label)) list.push(label);
    }
  };
  const visit = (s: Source, form: number, label: string) => {
    switch (s.type) {
      case "sum":
      case "count":
      case "share":
      case "pair":
      case "notes":
        add(s.from, form, label);
        break;
      case "ratio":
        for (const o of [s.numerator, s.denominator]) if (isUnitOperand(o)) add(o, form, label);
        break;
      case "manual":
        if (s.reference) visit(s.reference, form, `${label} (tham khảo)`);
        break;
      default:
        break;
    }
  };
  for (const e of map.rows) visit(e.source, e.form, `BM${e.form} ${e.code}`);
  return out;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
