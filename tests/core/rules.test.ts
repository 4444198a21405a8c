import { getFormSet, loadFormSet, type Catalog } from "../../src/core/forms/catalog";
import type { FormSetInput } from "../../src/core/forms/schema";
import departmentJson from "../../src/core/forms/sets/so-nganh-2024.json";
import provinceJson from "../../src/core/forms/sets/tinh-2024.json";
import { checkRawCells } from "../../src/core/rules/engine";
import type { Finding } from "../../src/core/rules/types";
import type { RawCell } from "../../src/core/values/types";

/** Findings of one rule on values typed as an officer would (`"89,96"`, `"2/0"`, numbers). */
function run(catalog: Catalog, rule: string, typed: Record<string, string | number>): Finding[] {
  const cells: Record<string, RawCell> = {};
  for (const [key, value] of Object.entries(typed)) cells[key] = { value };
  const cellOf = (form: number, code: string) => `BM${form}!${code}`;
  return checkRawCells(catalog, cells, cellOf).findings.filter((f) => f.rule === rule);
}

type MutableSet = { rules: Record<string, unknown>[] };

/** A built-in set with one rule changed (or added): for the strategies the built-in data does not use. */
function variant(data: unknown, id: string, change: Record<string, unknown>): Catalog {
  const copy = structuredClone(data) as MutableSet;
  const rule = copy.rules.find((r) => r.id === id);
  if (rule) Object.assign(rule, change);
  else copy.rules.push({ id, ...change });
  return loadFormSet(copy as unknown as FormSetInput);
}

describe("between: min(parts) ≤ target ≤ max(parts)", () => {
  const prov = getFormSet("tinh-2024");
  const RULE = "bm7.between.5.2";
  const parts = (a: string | number, b: string | number, c: string | number) => ({
    "7:5.2.1": a,
    "7:5.2.2": b,
    "7:5.2.3": c,
  });

  it("holds inside the range and at its ends", () => {
    for (const target of [90, 95, 100, "97,5"]) {
      expect(run(prov, RULE, { ...parts(90, 95, 100), "7:5.2": target })).toEqual([]);
    }
  });

  it("reports a target outside the range with the numbers, pinned to the target", () => {
    const f = run(prov, RULE, { ...parts("90,5", 95, 100), "7:5.2": "80,25" });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "warning", form: 7, row: "5.2", cell: "BM7!5.2" });
    expect(f[0]).toMatchObject({ type: "between", situation: "outside", difference: -10.25 });
    expect(f[0].operands?.map((o) => [o.role, o.code, o.printed])).toEqual([
      ["target", "5.2", "80,25%"],
      ["part", "5.2.1", "90,5%"],
      ["part", "5.2.2", "95%"],
      ["part", "5.2.3", "100%"],
    ]);
    expect(f[0].expected).toBeUndefined();
    // above the range: 90 stands for [89.5, 90.5]
    expect(run(prov, RULE, { ...parts(80, 85, 90), "7:5.2": "90,6" })).toHaveLength(1);
    expect(run(prov, RULE, { ...parts(80, 85, 90), "7:5.2": "90,5" })).toEqual([]);
  });

  it("uses printed precision: 89,96 may round from a part printed 90, not from 90,00", () => {
    // 90 stands for [89.5, 90.5]; 89,96 for [89.955, 89.965].
    expect(run(prov, RULE, { ...parts(90, 95, 100), "7:5.2": "89,96" })).toEqual([]);
    expect(run(prov, RULE, { ...parts("90,00", 95, 100), "7:5.2": "89,96" })).toHaveLength(1);
    expect(run(prov, RULE, { ...parts("90,0", 95, 100), "7:5.2": "89,96" })).toEqual([]);
    expect(run(prov, RULE, { ...parts("90,0", 95, 100), "7:5.2": "89,94" })).toHaveLength(1);
    // the upper end works the same way
    expect(run(prov, RULE, { ...parts(90, 95, "99,9"), "7:5.2": "99,95" })).toEqual([]);
    expect(run(prov, RULE, { ...parts(90, 95, "99,90"), "7:5.2": "99,95" })).toHaveLength(1);
  });

  it("skips when the target or a part is blank or unreadable (the province seed: 5.2 blank)", () => {
    expect(run(prov, RULE, parts(100, 100, 100))).toEqual([]);
    expect(run(prov, RULE, { "7:5.2.1": 100, "7:5.2.2": 100, "7:5.2": 10 })).toEqual([]);
    expect(run(prov, RULE, { ...parts(100, "abc", 100), "7:5.2": 10 })).toEqual([]);
    expect(run(prov, RULE, { ...parts(90, 95, 100), "7:5.2": "chưa có" })).toEqual([]);
  });

  it("derive: a blank target is reported with the range, and the value when all parts agree", () => {
    const cat = variant(provinceJson, RULE, { missing: "derive" });
    const same = run(cat, RULE, parts(100, 100, 100));
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ severity: "warning", row: "5.2", expected: 100 });
    expect(same[0]).toMatchObject({ type: "between", situation: "blank" });
    expect(same[0].operands?.[0]).toMatchObject({ role: "target", code: "5.2", missing: "blank" });
    const spread = run(cat, RULE, parts(80, 100, 90));
    expect(spread[0].message).toMatch(/80%.*100%/);
    expect(spread[0].expected).toBeUndefined();
    // a blank part still skips
    expect(run(cat, RULE, { "7:5.2.1": 100, "7:5.2.2": 100 })).toEqual([]);
  });

  it("zero: a blank part counts as 0 only when the rule says so", () => {
    const cat = variant(provinceJson, RULE, { missing: "zero" });
    const values = { "7:5.2.2": 60, "7:5.2.3": 70 };
    expect(run(cat, RULE, { ...values, "7:5.2": 50 })).toEqual([]);
    expect(run(cat, RULE, { ...values, "7:5.2": 80 })).toHaveLength(1);
    expect(run(prov, RULE, { ...values, "7:5.2": 80 })).toEqual([]);
  });

  it("the schema refuses a between rule with a single part", () => {
    const copy = structuredClone(provinceJson) as unknown as MutableSet;
    const rule = copy.rules.find((r) => r.id === RULE) as Record<string, unknown>;
    rule.parts = ["5.2.1"];
    expect(() => loadFormSet(copy)).toThrow(/không hợp lệ/);
  });
});

