import type { Catalog } from "../forms/catalog";
import { valueKey, type RowDef } from "../forms/schema";
import { cleanFloat } from "../values/number";
import type { CellValue } from "../values/types";
import {
  isUnitOperand,
  parseRowRef,
  parseUnitRef,
  type ConsolidationMap,
  type MapEntry,
  type ReferenceSource,
  type Source,
  type UnitRowRef,
} from "./schema";
import type { AnswerGroup, Answers, ConsolidatedRow, ReferenceFigure, UnitEntry } from "./types";

const BLANK: CellValue = { kind: "blank" };

interface Evaluated {
  status: ConsolidatedRow["status"];
  value: CellValue;
  /** Indexes of contributing units. */
  contributors: Set<number>;
  /** Source sets involved (for `of`). */
  sets: Set<string>;
  how: string;
  remark?: string;
  answers?: Answers;
  reference?: ReferenceFigure;
  notes: { unit: string; text: string }[];
  formula?: ConsolidatedRow["formula"];
  waitsFor?: string[];
}

interface NumberSum {
  value?: number;
  decimals: number;
  contributors: Set<number>;
  sets: Set<string>;
}

/** Evaluates every row of a map's target table over the included units. Pure. */
export function evaluateTable(
  map: ConsolidationMap,
  catalogs: Map<string, Catalog>,
  units: UnitEntry[]
): ConsolidatedRow[] {
  return new TableEvaluator(map, catalogs, units).rows();
}

class TableEvaluator {
  private readonly target: Catalog;
  private readonly entries = new Map<string, MapEntry>();
  private readonly done = new Map<string, Evaluated>();

  constructor(
    private readonly map: ConsolidationMap,
    private readonly catalogs: Map<string, Catalog>,
    private readonly units: UnitEntry[]
  ) {
    this.target = catalogs.get(map.target) as Catalog;
    for (const e of map.rows) this.entries.set(valueKey(e.form, e.code), e);
  }

  rows(): ConsolidatedRow[] {
    const out: ConsolidatedRow[] = [];
    for (const form of this.target.set.forms) {
      for (const row of form.rows) {
        const key = valueKey(form.number, row.code);
        const base = {
          form: form.number,
          code: row.code,
          key,
          printedCode: row.printedCode,
          label: row.label,
          unit: row.unit,
          kind: row.kind,
        };
        if (row.kind === "header") {
          out.push({
            ...base,
            status: "none",
            value: BLANK,
            reported: 0,
            of: 0,
            how: "",
            notes: [],
          });
          continue;
        }
        const ev = this.evaluate(key);
        const counts = this.entries.get(key)?.source.type === "count";
        out.push({
          ...base,
          ...(counts ? { countsUnits: true } : {}),
          status: ev.status,
          value: ev.value,
          reported: ev.contributors.size,
          of: this.countOf(ev.sets),
          how: ev.how,
          remark: ev.remark,
          answers: ev.answers,
          reference: ev.reference,
          notes: ev.notes,
          formula: ev.formula,
          waitsFor: ev.waitsFor,
        });
      }
    }
    return out;
  }

  private countOf(sets: Set<string>): number {
    return this.units.filter((u) => sets.has(u.formSet)).length;
  }

  private rowDef(key: string): RowDef {
    const [form, code] = splitKey(key);
    return this.target.row(form, code) as RowDef;
  }

  private evaluate(key: string): Evaluated {
    const cached = this.done.get(key);
    if (cached) return cached;
    const entry = this.entries.get(key);
    if (!entry) throw new Error(`Bảng ánh xạ ${this.map.id} thiếu hàng ${key}`);
    const ev = this.evaluateSource(entry, entry.source);
    if (entry.note) ev.how = `${ev.how} ${entry.note}`;
    this.done.set(key, ev);
    return ev;
  }

