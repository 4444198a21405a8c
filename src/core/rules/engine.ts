import type { Catalog } from "../forms/catalog";
import { renderFinding, type FindingDraft } from "../findings/render";
import type { Finding, FindingOperand, OperandRole } from "../findings/types";
import {
  DEFAULT_MISSING,
  parseRef,
  valueKey,
  type Condition,
  type MissingStrategy,
  type Premise,
  type RowDef,
  type RuleDef,
} from "../forms/schema";
import { cleanFloat, formatVietnameseNumber } from "../values/number";
import { parseCell, type ParseOptions } from "../values/parse";
import type { CellValue, RawCell } from "../values/types";
import {
  exactInterval,
  intervalOf,
  mayEqual,
  mayHold,
  ratioInterval,
  sumIntervals,
  surelyHolds,
  type Interval,
} from "./interval";

/** Values of a report keyed `form:code`. Rows that are absent are blank. */
export type ValueMap = Record<string, CellValue>;

/** Finds the workbook cell of a row (e.g. `'Biểu mẫu 3'!D20`), when the values came from one. */
export type CellLocator = (form: number, code: string) => string | undefined;

export interface CheckResult {
  values: ValueMap;
  findings: Finding[];
}

const BLANK: CellValue = { kind: "blank" };
const NUMERIC_KINDS = new Set<RowDef["kind"]>(["count", "percent", "decimal", "money"]);

/** Parses raw cells by their rows' kinds and checks every rule of the form set. */
export function checkRawCells(
  catalog: Catalog,
  cells: Record<string, RawCell>,
  cellOf: CellLocator = () => undefined,
  opts: ParseOptions = {}
): CheckResult {
  const values: ValueMap = {};
  const findings: Finding[] = [];
  const textNumbers = new Map<number, FindingOperand[]>();
  for (const { form, row } of catalog.valueRows()) {
    const key = valueKey(form, row.code);
    const raw = cells[key];
    if (!raw) continue;
    const parsed = parseCell(raw, row, opts);
    values[key] = parsed.value;
    for (const issue of parsed.issues) {
      const cell = cellOf(form, row.code);
      const printed = typeof raw.value === "string" ? raw.value.trim() : undefined;
      const operand: FindingOperand = { role: "target", form, code: row.code, cell };
      if (row.short) operand.name = row.short;
      if (printed !== undefined) operand.printed = printed;
      findings.push({ ...issue, form, row: row.code, cell, type: "value", operands: [operand] });
    }
    const v = parsed.value;
    // Only plain numbers: a fraction (`19/19=100%`) or a doubtful reading (`4,751`) would lose meaning.
    if (
      typeof raw.value === "string" &&
      v.kind === "number" &&
      !v.fraction &&
      parsed.issues.length === 0 &&
      NUMERIC_KINDS.has(row.kind)
    ) {
      const list = textNumbers.get(form) ?? [];
      list.push({
        role: "cell",
        form,
        code: row.code,
        name: row.short,
        value: v.value,
        decimals: v.decimals,
        printed: raw.value.trim(),
        cell: cellOf(form, row.code),
      });
      textNumbers.set(form, list);
    }
  }
  for (const [form, list] of textNumbers) findings.push(textNumberFinding(form, list));
  findings.push(...checkValues(catalog, values, cellOf));
  return { values, findings: sortFindings(catalog, findings) };
}

/** Rule id of the grouped note on numbers typed as text (one per form). */
export const TEXT_NUMBER_RULE = "value.text-number";

function textNumberFinding(form: number, cells: FindingOperand[]): Finding {
  return renderFinding({
    severity: "info",
    form,
    row: cells[0].code,
    rule: TEXT_NUMBER_RULE,
    cell: cells[0].cell,
    type: "text-number",
    situation: "grouped",
    operands: cells,
    facts: { count: cells.length },
  });
}

/** Checks relations between values (the values themselves are already parsed). */
export function checkValues(
  catalog: Catalog,
  values: ValueMap,
  cellOf: CellLocator = () => undefined
): Finding[] {
  const findings: Finding[] = [];
  for (const { form, row } of catalog.valueRows()) {
    const v = values[valueKey(form, row.code)];
    if (v && v.kind === "number" && v.fraction) {
      const f = fractionFinding(form, row, v.value, v.decimals, v.fraction, cellOf);
      if (f) findings.push(f);
    }
  }
  for (const rule of catalog.set.rules) {
    const ctx = new RuleContext(catalog, values, rule, cellOf);
    findings.push(...ctx.run());
  }
  return findings;
}

