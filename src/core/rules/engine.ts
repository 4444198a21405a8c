import type { Catalog } from "../forms/catalog";
import {
  parseRef,
  valueKey,
  type Condition,
  type Premise,
  type RowDef,
  type RuleDef,
} from "../forms/schema";
import { formatVietnameseNumber } from "../values/number";
import { parseCell } from "../values/parse";
import type { CellValue, RawCell } from "../values/types";
import {
  exactInterval,
  intervalOf,
  mayEqual,
  mayHold,
  ratioInterval,
  sumIntervals,
  surelyHolds,
  type CompareOp,
  type Interval,
} from "./interval";
import type { Finding } from "./types";

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
  cellOf: CellLocator = () => undefined
): CheckResult {
  const values: ValueMap = {};
  const findings: Finding[] = [];
  for (const { form, row } of catalog.valueRows()) {
    const key = valueKey(form, row.code);
    const raw = cells[key];
    if (!raw) continue;
    const parsed = parseCell(raw, row);
    values[key] = parsed.value;
    for (const issue of parsed.issues) {
      findings.push({ ...issue, form, row: row.code, cell: cellOf(form, row.code) });
    }
    if (
      typeof raw.value === "string" &&
      parsed.value.kind === "number" &&
      NUMERIC_KINDS.has(row.kind)
    ) {
      findings.push({
        severity: "info",
        form,
        row: row.code,
        rule: "value.text-number",
        message: `Số “${raw.value.trim()}” đang ở dạng chữ: công thức và phép cộng của Excel sẽ bỏ qua ô này; nên nhập lại thành số.`,
        cell: cellOf(form, row.code),
      });
    }
  }
  findings.push(...checkValues(catalog, values, cellOf));
  return { values, findings: sortFindings(catalog, findings) };
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
      const f = fractionFinding(v.value, v.decimals, v.fraction);
      if (f) findings.push({ ...f, form, row: row.code, cell: cellOf(form, row.code) });
    }
  }
  for (const rule of catalog.set.rules) {
    const ctx = new RuleContext(catalog, values, rule, cellOf);
    findings.push(...ctx.run());
  }
  return findings;
}

function fractionFinding(
  value: number,
  decimals: number,
  fraction: { a: number; b: number }
): Omit<Finding, "form" | "row"> | undefined {
  if (fraction.b === 0) return undefined;
  const target: Interval = {
    lo: value - 0.5 * 10 ** -decimals,
    hi: value + 0.5 * 10 ** -decimals,
    value,
    decimals,
  };
  const computed = ratioInterval(exactInterval(fraction.a), exactInterval(fraction.b), 100);
  if (!computed || mayEqual(target, computed)) return undefined;
  return {
    severity: "warning",
    rule: "value.fraction",
    message: `Tỷ lệ ${fmtPercent(target)} không khớp với phân số đi kèm: ${fmt(fraction.a)}/${fmt(fraction.b)} = ${fmtComputed(computed, decimals)}%`,
    expected: round(computed.value, Math.max(2, decimals)),
  };
}

function fmt(n: number, decimals?: number): string {
  return formatVietnameseNumber(n, decimals);
}

