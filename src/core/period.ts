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

/** A period as a file states it: the four CCHC periods, and those officers also write (Quý II, Quý IV, 6 tháng cuối năm, 9 tháng). */
export type StatedKind = PeriodKind | "Q2" | "Q4" | "H2" | "M9";

export interface StatedPeriod {
  kind: StatedKind;
  /** Absent when the text gives no year (e.g. a sheet named `Quý I`). */
  year?: number;
}

export function isCchcKind(kind: StatedKind): kind is PeriodKind {
  return (PERIOD_KINDS as readonly string[]).includes(kind);
}

const STATED_LABELS: Record<StatedKind, string> = {
  ...LABELS,
  Q2: "Quý II",
  Q4: "Quý IV",
  H2: "6 tháng cuối",
  M9: "9 tháng",
};

/** `Quý II năm 2024`, `9 tháng năm 2024`, `Quý I` (no year). */
export function statedLabel(p: StatedPeriod): string {
  if (p.kind === "Y") return p.year ? `Năm ${p.year}` : "Năm";
  const label = STATED_LABELS[p.kind] + (p.kind === "H1" || p.kind === "H2" ? " năm" : "");
  return p.year ? `${STATED_LABELS[p.kind]} năm ${p.year}` : label;
}

const CCHC_PERIODS = "các kỳ báo cáo CCHC là Quý I, 6 tháng đầu năm, Quý III và năm";

/** Why a stated period is not a CCHC reporting period, in Vietnamese; undefined for the four CCHC periods. */
export function notCchcReason(kind: StatedKind): string | undefined {
  switch (kind) {
    case "Q2":
      return `Quý II không phải kỳ báo cáo CCHC; báo cáo 6 tháng đầu năm gồm cả Quý II (${CCHC_PERIODS}).`;
    case "Q4":
      return `Quý IV không phải kỳ báo cáo CCHC; báo cáo năm gồm cả Quý IV (${CCHC_PERIODS}).`;
    case "H2":
      return `6 tháng cuối năm không phải kỳ báo cáo CCHC; báo cáo năm gồm cả 6 tháng cuối năm (${CCHC_PERIODS}).`;
    case "M9":
      return `9 tháng không phải kỳ báo cáo CCHC; báo cáo Quý III chỉ gồm số liệu từ 15/6 đến 14/9 (${CCHC_PERIODS}).`;
    default:
      return undefined;
  }
}

const SEP = "[\\s_.,/-]*";
const YEAR = `(?:${SEP}(?:nam${SEP})?((?:19|20)\\d{2})(?!\\d))?`;
const ROMAN: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
};
const QUARTER_KIND: StatedKind[] = ["Q1", "Q2", "Q3", "Q4"];
/** Dates (`ngày 10 tháng 3 năm 2024`, `10/3/2024`, `tháng 3/2024`) are not periods: blanked before matching. */
const DATES = [
  /(?:ngay\s*)?\d{1,2}\s*thang\s*\d{1,2}\s*(?:nam|[/.-])\s*\d{4}/g,
  /\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/g,
  /thang\s*\d{1,2}\s*(?:nam|[/.-])\s*\d{4}/g,
];
/** `Kế hoạch CCHC năm 2024`, `mục tiêu đến năm 2025`, `từ năm 2021`: a year named, not an annual report. */
function namesAYearOnly(before: string): boolean {
  return (
    /(?:^|[^a-z])(?:den|tu|truoc|sau)\s*$/.test(before) ||
    /(?:^|[^a-z])(?:ke hoach|nhiem vu|muc tieu|chuong trinh|giai doan)(?:[^a-z][^.;:()]*)?$/.test(
      before.slice(-60)
    )
  );
}

const PATTERNS: { re: RegExp; kind: (m: RegExpExecArray) => StatedKind; year: number }[] = [
  {
    re: new RegExp(`(?<![a-z0-9])((?:19|20)\\d{2})${SEP}(q1|h1|q3|y)(?![a-z0-9])`, "g"),
    kind: (m) => (m[2] === "y" ? "Y" : (m[2].toUpperCase() as StatedKind)),
    year: 1,
  },
  {
    re: new RegExp(`(?<![a-z0-9])(?:quy|q)${SEP}(iv|i{1,3}|[1-4])(?![a-z0-9])${YEAR}`, "g"),
    kind: (m) => QUARTER_KIND[ROMAN[m[1]] - 1],
    year: 2,
  },
  {
    re: new RegExp(
      `(?<![a-z0-9])(?:6|sau)${SEP}thang(?:${SEP}(dau|cuoi))?(?:${SEP}nam)?(?!${SEP}\\d{1,2}(?!\\d))${YEAR}`,
      "g"
    ),
    kind: (m) => (m[1] === "cuoi" ? "H2" : "H1"),
    year: 2,
  },
  {
    re: new RegExp(`(?<![a-z0-9])(?:9|chin)${SEP}thang(?:${SEP}dau)?(?:${SEP}nam)?${YEAR}`, "g"),
    kind: () => "M9",
    year: 1,
  },
  {
    re: new RegExp(`(?<![a-z0-9])nam${SEP}((?:19|20)\\d{2})(?!\\d)`, "g"),
    kind: () => "Y",
    year: 1,
  },
];

/**
 * Every period a text states, in order of the patterns: `Quý I năm 2024`, `QUÝ II/2024`, `Q1-2024`, `QI`,
 * `6 tháng đầu năm 2024`, `6 tháng cuối năm`, `9 tháng năm 2024`, `năm 2024`, `2024-Q1`. Dates are not periods;
 * a year inside a quarter or half-year statement is not also read as an annual report.
 */
export function findPeriodStatements(text: string): StatedPeriod[] {
  let t = foldText(text);
  for (const d of DATES) t = t.replace(d, (m) => " ".repeat(m.length));
  const out: StatedPeriod[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    const masked: [number, number][] = [];
    while ((m = p.re.exec(t))) {
      if (p.kind(m) === "Y" && namesAYearOnly(t.slice(0, m.index))) continue;
      const year = m[p.year] ? Number(m[p.year]) : undefined;
      out.push(year ? { kind: p.kind(m), year } : { kind: p.kind(m) });
      masked.push([m.index, m.index + m[0].length]);
    }
    for (const [a, b] of masked) t = t.slice(0, a) + " ".repeat(b - a) + t.slice(b);
  }
  return out;
}

/**
 * The first CCHC period with a year in free text such as `Kỳ báo cáo: Quý I năm 2024`, `Quý I/2024`,
 * `6 tháng đầu năm 2024`, `năm 2024`; null when it states none (Quý II is not a CCHC period).
 */
export function findPeriodInText(text: string): Period | null {
  const first = findPeriodStatements(text)[0];
  return first && first.year && isCchcKind(first.kind)
    ? { year: first.year, kind: first.kind }
    : null;
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
