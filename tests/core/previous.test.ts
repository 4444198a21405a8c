import {
  builtInFormSets,
  getFormSet,
  loadFormSet,
  type Catalog,
} from "../../src/core/forms/catalog";
import { parseRef, type FormSetInput } from "../../src/core/forms/schema";
import departmentJson from "../../src/core/forms/sets/so-nganh-2024.json";
import { parsePeriodId, type Period } from "../../src/core/period";
import {
  checkWorkbookBytes,
  previousFindings,
  withPreviousFindings,
  type UnitReport,
} from "../../src/core/report";
import { checkRawCells } from "../../src/core/rules/engine";
import {
  checkAgainstPrevious,
  isEarlier,
  NOT_COMPARABLE_RULE,
  type PeriodReport,
} from "../../src/core/rules/previous";
import type { RawCell } from "../../src/core/values/types";
import { filledTemplate } from "../helpers/workbooks";

const period = (id: string): Period => parsePeriodId(id) as Period;

/** A report as `checkAgainstPrevious` takes it, from values typed as an officer would. */
function report(
  catalog: Catalog,
  periodId: string | undefined,
  typed: Record<string, string | number>,
  unit: string | undefined = "Sở Tư pháp"
): PeriodReport {
  const cells: Record<string, RawCell> = {};
  for (const [key, value] of Object.entries(typed)) cells[key] = { value };
  return {
    formSet: catalog.id,
    formSetName: catalog.set.name,
    unit,
    period: periodId ? period(periodId) : undefined,
    values: checkRawCells(catalog, cells).values,
  };
}

const dept = getFormSet("so-nganh-2024");
const cellOf = (form: number, code: string) => `'Biểu mẫu ${form}'!${code}`;

describe("period order", () => {
  it("orders the periods of a year Q1 < H1 < Q3 < Y, then by year", () => {
    const order = ["2023-Q3", "2023-Y", "2024-Q1", "2024-H1", "2024-Q3", "2024-Y", "2025-Q1"];
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) {
        expect([order[i], order[j], isEarlier(period(order[i]), period(order[j]))]).toEqual([
          order[i],
          order[j],
          i < j,
        ]);
      }
    }
  });
});

