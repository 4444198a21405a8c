import { completeness, completenessSentence, emptyForms } from "../../src/core/completeness";
import { getFormSet } from "../../src/core/forms/catalog";
import type { ValueMap } from "../../src/core/rules/engine";

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
