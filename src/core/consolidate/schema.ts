import { z } from "zod";
import type { Catalog } from "../forms/catalog";
import { CODE_PATTERN, schemaError, type RowDef, type RowKind } from "../forms/schema";

/**
 * A consolidation map says, for every value row of a target table (e.g. the province's Biểu mẫu 1–7),
 * where its value comes from in the unit forms. It is data (JSON), validated here.
 */

/** A row of a unit form set: `so-nganh-2024:4.1`, `so-nganh-2024:BM6:1`, `so-nganh-2024:3.2@a`. */
export const UNIT_REF_PATTERN =
  /^([a-z0-9-]+):(?:BM([1-7]):)?(\d+(?:\.\d+)*(?:\.[a-z])?)(?:@([ab]))?$/;
/** A row of the target table: `3.1.2`, or `BM6:2.1` in another form. */
export const ROW_REF_PATTERN = /^(?:BM([1-7]):)?(\d+(?:\.\d+)*(?:\.[a-z])?)$/;

const unitRef = z.string().regex(UNIT_REF_PATTERN, "tham chiếu dạng bộ:[BMn:]mã[@a|@b]");
const rowRef = z.string().regex(ROW_REF_PATTERN, "tham chiếu dạng [BMn:]mã");
const from = z.array(unitRef).min(1);
/** A ratio operand: rows of the target table, or rows of unit forms summed over units (not mixed). */
const operand = z.array(z.string().min(1)).min(1);
const answer = z.array(z.number()).min(1);

const sumSource = z.object({ type: z.literal("sum"), from }).strict();
const totalSource = z.object({ type: z.literal("total"), parts: z.array(rowRef).min(2) }).strict();
const ratioSource = z
  .object({
    type: z.literal("ratio"),
    numerator: operand,
    denominator: operand,
    scale: z.number().positive().default(100),
  })
  .strict();
/** Units answering one of `answer` (enum codes); without `answer` only the distribution is given. */
const countSource = z
  .object({ type: z.literal("count"), from, answer: answer.optional() })
  .strict();
/** Share (in %) of the units that answered whose answer is one of `answer`. */
const shareSource = z.object({ type: z.literal("share"), from, answer }).strict();
const pairSource = z.object({ type: z.literal("pair"), from }).strict();
const notesSource = z.object({ type: z.literal("notes"), from }).strict();
const referenceSource = z.discriminatedUnion("type", [
  sumSource,
  countSource,
  shareSource,
  pairSource,
  ratioSource,
]);
const manualSource = z
  .object({
    type: z.literal("manual"),
    /** Vietnamese: why the row cannot be derived from unit forms. */
    reason: z.string().min(1),
    /** A figure from the unit forms shown next to the blank cell to help whoever types it. */
    reference: referenceSource.optional(),
  })
  .strict();
const noneSource = z.object({ type: z.literal("none"), reason: z.string().min(1) }).strict();

export const sourceSchema = z.discriminatedUnion("type", [
  sumSource,
  totalSource,
  ratioSource,
  countSource,
  shareSource,
  pairSource,
  notesSource,
  manualSource,
  noneSource,
]);
export type Source = z.infer<typeof sourceSchema>;
export type SourceType = Source["type"];
export type ReferenceSource = z.infer<typeof referenceSource>;

export const mapEntrySchema = z
  .object({
    form: z.number().int().min(1).max(7),
    code: z.string().regex(CODE_PATTERN),
    source: sourceSchema,
    /** Vietnamese caveat added to the generated explanation. */
    note: z.string().optional(),
  })
  .strict();
export type MapEntry = z.infer<typeof mapEntrySchema>;

export const consolidationMapSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().min(1),
    /** Form set of the consolidated table. */
    target: z.string().min(1),
    /** Unit form sets consolidated into it, in display order. */
    sources: z.array(z.string().min(1)).min(1),
    description: z.string().optional(),
    rows: z.array(mapEntrySchema).min(1),
  })
  .strict();
export type ConsolidationMapInput = z.input<typeof consolidationMapSchema>;
export type ConsolidationMap = z.infer<typeof consolidationMapSchema>;

export interface UnitRowRef {
  set: string;
  form: number;
  code: string;
  part?: "a" | "b";
}

