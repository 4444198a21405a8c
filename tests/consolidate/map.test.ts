import * as fs from "fs";
import * as path from "path";
import { builtInFormSets, getFormSet } from "../../src/core/forms/catalog";
import {
  builtInMap,
  loadConsolidationMap,
  mapProblems,
  sameSetMap,
} from "../../src/core/consolidate";
import type { ConsolidationMap } from "../../src/core/consolidate";
import mapJson from "../../src/core/consolidate/map-tinh-2024.json";
import { DEPT, LOCAL, PROVINCE } from "../helpers/units";

const clone = (): ConsolidationMap => JSON.parse(JSON.stringify(builtInMap())) as ConsolidationMap;

describe("local-government form set (derived)", () => {
  const local = getFormSet(LOCAL);

  it("is a built-in set marked as derived, for local governments", () => {
    expect(builtInFormSets().has(LOCAL)).toBe(true);
    expect(local.set.derived).toBe(true);
    expect(local.set.level).toBe("local");
    expect(local.set.source).toContain("docs/forms-local.md");
  });

  it("asks the cấp huyện / cấp xã splits the province consolidates", () => {
    expect(local.row(3, "2.1")?.label).toBe(getFormSet(PROVINCE).row(3, "3.2")?.label);
    expect(local.row(3, "2.2")?.label).toBe(getFormSet(PROVINCE).row(3, "3.3")?.label);
    expect(local.row(2, "1.1")?.label).toBe(getFormSet(PROVINCE).row(2, "1.2")?.label);
    // ratios the province recomputes are asked with their parts
    const ratioTargets = local.set.rules
      .filter((r) => r.type === "ratio")
      .map((r) => `${r.form}:${r.target}`);
    expect(ratioTargets).toEqual(
      expect.arrayContaining(["7:3.1.2", "7:3.2.1", "7:3.2.2", "7:3.3.2", "3:2.1", "3:2.2"])
    );
  });

  it("follows the conventions of the built-in sets (docs/rules.md)", () => {
    for (const f of local.set.forms) {
      for (const row of f.rows) {
        const id = `${f.number}:${row.code}`;
        if (/lũy kế/i.test(row.label)) expect([id, row.cumulative]).toEqual([id, true]);
        else if (row.cumulative)
          expect([id, row.note]).toEqual([id, expect.stringMatching(/inherited/)]);
        if (row.kind === "percent") expect([id, row.decimals]).toEqual([id, 2]);
        if (row.kind === "pair") expect(row.pairParts?.length).toBe(2);
        expect([id, row.note]).toEqual([id, expect.stringMatching(/^(Origin|Derived)/)]);
      }
    }
    for (const rule of local.set.rules) {
      expect(rule.id).toMatch(
        /^bm[1-7]\.(sum|ratio|bound|eq|cross|cond|between|prev)\.[a-z0-9._-]+$/
      );
      expect(rule.message?.length).toBeGreaterThan(20);
      if (rule.type === "ratio" || rule.type === "sum")
        expect([rule.id, rule.missing]).toEqual([rule.id, "derive"]);
      if (rule.type === "compare") expect([rule.id, rule.missing]).toEqual([rule.id, "skip"]);
    }
  });

  it("explains the origin of every row in docs/forms-local.md", () => {
    const doc = fs.readFileSync(path.join(__dirname, "../../docs/forms-local.md"), "utf8");
    const documented = new Set<string>();
    let form = 0;
    for (const line of doc.split(/\r?\n/)) {
      const h = /^## Biểu mẫu (\d)/.exec(line);
      if (h) form = Number(h[1]);
      const row = /^\| (\d+(?:\.\d+)*(?:\.[a-z])?) \|/.exec(line);
      if (form && row) documented.add(`${form}:${row[1]}`);
    }
    const rows = local.set.forms.flatMap((f) => f.rows.map((r) => `${f.number}:${r.code}`));
    expect([...documented].sort()).toEqual([...rows].sort());
  });
});

