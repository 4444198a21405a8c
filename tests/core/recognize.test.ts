import seeds from "../fixtures/seed-values.json";
import { checkWorkbookBytes, type UnitReport } from "../../src/core/report";
import { detectUnitAndPeriod, labelsMatch } from "../../src/core/workbook/recognize";
import { handmadeWorkbook, type HandmadeOptions } from "../helpers/workbooks";

async function read(setId: string, values: Record<string, string | number>, opts: HandmadeOptions = {}) {
  const r = await checkWorkbookBytes("tay.xlsx", await handmadeWorkbook(setId, values, opts));
  if (!r.ok) throw new Error(r.error);
  return r as UnitReport;
}

const structural = (r: UnitReport) => r.findings.filter((f) => f.rule.startsWith("structure."));

describe("hand-made workbooks in the official layout", () => {
  it("reads all seven forms stacked in one sheet under their titles", async () => {
    const r = await read("tinh-2024", seeds.province, { stacked: true });
    expect(r.formSet).toBe("tinh-2024");
    expect(structural(r)).toEqual([]);
    expect(r.values["1:2.1"]).toBe(81);
    expect(r.values["7:6.4.1"]).toBe(43597);
    expect(r.findings.find((f) => f.form === 7 && f.row === "6.4")?.cell).toMatch(/^'Biểu mẫu'!D\d+$/);
  });

  it("finds the columns in any order, under a two-row merged header", async () => {
    const r = await read("so-nganh-2024", seeds.department, {
      columns: ["label", "value", "code", "note", "unit"],
      twoRowHeader: true,
    });
    expect(structural(r)).toEqual([]);
    expect(r.values["4:3.2"]).toBe(33);
    expect(r.findings.find((f) => f.form === 4 && f.row === "3.2")?.cell).toMatch(/^BM4!B\d+$/);
  });

  it("reads codes printed with dots and spaces, and the unnumbered “Trong đó” rows", async () => {
    const r = await read(
      "so-nganh-2024",
      { ...seeds.department, "7:3.2.a": "95", "7:3.2.b": "5" },
      { printCode: (c) => ` ${c}. ` }
    );
    expect(structural(r)).toEqual([]);
    expect(r.values["7:3.2.a"]).toBe(95);
    expect(r.values["7:3.2.b"]).toBe(5);
    expect(r.values["1:4.1"]).toBe(196);
  });

  it("knows the form by its sheet name when the title line is missing", async () => {
    const r = await read("tinh-2024", seeds.province, { sheetName: (n) => `Biểu ${n}` });
    expect(r.values["3:3.3.1"]).toBe(28977);
  });

  it("never reads a value whose label does not match its code", async () => {
    const r = await read(
      "so-nganh-2024",
      { ...seeds.department, "3:3.1.1": "15" },
      { labels: { "3:3.1.1": "Số cán bộ được khen thưởng trong năm" } }
    );
    const f = r.findings.find((x) => x.rule === "structure.label-mismatch");
    expect(f).toMatchObject({ severity: "error", form: 3, row: "3.1.1" });
    expect(f?.message).toContain("Số cán bộ được khen thưởng");
    expect(r.values["3:3.1.1"]).toBeUndefined();
  });

  it("reports missing forms and tells the department set from the provincial one by content", async () => {
    const r = await read("so-nganh-2024", seeds.department, { omitForms: [5, 6] });
    expect(r.formSet).toBe("so-nganh-2024");
    expect(r.findings.filter((f) => f.rule === "structure.missing-form").map((f) => f.form)).toEqual([5, 6]);
    const p = await read("tinh-2024", seeds.province, { omitForms: [1, 2, 4, 5, 6, 7] });
    expect(p.formSet).toBe("tinh-2024");
  });

  it("uses the caller's form set only when the content does not decide", async () => {
    const bytes = await handmadeWorkbook("tinh-2024", seeds.province);
    const r = await checkWorkbookBytes("x.xlsx", bytes, { formSet: "so-nganh-2024" });
    expect(r.ok && r.formSet).toBe("tinh-2024");
    expect(r.ok && r.how.formSet).toBe("content");
  });
});

describe("labels and title lines", () => {
  it("matches labels despite case, diacritics, punctuation and small wording changes", () => {
    expect(labelsMatch("TỔNG SỐ HỒ SƠ TTHC ĐÃ GIẢI QUYẾT XONG", "Tổng số hồ sơ TTHC đã giải quyết xong")).toBe(true);
    expect(
      labelsMatch(
        "Tổ chức đối thoại của lãnh đạo với người dân, doanh nghiệp",
        "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp"
      )
    ).toBe(true);
    expect(labelsMatch("Số hồ sơ TTHC giải quyết đúng hạn", "Tổng số PAKN đã tiếp nhận")).toBe(false);
  });

  it("finds unit and period in title lines and captions", () => {
    expect(detectUnitAndPeriod(["Đơn vị báo cáo: Sở Tư pháp", "Kỳ báo cáo: Quý III năm 2024"])).toEqual({
      unit: "Sở Tư pháp",
      period: "2024-Q3",
    });
    expect(
      detectUnitAndPeriod(["BIỂU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2024 CỦA UBND HUYỆN MAI SƠN"])
    ).toEqual({ unit: "UBND HUYỆN MAI SƠN", period: "2024-H1" });
    expect(detectUnitAndPeriod(["Cải cách thủ tục hành chính"])).toEqual({});
  });
});