export interface TargetRowRef {
  form: number;
  code: string;
}

/** Parses `set:[BMn:]code[@a|@b]`; `form` is the entry's form, used when the ref has no `BMn:`. */
export function parseUnitRef(ref: string, form: number): UnitRowRef | null {
  const m = UNIT_REF_PATTERN.exec(ref);
  if (!m) return null;
  return {
    set: m[1],
    form: m[2] ? Number(m[2]) : form,
    code: m[3],
    part: m[4] as "a" | "b" | undefined,
  };
}

export function parseRowRef(ref: string, form: number): TargetRowRef | null {
  const m = ROW_REF_PATTERN.exec(ref);
  if (!m) return null;
  return { form: m[1] ? Number(m[1]) : form, code: m[2] };
}

/** True when a ratio operand lists unit rows (summed over units) rather than target rows. */
export function isUnitOperand(refs: string[]): boolean {
  return refs.length > 0 && refs.every((r) => UNIT_REF_PATTERN.test(r));
}

const NUMERIC: RowKind[] = ["count", "money", "decimal"];

/** Row kinds a source may read (unit rows) and may fill (target row). */
const READS: Record<"sum" | "count" | "share" | "pair" | "notes", RowKind[]> = {
  sum: NUMERIC,
  count: ["enum"],
  share: ["enum", "percent"],
  pair: ["pair"],
  notes: ["text", "count", "percent", "decimal", "money", "enum", "pair"],
};
const FILLS: Record<Exclude<SourceType, "manual" | "none">, RowKind[]> = {
  sum: NUMERIC,
  total: NUMERIC,
  ratio: ["percent", "decimal"],
  count: ["enum", "count"],
  share: ["percent"],
  pair: ["pair"],
  notes: ["text"],
};

/** Parses and checks a map against the form sets it names; throws one readable Vietnamese error. */
export function loadConsolidationMap(
  data: unknown,
  catalogs: Map<string, Catalog>,
  origin = "Bảng ánh xạ tổng hợp"
): ConsolidationMap {
  const parsed = consolidationMapSchema.safeParse(data);
  if (!parsed.success) {
    throw schemaError(origin, parsed.error);
  }
  const problems = mapProblems(parsed.data, catalogs);
  if (problems.length > 0) {
    const shown = problems.slice(0, 15).map((p) => `- ${p}`);
    const more = problems.length > 15 ? [`- … và ${problems.length - 15} lỗi khác`] : [];
    throw new Error(`${origin} ${parsed.data.id} không hợp lệ:\n${[...shown, ...more].join("\n")}`);
  }
  return parsed.data;
}

/** Every inconsistency between a map and its form sets (empty when the map is usable). */
export function mapProblems(map: ConsolidationMap, catalogs: Map<string, Catalog>): string[] {
  const out: string[] = [];
  const target = catalogs.get(map.target);
  if (!target) return [`không có bộ biểu mẫu đích “${map.target}”`];
  for (const s of map.sources) {
    if (!catalogs.has(s)) out.push(`không có bộ biểu mẫu nguồn “${s}”`);
  }
  if (out.length > 0) return out;

  const entries = new Map<string, MapEntry>();
  for (const e of map.rows) {
    const key = `${e.form}:${e.code}`;
    const where = `Biểu mẫu ${e.form}, hàng ${e.code}`;
    if (entries.has(key)) out.push(`${where}: khai báo hai lần`);
    entries.set(key, e);
    const row = target.row(e.form, e.code);
    if (!row) {
      out.push(`${where}: không có trong bộ ${map.target}`);
      continue;
    }
    if (row.kind === "header") {
      out.push(`${where}: là dòng tiêu đề nhóm, không mang số liệu`);
      continue;
    }
    out.push(...entryProblems(map, catalogs, e, row, where));
  }
  for (const { form, row } of target.valueRows()) {
    if (!entries.has(`${form}:${row.code}`)) {
      out.push(`Biểu mẫu ${form}, hàng ${row.code}: chưa nói lấy số liệu từ đâu`);
    }
  }
  out.push(...cycleProblems(map));
  return out;
}

