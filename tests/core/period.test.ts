import type { PeriodKind } from "../../src/core/forms/schema";
import {
  findPeriodInText,
  findPeriodStatements,
  notCchcReason,
  statedLabel,
  parsePeriodId,
  periodId,
  periodLabel,
  periodWindow,
  reportingPeriodAt,
} from "../../src/core/period";

describe("periods", () => {
  it("parses ids and labels them in Vietnamese", () => {
    expect(parsePeriodId("2024-Q1")).toEqual({ year: 2024, kind: "Q1" });
    expect(parsePeriodId("2024-q3")).toEqual({ year: 2024, kind: "Q3" });
    expect(parsePeriodId("2024-Q2")).toBeNull();
    expect(parsePeriodId("Q1-2024")).toBeNull();
    expect(periodLabel({ year: 2024, kind: "Q1" })).toBe("Quý I năm 2024");
    expect(periodLabel({ year: 2024, kind: "H1" })).toBe("6 tháng đầu năm 2024");
    expect(periodLabel({ year: 2024, kind: "Q3" })).toBe("Quý III năm 2024");
    expect(periodLabel({ year: 2024, kind: "Y" })).toBe("Năm 2024");
  });

  it("gives the reporting windows", () => {
    expect(periodWindow({ year: 2024, kind: "Q1" })).toEqual({
      from: "15/12/2023",
      to: "14/3/2024",
    });
    expect(periodWindow({ year: 2024, kind: "Q3" })).toEqual({
      from: "15/6/2024",
      to: "14/9/2024",
    });
    expect(periodWindow({ year: 2024, kind: "Y" })).toEqual({
      from: "15/12/2023",
      to: "14/12/2024",
    });
  });

  it.each([
    ["Kỳ báo cáo: Quý I năm 2024", "Q1", 2024],
    [
      "BIỂU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024 CỦA ỦY BAN NHÂN DÂN TỈNH SƠN LA",
      "Q1",
      2024,
    ],
    ["Quý I/2024", "Q1", 2024],
    ["Báo cáo CCHC quý III năm 2025", "Q3", 2025],
    ["Kỳ báo cáo: 6 tháng đầu năm 2024", "H1", 2024],
    ["Báo cáo 6 tháng năm 2023", "H1", 2023],
    ["BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2023", "Y", 2023],
  ])("finds the period in %s", (text, kind, year) => {
    expect(findPeriodInText(text)).toEqual({ kind, year });
  });

  it("says nothing when the text names no period it knows", () => {
    expect(findPeriodInText("Đơn vị báo cáo: Sở Tư pháp")).toBeNull();
    expect(findPeriodInText("Quý II năm 2024")).toBeNull();
  });
});

describe("reportingPeriodAt", () => {
  const at = (y: number, m: number, d: number, kinds?: PeriodKind[]) =>
    periodId(reportingPeriodAt(new Date(y, m - 1, d), kinds));

  it("picks the period whose report is being written", () => {
    expect(at(2024, 3, 19)).toBe("2024-Q1"); // the province's Q1 2024 report is dated 19/3/2024
    expect(at(2024, 1, 2)).toBe("2023-Y"); // the annual report is still being sent
    expect(at(2024, 1, 10)).toBe("2024-Q1");
    expect(at(2024, 4, 3)).toBe("2024-Q1"); // 20 days after 14/3
    expect(at(2024, 4, 4)).toBe("2024-H1");
    expect(at(2024, 7, 1)).toBe("2024-H1");
    expect(at(2024, 8, 1)).toBe("2024-Q3");
    expect(at(2026, 11, 22)).toBe("2026-Y");
    expect(at(2027, 1, 3)).toBe("2026-Y");
    expect(at(2027, 1, 4)).toBe("2027-Q1");
  });

  it("keeps to the periods a form set has", () => {
    expect(at(2024, 4, 10, ["H1", "Y"])).toBe("2024-H1");
    expect(at(2024, 8, 1, ["H1", "Y"])).toBe("2024-Y");
    expect(at(2025, 1, 20, ["Y"])).toBe("2025-Y");
    expect(at(2024, 12, 30, ["Y"])).toBe("2024-Y");
  });
});

describe("periods as officers write them", () => {
  it.each([
    ["Kỳ báo cáo: Quý II năm 2024", [{ kind: "Q2", year: 2024 }]],
    ["QUÝ IV/2024", [{ kind: "Q4", year: 2024 }]],
    ["Quý 1 - 2024", [{ kind: "Q1", year: 2024 }]],
    ["BM1 QI", [{ kind: "Q1" }]],
    ["bc-Q1_2024", [{ kind: "Q1", year: 2024 }]],
    ["Biểu mẫu 3 - 2024-Q3", [{ kind: "Q3", year: 2024 }]],
    ["6 tháng cuối năm 2024", [{ kind: "H2", year: 2024 }]],
    ["Báo cáo 9 tháng năm 2024", [{ kind: "M9", year: 2024 }]],
    ["Sơn La, ngày 6 tháng 3 năm 2024", []],
    ["(Kèm theo Báo cáo số 12/BC-STP ngày 10/3/2024 của Sở Tư pháp)", []],
    ["Quyết định số 12; quy trình nội bộ", []],
    ["Quý I năm 2024 (từ 15/12/2023 đến 14/3/2024)", [{ kind: "Q1", year: 2024 }]],
  ])("reads %s", (text, expected) => {
    expect(findPeriodStatements(text)).toEqual(expected);
  });

  it("names the period and why it is not a CCHC period", () => {
    expect(statedLabel({ kind: "M9", year: 2024 })).toBe("9 tháng năm 2024");
    expect(statedLabel({ kind: "H2" })).toBe("6 tháng cuối năm");
    expect(notCchcReason("Q2")).toBe(
      "Quý II không phải kỳ báo cáo CCHC; báo cáo 6 tháng đầu năm gồm cả Quý II (các kỳ báo cáo CCHC là Quý I, 6 tháng đầu năm, Quý III và năm)."
    );
    expect(notCchcReason("Q1")).toBeUndefined();
    expect(findPeriodInText("Báo cáo 9 tháng năm 2024")).toBeNull();
  });
});

describe("a year named is not an annual report", () => {
  it.each([
    "Thực hiện Kế hoạch CCHC năm 2024 của UBND tỉnh",
    "Mục tiêu đến năm 2025",
    "Căn cứ nhiệm vụ năm 2024",
  ])("%s", (text) => {
    expect(findPeriodStatements(text)).toEqual([]);
  });

  it("still reads the annual report and a quarter next to a plan", () => {
    expect(findPeriodStatements("BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2023")).toEqual([
      { kind: "Y", year: 2023 },
    ]);
    expect(findPeriodStatements("Kỳ báo cáo: Năm 2024")).toEqual([{ kind: "Y", year: 2024 }]);
    expect(findPeriodStatements("BÁO CÁO CCHC CỦA SỞ TƯ PHÁP NĂM 2024")).toEqual([
      { kind: "Y", year: 2024 },
    ]);
    // The year of a plan is not a period: such a title alone leaves the period unstated (assumed, with a warning).
    expect(findPeriodStatements("BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CCHC NĂM 2024")).toEqual([]);
    expect(findPeriodStatements("Báo cáo Quý I năm 2024 (Kế hoạch CCHC năm 2024)")).toEqual([
      { kind: "Q1", year: 2024 },
    ]);
  });
});
