import seeds from "../fixtures/seed-values.json";
import { checkWorkbookBytes, type FileReport, type UnitReport } from "../../src/core/report";
import { handmadeWorkbook, type TypedValue } from "../helpers/workbooks";

/**
 * Types seed values as an officer would: plain whole numbers as Excel numbers, everything else
 * (leading zeros, Vietnamese decimals and thousands, %, pairs) as the text printed in the report.
 */
function typeAsOfficer(printed: Record<string, string>, asNumber: (key: string) => boolean): Record<string, TypedValue> {
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

const byKey = (r: UnitReport, form: number, row: string) => r.findings.filter((f) => f.form === form && f.row === row);

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