  private evaluateSource(entry: MapEntry, s: Source): Evaluated {
    switch (s.type) {
      case "sum":
        return this.sum(entry, s.from);
      case "count":
      case "share":
        return this.answers(entry, s);
      case "pair":
        return this.pair(entry, s.from);
      case "notes":
        return this.texts(entry, s.from);
      case "total":
        return this.total(entry, s.parts);
      case "ratio":
        return this.ratio(entry, s.numerator, s.denominator, s.scale);
      case "manual": {
        const ev = this.empty("manual", `Nhập tay: ${s.reason}`);
        if (s.reference) {
          const ref = this.evaluateSource(entry, s.reference as ReferenceSource);
          ev.reference = {
            value: ref.value,
            reported: ref.contributors.size,
            of: this.countOf(ref.sets),
            how: ref.how,
            answers: ref.answers,
          };
          ev.notes = ref.notes;
        }
        return ev;
      }
      case "none":
        return this.empty("none", `Không tổng hợp: ${s.reason}`);
    }
  }

  private empty(status: Evaluated["status"], how: string): Evaluated {
    return { status, value: BLANK, contributors: new Set(), sets: new Set(), how, notes: [] };
  }

  private refsOf(entry: MapEntry, refs: string[]): UnitRowRef[] {
    return refs.map((r) => parseUnitRef(r, entry.form) as UnitRowRef);
  }

  /**
   * The unit rows a ratio operand adds up: the operand itself when it names unit rows, or the sources of the
   * table rows it names when each of them is a plain sum; undefined otherwise (e.g. a hand-typed row).
   */
  private unitRefsBehind(entry: MapEntry, refs: string[]): UnitRowRef[] | undefined {
    if (isUnitOperand(refs)) return this.refsOf(entry, refs);
    const out: UnitRowRef[] = [];
    for (const r of refs) {
      const p = parseRowRef(r, entry.form);
      const row = p ? this.entries.get(valueKey(p.form, p.code)) : undefined;
      if (!row || row.source.type !== "sum") return undefined;
      out.push(...this.refsOf(row, row.source.from));
    }
    return out;
  }

  /** Every number the units report in `refs` (rows of their own form set), in unit order; blanks skipped. */
  private *unitNumbers(
    refs: UnitRowRef[]
  ): Generator<{ index: number; unit: UnitEntry; n: { value: number; decimals: number } }> {
    for (const [index, unit] of this.units.entries()) {
      for (const r of refs) {
        if (r.set !== unit.formSet) continue;
        const n = unitNumber(unit, r);
        if (n) yield { index, unit, n };
      }
    }
  }

  /** Sum of unit rows over units; blanks are skipped, all blank stays blank. */
  private sumOver(refs: UnitRowRef[], only?: Set<number>): NumberSum {
    let total = 0;
    let decimals = 0;
    const contributors = new Set<number>();
    const sets = new Set(refs.map((r) => r.set));
    for (const { index, n } of this.unitNumbers(refs)) {
      if (only && !only.has(index)) continue;
      total += n.value;
      decimals = Math.max(decimals, n.decimals);
      contributors.add(index);
    }
    return {
      value: contributors.size > 0 ? cleanFloat(total) : undefined,
      decimals,
      contributors,
      sets,
    };
  }

  private sum(entry: MapEntry, from: string[]): Evaluated {
    const refs = this.refsOf(entry, from);
    const s = this.sumOver(refs);
    return {
      status: "computed",
      value:
        s.value === undefined ? BLANK : { kind: "number", value: s.value, decimals: s.decimals },
      contributors: s.contributors,
      sets: s.sets,
      how: `Tổng ${this.describe(entry, refs)}.`,
      notes: this.gatherNotes(refs),
    };
  }

