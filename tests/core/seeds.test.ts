import seeds from "../fixtures/seed-values.json";
import { checkWorkbookBytes, type FileReport, type UnitReport } from "../../src/core/report";
import { handmadeWorkbook, type TypedValue } from "../helpers/workbooks";

/**
 * Types seed values as an officer would: plain whole numbers as Excel numbers, everything else
 * (leading zeros, Vietnamese decimals and thousands, %, pairs) as the text printed in the report.
 */
function typeAsOfficer(
  printed: Record<string, string>,
  asNumber: (key: string) => boolean
): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [key, text] of Object.entries(printed)) {
    out[key] = /^[1-9]\d*$|^0$/.test(text) && asNumber(key) ? Number(text) : text;
  }
  return out;
}

function ok(r: FileReport): UnitReport {
  if (!r.ok) throw new Error(r.error);
  return r;
}

const byKey = (r: UnitReport, form: number, row: string) =>
  r.findings.filter((f) => f.form === form && f.row === row);

describe("provincial seed (000): Quý I/2024 of UBND tỉnh Sơn La", () => {
  let report: UnitReport;
  beforeAll(async () => {
    const values = typeAsOfficer(seeds.province, (k) => k.length % 2 === 0);
    values["7:6.4"] = 91.84; // typed as a number
    values["3:3.1.1"] = "9.909";
    const bytes = await handmadeWorkbook("tinh-2024", values, {
      titleLines: [
        "BIỂU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024 CỦA ỦY BAN NHÂN DÂN TỈNH SƠN LA",
      ],
      twoRowHeader: true,
    });
    report = ok(await checkWorkbookBytes("tinh.xlsx", bytes));
  });

  it("recognises the set, unit and period from the content", () => {
    expect(report.formSet).toBe("tinh-2024");
    expect(report.how.formSet).toBe("content");
    expect(report.period).toBe("2024-Q1");
    expect(report.unit).toBe("ỦY BAN NHÂN DÂN TỈNH SƠN LA");
  });

  it("reads Vietnamese number text", () => {
    expect(report.values["3:3.1.1"]).toBe(9909);
    expect(report.values["3:3.1"]).toBeCloseTo(99.87);
    expect(report.values["3:1.4"]).toBe(2835);
    expect(report.values["6:1.1"]).toBe(3989325);
    expect(report.values["7:6.4"]).toBe(91.84);
  });

  it("reports BM7 6.4: 91,84 printed vs 39.488 / 43.597 = 90,57…", () => {
    const f = byKey(report, 7, "6.4").filter((x) => x.rule.includes("ratio"));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("warning");
    expect(f[0].message).toContain("91,84");
    expect(f[0].message).toContain("90,57");
    expect(f[0].message).toContain("39.488 / 43.597");
    expect(f[0].cell).toMatch(/^'Biểu mẫu' ?!|^BM7!D\d+$/);
  });

  it("raises no alarm on ratios that hold at printed precision", () => {
    for (const [form, row] of [
      [3, "3.1"],
      [3, "3.2"],
      [3, "3.3"],
      [7, "6.3"],
      [1, "2"],
      [2, "2.2"], // 0/0 printed as 100
      [2, "3.2"],
    ] as const) {
      expect(byKey(report, form, row).filter((f) => f.rule.includes("ratio"))).toEqual([]);
    }
  });

  it("raises nothing on BM7 5.2: blank, between its parts (100, 100, 100) would be checked", () => {
    expect(byKey(report, 7, "5.2")).toEqual([]);
    expect(report.values["7:5.2.1"]).toBe(100);
  });

  it("reports the blank total BM2 1 with its expected value 8", () => {
    const f = byKey(report, 2, "1");
    expect(f.some((x) => x.expected === 8)).toBe(true);
  });
});

