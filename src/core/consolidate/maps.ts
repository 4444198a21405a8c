import { builtInFormSets, type Catalog } from "../forms/catalog";
import { parseRef } from "../forms/schema";
import { foldText } from "../text";
import provinceMapJson from "./map-tinh-2024.json";
import { loadConsolidationMap, type ConsolidationMap, type MapEntry, type Source } from "./schema";

let builtIn: ConsolidationMap | undefined;

/** The built-in map: the province's Biểu mẫu 1–7 from the department and local-government forms. */
export function builtInMap(): ConsolidationMap {
  builtIn ??= loadConsolidationMap(provinceMapJson, builtInFormSets(), "Bảng ánh xạ có sẵn");
  return builtIn;
}

/**
 * Consolidation of one form set into its own table, derived from row kinds and ratio rules:
 * counts and money are summed, ratios recomputed from the summed parts, enum answers counted
 * (units answering “Có”), pairs summed part by part, text gathered; a percentage without a ratio
 * rule is not consolidated (never averaged).
 */
export function sameSetMap(catalog: Catalog): ConsolidationMap {
  const id = catalog.id;
  const ratioOf = new Map<string, Source>();
  for (const rule of catalog.set.rules) {
    if (rule.type !== "ratio") continue;
    const t = parseRef(rule.target, rule.form);
    const n = parseRef(rule.numerator, rule.form);
    const d = parseRef(rule.denominator, rule.form);
    if (t.form !== rule.form || n.form !== rule.form || d.form !== rule.form) continue;
    if (t.part || n.part || d.part) continue;
    ratioOf.set(`${t.form}:${t.code}`, {
      type: "ratio",
      numerator: [n.code],
      denominator: [d.code],
      scale: rule.scale,
    });
  }
  const rows: MapEntry[] = [];
  for (const { form, row } of catalog.valueRows()) {
    const ref = `${id}:${row.code}`;
    const ratio = ratioOf.get(`${form}:${row.code}`);
    let source: Source;
    if (ratio && (row.kind === "percent" || row.kind === "decimal")) source = ratio;
    else if (row.kind === "count" || row.kind === "money" || row.kind === "decimal") {
      source = { type: "sum", from: [ref] };
    } else if (row.kind === "enum") {
      const yes = row.options?.find((o) => foldText(o.label) === "co");
      source = yes
        ? { type: "count", from: [ref], answer: [yes.code] }
        : { type: "count", from: [ref] };
    } else if (row.kind === "pair") source = { type: "pair", from: [ref] };
    else if (row.kind === "text") source = { type: "notes", from: [ref] };
    else {
      source = {
        type: "none",
        reason:
          "Tỷ lệ không kèm số liệu thành phần trong biểu: không cộng và không lấy trung bình tỷ lệ; xem từng đơn vị ở trang Chi tiết theo đơn vị.",
      };
    }
    rows.push({ form, code: row.code, source });
  }
  return { id: `${id}-tong-hop`, version: catalog.set.version, target: id, sources: [id], rows };
}