function fractionFinding(
  form: number,
  row: RowDef,
  value: number,
  decimals: number,
  fraction: { a: number; b: number },
  cellOf: CellLocator
): Finding | undefined {
  if (fraction.b === 0) return undefined;
  const target: Interval = {
    lo: value - 0.5 * 10 ** -decimals,
    hi: value + 0.5 * 10 ** -decimals,
    value,
    decimals,
  };
  const computed = ratioInterval(exactInterval(fraction.a), exactInterval(fraction.b), 100);
  if (!computed || mayEqual(target, computed)) return undefined;
  const expected = round(computed.value, Math.max(2, decimals));
  const cell = cellOf(form, row.code);
  return renderFinding({
    severity: "warning",
    form,
    row: row.code,
    rule: "value.fraction",
    cell,
    expected,
    type: "fraction",
    situation: "mismatch",
    operands: [
      {
        role: "target",
        form,
        code: row.code,
        name: row.short,
        value,
        decimals,
        printed: `${fmt(value, decimals)}%`,
        cell,
      },
    ],
    difference: cleanFloat(value - expected),
    facts: {
      computed: `${fmt(fraction.a)}/${fmt(fraction.b)} = ${fmtComputed(computed, decimals)}%`,
    },
  });
}

function fmt(n: number, decimals?: number): string {
  return formatVietnameseNumber(n, decimals);
}

/** A computed value shown with one decimal more than the printed one, so the gap is visible. */
function fmtComputed(i: Interval, printedDecimals: number): string {
  const d = Math.min(6, Math.max(printedDecimals + 1, 2));
  return fmt(round(i.value, d), undefined);
}

function round(n: number, d: number): number {
  const f = 10 ** d;
  return Math.round(n * f) / f;
}

interface Operand {
  ref: string;
  /** True when the cell holds something that could not be read as a number. */
  unreadable: boolean;
  form: number;
  code: string;
  part?: "a" | "b";
  row: RowDef;
  interval: Interval | null;
  /** The unreadable text, when there is one. */
  raw?: string;
}

/** A pair part named by the row's `pairParts` (`số văn bản xin lỗi`), when short enough for a message. */
function partName(o: Operand): string | undefined {
  const text = o.part && o.row.pairParts?.[o.part === "a" ? 0 : 1];
  if (!text || text.length > 40) return undefined;
  return text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);
}

/** Unit printed after a value of a row: `%` for percentages. */
function unitOf(row: RowDef): string {
  return row.kind === "percent" ? "%" : "";
}

class RuleContext {
  constructor(
    private readonly catalog: Catalog,
    private readonly values: ValueMap,
    private readonly rule: RuleDef,
    private readonly cellOf: CellLocator
  ) {}

  run(): Finding[] {
    const rule = this.rule;
    switch (rule.type) {
      case "sum":
        return this.sum(rule);
      case "ratio":
        return this.ratio(rule);
      case "compare":
        return this.compare(rule);
      case "conditional":
        return this.conditional(rule);
      case "between":
        return this.between(rule);
      case "not-below-previous":
        return []; // needs an earlier report: rules/previous.ts
    }
  }

  private operand(ref: string): Operand {
    const { form, code, part } = parseRef(ref, this.rule.form);
    const row = this.catalog.row(form, code);
    if (!row) throw new Error(`Quy tắc ${this.rule.id}: không có hàng ${ref}`);
    const v = this.values[valueKey(form, code)] ?? BLANK;
    let interval = intervalOf(v, row, part);
    if (
      !interval &&
      missingOf(this.rule) === "zero" &&
      (v.kind === "blank" || v.kind === "invalid")
    ) {
      interval = exactInterval(0);
    }
    const raw = v.kind === "invalid" ? v.raw : undefined;
    return { ref, form, code, part, row, interval, unreadable: v.kind === "invalid", raw };
  }

  /** The operand as a finding records it. */
  private record(o: Operand, role: OperandRole): FindingOperand {
    const out: FindingOperand = {
      role,
      form: o.form,
      code: o.code,
      cell: this.cellOf(o.form, o.code),
    };
    if (o.part) out.part = o.part;
    const name = partName(o) ?? o.row.short;
    if (name) out.name = name;
    if (o.interval) {
      out.value = o.interval.value;
      out.decimals = o.interval.decimals;
      out.printed = `${fmt(o.interval.value, o.interval.decimals)}${unitOf(o.row)}`;
    } else if (o.unreadable) {
      out.missing = "unreadable";
      out.printed = o.raw;
    } else out.missing = "blank";
    return out;
  }

