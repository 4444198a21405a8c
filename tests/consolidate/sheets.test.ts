import {
  consolidate,
  consolidationSheets,
  consolidationWorkbook,
  DETAIL_SHEET,
  STATUS_SHEET,
} from "../../src/core/consolidate";
import { loadWorkbook } from "../../src/core/xlsx/read";
import { writeLayout } from "../../src/core/xlsx/write";
import { fitLines, CELL_TEXT_LIMIT } from "../../src/core/consolidate/sheet-style";
import { totalsSheetName } from "../../src/core/consolidate/positions";
import type { TableResult } from "../../src/core/consolidate/types";
import { DEPT, unitInput } from "../helpers/units";

describe("consolidation sheets within Excel's limits", () => {
  it("keeps gathered notes under 32.767 characters, whole lines, with a pointer", () => {
    const inputs = Array.from({ length: 40 }, (_, i) =>
      unitInput(
        DEPT,
        `Sở số ${i + 1}`,
        { "1:1": 1 },
        { notes: { "1:1": `Ghi chú ${i + 1}: ${"x".repeat(1500)}` } }
      )
    );
    const sheets = consolidationSheets(consolidate(inputs, { period: "2024-Q1" }));
    const texts = sheets
      .flatMap((s) => s.cells.map((c) => c.value))
      .filter((v): v is string => typeof v === "string");
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    const cell = texts.find((t) => t.startsWith("Sở số 1: Ghi chú 1:"))!;
    expect(cell).toMatch(
      /\n… và \d+ ghi chú khác không hiện hết \(một ô Excel chứa tối đa 32\.767 ký tự\)/
    );
    expect(
      cell
        .split("\n")
        .slice(0, -1)
        .every((l) => l.endsWith("x"))
    ).toBe(true);
  });

  it("fits lines exactly at the limit and leaves short text alone", () => {
    expect(fitLines(["a", "b"], () => "…")).toBe("a\nb");
    const long = Array.from({ length: 10 }, () => "y".repeat(5000));
    const fitted = fitLines(long, (n) => `+${n}`);
    expect(fitted.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(fitted.split("\n")).toEqual([...long.slice(0, 6), "+4"]);
  });

  it("names a totals sheet within 31 characters without cutting a word", () => {
    const name = (title: string) => totalsSheetName({ title } as TableResult);
    expect(name("Tổng hợp các sở, ban, ngành")).toBe("Tổng hợp các sở, ban, ngành");
    expect(name("Tổng hợp UBND cấp huyện, cấp xã và các đơn vị khác")).toBe(
      "Tổng hợp UBND cấp huyện, cấp xã"
    );
    expect(name("Tổng hợp: các đơn vị sự nghiệp trực thuộc")).toBe("Tổng hợp các đơn vị sự nghiệp");
  });
});

describe("consolidation workbook on paper", () => {
  it("prints the wide tables in landscape on A4, repeating their column header row", async () => {
    const result = consolidate(
      ["Sở A", "Sở B", "Sở C"].map((u) => unitInput(DEPT, u, { "1:1": 1 })),
      { period: "2024-Q1" }
    );
    const wb = await loadWorkbook(await writeLayout(consolidationWorkbook(result)), {
      guarded: false,
    });
    const setup = (name: string) => {
      const ps = wb.getWorksheet(name)!.pageSetup;
      return [ps.orientation, ps.paperSize, ps.printTitlesRow];
    };
    expect(setup("Biểu mẫu 1")).toEqual(["landscape", 9, "6:6"]);
    expect(setup("Tổng hợp các sở, ban, ngành")).toEqual(["landscape", 9, "7:7"]);
    expect(setup(DETAIL_SHEET)).toEqual(["landscape", 9, "6:6"]);
    expect(setup(STATUS_SHEET)[0]).toBe("landscape");
  });
});