  private answers(entry: MapEntry, s: Extract<Source, { type: "count" | "share" }>): Evaluated {
    const refs = this.refsOf(entry, s.from);
    const sets = new Set(refs.map((r) => r.set));
    const first = refs[0];
    const options = (this.catalogs.get(first.set) as Catalog).row(first.form, first.code)?.options;
    const labelOf = (code: number) => options?.find((o) => o.code === code)?.label ?? String(code);
    const groups = new Map<number, string[]>();
    const contributors = new Set<number>();
    const counted: string[] = [];
    for (const { index, unit, n } of this.unitNumbers(refs)) {
      // A unit answers once: its first answered row counts.
      if (contributors.has(index)) continue;
      contributors.add(index);
      const list = groups.get(n.value) ?? [];
      list.push(unit.unit);
      groups.set(n.value, list);
      if (s.answer?.some((a) => Math.abs(a - n.value) < 1e-9)) counted.push(unit.unit);
    }
    const groupList: AnswerGroup[] = [...groups.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([code, list]) => ({ code, label: labelOf(code), units: list }));
    const answerLabels = (s.answer ?? []).map((a) => (options ? labelOf(a) : String(a)));
    const answers: Answers = { counted: answerLabels, units: counted, groups: groupList };
    const quoted = answerLabels.map((l) => `“${l}”`).join(" hoặc ");
    const where = this.describe(entry, refs);
    let value: CellValue = BLANK;
    let how: string;
    if (s.type === "count") {
      if (s.answer && contributors.size > 0)
        value = { kind: "number", value: counted.length, decimals: 0 };
      how = s.answer
        ? `Số đơn vị trả lời ${quoted} ở ${where}.`
        : `Các đơn vị trả lời ở ${where} (phân bố theo từng mã).`;
    } else {
      if (contributors.size > 0) {
        const pct = round((counted.length / contributors.size) * 100, 2);
        value = { kind: "number", value: pct, decimals: 2 };
      }
      how = `Tỷ lệ đơn vị trả lời ${quoted} ở ${where}: số đơn vị trả lời ${quoted} chia cho số đơn vị có trả lời, nhân 100.`;
    }
    return {
      status: "computed",
      value,
      contributors,
      sets,
      how,
      answers,
      notes: this.gatherNotes(refs),
    };
  }

  private pair(entry: MapEntry, from: string[]): Evaluated {
    const refs = this.refsOf(entry, from);
    const sets = new Set(refs.map((r) => r.set));
    let a = 0;
    let b = 0;
    const contributors = new Set<number>();
    this.units.forEach((u, i) => {
      if (!sets.has(u.formSet)) return;
      for (const r of refs) {
        if (r.set !== u.formSet) continue;
        const v = u.values[valueKey(r.form, r.code)];
        if (v?.kind !== "pair") continue;
        a += v.a;
        b += v.b;
        contributors.add(i);
      }
    });
    return {
      status: "computed",
      value: contributors.size > 0 ? { kind: "pair", a, b } : BLANK,
      contributors,
      sets,
      how: `Cộng riêng từng phần a và b của ${this.describe(entry, refs)}.`,
      notes: this.gatherNotes(refs),
    };
  }

  private texts(entry: MapEntry, from: string[]): Evaluated {
    const refs = this.refsOf(entry, from);
    const sets = new Set(refs.map((r) => r.set));
    const lines: string[] = [];
    const contributors = new Set<number>();
    this.units.forEach((u, i) => {
      if (!sets.has(u.formSet)) return;
      for (const r of refs) {
        if (r.set !== u.formSet) continue;
        const text = plainText(u.values[valueKey(r.form, r.code)]);
        if (!text) continue;
        lines.push(`${u.unit}: ${text}`);
        contributors.add(i);
      }
    });
    return {
      status: "computed",
      value: lines.length > 0 ? { kind: "text", text: lines.join("\n") } : BLANK,
      contributors,
      sets,
      how: `Ghép nội dung ${this.describe(entry, refs)} của từng đơn vị, kèm tên đơn vị.`,
      notes: this.gatherNotes(refs),
    };
  }