describe("consolidation map tinh-2024", () => {
  it("says where every value row of the provincial table comes from, once", () => {
    const map = builtInMap();
    expect(mapProblems(map, builtInFormSets())).toEqual([]);
    const province = getFormSet(PROVINCE);
    const keys = map.rows.map((e) => `${e.form}:${e.code}`);
    const valueRows = [...province.valueRows()].map(({ form, row }) => `${form}:${row.code}`);
    expect([...keys].sort()).toEqual([...valueRows].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never averages a percentage: percent rows are ratios, shares, or typed by hand", () => {
    const province = getFormSet(PROVINCE);
    for (const e of builtInMap().rows) {
      if (province.row(e.form, e.code)?.kind !== "percent") continue;
      expect(["ratio", "share", "manual"]).toContain(e.source.type);
    }
  });

  it("leaves for hand entry what unit forms cannot give (the province's plan, public investment)", () => {
    const manual = builtInMap()
      .rows.filter((e) => e.source.type === "manual")
      .map((e) => `${e.form}:${e.code}`);
    expect(manual).toEqual(
      expect.arrayContaining(["1:2.1", "1:2.2", "6:1.1", "6:1.2", "7:1", "7:4"])
    );
    for (const e of builtInMap().rows) {
      if (e.source.type === "manual") expect(e.source.reason.length).toBeGreaterThan(20);
    }
  });

  it("reports what is wrong with a broken map", () => {
    const sets = builtInFormSets();
    const missing = clone();
    missing.rows = missing.rows.filter((e) => !(e.form === 3 && e.code === "3.1.1"));
    expect(mapProblems(missing, sets)).toEqual([
      "Biểu mẫu 3, hàng 3.1.1: chưa nói lấy số liệu từ đâu",
    ]);

    const percentSum = clone();
    const entry = percentSum.rows.find((e) => e.form === 3 && e.code === "3.1.1")!;
    entry.source = { type: "sum", from: [`${DEPT}:3.1`] };
    expect(mapProblems(percentSum, sets).join("\n")).toContain(
      "không đọc được hàng so-nganh-2024:3.1"
    );

    const unknown = clone();
    unknown.rows[0].source = { type: "sum", from: ["khong-co:1"] };
    expect(mapProblems(unknown, sets).join("\n")).toContain("không có trong danh sách nguồn");

    const cycle = clone();
    cycle.rows.find((e) => e.form === 2 && e.code === "1.1")!.source = {
      type: "total",
      parts: ["1", "1.2"],
    };
    expect(mapProblems(cycle, sets).join("\n")).toContain("vòng lặp");

    expect(() => loadConsolidationMap({ ...mapJson, rows: [] }, sets)).toThrow(/không hợp lệ/);
  });
});

describe("same-set consolidation map", () => {
  it.each([DEPT, LOCAL, PROVINCE])("is derived from row kinds and ratio rules (%s)", (id) => {
    const catalog = getFormSet(id);
    const map = sameSetMap(catalog);
    expect(mapProblems(map, builtInFormSets())).toEqual([]);
    for (const e of map.rows) {
      const row = catalog.row(e.form, e.code)!;
      if (row.kind === "count" || row.kind === "money") expect(e.source.type).toBe("sum");
      if (row.kind === "pair") expect(e.source.type).toBe("pair");
      if (row.kind === "enum") expect(e.source.type).toBe("count");
      if (row.kind === "percent") expect(["ratio", "none"]).toContain(e.source.type);
    }
  });

  it("recomputes the department's ratios and counts “Có” answers", () => {
    const map = sameSetMap(getFormSet(DEPT));
    const of = (key: string) => map.rows.find((e) => `${e.form}:${e.code}` === key)!.source;
    expect(of("3:3.1")).toEqual({
      type: "ratio",
      numerator: ["3.1.2"],
      denominator: ["3.1.1"],
      scale: 100,
    });
    expect(of("1:6")).toEqual({ type: "count", from: [`${DEPT}:6`], answer: [1] });
    expect(of("4:1.1").type).toBe("none");
  });
});
