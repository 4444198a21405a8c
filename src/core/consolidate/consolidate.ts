import { emptyForms } from "../completeness";
import { builtInFormSets, type Catalog } from "../forms/catalog";
import { valueKey } from "../forms/schema";
import { parsePeriodId, periodId, periodLabel, periodWindow } from "../period";
import type { UnitReport } from "../report";
import { checkValues, sortFindings, type ValueMap } from "../rules/engine";
import { evaluateTable } from "./engine";
import { admit } from "./admit";
import { pickKept, type Sent } from "./duplicates";
import { matchRegister, registerOfNames, unitKey } from "./expected";
import { builtInMap, sameSetMap } from "./maps";
import { isUnitOperand, parseUnitRef, type ConsolidationMap, type Source } from "./schema";
import { tableCellLocator, tableTitle } from "./positions";
import type {
  ConsolidateOptions,
  ConsolidationFinding,
  ConsolidationInput,
  ConsolidationResult,
  DuplicateGroup,
  ExcludedFile,
  ExpectedStatus,
  FileToConfirm,
  NotSummedValue,
  TableResult,
  UnitEntry,
  UnitProvenance,
  UnitRegister,
} from "./types";

interface Candidate extends Sent {
  report: UnitReport;
  writtenAs?: string;
  provenance: UnitProvenance;
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