describe("checkAgainstPrevious", () => {
  const check = (cur: PeriodReport, prev: PeriodReport, catalog = dept) =>
    checkAgainstPrevious(catalog, cur, prev, cellOf);

  it("warns when a year-to-date count falls within the year, with both numbers and periods", () => {
    const f = check(report(dept, "2024-H1", { "5:3": 3 }), report(dept, "2024-Q1", { "5:3": 5 }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "warning",
      form: 5,
      row: "3",
      rule: "bm5.prev.3",
      type: "not-below-previous",
      difference: -2,
      message: expect.stringContaining("3 (6 tháng đầu năm 2024) < 5 (Quý I năm 2024)"),
      detail: expect.stringMatching(/^Số lãnh đạo quản lý/),
      cell: "'Biểu mẫu 5'!3",
    });
    expect(f[0].operands?.map((o) => [o.role, o.value])).toEqual([
      ["target", 3],
      ["previous", 5],
    ]);
  });

  it("says nothing when the value stays or grows, and compares Q3 with H1 (lũy kế from the start of the year)", () => {
    expect(
      check(report(dept, "2024-H1", { "5:3": 5 }), report(dept, "2024-Q1", { "5:3": 5 }))
    ).toEqual([]);
    expect(
      check(report(dept, "2024-Y", { "5:3": 9 }), report(dept, "2024-Q1", { "5:3": 5 }))
    ).toEqual([]);
    const q3 = check(
      report(dept, "2024-Q3", { "5:3.1": 1 }),
      report(dept, "2024-H1", { "5:3.1": 2 })
    );
    expect(q3.map((x) => x.rule)).toEqual(["bm5.prev.3.1"]);
    expect(q3[0].message).toContain("1 (Quý III năm 2024) < 2 (6 tháng đầu năm 2024)");
  });

  it("compares year-to-date rows only within a year, converted units across years too", () => {
    const cur = report(dept, "2024-Q1", { "5:3": 0, "1:2.2": 1, "6:6": 1 });
    const prev = report(dept, "2023-Y", { "5:3": 7, "1:2.2": 30, "6:6": 2 });
    const f = check(cur, prev);
    expect(f.map((x) => x.rule)).toEqual(["bm6.prev.6"]);
    expect(f[0].message).toContain("1 (Quý I năm 2024) < 2 (Năm 2023)");
    expect(f[0].detail).toMatch(/^Số ĐVSN đã chuyển đổi thành công ty cổ phần \(6\)/);
  });

  it("leaves stock counts and ratios alone: ĐVSN can close, a ratio can fall", () => {
    const cur = report(dept, "2024-H1", {
      "6:1": 1,
      "6:3": 0,
      "6:4.3": 0,
      "1:3.3": 50,
      "4:2.2": 20,
    });
    const prev = report(dept, "2024-Q1", {
      "6:1": 2,
      "6:3": 1,
      "6:4.3": 1,
      "1:3.3": 80,
      "4:2.2": 32,
    });
    expect(check(cur, prev)).toEqual([]);
  });

  it("tolerates rounding of printed percentages (dept BM1 2, % of the annual plan)", () => {
    const at = (now: string, before: string) =>
      check(report(dept, "2024-H1", { "1:2": now }), report(dept, "2024-Q1", { "1:2": before }));
    expect(at("60", "60,4")).toEqual([]); // 60 stands for [59.5, 60.5]
    expect(at("60", "60,5")).toEqual([]);
    expect(at("60,0", "60,1")).toEqual([]); // [59.95, 60.05] and [60.05, 60.15] meet at their edge
    expect(at("60,0", "60,2")).toHaveLength(1);
    const f = at("60", "60,6");
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain("60% (6 tháng đầu năm 2024) < 60,6% (Quý I năm 2024)");
    expect(at("57,14", "57,16")).toHaveLength(1);
    expect(at("57,1", "57,15")).toEqual([]);
  });

  it("skips blanks and unreadable values on either side: blank is not zero", () => {
    const prev = report(dept, "2024-Q1", { "5:3": 5, "6:6": 2 });
    expect(check(report(dept, "2024-H1", {}), prev)).toEqual([]);
    expect(check(report(dept, "2024-H1", { "5:3": "năm" }), prev)).toEqual([]);
    expect(check(report(dept, "2024-H1", { "5:3": 0 }), report(dept, "2024-Q1", {}))).toEqual([]);
  });

  it("treats a blank as 0 only where a rule says missing: zero", () => {
    const copy = structuredClone(departmentJson) as unknown as { rules: Record<string, unknown>[] };
    Object.assign(copy.rules.find((r) => r.id === "bm5.prev.3") as object, { missing: "zero" });
    const zero = loadFormSet(copy as unknown as FormSetInput);
    const f = check(report(zero, "2024-H1", {}), report(zero, "2024-Q1", { "5:3": 5 }), zero);
    expect(f.map((x) => [x.rule, x.operands?.map((o) => o.value)])).toEqual([
      ["bm5.prev.3", [0, 5]],
    ]);
    expect(f[0].message).toContain("0 (6 tháng đầu năm 2024) < 5 (Quý I năm 2024)");
  });

  describe("reports that cannot be compared give one info saying why, and nothing else", () => {
    const cur = report(dept, "2024-H1", { "5:3": 1 });
    const only = (prev: PeriodReport, c = cur): string => {
      const f = check(c, prev);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: "info", rule: NOT_COMPARABLE_RULE, form: 1, row: "" });
      expect(f[0].message).toMatch(/^Không so sánh được với báo cáo kỳ trước: /);
      return f[0].message;
    };

    it("another form set", () => {
      const prov = getFormSet("tinh-2024");
      expect(only(report(prov, "2024-Q1", { "5:3": 5 }))).toContain(
        "báo cáo đó theo bộ biểu mẫu “UBND tỉnh”"
      );
    });

    it("another unit; names are compared without case, diacritics or spacing differences", () => {
      expect(only(report(dept, "2024-Q1", { "5:3": 5 }, "Sở Y tế"))).toContain(
        "báo cáo đó của đơn vị “Sở Y tế”, báo cáo này của “Sở Tư pháp”"
      );
      const same = report(dept, "2024-Q1", { "5:3": 5 }, "  SỞ TƯ  PHÁP ".normalize("NFD"));
      expect(check(cur, same).map((x) => x.rule)).toEqual(["bm5.prev.3"]);
      // an unknown unit name does not prevent the comparison
      expect(check(cur, report(dept, "2024-Q1", { "5:3": 5 }, undefined))).toHaveLength(1);
    });

    it("the same, a later or an unknown period", () => {
      expect(only(report(dept, "2024-H1", { "5:3": 5 }))).toContain(
        "kỳ của báo cáo đó (6 tháng đầu năm 2024) không trước kỳ của báo cáo này (6 tháng đầu năm 2024)"
      );
      expect(only(report(dept, "2024-Q3", { "5:3": 5 }))).toContain(
        "(Quý III năm 2024) không trước"
      );
      expect(only(report(dept, undefined, { "5:3": 5 }))).toContain("chưa rõ kỳ của báo cáo đó");
      expect(only(report(dept, "2024-Q1", { "5:3": 5 }), report(dept, undefined, {}))).toContain(
        "chưa rõ kỳ của báo cáo này"
      );
    });
  });
});

