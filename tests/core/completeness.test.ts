import { completeness, completenessSentence, emptyForms } from "../../src/core/completeness";
import { getFormSet } from "../../src/core/forms/catalog";
import { sendVerdict } from "../../src/core/report";
import type { ValueMap } from "../../src/core/rules/engine";
import { unitReport } from "../helpers/units";

const DEPT = getFormSet("so-nganh-2024");
const valueRows = (form: number) => DEPT.form(form).rows.filter((r) => r.kind !== "header");

describe("completeness", () => {
  it("counts value rows, not headers, and blank is not filled", () => {
    const c = completeness(DEPT, {});
    expect(c.filled).toBe(0);
    expect(c.total).toBe([...DEPT.valueRows()].length);
    expect(emptyForms(c)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(completenessSentence(c)).toBe(
      `Đã nhập 0/${c.total} chỉ tiêu; Biểu mẫu 1, 2, 3, 4, 5, 6, 7 chưa có số liệu nào.`
    );
  });

  it("a 0 and an unreadable value are filled; the blank codes are listed in form order", () => {
    const rows = valueRows(3);
    const values: ValueMap = {
      [`3:${rows[0].code}`]: { kind: "number", value: 0, decimals: 0 },
      [`3:${rows[2].code}`]: { kind: "invalid", raw: "mười", reason: "x" },
      [`3:${rows[3].code}`]: { kind: "blank" },
    };
    const c = completeness(DEPT, values, [3, 5]);
    expect(c.forms.map((f) => f.form)).toEqual([3, 5]);
    const bm3 = c.forms[0];
    expect(bm3.filled).toBe(2);
    expect(bm3.blank).toEqual(rows.filter((_, i) => i !== 0 && i !== 2).map((r) => r.code));
    expect(emptyForms(c)).toEqual([5]);
    expect(completenessSentence(c)).toBe(
      `Đã nhập 2/${c.total} chỉ tiêu; Biểu mẫu 5 chưa có số liệu nào; ${bm3.blank.length} chỉ tiêu khác để trống.`
    );
  });

  it("a fully filled form says only the count", () => {
    const values: ValueMap = {};
    for (const r of valueRows(2)) values[`2:${r.code}`] = { kind: "number", value: 1, decimals: 0 };
    const c = completeness(DEPT, values, [2]);
    expect(completenessSentence(c)).toBe(`Đã nhập ${c.total}/${c.total} chỉ tiêu.`);
  });
});

describe("sendVerdict", () => {
  const full: Record<string, number> = {};
  for (const { form, row } of DEPT.valueRows()) {
    if (row.kind !== "pair" && row.kind !== "text") full[`${form}:${row.code}`] = 0;
  }
  delete full["1:6.2"]; // no survey (6 = 0): its kind stays blank, 0 would mean "online"

  it("errors first, then forms left blank, then warnings", () => {
    const broken = unitReport("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {
      "5:3.1": 2,
      "5:3.2": 3,
      "5:3": 6,
    });
    expect(sendVerdict(broken)).toEqual({
      level: "error",
      text: "Chưa nên gửi: còn 1 lỗi cần sửa.",
    });

    const partial = unitReport("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {
      "5:3.1": 2,
      "5:3.2": 3,
      "5:3": 5,
    });
    expect(sendVerdict(partial)).toEqual({
      level: "warning",
      text: "Chưa nên gửi: Biểu mẫu 1, 2, 3, 4, 6, 7 chưa có số liệu nào (để trống không phải là 0).",
    });

    const filled = unitReport("so-nganh-2024", "Sở Tư pháp", "2024-Q1", full);
    expect(filled.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(emptyForms(filled.completeness)).toEqual([]);
    expect(sendVerdict(filled)).toEqual({
      level: "success",
      text: "Không có lỗi hay cảnh báo: có thể gửi.",
    });
  });
});