describe("conditional with an operator in `when`", () => {
  const dept = getFormSet("so-nganh-2024");
  const RULE = "bm3.cond.3.3a.co";

  it("department BM3: meetings held (3.3 a > 0) but no participants (b = 0) is a warning", () => {
    const f = run(dept, RULE, { "3:3.3": "2/0" });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "warning", form: 3, row: "3.3", cell: "BM3!3.3" });
    expect(f[0]).toMatchObject({ type: "conditional", situation: "broken", op: ">" });
    expect(f[0].operands?.map((o) => [o.role, o.code, o.part, o.value])).toEqual([
      ["when", "3.3", "a", 2],
      ["then", "3.3", "b", 0],
    ]);
  });

  it("holds with participants, and does not apply without meetings or with a blank pair", () => {
    expect(run(dept, RULE, { "3:3.3": "2/15" })).toEqual([]);
    expect(run(dept, RULE, { "3:3.3": "0/0" })).toEqual([]);
    expect(run(dept, RULE, {})).toEqual([]);
    // the converse (no meeting ⇒ no participants) stays an error of its own rule
    expect(run(dept, RULE, { "3:3.3": "0/5" })).toEqual([]);
    expect(run(dept, "bm3.cond.3.3a", { "3:3.3": "0/5" })).toHaveLength(1);
  });

  it("the derived local set has the same rule on its dialogue row 2.4", () => {
    const local = getFormSet("dia-phuong-2024");
    expect(run(local, "bm3.cond.2.4a.co", { "3:2.4": "3/0" })).toHaveLength(1);
    expect(run(local, "bm3.cond.2.4a.co", { "3:2.4": "3/40" })).toEqual([]);
  });

  describe("a premise with < <= > >= holds only at every rounding of the printed number", () => {
    // Department BM1 3.3 (percent): if some problems were handled, problems must have been found.
    const ID = "bm1.cond.test";
    const premise = (op: string, value: number) =>
      variant(departmentJson, ID, {
        form: 1,
        type: "conditional",
        severity: "warning",
        when: { ref: "3.3", op, value },
        then: [{ ref: "3.3.1", op: ">", value: 0 }],
        message: "Thử",
      });

    it.each([
      [">", 0, "0,4", 1],
      [">", 0, "0", 0], // 0 printed stands for [-0.5, 0.5]
      [">", 0, "1", 1], // [0.5, 1.5]
      [">=", 5, "5", 0], // 4,6 printed as 5 does not satisfy >= 5
      [">=", 5, "5,0", 0],
      [">=", 5, "5,6", 1],
      ["<", 10, "9,4", 1],
      ["<", 10, "10", 0],
      ["<=", 10, "9,5", 1],
      ["<=", 10, "10,00", 0],
      ["=", 0, "0", 1], // = compares the printed number, like `in`
      ["=", 0, "0,5", 0],
    ])("when 3.3 %s %d, printed %s: %d finding(s)", (op, value, printed, count) => {
      const f = run(premise(op, value), ID, { "1:3.3": printed, "1:3.3.1": 0 });
      expect(f).toHaveLength(count);
    });
  });

  it("`in` premises keep working (department BM1 6 = 1)", () => {
    expect(run(dept, "bm1.cond.6.co", { "1:6": 1, "1:6.1": 0, "1:6.2": 1 })).toHaveLength(1);
    expect(run(dept, "bm1.cond.6.co", { "1:6": 0, "1:6.1": 0 })).toEqual([]);
  });

  it("the schema refuses a blank premise, in Vietnamese", () => {
    const copy = structuredClone(departmentJson) as unknown as MutableSet;
    const rule = copy.rules.find((r) => r.id === RULE) as Record<string, unknown>;
    rule.when = { ref: "3.3@a", blank: true };
    expect(() => loadFormSet(copy)).toThrow(/when không nhận blank/);
    rule.when = { ref: "3.3@a", op: "≠", value: 0 };
    expect(() => loadFormSet(copy)).toThrow(/điều kiện when phải có dạng/);
  });
});