  const register = opts.register ?? (opts.expected ? registerOfNames(opts.expected) : undefined);
  const answers = officerAnswers(inputs, opts);
  const excluded: ExcludedFile[] = [];
  const toConfirm: FileToConfirm[] = [];
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
    const decision = admit(input, r, period, register, answers.assigned(input.file));
    if (decision.kind === "exclude") {
      excluded.push(decision.excluded);
      continue;
    }
    if (decision.kind === "confirm") {
      toConfirm.push(decision.confirm);
      continue;
    }
    const fileDate =
      input.fileDate && !isNaN(input.fileDate.getTime()) ? input.fileDate.toISOString() : undefined;
    candidates.push({
      input,
      report: r,
      unit: decision.unit,
      key: decision.key,
      ...(decision.writtenAs ? { writtenAs: decision.writtenAs } : {}),
      provenance: decision.provenance,
      errors: r.counts.errors,
      workbookDate: r.modified,
      fileDate,
      date: r.modified ?? fileDate,
      dateSource: r.modified ? "workbook" : fileDate ? "file" : undefined,
      notices: decision.notices,
    });
  }

  const { kept, duplicates } = pickKept(candidates, answers.keep);
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
  toConfirm.sort((a, b) => compareCodePoints(a.file, b.file));

  const expectedKeys = register ? new Map<string, string>() : undefined;
  for (const u of register?.units ?? []) {
    const k = unitKey(u.name);
    if (k && !expectedKeys?.has(k)) expectedKeys?.set(k, u.name);
  }
  const notSummed: NotSummedValue[] = [];
  const units: UnitEntry[] = included.map((c) => ({
    file: c.input.file,
    unit: c.unit,
    ...(c.writtenAs ? { writtenAs: c.writtenAs } : {}),
    provenance: c.provenance,
    formSet: c.report.formSet,
    formSetName: c.report.formSetName,
    errors: c.report.counts.errors,
    warnings: c.report.counts.warnings,
    filled: c.report.completeness.filled,
    total: c.report.completeness.total,
    emptyForms: emptyForms(c.report.completeness),
    date: c.date,
    dateSource: c.dateSource,
    ...usableValues(c, notSummed),
    notes: c.input.notes ?? {},
    expected: expectedKeys ? expectedKeys.has(c.key) : undefined,
  }));

  let expected: ExpectedStatus[] | undefined;
  if (expectedKeys) {
    const byKey = new Map(included.map((c) => [c.key, c.writtenAs ?? c.unit]));
    expected = [...expectedKeys.entries()].map(([k, name]) => ({
      name,
      received: byKey.has(k),
      unit: byKey.get(k),
      excludedFiles: excluded
        .filter((x) => x.unit && registerKey(register, x.unit) === k)
        .map((x) => x.file),
      toConfirmFiles: toConfirm
        .filter((c) => c.candidates.some((n) => unitKey(n) === k))
        .map((c) => c.file),
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

  const findings: ConsolidationFinding[] = answersNotUsed(answers, duplicates);
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
    toConfirm,
    notSummed,
    expected,
    missing,
    unexpected,
    findings,
  };
}

interface OfficerAnswers {
  assigned: (file: string) => string | undefined;
  /** Input files to keep. */
  keep: string[];
  /** Answers naming no input file. */
  unknownAssign: string[];
  unknownKeep: string[];
}

/**
 * The officer's answers resolved to input files: a file is named as in the input list, or by its base name when
 * exactly one input has that name (`--assign "so-y-te.xlsx=…"` for `don-vi/so-y-te.xlsx`).
 */
function officerAnswers(inputs: ConsolidationInput[], opts: ConsolidateOptions): OfficerAnswers {
  const base = (f: string) => f.split(/[\\/]/).pop() ?? f;
  const resolve = (name: string): string | undefined => {
    if (inputs.some((i) => i.file === name)) return name;
    const same = inputs.filter((i) => base(i.file) === base(name));
    return same.length === 1 ? same[0].file : undefined;
  };
  const assigned = new Map<string, string>();
  const unknownAssign: string[] = [];
  for (const [name, unit] of Object.entries(opts.assignments ?? {})) {
    const file = resolve(name);
    if (file) assigned.set(file, unit);
    else unknownAssign.push(name);
  }
  const keep: string[] = [];
  const unknownKeep: string[] = [];
  for (const name of opts.keep ?? []) {
    const file = resolve(name);
    if (file) keep.push(file);
    else unknownKeep.push(name);
  }
  return { assigned: (f) => assigned.get(f), keep, unknownAssign, unknownKeep };
}

/** The officer's answers that name no file, or keep a file that has no duplicate: said, never ignored silently. */
function answersNotUsed(
  answers: OfficerAnswers,
  duplicates: DuplicateGroup[]
): ConsolidationFinding[] {
  const out: ConsolidationFinding[] = [];
  for (const file of answers.unknownAssign) {
    out.push({
      severity: "warning",
      rule: "consolidate.assignment-unused",
      message: `Chỉ định đơn vị cho tệp “${file}” không được dùng: không có tệp nào tên như vậy trong các tệp được tổng hợp.`,
      file,
    });
  }
  for (const file of [...answers.unknownKeep, ...answers.keep]) {
    if (duplicates.some((d) => d.kept === file || d.dropped.includes(file))) continue;
    out.push({
      severity: "warning",
      rule: "consolidate.keep-unused",
      message: `Lựa chọn giữ tệp “${file}” không được dùng: tệp này không phải một trong nhiều tệp của cùng một đơn vị.`,
      file,
    });
  }
  return out;
}

/** The key of a name in the register (the unit it matches), else its own key. */
function registerKey(register: UnitRegister | undefined, name: string): string {
  const m = register ? matchRegister(register, name) : undefined;
  return unitKey(m?.unit?.name ?? name);
}

/**
 * The unit's values without those carrying an error finding (unparseable, impossible for the row's kind,
 * ambiguous): such a value is never summed, its row counts the unit as not reported.
 */
function usableValues(
  c: Candidate,
  notSummed: NotSummedValue[]
): { values: ValueMap; notSummed?: ValueMap } {
  const values: ValueMap = { ...c.report.parsed };
  const left: ValueMap = {};
  const seen = new Set<string>();
  for (const f of c.report.findings) {
    if (f.severity !== "error" || !/^(?:value|kind)\./.test(f.rule) || !f.form || !f.row) continue;
    const key = valueKey(f.form, f.row);
    if (seen.has(key)) continue;
    seen.add(key);
    if (values[key]) left[key] = values[key];
    delete values[key];
    notSummed.push({
      file: c.input.file,
      unit: c.unit,
      formSet: c.report.formSet,
      key,
      ...(f.cell ? { cell: f.cell } : {}),
      reason: f.message,
    });
  }
  return Object.keys(left).length > 0 ? { values, notSummed: left } : { values };
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
