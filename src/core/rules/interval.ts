import type { RowDef } from "../forms/schema";
import type { CellValue } from "../values/types";

/**
 * A reported number as the interval it stands for: a value printed with d decimals stands for
 * value ± 0.5·10^-d (XBRL-style), except whole counts, which are exact.
 */
export interface Interval {
  lo: number;
  hi: number;
  /** The value as printed, for messages. */
  value: number;
  decimals: number;
}

const EPS = 1e-9;

/** Interval of a value, or null when the value is blank, invalid or not a number. */
export function intervalOf(v: CellValue, row: RowDef, part?: "a" | "b"): Interval | null {
  if (v.kind === "pair") {
    if (!part) return null;
    const n = part === "a" ? v.a : v.b;
    return { lo: n, hi: n, value: n, decimals: 0 };
  }
  if (v.kind !== "number" || !Number.isFinite(v.value)) return null;
  const exact = row.kind === "count" || row.kind === "enum";
  const half = exact ? 0 : 0.5 * Math.pow(10, -v.decimals);
  return { lo: v.value - half, hi: v.value + half, value: v.value, decimals: v.decimals };
}

export function exactInterval(n: number, decimals = 0): Interval {
  return { lo: n, hi: n, value: n, decimals };
}

export function sumIntervals(items: Interval[]): Interval {
  return items.reduce(
    (acc, i) => ({
      lo: acc.lo + i.lo,
      hi: acc.hi + i.hi,
      value: acc.value + i.value,
      decimals: Math.max(acc.decimals, i.decimals),
    }),
    exactInterval(0)
  );
}

/** num / den × scale over intervals; null when the denominator may be 0. */
export function ratioInterval(num: Interval, den: Interval, scale: number): Interval | null {
  if (den.lo <= 0) return null;
  const lo = Math.max(0, num.lo) / den.hi;
  const hi = num.hi / den.lo;
  return {
    lo: lo * scale,
    hi: hi * scale,
    value: (num.value / den.value) * scale,
    decimals: Math.max(num.decimals, den.decimals),
  };
}

function slack(a: Interval, b: Interval, tolerance: number): number {
  return tolerance + EPS * Math.max(1, Math.abs(a.value), Math.abs(b.value));
}

export function mayEqual(a: Interval, b: Interval, tolerance = 0): boolean {
  const s = slack(a, b, tolerance);
  return a.lo <= b.hi + s && b.lo <= a.hi + s;
}

export type CompareOp = "<=" | ">=" | "=" | "<" | ">";

/** True when some values inside the two intervals satisfy `a op b`. */
export function mayHold(a: Interval, op: CompareOp, b: Interval, tolerance = 0): boolean {
  const s = slack(a, b, tolerance);
  switch (op) {
    case "<=":
      return a.lo <= b.hi + s;
    case ">=":
      return a.hi + s >= b.lo;
    case "<":
      return a.lo < b.hi + tolerance;
    case ">":
      return a.hi + tolerance > b.lo;
    case "=":
      return mayEqual(a, b, tolerance);
  }
}

/** True when every value inside `a` satisfies `a op b`: a premise that holds at any rounding of `a`. */
export function surelyHolds(a: Interval, op: CompareOp, b: Interval): boolean {
  switch (op) {
    case "<=":
      return a.hi <= b.lo;
    case ">=":
      return a.lo >= b.hi;
    case "<":
      return a.hi < b.lo;
    case ">":
      return a.lo > b.hi;
    case "=":
      return a.lo === a.hi && b.lo === b.hi && a.lo === b.lo;
  }
}