  /** Values of target rows, summed; pending when one of them is typed by hand. */
  private rowsSum(
    entry: MapEntry,
    refs: string[]
  ): { sum: NumberSum; waitsFor: string[]; keys: string[] } {
    const keys = refs.map((r) => {
      const p = parseRowRef(r, entry.form);
      if (!p) throw new Error(`Tham chiếu không hợp lệ: ${r}`);
      return valueKey(p.form, p.code);
    });
    const waitsFor: string[] = [];
    const contributors = new Set<number>();
    const sets = new Set<string>();
    let total = 0;
    let decimals = 0;
    let any = false;
    for (const key of keys) {
      const ev = this.evaluate(key);
      ev.contributors.forEach((c) => contributors.add(c));
      ev.sets.forEach((s) => sets.add(s));
      if (ev.status === "manual") waitsFor.push(key);
      if (ev.status === "pending") waitsFor.push(...(ev.waitsFor ?? []));
      if (ev.value.kind === "number") {
        total += ev.value.value;
        decimals = Math.max(decimals, ev.value.decimals);
        any = true;
      }
    }
    return {
      sum: { value: any ? cleanFloat(total) : undefined, decimals, contributors, sets },
      waitsFor: [...new Set(waitsFor)],
      keys,
    };
  }

  private total(entry: MapEntry, parts: string[]): Evaluated {
    const { sum, waitsFor, keys } = this.rowsSum(entry, parts);
    const how = `= ${parts.map((p) => shortRow(p)).join(" + ")}.`;
    if (waitsFor.length > 0) {
      return {
        ...this.empty(
          "pending",
          `${how} Tự tính khi đã nhập tay ${waitsFor.map(keyCode).join(", ")}.`
        ),
        contributors: sum.contributors,
        sets: sum.sets,
        formula: { type: "total", parts: keys },
        waitsFor,
      };
    }
    return {
      status: "computed",
      value:
        sum.value === undefined
          ? BLANK
          : { kind: "number", value: sum.value, decimals: sum.decimals },
      contributors: sum.contributors,
      sets: sum.sets,
      how,
      notes: [],
    };
  }

  private ratio(
    entry: MapEntry,
    numerator: string[],
    denominator: string[],
    scale: number
  ): Evaluated {
    const decimals = this.rowDef(valueKey(entry.form, entry.code)).decimals ?? 2;
    // Units with both parts: one with only a numerator or only a denominator (blank is not zero) is left out.
    const numUnits = this.unitRefsBehind(entry, numerator);
    const denUnits = this.unitRefsBehind(entry, denominator);
    let only: Set<number> | undefined;
    let partial: string[] = [];
    if (numUnits && denUnits) {
      const indices = (refs: UnitRowRef[]) =>
        new Set([...this.unitNumbers(refs)].map((x) => x.index));
      const a = indices(numUnits);
      const b = indices(denUnits);
      only = new Set([...a].filter((i) => b.has(i)));
      partial = [...new Set([...a, ...b])]
        .filter((i) => !only!.has(i))
        .sort((x, y) => x - y)
        .map((i) => this.units[i].unit);
    }
    const side = (refs: string[]) => {
      if (isUnitOperand(refs)) {
        const parsed = this.refsOf(entry, refs);
        return {
          sum: this.sumOver(parsed, only),
          waitsFor: [] as string[],
          keys: [] as string[],
          text: `tổng ${this.describe(entry, parsed)}`,
          notes: this.gatherNotes(parsed),
        };
      }
      const rows = this.rowsSum(entry, refs);
      const behind = this.unitRefsBehind(entry, refs);
      const sum =
        only && behind ? { ...this.sumOver(behind, only), sets: rows.sum.sets } : rows.sum;
      return { ...rows, sum, text: refs.map(shortRow).join(" + "), notes: [] };
    };
    const num = side(numerator);
    const den = side(denominator);
    const contributors = new Set([...num.sum.contributors, ...den.sum.contributors]);
    const sets = new Set([...num.sum.sets, ...den.sum.sets]);
    const scaleText = scale === 1 ? "" : ` × ${scale}`;
    const how = `= (${num.text}) / (${den.text})${scaleText}, tính lại từ số liệu đã cộng, không lấy trung bình tỷ lệ của các đơn vị.`;
    const notes = [...num.notes, ...den.notes];
    const waitsFor = [...new Set([...num.waitsFor, ...den.waitsFor])];
    if (waitsFor.length > 0) {
      return {
        ...this.empty(
          "pending",
          `${how} Tự tính khi đã nhập tay ${waitsFor.map(keyCode).join(", ")}.`
        ),
        contributors,
        sets,
        notes,
        formula: { type: "ratio", numerator: num.keys, denominator: den.keys, scale, decimals },
        waitsFor,
      };
    }
    let value: CellValue = BLANK;
    let remark: string | undefined =
      partial.length > 0
        ? `Không tính vào tỷ lệ ${partial.length} đơn vị chỉ có một trong hai phần (tử số hoặc mẫu số): ${partial.join(", ")}.`
        : undefined;
    if (num.sum.value !== undefined && den.sum.value !== undefined) {
      if (den.sum.value === 0) remark = "Mẫu số bằng 0: tỷ lệ không xác định, để trống.";
      else
        value = {
          kind: "number",
          value: round((num.sum.value / den.sum.value) * scale, decimals),
          decimals,
        };
    }
    return { status: "computed", value, contributors, sets, how, remark, notes };
  }