function fmtPercent(i: Interval): string {
  return `${fmt(i.value, i.decimals)}%`;
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
    if (!interval && this.rule.missing === "zero" && (v.kind === "blank" || v.kind === "invalid")) {
      interval = exactInterval(0);
    }
    return { ref, form, code, part, row, interval, unreadable: v.kind === "invalid" };
  }

  /** How a ref is named in a message: `3.1`, `3.2 (b)`, or `BM6 2.1` for another form. */
  private name(o: Operand): string {
    const base = o.form === this.rule.form ? o.code : `BM${o.form} ${o.code}`;
    return o.part ? `${base} (${o.part === "a" ? "số thứ nhất" : "số thứ hai"})` : base;
  }

  private blankWord(o: Operand): string {
    return o.unreadable ? "không đọc được thành số" : "để trống";
  }

  private finding(
    at: Operand,
    message: string,
    expected?: number,
    severity = this.rule.severity
  ): Finding {
    const pin = this.rule.at ? this.operand(this.rule.at) : at;
    const prefix = this.rule.message ? `${this.rule.message}: ` : "";
    return {
      severity,
      form: pin.form,
      row: pin.code,
      rule: this.rule.id,
      message: prefix + message,
      cell: this.cellOf(pin.form, pin.code),
      expected,
    };
  }

  private sum(rule: Extract<RuleDef, { type: "sum" }>): Finding[] {
    const target = this.operand(rule.target);
    const parts = rule.parts.map((p) => this.operand(p));
    const partNames = parts.map((p) => this.name(p)).join(" + ");
    if (parts.some((p) => !p.interval)) return [];
    const total = sumIntervals(parts.map((p) => p.interval as Interval));
    if (!target.interval) {
      if (rule.missing === "skip") return [];
      return [
        this.finding(
          target,
          `hàng ${this.name(target)} ${this.blankWord(target)} trong khi ${partNames} = ${fmt(total.value)}; giá trị đúng là ${fmt(total.value)}`,
          total.value,
          "warning"
        ),
      ];
    }
    if (mayEqual(target.interval, total, rule.tolerance ?? 0)) return [];
    return [
      this.finding(
        target,
        `${this.name(target)} = ${fmt(target.interval.value, target.interval.decimals)} nhưng ${partNames} = ${fmt(total.value)}`,
        total.value
      ),
    ];
  }

  private ratio(rule: Extract<RuleDef, { type: "ratio" }>): Finding[] {
    const target = this.operand(rule.target);
    const num = this.operand(rule.numerator);
    const den = this.operand(rule.denominator);
    if (!num.interval || !den.interval) return [];
    const computed = ratioInterval(num.interval, den.interval, rule.scale);
    const desc = `${fmt(num.interval.value)} / ${fmt(den.interval.value)}`;
    if (!computed) {
      // 0/0 is undefined whatever is printed; n/0 is reported by the bound rules.
      return [];
    }
    const unit = rule.scale === 100 ? "%" : "";
    if (!target.interval) {
      if (rule.missing === "skip") return [];
      const expected = round(computed.value, 2);
      return [
        this.finding(
          target,
          `tỷ lệ ${this.name(target)} ${this.blankWord(target)}; theo ${this.name(num)} / ${this.name(den)} = ${desc} thì giá trị là ${fmt(expected)}${unit}`,
          expected,
          "warning"
        ),
      ];
    }
    if (mayEqual(target.interval, computed, rule.tolerance ?? 0)) return [];
    return [
      this.finding(
        target,
        `Tỷ lệ ${fmt(target.interval.value, target.interval.decimals)}${unit} không khớp: ${desc} = ${fmtComputed(computed, target.interval.decimals)}${unit}`,
        round(computed.value, Math.max(2, target.interval.decimals))
      ),
    ];
  }

  private compare(rule: Extract<RuleDef, { type: "compare" }>): Finding[] {
    const left = rule.left.map((r) => this.operand(r));
    const right = rule.right.map((r) => this.operand(r));
    if ([...left, ...right].some((o) => !o.interval)) return [];
    const l = sumIntervals(left.map((o) => o.interval as Interval));
    const r = sumIntervals(right.map((o) => o.interval as Interval));
    if (mayHold(l, rule.op, r, rule.tolerance ?? 0)) return [];
    const broken: Record<CompareOp, string> = {
      "<=": ">",
      ">=": "<",
      "<": "≥",
      ">": "≤",
      "=": "≠",
    };
    const side = (ops: Operand[]) => ops.map((o) => this.name(o)).join(" + ");
    const value = (i: Interval) => fmt(i.value, i.decimals);
    return [
      this.finding(
        left[0],
        `${side(left)} ${broken[rule.op]} ${side(right)} (${value(l)} ${broken[rule.op]} ${value(r)})`
      ),
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
    const unit = target.row.kind === "percent" ? "%" : "";
    const value = (i: Interval) => `${fmt(i.value, i.decimals)}${unit}`;
    const range = `từ ${value(min)} đến ${value(max)}`;
    const partNames = parts.map((p) => this.name(p)).join(", ");
    const expected = min.value === max.value ? min.value : undefined;
    if (!target.interval) {
      if (rule.missing !== "derive") return [];
      return [
        this.finding(
          target,
          `hàng ${this.name(target)} ${this.blankWord(target)} trong khi ${partNames} đều có số liệu; giá trị phải nằm trong khoảng ${range}`,
          expected,
          "warning"
        ),
      ];
    }
    const tolerance = rule.tolerance ?? 0;
    if (
      mayHold(target.interval, ">=", min, tolerance) &&
      mayHold(target.interval, "<=", max, tolerance)
    )
      return [];
    return [
      this.finding(
        target,
        `${this.name(target)} = ${value(target.interval)} không nằm trong khoảng ${range} (nhỏ nhất và lớn nhất của ${partNames})`,
        expected
      ),
    ];
  }

  private conditional(rule: Extract<RuleDef, { type: "conditional" }>): Finding[] {
    const when = this.operand(rule.when.ref);
    if (!when.interval || !premiseHolds(rule.when, when.interval)) return [];
    const premise = `${this.name(when)} = ${fmt(when.interval.value, when.interval.decimals)}`;
    const out: Finding[] = [];
    for (const cond of rule.then) {
      const o = this.operand(cond.ref);
      const problem = conditionProblem(cond, o.interval);
      if (problem) out.push(this.finding(o, `vì ${premise} nên ${this.name(o)} ${problem}`));
    }
    return out;
  }
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

/** What is wrong with an operand under a condition, or undefined when it holds. */
function conditionProblem(cond: Condition, value: Interval | null): string | undefined {
  if ("blank" in cond) {
    return value ? `phải để trống (đang là ${fmt(value.value, value.decimals)})` : undefined;
  }
  if ("in" in cond) {
    if (!value) return `phải là một trong ${cond.in.join(", ")} (đang để trống)`;
    return cond.in.includes(value.value)
      ? undefined
      : `phải là một trong ${cond.in.join(", ")} (đang là ${fmt(value.value)})`;
  }
  const words: Record<typeof cond.op, string> = {
    "=": "phải bằng",
    ">": "phải lớn hơn",
    ">=": "phải lớn hơn hoặc bằng",
    "<": "phải nhỏ hơn",
    "<=": "phải nhỏ hơn hoặc bằng",
  };
  const want = `${words[cond.op]} ${fmt(cond.value)}`;
  if (!value) return `${want} (đang để trống)`;
  return mayHold(value, cond.op, exactInterval(cond.value))
    ? undefined
    : `${want} (đang là ${fmt(value.value, value.decimals)})`;
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