describe("not-below-previous rules are not checked on one report alone", () => {
  it("a fall cannot be seen without the earlier period", () => {
    expect(run(getFormSet("so-nganh-2024"), "bm5.prev.3", { "5:3": 0 })).toEqual([]);
  });

  it("the schema refuses an unknown scope and the derive strategy", () => {
    for (const change of [{ scope: "quarter" }, { missing: "derive" }]) {
      const copy = structuredClone(departmentJson) as unknown as MutableSet;
      Object.assign(copy.rules.find((r) => r.id === "bm5.prev.3") as object, change);
      expect(() => loadFormSet(copy)).toThrow(/không hợp lệ/);
    }
  });
});

describe("findings carry their rule as data", () => {
  const prov = getFormSet("tinh-2024");

  it("sum: operands with short names and printed values, expected and difference", () => {
    const f = run(prov, "bm3.sum.1.4", { "3:1.4": 10, "3:1.4.1": 4, "3:1.4.2": "3", "3:1.4.3": 2 });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ type: "sum", situation: "mismatch", expected: 9, difference: 1 });
    expect(f[0].operands?.map((o) => [o.role, o.code, o.name, o.value, o.cell])).toEqual([
      ["target", "1.4", "tổng số TTHC", 10, "BM3!1.4"],
      ["part", "1.4.1", "cấp tỉnh", 4, "BM3!1.4.1"],
      ["part", "1.4.2", "cấp huyện", 3, "BM3!1.4.2"],
      ["part", "1.4.3", "cấp xã", 2, "BM3!1.4.3"],
    ]);
    expect(f[0].detail).toMatch(/1\.4\.1/);
  });

  it("ratio: numerator, denominator and the value as printed", () => {
    const f = run(prov, "bm3.ratio.3.1", { "3:3.1": "95,00", "3:3.1.1": 200, "3:3.1.2": 180 });
    expect(f[0]).toMatchObject({
      type: "ratio",
      situation: "mismatch",
      expected: 90,
      difference: 5,
    });
    expect(f[0].operands?.map((o) => [o.role, o.printed, o.decimals])).toEqual([
      ["target", "95,00%", 2],
      ["numerator", "180", 0],
      ["denominator", "200", 0],
    ]);
  });

  it("compare: operator and both sides", () => {
    const f = run(prov, "bm3.bound.3.1.2-3.1.1", { "3:3.1.1": 5, "3:3.1.2": 7 });
    expect(f[0]).toMatchObject({ type: "compare", situation: "broken", op: "<=", difference: 2 });
    expect(f[0].operands?.map((o) => [o.role, o.code, o.value])).toEqual([
      ["left", "3.1.2", 7],
      ["right", "3.1.1", 5],
    ]);
  });

  it("an unreadable operand is recorded with its text", () => {
    const f = run(prov, "bm3.ratio.3.1", { "3:3.1": "gần 100", "3:3.1.1": 200, "3:3.1.2": 180 });
    expect(f[0]).toMatchObject({ situation: "blank", expected: 90 });
    expect(f[0].operands?.[0]).toMatchObject({ missing: "unreadable", printed: "gần 100" });
  });

  it("numbers typed as text: one note per form listing every cell, with the number read", () => {
    const cells: Record<string, RawCell> = {
      "3:1.4.1": { value: "2.165" },
      "3:1.4.2": { value: "492" },
      "3:1.4.3": { value: 178 },
      "1:1": { value: "85" },
    };
    const { findings } = checkRawCells(prov, cells, (form, code) => `BM${form}!${code}`);
    const notes = findings.filter((f) => f.rule === "value.text-number");
    expect(notes.map((f) => [f.form, f.type, f.severity, f.cell])).toEqual([
      [1, "text-number", "info", "BM1!1"],
      [3, "text-number", "info", "BM3!1.4.1"],
    ]);
    expect(notes[1].operands?.map((o) => [o.code, o.value, o.printed, o.cell])).toEqual([
      ["1.4.1", 2165, "2.165", "BM3!1.4.1"],
      ["1.4.2", 492, "492", "BM3!1.4.2"],
    ]);
  });
});

