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
import { DEPT, LOCAL, unitInput } from "../helpers/units";
import { detailSheetNames } from "../../src/core/consolidate/detail-sheet";
import { fitSheetName } from "../../src/core/consolidate/positions";
import { isConsolidationSheet } from "../../src/core/workbook/consolidated";
import { readSnapshot } from "../../src/core/xlsx/read";

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
      /\n… và \d+ ghi chú khác: xem trang “Chi tiết theo đơn vị” \(mỗi đơn vị một ô\)\.$/
    );
    // Each unit's note is cut to 1,000 characters at most; the detail sheet has each one in its cell.
    expect(
      cell
        .split("\n")
        .slice(0, -1)
        .every((l) => l.endsWith("x…") && l.length <= 1000 + "Sở số 40: ".length)
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
    // One header row shared by every section of the status sheet: it is the print title.
    expect(setup(STATUS_SHEET)).toEqual(["landscape", 9, "5:5"]);
    const status = wb.getWorksheet(STATUS_SHEET)!;
    expect(status.getRow(5).values).toEqual([
      undefined,
      "STT",
      "Đơn vị",
      "Loại biểu mẫu",
      "Tệp",
      "Ngày của tệp",
      "Chỉ tiêu đã nhập",
      "Số lỗi",
      "Số cảnh báo",
      "Ghi chú, lý do",
    ]);
    expect(status.getCell("A6").value).toBe("1. Đơn vị đã tổng hợp (3)");
    expect([status.getCell("B7").value, status.getCell("D7").value]).toEqual(["Sở A", "Sở A.xlsx"]);
  });
});

describe("sheet names of a consolidation of two unit sets", () => {
  const result = consolidate(
    [
      unitInput(DEPT, "Sở A", { "1:1": 1 }, { notes: { "1:1": "Ghi chú của sở A" } }),
      unitInput(LOCAL, "UBND xã B", { "1:1": 2 }),
    ],
    { period: "2024-Q1" }
  );
  const sheets = consolidationSheets(result);

  it("names each detail sheet by its set, within 31 characters, unique without case, never “(2)”", () => {
    const names = sheets.map((s) => s.name);
    expect(names.slice(-3)).toEqual([
      "Chi tiết — Sở, ban, ngành",
      "Chi tiết UBND cấp huyện, cấp xã",
      STATUS_SHEET,
    ]);
    for (const n of names) expect([n, n.length <= 31]).toEqual([n, true]);
    const keys = [...names, "CCHC_META"].map((n) => n.toLocaleLowerCase("vi"));
    expect(new Set(keys).size).toBe(keys.length);
    expect(names.some((n) => /\(\d+\)$/.test(n))).toBe(false);
  });

  it("points each table to its own detail sheet, the province's forms to both", () => {
    const text = (name: string, address: string) =>
      sheets.find((s) => s.name === name)!.cells.find((c) => c.address === address)?.value;
    expect(text("Tổng hợp các sở, ban, ngành", "A3")).toBe(
      "Từ 1 đơn vị (xem trang “Chi tiết — Sở, ban, ngành”)."
    );
    expect(text("Tổng hợp UBND cấp huyện, cấp xã", "A3")).toBe(
      "Từ 1 đơn vị (xem trang “Chi tiết UBND cấp huyện, cấp xã”)."
    );
  });

  it("tells two sets of one name apart by their ids", () => {
    const same = {
      ...result,
      sets: result.sets.map((s) => ({ ...s, name: "Sở, ban, ngành" })),
    };
    expect([...detailSheetNames(same).values()]).toEqual([
      "Chi tiết — Sở, ban, ngành",
      "Chi tiết dia-phuong-2024",
    ]);
  });

  it("cuts a long title between words and drops characters Excel refuses", () => {
    expect(fitSheetName("Chi tiết — UBND cấp huyện, cấp xã và đơn vị khác")).toBe(
      "Chi tiết — UBND cấp huyện, cấp"
    );
    expect(fitSheetName("'Tổng hợp: A/B?'")).toBe("Tổng hợp A B");
  });

  it("repeats each detail sheet's header row on every printed page; every sheet is still found as output", async () => {
    const bytes = await writeLayout(consolidationWorkbook(result));
    const wb = await loadWorkbook(bytes, { guarded: false });
    for (const name of ["Chi tiết — Sở, ban, ngành", "Chi tiết UBND cấp huyện, cấp xã"]) {
      const ws = wb.getWorksheet(name)!;
      expect([name, ws.pageSetup.printTitlesRow]).toEqual([name, "6:6"]);
      expect(ws.getCell("E6").value).toBe(name.includes("Sở") ? "Sở A" : "UBND xã B");
    }
    // The pane replaces earlier output sheets it finds by their content, whatever their names.
    const snapshot = await readSnapshot(bytes);
    const found = snapshot.sheets.filter(isConsolidationSheet).map((s) => s.name);
    expect(found).toEqual(expect.arrayContaining(sheets.slice(7).map((s) => s.name)));
  });
});
