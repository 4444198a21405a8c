import { plainValue as plain } from "../report";
import type { ConsolidationResult, TableResult } from "./types";

function tableJson(t: TableResult) {
  const values: Record<string, number | string> = {};
  const reported: Record<string, number> = {};
  const answers: Record<string, unknown> = {};
  const references: Record<string, unknown> = {};
  const manual: string[] = [];
  const pending: string[] = [];
  const none: string[] = [];
  for (const r of t.rows) {
    if (r.kind === "header") continue;
    const v = plain(r.value);
    if (r.status === "computed" && v !== undefined) values[r.key] = v;
    if (r.status === "computed" || r.status === "pending") reported[r.key] = r.reported;
    if (r.status === "manual") manual.push(r.key);
    if (r.status === "pending") pending.push(r.key);
    if (r.status === "none") none.push(r.key);
    if (r.answers) answers[r.key] = { ...r.answers, reported: r.reported, of: r.of };
    if (r.reference) {
      references[r.key] = {
        value: plain(r.reference.value),
        reported: r.reference.reported,
        of: r.reference.of,
        how: r.reference.how,
        ...(r.reference.answers ? { answers: r.reference.answers } : {}),
      };
    }
  }
  return {
    formSet: t.formSet,
    units: t.units,
    values,
    reported,
    manual,
    pending,
    none,
    answers,
    references,
  };
}

/**
 * The JSON of `cchc consolidate --json`: `values` holds the target (provincial) table keyed
 * `form:code`; nothing in it depends on the clock.
 */
export function consolidationJson(result: ConsolidationResult): Record<string, unknown> {
  const target = tableJson(result.target);
  return {
    period: result.period,
    periodLabel: result.periodLabel,
    table: result.target.formSet,
    included: result.units.map((u) => ({
      file: u.file,
      unit: u.unit,
      formSet: u.formSet,
      errors: u.errors,
      warnings: u.warnings,
      filled: u.filled,
      total: u.total,
      emptyForms: u.emptyForms,
      ...(u.date ? { date: u.date, dateSource: u.dateSource } : {}),
      ...(u.expected !== undefined ? { expected: u.expected } : {}),
      ...(u.writtenAs ? { writtenAs: u.writtenAs } : {}),
      ...(u.provenance ? { provenance: u.provenance } : {}),
    })),
    toConfirm: result.toConfirm,
    notSummed: result.notSummed,
    excluded: result.excluded.map((x) => ({
      file: x.file,
      reason: x.reason,
      cause: x.cause,
      ...(x.unit ? { unit: x.unit } : {}),
      ...(x.formSet ? { formSet: x.formSet } : {}),
    })),
    duplicates: result.duplicates,
    missing: result.missing,
    unexpected: result.unexpected,
    values: target.values,
    reported: target.reported,
    manual: target.manual,
    pending: target.pending,
    answers: target.answers,
    references: target.references,
    totals: Object.fromEntries(
      result.totals.map((t) => {
        const { formSet, ...rest } = tableJson(t);
        return [formSet, rest];
      })
    ),
    findings: result.findings,
  };
}