describe("department seed (003): Sở Khoa học và Công nghệ, Quý I/2024", () => {
  let report: UnitReport;
  beforeAll(async () => {
    const values = typeAsOfficer(seeds.department, (k) => k.charCodeAt(k.length - 1) % 2 === 0);
    const bytes = await handmadeWorkbook("so-nganh-2024", values, {
      titleLines: ["Đơn vị báo cáo: Sở Khoa học và Công nghệ", "Kỳ báo cáo: Quý I năm 2024"],
      printCode: (c) => (c === "3.1" ? " 3.1 " : c),
    });
    report = ok(await checkWorkbookBytes("skhcn.xlsx", bytes));
  });

  it("recognises the set, unit and period", () => {
    expect(report.formSet).toBe("so-nganh-2024");
    expect(report.unit).toBe("Sở Khoa học và Công nghệ");
    expect(report.period).toBe("2024-Q1");
  });

  it("reports BM4 3.2 > 3.1 (33 > 25) as an error", () => {
    const f = byKey(report, 4, "3.2").filter((x) => x.severity === "error");
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain("33");
    expect(f[0].message).toContain("25");
    expect(f[0].cell).toMatch(/^BM4!D\d+$/);
  });

  it("reports the blank derived ratio BM1 2 with its expected value 60", () => {
    const f = byKey(report, 1, "2");
    expect(f).toHaveLength(1);
    expect(f[0].expected).toBe(60);
    expect(f[0].message).toContain("60");
  });

  it("reads leading zeros and pairs", () => {
    expect(report.values["4:1.3"]).toBe(2);
    expect(report.values["7:5.1"]).toBe("4/4");
    expect(report.values["3:3.2"]).toBe("0/0");
  });

  it("raises nothing on the dialogues pair BM3 3.3 (0/0)", () => {
    expect(byKey(report, 3, "3.3")).toEqual([]);
  });

  it("does not treat 0/0 ratios printed as 0 as mismatches", () => {
    for (const [form, row] of [
      [1, "3.3"],
      [2, "2.2"],
      [3, "3.4"],
    ] as const) {
      expect(byKey(report, form, row).filter((f) => f.severity !== "info")).toEqual([]);
    }
  });
});

describe("provincial seed with four typed mistakes: findings read at a glance", () => {
  let report: UnitReport;
  beforeAll(async () => {
    const values = typeAsOfficer(seeds.province, (k) => k.length % 2 === 0);
    values["3:1.4"] = "2.836"; // the total, one off
    values["1:5.2"] = 25; // done on time > tasks assigned (23)
    values["6:2.4.3"] = "18"; // a part, one off
    values["3:3.2.2"] = 4675; // on time > resolved (4.622)
    const bytes = await handmadeWorkbook("tinh-2024", values, { twoRowHeader: true });
    report = ok(await checkWorkbookBytes("tinh-loi.xlsx", bytes));
  });

  it("keeps every error and warning message within 160 characters", () => {
    const shown = report.findings.filter((f) => f.severity !== "info");
    expect(shown.length).toBeGreaterThanOrEqual(5);
    for (const f of shown) expect([f.rule, f.message.length]).toEqual([f.rule, expect.any(Number)]);
    expect(shown.filter((f) => f.message.length > 160).map((f) => f.message)).toEqual([]);
  });

  it("reports BM3 1.4 as a sum with the parts' own values", () => {
    const f = report.findings.find((x) => x.rule === "bm3.sum.1.4")!;
    expect(f).toMatchObject({
      type: "sum",
      situation: "mismatch",
      severity: "error",
      expected: 2835,
      difference: 1,
    });
    expect(f.operands?.map((o) => [o.role, o.code, o.value, o.printed])).toEqual([
      ["target", "1.4", 2836, "2.836"],
      ["part", "1.4.1", 2165, "2.165"],
      ["part", "1.4.2", 492, "492"],
      ["part", "1.4.3", 178, "178"],
    ]);
    for (const n of ["2.836", "2.165", "492", "178", "2.835"]) expect(f.message).toContain(n);
    expect(f.message.indexOf("2.836")).toBeLessThan(40); // numbers first
    expect(f.detail).toContain("1.4.1");
  });

  it("reports the other three mistakes by their fields", () => {
    const bound = report.findings.find((x) => x.rule === "bm1.bound.5.1-5.2_5.3_5.4")!;
    expect(bound).toMatchObject({ type: "compare", op: ">=", difference: -2 });
    expect(bound.operands?.map((o) => [o.role, o.code, o.value])).toEqual([
      ["left", "5.1", 23],
      ["right", "5.2", 25],
      ["right", "5.3", 0],
      ["right", "5.4", 0],
    ]);
    const sum = report.findings.find((x) => x.rule === "bm6.sum.2.4")!;
    expect(sum).toMatchObject({ type: "sum", expected: 27, difference: -1 });
    const ratio = report.findings.find((x) => x.rule === "bm3.ratio.3.2")!;
    expect(ratio).toMatchObject({ type: "ratio", situation: "mismatch", expected: 101.15 });
    expect(report.findings.some((x) => x.rule === "bm3.bound.3.2.2-3.2.1")).toBe(true);
  });

  it("groups numbers typed as text into at most one note per form, listing the cells", () => {
    const notes = report.findings.filter((f) => f.rule === "value.text-number");
    const forms = notes.map((f) => f.form);
    expect(new Set(forms).size).toBe(forms.length);
    expect(notes.length).toBeGreaterThan(0);
    const bm3 = notes.find((f) => f.form === 3)!;
    const cells = bm3.operands!.filter((o) => o.role === "cell");
    expect(cells.map((o) => o.code)).toContain("1.4.1");
    expect(cells.find((o) => o.code === "1.4.1")).toMatchObject({ value: 2165, printed: "2.165" });
    expect(cells.every((o) => /^'?.+'?!D\d+$/.test(o.cell ?? ""))).toBe(true);
  });
});
