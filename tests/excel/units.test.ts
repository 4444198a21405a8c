import {
  FEATURE_MESSAGES,
  capabilitiesOf,
  detectLevels,
  unavailableFeatures,
} from "../../src/excel/capabilities";
import { ExcelPortError, toPortError } from "../../src/excel/errors";
import { findingsLayout } from "../../src/excel/findings";
import { cleanSheetName, uniqueSheetName } from "../../src/excel/names";
import { planRebuild } from "../../src/excel/rebuild";
import { sheetSnapshotOf } from "../../src/excel/snapshot";
import { dataValidationRule, printScale, textValue, widthPoints } from "../../src/excel/writer";
import { styleRects } from "../../src/excel/styles";
import type { SheetSnapshot } from "../../src/core/workbook/snapshot";
import { departmentLayout } from "./fake";

describe("capabilities", () => {
  test("levels come from isSetSupported; messages name the set and the Excel versions", () => {
    const asked: string[] = [];
    const levels = detectLevels((name, v) => {
      asked.push(`${name} ${v}`);
      return Number(v.split(".")[1]) <= 8;
    });
    expect(asked).toContain("ExcelApi 1.14");
    expect(capabilitiesOf(levels)).toMatchObject({
      events: true,
      dataValidation: true,
      api19: false,
    });
    const none = capabilitiesOf(detectLevels(() => false));
    expect(unavailableFeatures(none)).toHaveLength(FEATURE_MESSAGES.length);
    for (const m of unavailableFeatures(none)) expect(m).toMatch(/cần ExcelApi 1\.\d+: Excel/);
  });
});

describe("errors", () => {
  test("Office codes become Vietnamese sentences that say what failed", () => {
    const e = toPortError(
      { code: "InvalidOperationInCellEditMode", message: "edit mode" },
      "chèn biểu mẫu"
    );
    expect(e).toBeInstanceOf(ExcelPortError);
    expect(e.message).toBe(
      "Không chèn biểu mẫu được. Excel đang ở chế độ sửa ô: nhấn Enter hoặc Esc để rời ô đang sửa rồi thử lại."
    );
    expect(toPortError({ code: "ItemNotFound" }, "chọn ô").message).toContain(
      "đã bị xóa hoặc đổi tên"
    );
    const odd = toPortError(new Error("Something odd"), "đọc sổ làm việc");
    expect(odd.code).toBe("Unknown");
    expect(odd.message).toContain("“Something odd”");
    const own = new ExcelPortError("Đã có", "SheetExists");
    expect(toPortError(own, "x")).toBe(own);
  });
});

describe("sheet names", () => {
  test("cleaned to Excel's rules and made unique, case-insensitively, within 31 characters", () => {
    expect(cleanSheetName("Kết quả: [Sở]/Ngành?")).toBe("Kết quả Sở Ngành");
    const taken = new Set(["kết quả kiểm tra", "kết quả kiểm tra (2)"]);
    expect(uniqueSheetName("Kết quả kiểm tra", taken)).toBe("Kết quả kiểm tra (3)");
    expect(uniqueSheetName("History", new Set())).toBe("History (2)");
    const long = "Tổng hợp số liệu các đơn vị cấp huyện";
    const a = uniqueSheetName(long, new Set());
    const b = uniqueSheetName(long, new Set([a.toLocaleLowerCase("vi")]));
    expect(a.length).toBeLessThanOrEqual(31);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(b.endsWith(" (2)")).toBe(true);
    expect(uniqueSheetName("Biểu mẫu 2", new Set(["biểu mẫu 2 (cũ)"]), " (cũ)")).toBe(
      "Biểu mẫu 2 (cũ) (2)"
    );
  });
});

describe("writer", () => {
  test("text is entered with an apostrophe so Excel keeps it as typed", () => {
    expect(textValue("02")).toBe("'02");
    expect(textValue("=1+1")).toBe("'=1+1");
    expect(textValue("")).toBe("");
  });

  test("identical styles are grouped into rectangles", () => {
    const layout = departmentLayout().sheets[0];
    const rects = styleRects(layout.cells);
    const styled = layout.cells.filter((c) => c.style).length;
    expect(rects.length).toBeLessThan(styled / 3);
    const covered = rects.reduce((n, r) => n + (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1), 0);
    expect(covered).toBe(styled);
  });

  test("validation rules in Office.js form", () => {
    expect(
      dataValidationRule({ type: "decimal", operator: "between", formulae: [0, 100] })
    ).toEqual({
      decimal: { formula1: 0, formula2: 100, operator: "Between" },
    });
    expect(dataValidationRule({ type: "list", values: [1, 0] })).toEqual({
      list: { inCellDropDown: true, source: "1,0" },
    });
    expect(dataValidationRule({ type: "custom", formula: "ISNUMBER(D9)" })).toEqual({
      custom: { formula: "=ISNUMBER(D9)" },
    });
    expect(
      dataValidationRule({ type: "textLength", operator: "lessThanOrEqual", formulae: [2000] })
    ).toEqual({
      textLength: { formula1: 2000, operator: "LessThanOrEqualTo" },
    });
  });

  test("widths in points and a print scale that fits A4 portrait", () => {
    expect(widthPoints(8)).toBe(45.75);
    const scale = printScale([8, 62, 16, 14, 22]);
    expect(scale).toBeGreaterThanOrEqual(75);
    expect(scale).toBeLessThan(100);
    expect(printScale([5])).toBe(100);
  });
});