  private finding(
    at: Operand,
    draft: Pick<
      FindingDraft,
      "situation" | "operands" | "facts" | "expected" | "difference" | "op"
    >,
    severity = this.rule.severity
  ): Finding {
    const pin = this.rule.at ? this.operand(this.rule.at) : at;
    return renderFinding(
      {
        severity,
        form: pin.form,
        row: pin.code,
        rule: this.rule.id,
        cell: this.cellOf(pin.form, pin.code),
        type: this.rule.type,
        ...draft,
      },
      this.rule.message
    );
  }

  private sum(rule: Extract<RuleDef, { type: "sum" }>): Finding[] {
    const target = this.operand(rule.target);
    const parts = rule.parts.map((p) => this.operand(p));
    if (parts.some((p) => !p.interval)) return [];
    const total = sumIntervals(parts.map((p) => p.interval as Interval));
    const totalValue = cleanFloat(total.value);
    const operands = [this.record(target, "target"), ...parts.map((p) => this.record(p, "part"))];
    const computed = `${fmt(totalValue, total.decimals)}${unitOf(target.row)}`;
    if (!target.interval) {
      if (missingOf(rule) === "skip") return [];
      return [
        this.finding(
          target,
          { situation: "blank", operands, facts: { computed }, expected: totalValue },
          "warning"
        ),
      ];
    }
    if (mayEqual(target.interval, total, rule.tolerance ?? 0)) return [];
    return [
      this.finding(target, {
        situation: "mismatch",
        operands,
        facts: { computed },
        expected: totalValue,
        difference: cleanFloat(target.interval.value - totalValue),
      }),
    ];
  }

  private ratio(rule: Extract<RuleDef, { type: "ratio" }>): Finding[] {
    const target = this.operand(rule.target);
    const num = this.operand(rule.numerator);
    const den = this.operand(rule.denominator);
    if (!num.interval || !den.interval) return [];
    const computed = ratioInterval(num.interval, den.interval, rule.scale);
    // 0/0 is undefined whatever is printed; n/0 is reported by the bound rules.
    if (!computed) return [];
    const unit = rule.scale === 100 ? "%" : "";
    const operands = [
      this.record(target, "target"),
      this.record(num, "numerator"),
      this.record(den, "denominator"),
    ];
    if (!target.interval) {
      if (missingOf(rule) === "skip") return [];
      const expected = round(computed.value, 2);
      return [
        this.finding(
          target,
          {
            situation: "blank",
            operands,
            facts: { computed: `${fmt(expected)}${unit}` },
            expected,
          },
          "warning"
        ),
      ];
    }
    if (mayEqual(target.interval, computed, rule.tolerance ?? 0)) return [];
    const expected = round(computed.value, Math.max(2, target.interval.decimals));
    return [
      this.finding(target, {
        situation: "mismatch",
        operands,
        facts: { computed: `${fmtComputed(computed, target.interval.decimals)}${unit}` },
        expected,
        difference: cleanFloat(target.interval.value - expected),
      }),
    ];
  }

  private compare(rule: Extract<RuleDef, { type: "compare" }>): Finding[] {
    const left = rule.left.map((r) => this.operand(r));
    const right = rule.right.map((r) => this.operand(r));
    if ([...left, ...right].some((o) => !o.interval)) return [];
    const l = sumIntervals(left.map((o) => o.interval as Interval));
    const r = sumIntervals(right.map((o) => o.interval as Interval));
    if (mayHold(l, rule.op, r, rule.tolerance ?? 0)) return [];
    const unit = unitOf(left[0].row);
    const value = (i: Interval) => `${fmt(cleanFloat(i.value), i.decimals)}${unit}`;
    return [
      this.finding(left[0], {
        situation: "broken",
        op: rule.op,
        operands: [
          ...left.map((o) => this.record(o, "left")),
          ...right.map((o) => this.record(o, "right")),
        ],
        facts: { computed: `${value(l)}|${value(r)}` },
        difference: cleanFloat(l.value - r.value),
      }),
    ];
  }