describe("the rows compared with the previous period (data)", () => {
  const prevRules = (id: string) =>
    getFormSet(id)
      .set.rules.filter((r) => r.type === "not-below-previous")
      .map((r) =>
        r.type === "not-below-previous"
          ? `${r.form}:${parseRef(r.row, r.form).code} ${r.scope}`
          : ""
      )
      .sort();

  it("department: lũy kế counts and % of plan within the year; converted ĐVSN ever", () => {
    expect(prevRules("so-nganh-2024")).toEqual(
      [
        "1:2 year",
        "1:2.2 year",
        "1:3.3.1 year",
        "1:3.3.2 year",
        "5:3 year",
        "5:3.1 year",
        "5:3.2 year",
        "6:6 ever",
      ].sort()
    );
  });

  it("province", () => {
    expect(prevRules("tinh-2024")).toEqual(
      ["1:2 year", "1:2.2 year", "5:3 year", "6:2.6 ever"].sort()
    );
  });

  it("local government (derived from the department and province rows)", () => {
    expect(prevRules("dia-phuong-2024")).toEqual(
      ["1:2 year", "1:2.2 year", "1:3.3.1 year", "1:3.3.2 year", "5:3 year", "6:6 ever"].sort()
    );
  });

  it("every such rule is a warning on a lũy kế row of its own form", () => {
    for (const catalog of builtInFormSets().values()) {
      for (const rule of catalog.set.rules) {
        if (rule.type !== "not-below-previous") continue;
        const { form, code } = parseRef(rule.row, rule.form);
        expect([rule.id, rule.severity, form, catalog.row(form, code)?.cumulative]).toEqual([
          rule.id,
          "warning",
          rule.form,
          true,
        ]);
      }
    }
  });
});

describe("with unit reports read from workbooks (the task pane's and the CLI's input)", () => {
  let q1: UnitReport;
  let h1: UnitReport;
  const read = async (period: string, values: Record<string, number>) => {
    const bytes = await filledTemplate("so-nganh-2024", "Sở Tư pháp", period, values);
    const r = await checkWorkbookBytes(`${period}.xlsx`, bytes);
    if (!r.ok) throw new Error(r.error);
    return r;
  };
  beforeAll(async () => {
    q1 = await read("2024-Q1", { "5:3.1": 2, "5:3.2": 3, "6:6": 1 });
    h1 = await read("2024-H1", { "5:3.1": 1, "5:3.2": 3, "6:6": 1 });
  });

  const cat = (r: UnitReport) => getFormSet(r.formSet);

  it("previousFindings pins the finding to the current workbook's cell", () => {
    const f = previousFindings(h1, q1, cat(h1));
    expect(f.map((x) => x.rule)).toEqual(["bm5.prev.3.1"]);
    expect(f[0].cell).toBe(h1.addresses["5:3.1"]);
    expect(f[0].cell).toMatch(/^'Biểu mẫu 5'!D\d+$/);
    expect(previousFindings(q1, h1, cat(q1)).map((x) => x.rule)).toEqual([NOT_COMPARABLE_RULE]);
  });

  it("withPreviousFindings merges them in catalog order and counts them", () => {
    const merged = withPreviousFindings(h1, q1, cat(h1));
    expect(merged.counts.warnings).toBe(h1.counts.warnings + 1);
    expect(merged.findings).toHaveLength(h1.findings.length + 1);
    expect(merged.findings.filter((x) => x.rule.startsWith("bm5.prev"))).toHaveLength(1);
    expect(h1.findings.some((x) => x.rule.startsWith("bm5.prev"))).toBe(false); // not mutated
    expect(withPreviousFindings(q1, q1, cat(q1))).toMatchObject({
      counts: { infos: q1.counts.infos + 1 },
    });
  });
});