describe("findings sheet layout", () => {
  test("one row per finding with a link where there is a cell", () => {
    const layout = findingsLayout(
      "Kết quả kiểm tra",
      [
        {
          severity: "error",
          form: 2,
          row: "2.2",
          rule: "r",
          message: "Sai",
          cell: "'Biểu mẫu 2'!D10",
        },
        { severity: "info", form: 0, row: "", rule: "r", message: "Chú ý" },
      ],
      "Kiểm tra",
      new Date(2024, 2, 5, 9, 7)
    );
    expect(layout.cells.find((c) => c.address === "A2")?.value).toBe(
      "Lập lúc 05/03/2024 09:07: 1 lỗi, 0 cảnh báo, 1 thông tin."
    );
    expect(layout.links).toEqual([{ address: "D5", target: "'Biểu mẫu 2'!D10" }]);
    expect(layout.cells.find((c) => c.address === "B6")?.value).toBe("");
  });
});

describe("snapshot conversion", () => {
  test("offset used range, empty strings are empty cells, formulas without =", () => {
    const s = sheetSnapshotOf("X", true, {
      values: [["a", "", 3]],
      formulas: [["a", "", "=1+2"]],
      numberFormat: [["@", "General", "0.00"]],
      rowIndex: 1,
      columnIndex: 2,
    });
    expect(s.rows).toEqual([
      [],
      [null, null, { value: "a", numFmt: "@" }, null, { value: 3, numFmt: "0.00", formula: "1+2" }],
    ]);
    expect(sheetSnapshotOf("Y", false, null)).toEqual({ name: "Y", rows: [], visible: false });
  });
});

describe("planRebuild", () => {
  function sheetOf(
    layoutSheet: ReturnType<typeof departmentLayout>["sheets"][number],
    edits: Record<string, string | number>
  ): SheetSnapshot {
    const rows: SheetSnapshot["rows"] = [];
    const put = (address: string, value: string | number, formula?: string) => {
      const m = /^([A-Z])(\d+)$/.exec(address)!;
      const r = Number(m[2]) - 1;
      const c = m[1].charCodeAt(0) - 65;
      rows[r] = rows[r] ?? [];
      rows[r][c] = formula ? { value, formula } : { value };
    };
    for (const cell of layoutSheet.cells) {
      if (cell.formula) put(cell.address, "", cell.formula);
      else if (cell.value !== undefined && cell.value !== "") put(cell.address, cell.value);
    }
    for (const [address, v] of Object.entries(edits)) put(address, v);
    for (let i = 0; i < rows.length; i++) rows[i] = rows[i] ?? [];
    return { name: layoutSheet.name, rows };
  }

  test("values and notes are carried by row code; no target, no plan", () => {
    const layout = departmentLayout();
    const old = sheetOf(layout.sheets[0], { D7: 5, E7: "ghi chú", D9: "1.234" });
    const plan = planRebuild(layout, { sheets: [old, { name: "Khác", rows: [[{ value: "x" }]] }] });
    expect(plan.targets).toEqual(["Biểu mẫu 1"]);
    expect(plan.keep).toEqual([]);
    expect(plan.carried.map((c) => [c.cell, c.kind, c.raw.value])).toEqual([
      ["D7", "value", 5],
      ["E7", "note", "ghi chú"],
      ["D9", "value", "1.234"],
    ]);
    expect(planRebuild(layout, { sheets: [{ name: "Khác", rows: [] }] }).targets).toEqual([]);
  });

  test("a value in a group header, beside or below the table keeps the old sheet", () => {
    const layout = departmentLayout();
    const bm3 = layout.sheets[2];
    const edits: Record<string, string | number>[] = [
      { D7: 1 },
      { F8: "ngoài bảng" },
      { B40: "Người lập biểu" },
    ];
    for (const edit of edits) {
      const plan = planRebuild(layout, { sheets: [sheetOf(bm3, edit)] });
      expect(plan.keep).toEqual(["Biểu mẫu 3"]);
      expect(plan.unmatched).toBe(1);
    }
  });

  test("an unrecognisable sheet under a form's name is kept whole", () => {
    const layout = departmentLayout();
    const plan = planRebuild(layout, {
      sheets: [
        {
          name: "Biểu mẫu 4",
          rows: [[{ value: "Danh sách cán bộ" }], [{ value: "Nguyễn Văn A" }]],
        },
      ],
    });
    expect(plan).toMatchObject({
      targets: ["Biểu mẫu 4"],
      keep: ["Biểu mẫu 4"],
      unmatched: 2,
      carried: [],
    });
  });

  test("the form's own formula is redrawn; a typed value over it is kept and flagged", () => {
    const layout = departmentLayout();
    const same = planRebuild(layout, { sheets: [sheetOf(layout.sheets[0], {})] });
    expect(same.carried).toEqual([]);
    const typed = planRebuild(layout, { sheets: [sheetOf(layout.sheets[0], { D8: 80 })] });
    expect(typed.carried).toEqual([
      { sheet: "Biểu mẫu 1", cell: "D8", raw: { value: 80 }, kind: "value", overFormula: true },
    ]);
  });
});
