import { builtInFormSets, type Catalog } from "../forms/catalog";
import { parseRef, valueKey, type RuleDef } from "../forms/schema";
import { isEarlier, parsePeriodId, periodLabel, type Period } from "../period";
import { countFindings, type UnitReport } from "../report";
import { foldText } from "../text";
import { formatVietnameseNumber } from "../values/number";
import { sortFindings, type CellLocator, type ValueMap } from "./engine";
import { exactInterval, intervalOf, mayHold, type Interval } from "./interval";
import type { Finding } from "./types";

/** One report as the comparison with an earlier period needs it. */
export interface PeriodReport {
  /** Form set id. */
  formSet: string;
  unit?: string;
  period?: Period;
  /** Parsed values keyed `form:code`, as the engine uses them. */
  values: ValueMap;
}

/** Rule id of the finding that says why two reports cannot be compared. */
export const NOT_COMPARABLE_RULE = "previous.not-comparable";

// Lũy kế rows count from the start of the year in every period, so the periods of a year are ordered.
export { isEarlier } from "../period";

/**
 * Checks the `not-below-previous` rules of `catalog` on `current` against `previous`, an earlier report
 * of the same unit. Findings are pinned to the current report's cells (`cellOf`). When the two reports
 * cannot be compared (other form set, other unit, period unknown or not earlier), the only finding is an
 * info saying why. Blank values are skipped (blank is not zero), unless a rule says `missing: "zero"`.
 */
export function checkAgainstPrevious(
  catalog: Catalog,
  current: PeriodReport,
  previous: PeriodReport,
  cellOf: CellLocator = () => undefined
): Finding[] {
  const reason = whyNotComparable(catalog, current, previous);
  if (reason) {
    return [
      {
        severity: "info",
        form: 1,
        row: "",
        rule: NOT_COMPARABLE_RULE,
        message: `Không so sánh được với báo cáo kỳ trước: ${reason}.`,
      },
    ];
  }
  const now = current.period as Period;
  const before = previous.period as Period;
  const findings: Finding[] = [];
  for (const rule of catalog.set.rules) {
    if (rule.type !== "not-below-previous") continue;
    if (rule.scope === "year" && now.year !== before.year) continue;
    const { form, code, part } = parseRef(rule.row, rule.form);
    const row = catalog.row(form, code);
    if (!row) throw new Error(`Quy tắc ${rule.id}: không có hàng ${rule.row}`);
    const read = (values: ValueMap): Interval | null => {
      const v = values[valueKey(form, code)] ?? { kind: "blank" };
      const i = intervalOf(v, row, part);
      if (i || rule.missing !== "zero" || (v.kind !== "blank" && v.kind !== "invalid")) return i;
      return exactInterval(0);
    };
    const cur = read(current.values);
    const prev = read(previous.values);
    if (!cur || !prev || mayHold(cur, ">=", prev, rule.tolerance ?? 0)) continue;
    const unit = row.kind === "percent" ? "%" : "";
    const show = (i: Interval) => `${formatVietnameseNumber(i.value, i.decimals)}${unit}`;
    findings.push({
      severity: rule.severity,
      form,
      row: code,
      rule: rule.id,
      message: `${messageOf(rule)}: ${show(cur)} (${periodLabel(now)}) < ${show(prev)} (${periodLabel(before)})`,
      cell: cellOf(form, code),
    });
  }
  return findings;
}

function messageOf(rule: RuleDef): string {
  return rule.message ?? "Số lũy kế giảm so với kỳ trước";
}

function whyNotComparable(
  catalog: Catalog,
  current: PeriodReport,
  previous: PeriodReport
): string | undefined {
  if (previous.formSet !== catalog.id) {
    const name = builtInFormSets().get(previous.formSet)?.set.name ?? previous.formSet;
    return `báo cáo đó theo bộ biểu mẫu “${name}”, báo cáo này theo bộ “${catalog.set.name}”`;
  }
  if (current.unit && previous.unit && foldText(current.unit) !== foldText(previous.unit)) {
    return `báo cáo đó của đơn vị “${previous.unit.trim()}”, báo cáo này của “${current.unit.trim()}”`;
  }
  if (!current.period) return "chưa rõ kỳ của báo cáo này";
  if (!previous.period) return "chưa rõ kỳ của báo cáo đó";
  if (!isEarlier(previous.period, current.period)) {
    return `kỳ của báo cáo đó (${periodLabel(previous.period)}) không trước kỳ của báo cáo này (${periodLabel(current.period)})`;
  }
  return undefined;
}

function periodReport(r: UnitReport): PeriodReport {
  return {
    formSet: r.formSet,
    unit: r.unit,
    period: (r.period && parsePeriodId(r.period)) || undefined,
    values: r.parsed,
  };
}

/**
 * The findings `current` gets from an earlier report `previous` (both as checked by `checkSnapshot`),
 * pinned to the current report's cells. `catalog` defaults to the built-in set of `current`.
 */
export function previousFindings(
  current: UnitReport,
  previous: UnitReport,
  catalog: Catalog | undefined = builtInFormSets().get(current.formSet)
): Finding[] {
  if (!catalog) throw new Error(`Không có bộ biểu mẫu "${current.formSet}"`);
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
  catalog: Catalog | undefined = builtInFormSets().get(current.formSet)
): UnitReport {
  const extra = previousFindings(current, previous, catalog);
  if (!catalog || extra.length === 0) return current;
  const findings = sortFindings(catalog, [...current.findings, ...extra]);
  return { ...current, findings, counts: countFindings(findings) };
}
