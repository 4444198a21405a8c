import { renderFinding } from "../findings/render";
import type { Finding, FindingOperand } from "../findings/types";
import type { Catalog } from "../forms/catalog";
import { parseRef, valueKey, type RowDef } from "../forms/schema";
import { isEarlier, periodLabel, type Period } from "../period";
import { foldText } from "../text";
import { cleanFloat, formatVietnameseNumber } from "../values/number";
import type { CellLocator, ValueMap } from "./engine";
import { exactInterval, intervalOf, mayHold, type Interval } from "./interval";

/** One report as the comparison with an earlier period needs it. */
export interface PeriodReport {
  /** Form set id. */
  formSet: string;
  /** Its name, for the message when the sets differ. */
  formSetName?: string;
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
    const cell = cellOf(form, code);
    const operand = (role: "target" | "previous", i: Interval): FindingOperand => ({
      role,
      form,
      code,
      ...(part ? { part } : {}),
      ...(row.short ? { name: row.short } : {}),
      value: i.value,
      decimals: i.decimals,
      printed: printed(row, i),
      ...(role === "target" && cell ? { cell } : {}),
    });
    findings.push(
      renderFinding(
        {
          severity: rule.severity,
          form,
          row: code,
          rule: rule.id,
          cell,
          type: "not-below-previous",
          situation: "fell",
          operands: [operand("target", cur), operand("previous", prev)],
          difference: cleanFloat(cur.value - prev.value),
          facts: { period: periodLabel(now), previousPeriod: periodLabel(before) },
        },
        rule.message ?? "Số lũy kế từ đầu năm không được giảm so với kỳ trước"
      )
    );
  }
  return findings;
}

function printed(row: RowDef, i: Interval): string {
  return `${formatVietnameseNumber(i.value, i.decimals)}${row.kind === "percent" ? "%" : ""}`;
}

function whyNotComparable(
  catalog: Catalog,
  current: PeriodReport,
  previous: PeriodReport
): string | undefined {
  if (previous.formSet !== catalog.id) {
    const name = previous.formSetName ?? previous.formSet;
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