describe("rule features the built-in sets do not use", () => {
  it("tolerance widens the printed-precision check by an absolute amount", () => {
    const strict = getFormSet("tinh-2024");
    const loose = variant(provinceJson, "bm3.sum.1.4", { tolerance: 1 });
    const typed = { "3:1.4": 10, "3:1.4.1": 4, "3:1.4.2": 3, "3:1.4.3": 2 };
    expect(run(strict, "bm3.sum.1.4", typed)).toHaveLength(1);
    expect(run(loose, "bm3.sum.1.4", typed)).toEqual([]);
    expect(run(loose, "bm3.sum.1.4", { ...typed, "3:1.4": 11 })).toHaveLength(1);
  });

  it("at pins the finding to another row", () => {
    const cat = variant(provinceJson, "bm3.bound.3.1.2-3.1.1", { at: "3.1.1" });
    const f = run(cat, "bm3.bound.3.1.2-3.1.1", { "3:3.1.1": 5, "3:3.1.2": 7 });
    expect(f[0]).toMatchObject({ row: "3.1.1", cell: "BM3!3.1.1" });
  });

  it("scale: a ratio other than a percentage", () => {
    const cat = variant(provinceJson, "bm3.ratio.3.1", { scale: 1 });
    const counts = { "3:3.1.2": 9896, "3:3.1.1": 9909 };
    expect(run(cat, "bm3.ratio.3.1", { ...counts, "3:3.1": "0,9987" })).toEqual([]);
    const f = run(cat, "bm3.ratio.3.1", { ...counts, "3:3.1": "0,95" });
    expect(f[0]).toMatchObject({ type: "ratio", situation: "mismatch", expected: 1 });
  });

  it("blank defaults come from the rule type: a sum derives, a bound skips", () => {
    const cat = getFormSet("tinh-2024");
    const sum = cat.set.rules.find((r) => r.id === "bm3.sum.1.4");
    const bound = cat.set.rules.find((r) => r.id === "bm3.bound.3.1.2-3.1.1");
    expect([
      sum && "missing" in sum && sum.missing,
      bound && "missing" in bound && bound.missing,
    ]).toEqual(["derive", "skip"]);
    expect(run(cat, "bm3.sum.1.4", { "3:1.4.1": 4, "3:1.4.2": 3, "3:1.4.3": 2 })[0]).toMatchObject({
      situation: "blank",
      expected: 9,
    });
    expect(run(cat, "bm3.bound.3.1.2-3.1.1", { "3:3.1.2": 7 })).toEqual([]);
  });

  it("the schema refuses `missing` on a conditional (blanks are explicit there)", () => {
    const copy = structuredClone(departmentJson) as unknown as MutableSet;
    const rule = copy.rules.find((r) => r.type === "conditional") as Record<string, unknown>;
    rule.missing = "zero";
    expect(() => loadFormSet(copy)).toThrow(/không hợp lệ/);
  });
});
