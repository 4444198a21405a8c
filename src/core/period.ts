import { PERIOD_KINDS, type PeriodKind } from "./forms/schema";
import { foldText } from "./text";

/** A reporting period: `2024-Q1`, `2024-H1`, `2024-Q3` or `2024-Y`. */
export interface Period {
  year: number;
  kind: PeriodKind;
}

const PERIOD_ID = /^(\d{4})-(Q1|H1|Q3|Y)$/;

export function parsePeriodId(id: string): Period | null {
  const m = PERIOD_ID.exec(id.trim().toUpperCase());
  return m ? { year: Number(m[1]), kind: m[2] as PeriodKind } : null;
}

export function periodId(p: Period): string {
  return `${p.year}-${p.kind}`;
}

const LABELS: Record<PeriodKind, string> = {
  Q1: "Quý I",
  H1: "6 tháng đầu",
  Q3: "Quý III",
  Y: "Năm",
};

/** `Quý I năm 2024`, `6 tháng đầu năm 2024`, `Năm 2024`. */
export function periodLabel(p: Period): string {
  return p.kind === "Y" ? `Năm ${p.year}` : `${LABELS[p.kind]} năm ${p.year}`;
}

/** Whether period `a` comes before period `b` (Q1 < H1 < Q3 < Y within a year, as PERIOD_KINDS lists them). */
export function isEarlier(a: Period, b: Period): boolean {
  return a.year !== b.year
    ? a.year < b.year
    : PERIOD_KINDS.indexOf(a.kind) < PERIOD_KINDS.indexOf(b.kind);
}

/** Last day of each period's window: month (1-based) and day. */
const WINDOW_END: Record<PeriodKind, [number, number]> = {
  Q1: [3, 14],
  H1: [6, 14],
  Q3: [9, 14],
  Y: [12, 14],
};

/**
 * Reporting window (Bộ Nội vụ practice): every period starts on 15/12 of the previous year except Q3,
 * which starts on 15/6; they end on 14/3, 14/6, 14/9 and 14/12.
 */
export function periodWindow(p: Period): { from: string; to: string } {
  const [month, day] = WINDOW_END[p.kind];
  const from = p.kind === "Q3" ? `15/6/${p.year}` : `15/12/${p.year - 1}`;
  return { from, to: `${day}/${month}/${p.year}` };
}

/**
 * Finds a period in free text such as `Kỳ báo cáo: Quý I năm 2024`, `QUÝ I NĂM 2024`, `Quý I/2024`,
 * `6 tháng đầu năm 2024`, `Quý III/2024`, `năm 2024`.
 */
export function findPeriodInText(text: string): Period | null {
  const t = foldText(text);
  const year = "((?:19|20)\\d{2})";
  const quarter = new RegExp(`quy (i{1,3}|iv|[1-4])\\b[^0-9]{0,12}?${year}`).exec(t);
  if (quarter) {
    const q = { i: 1, "1": 1, ii: 2, "2": 2, iii: 3, "3": 3, iv: 4, "4": 4 }[quarter[1]] ?? 0;
    const yr = Number(quarter[2]);
    if (q === 1) return { year: yr, kind: "Q1" };
    if (q === 3) return { year: yr, kind: "Q3" };
    return null; // quý II and IV are reported as 6 tháng and năm
  }
  const half = new RegExp(`(?:6|sau) thang(?: dau)?(?: nam)?[^0-9]{0,6}?${year}`).exec(t);
  if (half) return { year: Number(half[1]), kind: "H1" };
  const annual = new RegExp(`(?:^|[^a-z])nam ${year}`).exec(t);
  if (annual) return { year: Number(annual[1]), kind: "Y" };
  return null;
}

/** Days after a window closes during which units are still sending that period's report. */
export const REPORTING_GRACE_DAYS = 20;

/**
 * The period an officer is most likely filling on `today`: the first period (among `kinds`) whose window ends on or
 * after `today − REPORTING_GRACE_DAYS`. On 19/3/2024 that is Quý I 2024; on 22/11/2026, Năm 2026; on 10/1/2027,
 * Quý I 2027.
 */
export function reportingPeriodAt(
  today: Date,
  kinds: readonly PeriodKind[] = PERIOD_KINDS
): Period {
  const from = new Date(
    today.getFullYear(),
    today.getMonth(),
    today.getDate() - REPORTING_GRACE_DAYS
  );
  const order = PERIOD_KINDS.filter((k) => kinds.includes(k));
  if (order.length === 0) throw new Error("reportingPeriodAt: no period kinds");
  const year = from.getFullYear();
  const kind = order.find((k) => new Date(year, WINDOW_END[k][0] - 1, WINDOW_END[k][1]) >= from);
  return kind ? { year, kind } : { year: year + 1, kind: order[0] };
}