function entryProblems(
  map: ConsolidationMap,
  catalogs: Map<string, Catalog>,
  e: MapEntry,
  row: RowDef,
  where: string
): string[] {
  const out: string[] = [];
  const target = catalogs.get(map.target) as Catalog;
  const s = e.source;
  if (s.type !== "manual" && s.type !== "none" && !FILLS[s.type].includes(row.kind)) {
    out.push(`${where}: kiểu nguồn “${s.type}” không điền được hàng kiểu ${row.kind}`);
  }
  const checkUnitRefs = (refs: string[], reads: RowKind[], type: string) => {
    for (const ref of refs) {
      const r = parseUnitRef(ref, e.form);
      if (!r) {
        out.push(`${where}: tham chiếu “${ref}” không hợp lệ`);
        continue;
      }
      if (!map.sources.includes(r.set)) {
        out.push(`${where}: “${ref}” thuộc bộ ${r.set}, không có trong danh sách nguồn`);
        continue;
      }
      const src = (catalogs.get(r.set) as Catalog).row(r.form, r.code);
      if (!src) {
        out.push(`${where}: không có hàng ${r.code} trong Biểu mẫu ${r.form} của bộ ${r.set}`);
        continue;
      }
      const kind: RowKind = r.part ? "count" : src.kind;
      if (r.part && src.kind !== "pair") {
        out.push(`${where}: “${ref}” chọn phần @${r.part} của một hàng không phải cặp a/b`);
      } else if (!r.part && src.kind === "pair" && type !== "pair" && type !== "notes") {
        out.push(`${where}: “${ref}” là cặp a/b, cần @a hoặc @b`);
      } else if (!reads.includes(kind)) {
        out.push(`${where}: nguồn “${type}” không đọc được hàng ${ref} (kiểu ${src.kind})`);
      }
    }
  };
  const checkRowRefs = (refs: string[]) => {
    for (const ref of refs) {
      const r = parseRowRef(ref, e.form);
      const def = r ? target.row(r.form, r.code) : undefined;
      if (!r || !def) out.push(`${where}: không có hàng “${ref}” trong bộ ${map.target}`);
      else if (!NUMERIC.includes(def.kind) && def.kind !== "percent") {
        out.push(`${where}: hàng ${ref} (kiểu ${def.kind}) không cộng, chia được`);
      }
    }
  };
  const checkSource = (src: Source) => {
    switch (src.type) {
      case "sum":
      case "count":
      case "share":
      case "pair":
      case "notes":
        checkUnitRefs(src.from, READS[src.type], src.type);
        break;
      case "total":
        checkRowRefs(src.parts);
        break;
      case "ratio":
        for (const operandRefs of [src.numerator, src.denominator]) {
          if (isUnitOperand(operandRefs)) checkUnitRefs(operandRefs, NUMERIC, "ratio");
          else if (operandRefs.every((r) => ROW_REF_PATTERN.test(r))) checkRowRefs(operandRefs);
          else
            out.push(`${where}: một vế của tỷ lệ trộn hàng của đơn vị với hàng của bảng tổng hợp`);
        }
        break;
      case "manual":
        if (src.reference) checkSource(src.reference);
        break;
      case "none":
        break;
    }
  };
  checkSource(s);
  return out;
}

/** Totals and ratios over target rows must not depend on themselves. */
function cycleProblems(map: ConsolidationMap): string[] {
  const deps = new Map<string, string[]>();
  for (const e of map.rows) {
    const refs =
      e.source.type === "total"
        ? e.source.parts
        : e.source.type === "ratio"
          ? [e.source.numerator, e.source.denominator].filter((o) => !isUnitOperand(o)).flat()
          : [];
    deps.set(
      `${e.form}:${e.code}`,
      refs
        .map((r) => parseRowRef(r, e.form))
        .filter((r): r is TargetRowRef => r !== null)
        .map((r) => `${r.form}:${r.code}`)
    );
  }
  const state = new Map<string, 1 | 2>();
  const out: string[] = [];
  const visit = (key: string, path: string[]): void => {
    if (state.get(key) === 2) return;
    if (state.get(key) === 1) {
      out.push(`vòng lặp khi tính: ${[...path, key].join(" → ")}`);
      return;
    }
    state.set(key, 1);
    for (const d of deps.get(key) ?? []) visit(d, [...path, key]);
    state.set(key, 2);
  };
  for (const key of deps.keys()) visit(key, []);
  return out;
}