  private between(rule: Extract<RuleDef, { type: "between" }>): Finding[] {
    const target = this.operand(rule.target);
    const parts = rule.parts.map((p) => this.operand(p));
    if (parts.some((p) => !p.interval)) return [];
    const intervals = parts.map((p) => p.interval as Interval);
    const lowest = intervals.reduce((a, b) => (b.value < a.value ? b : a));
    const highest = intervals.reduce((a, b) => (b.value > a.value ? b : a));
    // Some choice of values satisfies min ≤ target ≤ max iff the target's interval meets [min lo, max hi].
    const min: Interval = { ...lowest, lo: Math.min(...intervals.map((i) => i.lo)) };
    const max: Interval = { ...highest, hi: Math.max(...intervals.map((i) => i.hi)) };
    const unit = unitOf(target.row);
    const value = (i: Interval) => `${fmt(i.value, i.decimals)}${unit}`;
    const facts = { min: value(min), max: value(max) };
    const expected = min.value === max.value ? min.value : undefined;
    const operands = [this.record(target, "target"), ...parts.map((p) => this.record(p, "part"))];
    if (!target.interval) {
      if (missingOf(rule) !== "derive") return [];
      return [this.finding(target, { situation: "blank", operands, facts, expected }, "warning")];
    }
    const tolerance = rule.tolerance ?? 0;
    if (
      mayHold(target.interval, ">=", min, tolerance) &&
      mayHold(target.interval, "<=", max, tolerance)
    )
      return [];
    const t = target.interval.value;
    const difference = cleanFloat(t < min.value ? t - min.value : t - max.value);
    return [this.finding(target, { situation: "outside", operands, facts, expected, difference })];
  }

  private conditional(rule: Extract<RuleDef, { type: "conditional" }>): Finding[] {
    const when = this.operand(rule.when.ref);
    if (!when.interval || !premiseHolds(rule.when, when.interval)) return [];
    const out: Finding[] = [];
    for (const cond of rule.then) {
      const o = this.operand(cond.ref);
      if (conditionHolds(cond, o.interval)) continue;
      out.push(
        this.finding(o, {
          situation: "broken",
          op: "op" in cond ? cond.op : "in" in cond ? "in" : "blank",
          operands: [this.record(when, "when"), this.record(o, "then")],
          facts: { requirement: requirementText(cond) },
          expected: "op" in cond && cond.op === "=" ? cond.value : undefined,
        })
      );
    }
    return out;
  }
}

/** The blank strategy a rule uses: its own, or its type's default (set in the schema). */
function missingOf(rule: RuleDef): MissingStrategy {
  return "missing" in rule ? rule.missing : DEFAULT_MISSING[rule.type];
}

/**
 * Whether a filled premise holds. `in` and `=` compare the number as printed (codes and stated zeros are
 * exact); `<`, `<=`, `>`, `>=` must hold for every value the printed number stands for.
 */
function premiseHolds(premise: Premise, value: Interval): boolean {
  if ("in" in premise) return premise.in.includes(value.value);
  if (premise.op === "=") return value.value === premise.value;
  return surelyHolds(value, premise.op, exactInterval(premise.value));
}

/** Whether an operand meets a condition (a blank fails every condition but `blank`). */
function conditionHolds(cond: Condition, value: Interval | null): boolean {
  if ("blank" in cond) return !value;
  if (!value) return false;
  if ("in" in cond) return cond.in.includes(value.value);
  return mayHold(value, cond.op, exactInterval(cond.value));
}

/** A condition in words: `phải bằng 0`, `phải để trống`, `phải là một trong 0, 1, 2`. */
function requirementText(cond: Condition): string {
  if ("blank" in cond) return "phải để trống";
  if ("in" in cond) return `phải là một trong ${cond.in.join(", ")}`;
  const words: Record<typeof cond.op, string> = {
    "=": "phải bằng",
    ">": "phải lớn hơn",
    ">=": "phải lớn hơn hoặc bằng",
    "<": "phải nhỏ hơn",
    "<=": "phải nhỏ hơn hoặc bằng",
  };
  return `${words[cond.op]} ${fmt(cond.value)}`;
}

/** In catalog order (form, then row); errors before warnings within a row. */
export function sortFindings(catalog: Catalog, findings: Finding[]): Finding[] {
  const order = new Map<string, number>();
  let i = 0;
  for (const form of catalog.set.forms)
    for (const row of form.rows) order.set(valueKey(form.number, row.code), i++);
  const sev = { error: 0, warning: 1, info: 2 };
  return [...findings].sort(
    (a, b) =>
      (order.get(valueKey(a.form, a.row)) ?? 1e9) - (order.get(valueKey(b.form, b.row)) ?? 1e9) ||
      sev[a.severity] - sev[b.severity]
  );
}
