import seeds from "../fixtures/seed-values.json";
import { getFormSet } from "../../src/core/forms/catalog";
import { checkSnapshot, checkWorkbookBytes, type UnitReport } from "../../src/core/report";
import { isGenericUnitName } from "../../src/core/workbook/identity";
import {
  detectUnitAndPeriod,
  identifySnapshot,
  labelsMatch,
} from "../../src/core/workbook/recognize";
import type { WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import { handmadeWorkbook, type HandmadeOptions } from "../helpers/workbooks";

async function read(
  setId: string,
  values: Record<string, string | number>,
  opts: HandmadeOptions = {}
) {
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
    expect(r.findings.find((f) => f.form === 7 && f.row === "6.4")?.cell).toMatch(
      /^'Biểu mẫu'!D\d+$/
    );
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
    expect(
      r.findings.filter((f) => f.rule === "structure.missing-form").map((f) => f.form)
    ).toEqual([5, 6]);
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
    expect(
      labelsMatch("TỔNG SỐ HỒ SƠ TTHC ĐÃ GIẢI QUYẾT XONG", "Tổng số hồ sơ TTHC đã giải quyết xong")
    ).toBe(true);
    expect(
      labelsMatch(
        "Tổ chức đối thoại của lãnh đạo với người dân, doanh nghiệp",
        "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp"
      )
    ).toBe(true);
    expect(labelsMatch("Số hồ sơ TTHC giải quyết đúng hạn", "Tổng số PAKN đã tiếp nhận")).toBe(
      false
    );
  });

  it("finds unit and period in title lines and captions", () => {
    expect(
      detectUnitAndPeriod(["Đơn vị báo cáo: Sở Tư pháp", "Kỳ báo cáo: Quý III năm 2024"])
    ).toEqual({
      unit: "Sở Tư pháp",
      period: "2024-Q3",
    });
    expect(
      detectUnitAndPeriod([
        "BIỂU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH 6 THÁNG ĐẦU NĂM 2024 CỦA UBND HUYỆN MAI SƠN",
      ])
    ).toEqual({ unit: "UBND HUYỆN MAI SƠN", period: "2024-H1" });
    expect(detectUnitAndPeriod(["Cải cách thủ tục hành chính"])).toEqual({});
  });
});

