/** The task pane's own small helpers (no browser needed): messages, file names, the insert form's defaults. */
import type { ConsolidationResult, UnitEntry } from "../../src/core/consolidate/types";
import { placeInWords, withPlaceInWords } from "../../src/core/place";
import type { UnitReport } from "../../src/core/report";
import { previousMismatch } from "../../src/core/rules/previousFit";
import { ExcelPortError } from "../../src/excel/errors";
import { consolidateOptions, keepAfterChoice } from "../../src/taskpane/consolidation/options";
import { filterRows, STATUS_LABELS, unitRows } from "../../src/taskpane/consolidation/unitRows";
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

describe("placeInWords", () => {
  test("says a cell the way an officer reads it", () => {
    expect(placeInWords("'Biểu mẫu 3'!D9")).toBe("Biểu mẫu 3, ô D9");
    expect(placeInWords("Sheet1!$B$2")).toBe("Sheet1, ô B2");
    expect(placeInWords("D9")).toBe("ô D9");
    expect(placeInWords("không phải ô")).toBe("không phải ô");
    expect(withPlaceInWords("Không chọn ô 'Biểu mẫu 3'!D9 được.", "'Biểu mẫu 3'!D9")).toBe(
      "Không chọn Biểu mẫu 3, ô D9 được."
    );
  });
});

describe("the Tổng hợp rows", () => {
  const unit = (file: string, name: string, extra: Partial<UnitEntry> = {}): UnitEntry => ({
    file,
    unit: name,
    formSet: "so-nganh-2024",
    formSetName: "Sở, ban, ngành",
    errors: 0,
    warnings: 0,
    filled: 1,
    total: 10,
    emptyForms: [],
    values: {},
    notes: {},
    ...extra,
  });
  const result = {
    units: [unit("a.xlsx", "Sở A"), unit("b.xlsx", "Sở B", { errors: 1, expected: false })],
    excluded: [{ file: "x.xlsx", cause: "period", reason: "Kỳ khác.", unit: "Sở X" }],
    duplicates: [
      {
        unit: "Sở A",
        kept: "a.xlsx",
        dropped: ["a-cu.xlsx"],
        reason: "Tệp mới hơn được dùng.",
        cause: "Tệp mới hơn được dùng.",
      },
    ],
    missing: ["Sở C"],
    toConfirm: [
      {
        file: "?.xlsx",
        question: "unit",
        // As the core says it: the cause, then the way out in the pane or with the command's flag.
        reason:
          'Không rõ đơn vị. Chọn đơn vị cho tệp trong ngăn Tổng hợp, hoặc chạy lại lệnh với --assign "?.xlsx=Tên đơn vị".',
        cause: "Không rõ đơn vị.",
        candidates: ["Sở Tư pháp"],
        detected: "Sở TP",
      },
    ],
  } as unknown as ConsolidationResult;

  test("come in the order the officer deals with them: to confirm, excluded, duplicate, missing, done", () => {
    const rows = unitRows(result, []);
    expect(rows.map((r) => [r.status, r.file ?? r.unit])).toEqual([
      ["confirm", "?.xlsx"],
      ["excluded", "x.xlsx"],
      ["duplicate", "a-cu.xlsx"],
      ["missing", "Sở C"],
      ["included", "a.xlsx"],
      ["included", "b.xlsx"],
    ]);
    expect(rows[0]).toMatchObject({
      unit: "Sở TP",
      details: ["Không rõ đơn vị. Chọn đơn vị cho tệp ở ô bên dưới."],
    });
    expect(rows[2].canKeep).toBe(true);
    expect(rows[4].details).toEqual(["Đơn vị gửi 2 tệp: Tệp mới hơn được dùng."]);
    expect(rows[5].details).toEqual(["Không có trong danh sách đơn vị phải nộp."]);
    // Short badges: the detail line says the rest.
    for (const label of Object.values(STATUS_LABELS)) expect(label.length).toBeLessThanOrEqual(12);
  });

  test("the filter keeps what needs a look, or only what was consolidated", () => {
    const rows = unitRows(result, []);
    expect(filterRows(rows, "all")).toHaveLength(6);
    expect(filterRows(rows, "included").map((r) => r.file)).toEqual(["a.xlsx", "b.xlsx"]);
    // Sở A's kept file has a note about its duplicate; Sở B has an error and is not on the list.
    expect(filterRows(rows, "attention").map((r) => r.status)).toEqual([
      "confirm",
      "excluded",
      "duplicate",
      "missing",
      "included",
      "included",
    ]);
    const clean = unitRows({ ...result, duplicates: [], units: [unit("a.xlsx", "Sở A")] }, []);
    expect(filterRows(clean, "attention").map((r) => r.status)).not.toContain("included");
  });

  test("the officer's choices become the core's options", () => {
    expect(
      consolidateOptions({
        period: "2024-Q1",
        expected: [],
        strict: false,
        keep: [],
        assignments: {},
      })
    ).toEqual({
      period: "2024-Q1",
      expected: undefined,
      strict: false,
      keep: undefined,
      assignments: undefined,
    });
    expect(
      consolidateOptions({
        period: "2024-Q1",
        expected: ["Sở A"],
        strict: true,
        keep: ["a-cu.xlsx"],
        assignments: { "?.xlsx": "Sở Tư pháp" },
      })
    ).toMatchObject({ keep: ["a-cu.xlsx"], assignments: { "?.xlsx": "Sở Tư pháp" } });
    // Picking another file of the same unit replaces the earlier pick; other units' picks stay.
    const dups = result.duplicates;
    expect(keepAfterChoice(["z.xlsx"], dups, "a-cu.xlsx")).toEqual(["z.xlsx", "a-cu.xlsx"]);
    expect(keepAfterChoice(["z.xlsx", "a-cu.xlsx"], dups, "a.xlsx")).toEqual(["z.xlsx", "a.xlsx"]);
  });
});

describe("previousMismatch", () => {
  const report = (over: Partial<UnitReport>): UnitReport =>
    ({
      formSet: "so-nganh-2024",
      formSetName: "Sở, ban, ngành",
      unit: "Sở Tư pháp",
      period: "2026-Q3",
      ...over,
    }) as UnitReport;

  test("accepts an earlier period of the same unit and year", () => {
    expect(previousMismatch(report({ period: "2026-Y" }), report({ period: "2026-Q3" }))).toBe(
      undefined
    );
  });

  test("says why another year, a later period or another unit is not used", () => {
    expect(previousMismatch(report({ period: "2026-Y" }), report({ period: "2024-Q1" }))).toMatch(
      /tính từ đầu năm, nên chỉ so được với một kỳ trước trong năm 2026; tệp đã chọn là Quý I năm 2024\.$/
    );
    expect(previousMismatch(report({ period: "2026-Q1" }), report({ period: "2026-Q3" }))).toMatch(
      /không trước kỳ đang báo cáo/
    );
    expect(
      previousMismatch(report({ period: "2026-Y" }), report({ unit: "Sở Y tế", period: "2026-Q3" }))
    ).toMatch(/là của “Sở Y tế”, sổ đang mở là của “Sở Tư pháp”: phải cùng một đơn vị\.$/);
  });
});
