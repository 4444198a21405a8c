/** The task pane's own small helpers (no browser needed): messages, file names, the insert form's defaults. */
import { ExcelPortError } from "../../src/excel/errors";
import { describeError } from "../../src/taskpane/errors";
import { summaryText } from "../../src/taskpane/labels";
import { defaultSelection, selectionFromReport } from "../../src/taskpane/selection";
import { templateFileName } from "../../src/taskpane/template";

describe("describeError", () => {
  test("keeps the port's Vietnamese message as it is", () => {
    const e = new ExcelPortError(
      "Không chèn biểu mẫu được. Trang tính đang được bảo vệ.",
      "AccessDenied"
    );
    expect(describeError(e, "chèn biểu mẫu")).toBe(
      "Không chèn biểu mẫu được. Trang tính đang được bảo vệ."
    );
  });

  test("explains a raw Office.js error by its code", () => {
    const e = Object.assign(new Error("The requested resource doesn't exist."), {
      code: "ItemNotFound",
    });
    expect(describeError(e, "chọn ô 'Biểu mẫu 3'!D9")).toMatch(
      /^Không chọn ô 'Biểu mẫu 3'!D9 được\. Không tìm thấy trang hoặc ô cần dùng: có thể trang biểu mẫu đã bị xóa/
    );
  });

  test("turns anything else into a Vietnamese sentence that keeps the detail", () => {
    expect(describeError(new TypeError("x is undefined"), "đọc các tệp")).toBe(
      "Không đọc các tệp được do lỗi không mong đợi (chi tiết: x is undefined). Hãy thử lại; nếu vẫn lỗi, hãy đóng và mở lại ngăn."
    );
    expect(describeError(undefined, "tổng hợp")).toMatch(
      /^Không tổng hợp được do lỗi không mong đợi\. /
    );
  });
});

test("summaryText names errors and warnings always, notes only when there are some", () => {
  expect(summaryText({ errors: 0, warnings: 0, infos: 0 })).toBe("0 lỗi, 0 cảnh báo");
  expect(summaryText({ errors: 2, warnings: 1, infos: 3 })).toBe("2 lỗi, 1 cảnh báo, 3 lưu ý");
});

test("templateFileName keeps Vietnamese and drops what Windows refuses", () => {
  expect(templateFileName("Sở Tư pháp", { year: 2024, kind: "Q1" })).toBe(
    "Biểu mẫu CCHC - Sở Tư pháp - Quý I năm 2024.xlsx"
  );
  expect(templateFileName(' UBND "xã" A/B\t:C ', { year: 2025, kind: "H1" })).toBe(
    "Biểu mẫu CCHC - UBND xã A B C - 6 tháng đầu năm 2025.xlsx"
  );
  expect(templateFileName("", { year: 2024, kind: "Y" })).toBe(
    "Biểu mẫu CCHC - Đơn vị - Năm 2024.xlsx"
  );
});

test("the insert form follows what a checked workbook says, keeping what it does not say", () => {
  const base = { ...defaultSelection(new Date(2026, 4, 1)), unit: "Sở cũ" };
  expect([base.year, base.kind]).toEqual([2026, "H1"]); // on 1/5 the 6-month report is being written
  expect(
    selectionFromReport(base, { formSet: "tinh-2024", unit: "UBND tỉnh Sơn La", period: "2024-Q3" })
  ).toEqual({
    formSet: "tinh-2024",
    unit: "UBND tỉnh Sơn La",
    year: 2024,
    kind: "Q3",
  });
  expect(
    selectionFromReport(base, { formSet: "khong-co", unit: undefined, period: undefined })
  ).toEqual(base);
});