  /** `hàng 4.1 (Sở, ban, ngành) + hàng 4.1 (UBND cấp huyện, cấp xã)`. */
  private describe(entry: MapEntry, refs: UnitRowRef[]): string {
    const bySet = new Map<string, string[]>();
    for (const r of refs) {
      const code =
        (r.form !== entry.form ? `BM${r.form} ` : "") +
        r.code +
        (r.part ? ` (phần ${r.part})` : "");
      bySet.set(r.set, [...(bySet.get(r.set) ?? []), code]);
    }
    return [...bySet.entries()]
      .map(
        ([set, codes]) => `hàng ${codes.join(", ")} (${this.catalogs.get(set)?.set.name ?? set})`
      )
      .join(" + ");
  }

  private gatherNotes(refs: UnitRowRef[]): { unit: string; text: string }[] {
    const out: { unit: string; text: string }[] = [];
    for (const u of this.units) {
      const seen = new Set<string>();
      for (const r of refs) {
        if (r.set !== u.formSet) continue;
        const text = u.notes[valueKey(r.form, r.code)]?.trim();
        if (!text || seen.has(text)) continue;
        seen.add(text);
        out.push({ unit: u.unit, text });
      }
    }
    return out;
  }
}

function unitNumber(u: UnitEntry, r: UnitRowRef): { value: number; decimals: number } | undefined {
  const v = u.values[valueKey(r.form, r.code)];
  if (!v) return undefined;
  if (v.kind === "number" && !r.part && Number.isFinite(v.value)) {
    return { value: v.value, decimals: v.decimals };
  }
  if (v.kind === "pair" && r.part) return { value: r.part === "a" ? v.a : v.b, decimals: 0 };
  return undefined;
}

function plainText(v: CellValue | undefined): string | undefined {
  if (!v) return undefined;
  switch (v.kind) {
    case "text":
      return v.text.trim() || undefined;
    case "number":
      return v.raw ?? String(v.value);
    case "pair":
      return v.raw ?? `${v.a}/${v.b}`;
    default:
      return undefined;
  }
}

function splitKey(key: string): [number, string] {
  const i = key.indexOf(":");
  return [Number(key.slice(0, i)), key.slice(i + 1)];
}

function keyCode(key: string): string {
  return splitKey(key)[1];
}

function shortRow(ref: string): string {
  return ref.replace(/^BM([1-7]):/, "BM$1 ");
}

export function round(n: number, d: number): number {
  const f = 10 ** d;
  return cleanFloat(Math.round(n * f) / f);
}