describe("reading what officers' files say about themselves", () => {
  const cell = (v: unknown) => ({ value: v as string });
  const table = (form: number, values: Record<string, number> = {}) => {
    const rows: ({ value: string | number } | null)[][] = [];
    const catalog = getFormSet("so-nganh-2024");
    for (const r of catalog.form(form).rows) {
      const v = values[`${form}:${r.code}`];
      rows.push([
        cell(r.code),
        cell(r.label),
        cell(r.unit ?? ""),
        v === undefined ? null : { value: v },
      ]);
    }
    return rows;
  };
  const header = [["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"].map(cell)];

  it("never takes the seed-003 annex title for a unit, and prefers the unit line, then caption", () => {
    const seed = "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CỦA CÁC SỞ, BAN, NGÀNH";
    expect(detectUnitAndPeriod([seed])).toEqual({});
    expect(detectUnitAndPeriod([seed, "Đơn vị báo cáo: Sở Xây dựng"])).toEqual({
      unit: "Sở Xây dựng",
    });
    expect(
      detectUnitAndPeriod([
        seed,
        "(Ban hành kèm theo Báo cáo số 94/BC-SKHCN ngày 12/3/2024 của Sở Khoa học và Công nghệ)",
      ])
    ).toEqual({ unit: "Sở Khoa học và Công nghệ" });
    for (const generic of [
      "Đơn vị báo cáo: UBND cấp huyện",
      "Đơn vị: ……………",
      "Đơn vị báo cáo: (Tên đơn vị)",
    ]) {
      expect(detectUnitAndPeriod([generic])).toEqual({});
    }
    expect(isGenericUnitName("Ban Quản lý các khu công nghiệp tỉnh")).toBe(false);
    expect(isGenericUnitName("các sở, ban, ngành và UBND các huyện")).toBe(true);
  });

  it("reads a merged title line once, cleans invisible characters, and finds the issuing body", () => {
    const line = "Đơn vị báo cáo:\u00a0Sở\u200b Tư pháp".normalize("NFD");
    const snapshot: WorkbookSnapshot = {
      sheets: [
        {
          name: "Biểu mẫu 1",
          merges: ["A3:E3"],
          rows: [
            [cell("UBND TỈNH SƠN LA"), null, null, cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
            [cell("SỞ TƯ PHÁP"), null, null, cell("Độc lập - Tự do - Hạnh phúc")],
            [cell(line), cell(line), cell(line), cell(line), cell(line)],
            [cell("Kỳ báo cáo: Quý I năm 2024")],
            ...header,
            ...table(1, { "1:1": 4 }),
          ],
        },
      ],
    };
    const id = identifySnapshot(snapshot);
    expect(id.unit).toEqual({
      name: "Sở Tư pháp",
      source: "unit-line",
      certainty: "sure",
      candidates: ["Sở Tư pháp"],
    });
    expect(id.units.map((u) => [u.source, u.name])).toEqual([
      ["unit-line", "Sở Tư pháp"],
      ["header-block", "SỞ TƯ PHÁP"],
    ]);
    expect(id.period.period).toEqual({ kind: "Q1", year: 2024 });
  });

  it("splits one continuous table at its section rows and reads the visible sheet before a hidden copy", () => {
    const sections: WorkbookSnapshot = {
      sheets: [
        {
          name: "Phụ lục",
          rows: [
            ...header,
            [cell("I"), cell("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC")],
            ...table(1, { "1:1": 5 }),
            [cell("II. CẢI CÁCH THỂ CHẾ")],
            ...table(2, { "2:1": 7 }),
            [cell("III"), cell("CẢI CÁCH THỦ TỤC HÀNH CHÍNH")],
            ...table(3, { "3:1.2": 9 }),
          ],
        },
      ],
    };
    const r = checkSnapshot("a.xlsx", sections);
    expect([r.formSet, r.values["1:1"], r.values["2:1"], r.values["3:1.2"]]).toEqual([
      "so-nganh-2024",
      5,
      7,
      9,
    ]);
    const hidden: WorkbookSnapshot = {
      sheets: [
        {
          name: "BM1 cũ",
          visible: false,
          rows: [[cell("Biểu mẫu 1")], ...header, ...table(1, { "1:1": 999 })],
        },
        {
          name: "BM1",
          visible: true,
          rows: [[cell("Biểu mẫu 1")], ...header, ...table(1, { "1:1": 3 })],
        },
      ],
    };
    const h = checkSnapshot("b.xlsx", hidden);
    expect(h.values["1:1"]).toBe(3);
    expect(h.findings.find((f) => f.rule === "structure.duplicate-form")?.message).toBe(
      "Biểu mẫu 1 có một bản trên trang ẩn “BM1 cũ”; chỉ đọc bản trên trang “BM1”."
    );
    // A hidden old copy named after its own period does not contradict the visible sheets.
    const old = identifySnapshot({
      sheets: [
        { ...hidden.sheets[0], name: "BM1 Quý IV-2023" },
        { ...hidden.sheets[1], name: "BM1 Quý I-2024" },
      ],
    });
    expect([old.period.certainty, old.period.period]).toEqual(["sure", { kind: "Q1", year: 2024 }]);
    const only = checkSnapshot("c.xlsx", { sheets: [hidden.sheets[0]] });
    expect(only.values["1:1"]).toBe(999);
    expect(only.findings.some((f) => f.rule === "structure.hidden-sheet")).toBe(true);
  });

  it("reads the period of a sheet name and says when statements disagree", () => {
    const sheet = (name: string, lines: string[]) => ({
      name,
      rows: [...lines.map((l) => [cell(l)]), [cell("Biểu mẫu 1")], ...header, ...table(1)],
    });
    const named = identifySnapshot({ sheets: [sheet("BM1 Q1-2024", [])] });
    expect([named.period.certainty, named.period.source, named.period.period]).toEqual([
      "sure",
      "sheet-name",
      { kind: "Q1", year: 2024 },
    ]);
    const both = identifySnapshot({
      sheets: [sheet("BM1 Quý II-2024", ["Kỳ báo cáo: Quý I năm 2024"])],
    });
    expect(both.period.certainty).toBe("conflict");
    const none = identifySnapshot({ sheets: [sheet("Biểu mẫu 1", [])] }, "so-tu-phap.xlsx");
    expect([none.period.certainty, none.unit.certainty, none.unit.candidates]).toEqual([
      "none",
      "suggested",
      ["so-tu-phap"],
    ]);
  });
});

describe("one continuous table without titles or sections", () => {
  it("starts a new form where the codes start again at 1 with another label; a repeated row stays a repeated row", () => {
    const cell = (v: unknown) => ({ value: v as string });
    const catalog = getFormSet("so-nganh-2024");
    const rowsOf = (form: number, values: Record<string, number>) =>
      catalog
        .form(form)
        .rows.map((r) => [
          cell(r.code),
          cell(r.label),
          cell(r.unit ?? ""),
          values[r.code] === undefined ? null : { value: values[r.code] },
        ]);
    const header = ["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"].map(cell);
    const r = checkSnapshot("a.xlsx", {
      sheets: [
        { name: "Số liệu", rows: [header, ...rowsOf(1, { "1": 5 }), ...rowsOf(4, { "2.1": 40 })] },
      ],
    });
    expect([r.values["1:1"], r.values["4:2.1"]]).toEqual([5, 40]);
    const first = rowsOf(1, { "1": 5 })[0];
    const again = checkSnapshot("b.xlsx", {
      sheets: [
        {
          name: "Biểu mẫu 1",
          rows: [header, ...rowsOf(1, { "1": 5, "2.1": 9 }).slice(0, 3), first],
        },
      ],
    });
    expect(again.values["1:2.1"]).toBe(9);
    expect(again.findings.map((f) => f.rule)).toContain("structure.duplicate-row");
  });
});

describe("a period that is not a CCHC period, read by cchc validate", () => {
  it("warns that Quý II is reported within 6 tháng đầu năm, and that two periods disagree", () => {
    const cell = (v: unknown) => ({ value: v as string });
    const rows = (lines: string[]) => [
      ...lines.map((l) => [cell(l)]),
      [cell("Biểu mẫu 1")],
      ["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"].map(cell),
      ...getFormSet("so-nganh-2024")
        .form(1)
        .rows.map((r) => [cell(r.code), cell(r.label)]),
    ];
    const q2 = checkSnapshot("a.xlsx", {
      sheets: [{ name: "BM1", rows: rows(["Kỳ báo cáo: Quý II năm 2024"]) }],
    });
    expect([q2.period, q2.how.period]).toEqual([undefined, "none"]);
    expect(q2.findings.find((f) => f.rule === "structure.period")?.message).toBe(
      "Tệp ghi kỳ Quý II năm 2024. Quý II không phải kỳ báo cáo CCHC; báo cáo 6 tháng đầu năm gồm cả Quý II (các kỳ báo cáo CCHC là Quý I, 6 tháng đầu năm, Quý III và năm)."
    );
    const both = checkSnapshot("b.xlsx", {
      sheets: [{ name: "BM1 9 tháng 2024", rows: rows(["Kỳ báo cáo: Quý I năm 2024"]) }],
    });
    expect(both.findings.find((f) => f.rule === "structure.period")?.message).toBe(
      "Tệp ghi nhiều kỳ báo cáo khác nhau (Quý I năm 2024, 9 tháng năm 2024); hãy sửa cho đúng một kỳ."
    );
  });
});

describe("unit lines as officers type them", () => {
  it.each([
    ["Tên đơn vị báo cáo: Sở Tư pháp", "Sở Tư pháp"],
    ["Cơ quan, đơn vị báo cáo: Sở Tư pháp", "Sở Tư pháp"],
    ["Đơn vị thực hiện : Sở Tư pháp.", "Sở Tư pháp"],
    ["Đơn vị báo cáo: Sở Tư pháp - Kỳ báo cáo: Quý I năm 2024", "Sở Tư pháp"],
    ["ĐƠN VỊ BÁO CÁO: SỞ TƯ PHÁP QUÝ I NĂM 2024", "SỞ TƯ PHÁP"],
  ])("reads %s", (line, unit) => {
    expect(detectUnitAndPeriod([line]).unit).toBe(unit);
  });

  it("does not take other lines with a colon for the unit", () => {
    for (const line of [
      "Đơn vị tính: Hồ sơ",
      "Đơn vị nhận báo cáo: Sở Nội vụ",
      "Người lập biểu: Nguyễn Văn A",
    ]) {
      expect(detectUnitAndPeriod([line]).unit).toBeUndefined();
    }
  });
});
