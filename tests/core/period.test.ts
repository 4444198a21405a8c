import { findPeriodInText, parsePeriodId, periodLabel, periodWindow } from "../../src/core/period";

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
    expect(periodWindow({ year: 2024, kind: "Q1" })).toEqual({ from: "15/12/2023", to: "14/3/2024" });
    expect(periodWindow({ year: 2024, kind: "Q3" })).toEqual({ from: "15/6/2024", to: "14/9/2024" });
    expect(periodWindow({ year: 2024, kind: "Y" })).toEqual({ from: "15/12/2023", to: "14/12/2024" });
  });

  it.each([
    ["Kỳ báo cáo: Quý I năm 2024", "Q1", 2024],
    ["BIỂU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024 CỦA ỦY BAN NHÂN DÂN TỈNH SƠN LA", "Q1", 2024],
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
