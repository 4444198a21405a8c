/** The Tổng hợp tab's own logic over the core: the register it passes, and how core reasons read in the pane. */
import { registerOfNames } from "../../src/core/consolidate";
import type { ConsolidationResult, UnitEntry } from "../../src/core/consolidate/types";
import {
  consolidateOptions,
  hasMoreThanNames,
  registerForNames,
  registerOfSetting,
} from "../../src/taskpane/consolidation/options";
import {
  filterRows,
  notSummedLines,
  confirmText,
  duplicateText,
  unitRows,
} from "../../src/taskpane/consolidation/unitRows";

const imported = {
  units: [
    { name: "Sở Tư pháp", code: "STP", aliases: [] },
    { name: "Sở Khoa học và Công nghệ", code: "SKHCN", type: "so-nganh", aliases: ["Sở KH&CN"] },
  ],
};

describe("the register the pane passes", () => {
  test("names from the import keep their code and other names; typed names have none", () => {
    const reg = registerForNames(
      ["Sở Khoa học và Công nghệ", "Sở Tài chính"],
      imported,
      registerOfNames
    );
    expect(reg).toEqual({
      units: [imported.units[1], { name: "Sở Tài chính", aliases: [] }],
    });
    expect(hasMoreThanNames(reg)).toBe(true);
    expect(hasMoreThanNames(registerOfNames(["Sở Tài chính"]))).toBe(false);
    // Without an import the box is a register of names only.
    expect(registerForNames(["Sở Y tế"], undefined, registerOfNames)).toEqual({
      units: [{ name: "Sở Y tế", aliases: [] }],
    });
  });

  test("the register goes to the core instead of the bare list; an empty one is left out", () => {
    const base = { period: "2024-Q1", strict: false, keep: [], assignments: {} };
    expect(consolidateOptions({ ...base, expected: ["Sở Tư pháp"], register: imported })).toEqual({
      ...base,
      register: imported,
      expected: undefined,
      keep: undefined,
      assignments: undefined,
    });
    expect(
      consolidateOptions({ ...base, expected: ["Sở Tư pháp"], register: { units: [] } })
    ).toMatchObject({ register: undefined, expected: ["Sở Tư pháp"] });
  });

  test("the register kept in the workbook setting reads back; anything else is ignored", () => {
    expect(registerOfSetting(JSON.stringify(imported))).toEqual(imported);
    expect(registerOfSetting("")).toBeUndefined();
    expect(registerOfSetting("Sở Tư pháp\nSở Y tế")).toBeUndefined();
    expect(registerOfSetting('{"units":[{"name":""},{"name":"Sở A","aliases":[1,"A"]}]}')).toEqual({
      units: [{ name: "Sở A", aliases: ["A"] }],
    });
  });
});

describe("core reasons in the pane", () => {
  test("the command-line way out is left out and the pointer names the control", () => {
    expect(
      confirmText({
        file: "a.xlsx",
        question: "unit",
        reason:
          'Tệp chỉ ghi “CÁC SỞ, BAN, NGÀNH”. Chọn đơn vị cho tệp trong ngăn Tổng hợp, hoặc chạy lại lệnh với --assign "a.xlsx=Tên đơn vị".',
        cause: "Tệp chỉ ghi “CÁC SỞ, BAN, NGÀNH”.",
        candidates: [],
      })
    ).toBe("Tệp chỉ ghi “CÁC SỞ, BAN, NGÀNH”. Chọn đơn vị cho tệp ở ô bên dưới.");
    expect(
      duplicateText({
        unit: "Sở A",
        kept: "a.xlsx",
        dropped: ["b.xlsx"],
        reason:
          'CẦN XÁC NHẬN: … Để giữ tệp khác: chọn trong ngăn Tổng hợp, hoặc chạy lại lệnh với --keep "b.xlsx".',
        cause: "CẦN XÁC NHẬN: …",
        choice: "fewest-errors",
      })
    ).toBe("CẦN XÁC NHẬN: … Để giữ tệp khác: bấm “Dùng tệp này” ở tệp đó.");
  });

  test("a same-date duplicate and values not summed are alerts, kept by the “Cần xem” filter", () => {
    const unit = (file: string, name: string): UnitEntry => ({
      file,
      unit: name,
      formSet: "so-nganh-2024",
      formSetName: "",
      errors: 0,
      warnings: 0,
      filled: 1,
      total: 1,
      emptyForms: [],
      values: {},
      notes: {},
    });
    const notSummed = (i: number) => ({
      file: "c.xlsx",
      unit: "Sở C",
      formSet: "so-nganh-2024",
      key: `5:3.${i}`,
      cell: `'Biểu mẫu 5'!D${17 + i}`,
      reason: "Số lượng phải là số nguyên không âm: 2,835",
    });
    const result = {
      units: [unit("b.xlsx", "Sở B"), unit("c.xlsx", "Sở C")],
      excluded: [],
      duplicates: [
        {
          unit: "Sở B",
          kept: "b.xlsx",
          dropped: ["a.xlsx"],
          reason:
            'CẦN XÁC NHẬN: … Để giữ tệp khác: chọn trong ngăn Tổng hợp, hoặc chạy lại lệnh với --keep "a.xlsx".',
          choice: "fewest-errors",
        },
      ],
      missing: [],
      toConfirm: [],
      notSummed: [notSummed(1), notSummed(2), notSummed(3), notSummed(4)],
    } as unknown as ConsolidationResult;
    const rows = unitRows(result, []);
    expect(rows.map((r) => [r.status, r.file, r.alerts?.length ?? 0])).toEqual([
      ["duplicate", "a.xlsx", 1],
      ["included", "b.xlsx", 1],
      ["included", "c.xlsx", 4],
    ]);
    expect(rows[1].alerts![0]).toMatch(/^CẦN XÁC NHẬN: đơn vị gửi 2 tệp .*ít lỗi nhất/);
    expect(rows[2].alerts).toEqual([
      "Không cộng vào tổng: Biểu mẫu 5, dòng 3.1 (Biểu mẫu 5, ô D18): Số lượng phải là số nguyên không âm: 2,835",
      "Không cộng vào tổng: Biểu mẫu 5, dòng 3.2 (Biểu mẫu 5, ô D19): Số lượng phải là số nguyên không âm: 2,835",
      "Không cộng vào tổng: Biểu mẫu 5, dòng 3.3 (Biểu mẫu 5, ô D20): Số lượng phải là số nguyên không âm: 2,835",
      "… và 1 giá trị có lỗi khác không được cộng vào tổng.",
    ]);
    expect(rows[2].details).toEqual([]);
    expect(filterRows(rows, "attention")).toHaveLength(3);
    expect(notSummedLines([])).toEqual([]);
  });
});
