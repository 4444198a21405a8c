import { checkSnapshot } from "../../src/core/report";
import type { Finding } from "../../src/core/rules/types";
import { META_SHEET } from "../../src/core/workbook/metadata";
import { rowHeightsOf, type SheetLayout } from "../../src/core/workbook/layout";
import type { HighlightState } from "../../src/excel/contract";
import { createExcelPort } from "../../src/excel/port";
import { MARK_FILLS } from "../../src/excel/findings";
import { ExcelPortError } from "../../src/excel/errors";
import { departmentLayout, fake, syncsOf } from "./fake";

/** Behaviour of the port against the in-memory workbook of tests/browser/fake-office.js. */

beforeEach(() => fake.reset());

const BM1 = "'Biểu mẫu 1'";
const BM3 = "'Biểu mẫu 3'";

async function insertedPort() {
  const port = createExcelPort();
  await port.insertForms(departmentLayout(), "new");
  return port;
}

function plainSheet(name: string, n = 0): SheetLayout {
  return {
    name,
    form: 0,
    columns: [12, 30],
    cells: [
      { address: "A1", value: "Đơn vị", style: { bold: true } },
      { address: "B1", value: n },
      { address: "A2", value: "=SUM(1,2)" },
    ],
    merges: [],
    validations: [],
    conditionalFormats: [],
    valueCells: [],
    headerRow: 0,
    lastRow: 2,
  };
}

describe("readSnapshot", () => {
  test("two syncs the first time, then one whatever the number of sheets", async () => {
    for (let i = 2; i <= 20; i++) fake.addSheet(`Trang ${i}`, [[i]]);
    const port = createExcelPort();
    expect(await syncsOf(() => port.readSnapshot())).toBe(2);
    expect(await syncsOf(() => port.readSnapshot())).toBe(1);
    const snap = await port.readSnapshot();
    expect(snap.sheets).toHaveLength(20);
    expect(snap.sheets[19].rows[0][0]).toEqual({ value: 20, numFmt: "General" });
  });

  test("sheets added or deleted behind its back are still read correctly", async () => {
    const port = createExcelPort();
    await port.readSnapshot();
    fake.addSheet("Mới", [["x"]]);
    expect(await syncsOf(() => port.readSnapshot())).toBe(2);
    fake.deleteSheet("Sheet1");
    let snap: Awaited<ReturnType<typeof port.readSnapshot>> | undefined;
    const n = await syncsOf(async () => {
      snap = await port.readSnapshot();
    });
    expect(n).toBeLessThanOrEqual(3);
    expect(snap!.sheets.map((s) => s.name)).toEqual(["Mới"]);
    expect(await syncsOf(() => port.readSnapshot())).toBe(1);
  });

  test("rows start at A1 whatever the used range; formulas, formats, visibility and date come along", async () => {
    fake.reset({ sheets: { Data: [[], [], [null, null, "TT", 5]] } });
    const port = await insertedPort();
    const snap = await port.readSnapshot();
    const data = snap.sheets.find((s) => s.name === "Data")!;
    expect(data.rows[2][2]).toEqual({ value: "TT", numFmt: "General" });
    expect(data.rows[2][3]?.value).toBe(5);
    expect(data.rows[0]).toEqual([]);
    const bm1 = snap.sheets.find((s) => s.name === "Biểu mẫu 1")!;
    expect(bm1.rows[7][3]?.formula).toMatch(/^IF\(OR\(D10="",D9=""/);
    expect(bm1.rows[6][0]).toEqual({ value: "1", numFmt: "General" });
    expect(snap.sheets.find((s) => s.name === META_SHEET)?.visible).toBe(false);
    expect(snap.modified?.toISOString()).toBe("2024-03-01T08:00:00.000Z");
  });
});

describe("insertForms", () => {
  test("new: at most two syncs; the core reads back what was written", async () => {
    const port = createExcelPort();
    let report: Awaited<ReturnType<typeof port.insertForms>> | undefined;
    const n = await syncsOf(async () => {
      report = await port.insertForms(departmentLayout(), "new");
    });
    expect(n).toBeLessThanOrEqual(2);
    expect(report!.sheets).toHaveLength(7);
    expect(report!.skipped).toEqual([]);
    expect(fake.sheets().map((s) => s.name)).toEqual(["Sheet1", ...report!.sheets, META_SHEET]);
    expect(fake.sheets().at(-1)!.visibility).toBe("VeryHidden");
    expect(fake.activeSheet()).toBe("Biểu mẫu 1");

    fake.setValue(`${BM1}!D9`, 10);
    fake.setValue(`${BM1}!D10`, 8);
    expect(fake.getValue(`${BM1}!D8`)).toBe(80);
    const report2 = checkSnapshot("t", await port.readSnapshot());
    expect(report2.formSet).toBe("so-nganh-2024");
    expect(report2.unit).toBe("Sở Tư pháp");
    expect(report2.period).toBe("2024-Q1");
    expect(report2.how.formSet).toBe("metadata");
    expect(report2.findings.filter((f) => f.rule.startsWith("structure."))).toEqual([]);
    expect(report2.values["1:2"]).toBe(80);
  });

  test("new: everything from the layout: text stays text, validation, formats, names, print, freeze", async () => {
    const layout = departmentLayout();
    await createExcelPort().insertForms(layout, "new");
    const bm3 = layout.sheets[2];
    const pairRow = bm3.valueCells.find((v) => v.code === "3.2")!;
    // Codes are text (not numbers) and pair cells are text-formatted.
    expect(fake.getValue(`${BM1}!A7`)).toBe("1");
    expect(fake.getCell(`${BM3}!${pairRow.address}`).numberFormat).toBe("@");
    fake.setValue(`${BM3}!${pairRow.address}`, "4/4");
    expect(fake.getValue(`${BM3}!${pairRow.address}`)).toBe("4/4");

    const info = fake.sheetInfo("Biểu mẫu 3");
    expect(info.validations).toHaveLength(bm3.validations.length);
    expect(info.validations.find((v) => v.address === pairRow.address)?.rule).toEqual({
      custom: { formula: `=ISNUMBER(FIND("/",${pairRow.address}))` },
    });
    expect(info.conditionalFormats).toHaveLength(bm3.conditionalFormats.length);
    expect(info.merges).toEqual(bm3.merges);
    expect(info.freezeRows).toBe(6);
    expect(info.printTitleRows).toBe("$6:$6");
    expect(info.pageLayout).toMatchObject({ orientation: "Portrait", paperSize: "A4" });
    expect(info.columnWidths["1"]).toBeCloseTo(329.25);
    const heights = rowHeightsOf(bm3);
    expect(Object.keys(heights).length).toBeGreaterThan(0);
    for (const [row, h] of Object.entries(heights))
      expect(info.rowHeights[Number(row) - 1]).toBe(h);

    const names = fake.names();
    expect(names).toHaveLength(layout.sheets.reduce((n, s) => n + s.valueCells.length, 0));
    expect(names).toContainEqual({
      name: "CCHC_BM3_3_2",
      formula: `=${BM3}!$${pairRow.address.replace(/(\d+)/, "$$$1")}`,
    });

    expect(fake.getCell(`${BM1}!B6`)).toMatchObject({
      font: { name: "Times New Roman", bold: true },
      fill: "#F2F2F2",
    });
    expect(fake.getCell(`${BM1}!D8`).fill).toBe("#EAF3E6");
    expect(fake.rows(META_SHEET)[0][0]).toBe("cchc-metadata");
  });

  test("new refuses when a form sheet exists, and changes nothing", async () => {
    const port = await insertedPort();
    fake.setValue(`${BM1}!D7`, 3);
    const before = fake.sheets();
    const err = await port.insertForms(departmentLayout(), "new").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelPortError);
    expect((err as ExcelPortError).code).toBe("SheetExists");
    expect((err as Error).message).toContain("“Biểu mẫu 1”");
    expect((err as Error).message).toContain("Dựng lại");
    expect(fake.sheets()).toEqual(before);
    expect(fake.getValue(`${BM1}!D7`)).toBe(3);
  });

  test("rebuild keeps every typed value and note, matched by form and row code", async () => {
    const port = await insertedPort();
    fake.setValue(`${BM1}!D7`, 5);
    fake.setValue(`${BM1}!D9`, 10);
    fake.setValue(`${BM1}!D10`, 8);
    fake.setValue(`${BM1}!E7`, "Theo Kế hoạch 12/KH-UBND");
    fake.setValue(`${BM3}!D8`, "'1.234");
    fake.setValue(`${BM3}!D22`, "4/4");
    fake.setValue(`${BM1}!D12`, 99.5);
    fake.setValue(`${BM1}!D8`, 81); // typed over the ratio formula: the user's value wins

    const later = departmentLayout("Sở Tư pháp", "2024-H1");
    const existing = await port.findExisting(later);
    expect(existing).toEqual({
      sheets: later.sheets.map((s) => s.name),
      filledCells: 8,
      unmatchedCells: 0,
    });

    let report: Awaited<ReturnType<typeof port.insertForms>> | undefined;
    const n = await syncsOf(async () => {
      report = await port.insertForms(later, "rebuild-keep-values");
    });
    // Read, backups, one batch per form, the last step.
    expect(n).toBe(3 + later.sheets.length);
    expect(report!.keptCells).toBe(8);
    expect(report!.keptSheets).toEqual([]);

    expect(fake.getValue(`${BM1}!D7`)).toBe(5);
    expect(fake.getValue(`${BM1}!D9`)).toBe(10);
    expect(fake.getValue(`${BM1}!D10`)).toBe(8);
    expect(fake.getValue(`${BM1}!D12`)).toBe(99.5);
    expect(fake.getCell(`${BM1}!D8`)).toMatchObject({ value: 81, formula: null });
    expect(fake.getValue(`${BM1}!E7`)).toBe("Theo Kế hoạch 12/KH-UBND");
    expect(fake.getValue(`${BM3}!D8`)).toBe("1.234");
    expect(fake.getValue(`${BM3}!D22`)).toBe("4/4");
    expect(fake.getValue(`${BM1}!A4`)).toContain("6 tháng đầu năm 2024");
    // Rewritten in place: same sheets, same order, no backups left.
    expect(fake.sheets().map((s) => s.name)).toEqual([
      "Sheet1",
      ...later.sheets.map((s) => s.name),
      META_SHEET,
    ]);
    expect(fake.names()).toHaveLength(later.sheets.reduce((k, s) => k + s.valueCells.length, 0));
    expect(fake.names().every((x) => !x.formula.includes("#REF"))).toBe(true);
    const meta = fake.rows(META_SHEET);
    expect(meta).toContainEqual(["period", "2024-H1"]);
    expect(fake.sheetInfo(META_SHEET).visibility).toBe("VeryHidden");
  });

  test("rebuild: one more sync when the port has not seen the workbook", async () => {
    await insertedPort();
    fake.setValue(`${BM1}!D7`, 5);
    const fresh = createExcelPort();
    const n = await syncsOf(() => fresh.insertForms(departmentLayout(), "rebuild-keep-values"));
    expect(n).toBe(4 + departmentLayout().sheets.length);
    expect(fake.getValue(`${BM1}!D7`)).toBe(5);
  });

  test("rebuild never loses content it cannot place: that sheet is kept as “(cũ)”", async () => {
    const port = await insertedPort();
    fake.setValue("'Biểu mẫu 2'!D7", 4);
    fake.setValue("'Biểu mẫu 2'!B30", "Người lập biểu: Nguyễn Văn A");
    const existing = await port.findExisting(departmentLayout());
    expect(existing.unmatchedCells).toBe(1);
    const report = await port.insertForms(departmentLayout(), "rebuild-keep-values");
    expect(report.keptSheets).toEqual(["Biểu mẫu 2 (cũ)"]);
    expect(fake.getValue("'Biểu mẫu 2 (cũ)'!B30")).toBe("Người lập biểu: Nguyễn Văn A");
    expect(fake.getValue("'Biểu mẫu 2 (cũ)'!D7")).toBe(4);
    expect(fake.getValue("'Biểu mẫu 2'!D7")).toBe(4);
    expect(fake.getValue("'Biểu mẫu 2'!B30")).toBeNull();
  });

  test("rebuild refuses a protected form sheet with a Vietnamese message and changes nothing", async () => {
    const port = await insertedPort();
    fake.setValue(`${BM3}!D8`, 7);
    fake.protect("Biểu mẫu 3");
    const before = fake.sheets();
    const err = await port
      .insertForms(departmentLayout(), "rebuild-keep-values")
      .catch((e: unknown) => e);
    expect((err as ExcelPortError).code).toBe("AccessDenied");
    expect((err as Error).message).toContain("Trang tính đang được bảo vệ");
    expect((err as Error).message).toContain("Biểu mẫu 3");
    expect(fake.sheets()).toEqual(before);
    expect(fake.getValue(`${BM3}!D8`)).toBe(7);
  });

  test("ExcelApi 1.7: data validation and print settings skipped and reported, the rest written", async () => {
    fake.reset({ version: "1.7" });
    const port = createExcelPort();
    expect(port.capabilities()).toMatchObject({
      dataValidation: false,
      events: true,
      api19: false,
    });
    const report = await port.insertForms(departmentLayout(), "new");
    expect(report.skipped).toHaveLength(2);
    expect(report.skipped[0]).toContain("Data Validation");
    expect(report.skipped[0]).toContain("ExcelApi 1.8");
    expect(report.skipped[1]).toContain("ExcelApi 1.9");
    expect(fake.sheetInfo("Biểu mẫu 1").validations).toEqual([]);
    expect(fake.sheetInfo("Biểu mẫu 1").conditionalFormats.length).toBeGreaterThan(0);
    expect(fake.sheetInfo("Biểu mẫu 1").freezeRows).toBe(6);
    expect(port.unavailableFeatures()).toEqual(report.skipped);
  });

  test("ExcelApi 1.4: forms still inserted; everything newer is left out and said so", async () => {
    fake.reset({ version: "1.4" });
    const port = createExcelPort();
    const report = await port.insertForms(departmentLayout(), "new");
    expect(report.skipped.join(" ")).toMatch(/ExcelApi 1\.6.*ExcelApi 1\.7/s);
    const info = fake.sheetInfo("Biểu mẫu 1");
    expect(info.conditionalFormats).toEqual([]);
    expect(info.freezeRows).toBe(0);
    expect(fake.names().length).toBeGreaterThan(0);
    const unavailable = port.unavailableFeatures();
    expect(unavailable[0]).toBe(
      "Excel này không hỗ trợ kiểm tra tự động khi nhập (cần ExcelApi 1.7: Excel 2019 trở lên (cả bản cấp phép số lượng lớn), Microsoft 365, Excel trên web, Excel cho Mac). Hãy bấm “Kiểm tra lại” sau khi nhập số liệu."
    );
    const err = await port.onChange(() => undefined).catch((e: unknown) => e);
    expect((err as ExcelPortError).code).toBe("Unsupported");
  });
});

describe("highlight", () => {
  async function checked(port: ReturnType<typeof createExcelPort>): Promise<Finding[]> {
    return checkSnapshot("t", await port.readSnapshot()).findings;
  }

  test("one sync; marks findings' cells; clearing restores the fills they covered", async () => {
    const port = await insertedPort();
    fake.setFill(`${BM1}!D9`, "#00B050"); // the user's own fill
    fake.setValue(`${BM1}!D9`, 10);
    fake.setValue(`${BM1}!D10`, 12); // more done than planned: the core flags D10
    const fromCore = await checked(port);
    expect(fromCore.map((f) => f.cell)).toContain(`${BM1}!D10`);
    const findings: Finding[] = [
      ...fromCore,
      { severity: "info", form: 1, row: "2.1", rule: "t", message: "t", cell: `${BM1}!D9` },
      { severity: "info", form: 1, row: "2", rule: "t", message: "t", cell: `${BM1}!D8` },
    ];

    let state: HighlightState = { addresses: [] };
    expect(
      await syncsOf(async () => {
        state = await port.highlight(findings, state);
      })
    ).toBe(1);
    expect(state.addresses).toEqual(
      expect.arrayContaining([`${BM1}!D8`, `${BM1}!D9`, `${BM1}!D10`])
    );
    const marks = Object.values(MARK_FILLS);
    for (const cell of ["D8", "D9", "D10"])
      expect(marks).toContain(fake.getCell(`${BM1}!${cell}`).fill);

    // Marking again over marked cells keeps what they had before the first mark.
    state = await port.highlight(findings, state);
    expect(
      await syncsOf(async () => {
        state = await port.highlight([], state);
      })
    ).toBe(1);
    expect(state).toEqual({ addresses: [], marks: [] });
    expect(fake.getCell(`${BM1}!D9`).fill).toBe("#00B050");
    expect(fake.getCell(`${BM1}!D8`).fill).toBe("#EAF3E6");
    expect(fake.getCell(`${BM1}!D10`).fill).toBeNull();
  });

  test("marks survive sheet renames and a reopened pane takes away the marks it left", async () => {
    const port = await insertedPort();
    const f: Finding = {
      severity: "error",
      form: 3,
      row: "1.1",
      rule: "t",
      message: "t",
      cell: `${BM3}!D8`,
    };
    const state = await port.highlight([f], { addresses: [] });
    expect(fake.getCell(`${BM3}!D8`).fill).toBe(MARK_FILLS.error);
    await port.readSnapshot(); // the marks are saved in the workbook with the next batch
    expect(fake.settings()["cchc.highlightMarks"]).toBeDefined();

    fake.renameSheet("Biểu mẫu 3", "BM3");
    fake.moveSheet("BM3", 0);
    const again = createExcelPort(); // the pane was closed and opened again
    await again.readSnapshot();
    const cleared = await again.highlight([], { addresses: [] });
    expect(cleared.marks).toEqual([]);
    expect(fake.getCell("BM3!D8").fill).toBeNull();
    expect(state.marks?.[0]).toMatchObject({ cell: "D8", sheet: "Biểu mẫu 3", fill: null });
  });

  test("a mark left unsaved by a closed pane is never taken for the user's fill", async () => {
    const port = await insertedPort();
    const f: Finding = {
      severity: "warning",
      form: 3,
      row: "1.1",
      rule: "t",
      message: "t",
      cell: `${BM3}!D8`,
    };
    await port.highlight([f], { addresses: [] }); // closed before the next batch could save the marks
    const again = createExcelPort();
    await again.readSnapshot();
    const state = await again.highlight([f], { addresses: [] });
    expect(state.marks?.[0].fill).toBeNull();
    await again.highlight([], state);
    expect(fake.getCell(`${BM3}!D8`).fill).toBeNull();
  });

  test("a sheet deleted since the last read is skipped; the other marks and fills are intact", async () => {
    const port = await insertedPort();
    await port.readSnapshot();
    fake.setFill(`${BM1}!D7`, "#00B050");
    fake.deleteSheet("Biểu mẫu 2");
    const f = (cell: string): Finding => ({
      severity: "error",
      form: 1,
      row: "1",
      rule: "t",
      message: "t",
      cell,
    });
    let state: HighlightState = { addresses: [] };
    expect(
      await syncsOf(async () => {
        state = await port.highlight([f(`${BM1}!D7`), f("'Biểu mẫu 2'!D7")], state);
      })
    ).toBeLessThanOrEqual(3);
    expect(state.addresses).toEqual([`${BM1}!D7`]);
    expect(fake.getCell(`${BM1}!D7`).fill).toBe(MARK_FILLS.error);
    await port.highlight([], state);
    expect(fake.getCell(`${BM1}!D7`).fill).toBe("#00B050");
  });

  test("a protected sheet gives a Vietnamese message, not Excel's exception", async () => {
    const port = await insertedPort();
    await port.readSnapshot();
    fake.protect("Biểu mẫu 3");
    const f: Finding = {
      severity: "error",
      form: 3,
      row: "1.1",
      rule: "t",
      message: "t",
      cell: `${BM3}!D8`,
    };
    const err = await port.highlight([f], { addresses: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelPortError);
    expect((err as ExcelPortError).code).toBe("AccessDenied");
    expect((err as Error).message).toMatch(/^Không đánh dấu ô được\. Trang tính đang được bảo vệ/);
  });
});

describe("select", () => {
  test("activates the sheet and selects the cell, also after the sheet was renamed", async () => {
    const port = await insertedPort();
    expect(await syncsOf(() => port.select(`${BM3}!D20`))).toBe(1);
    expect(fake.activeSheet()).toBe("Biểu mẫu 3");
    expect(fake.selected()).toBe(`${BM3}!D20`);
    await port.readSnapshot();
    fake.renameSheet("Biểu mẫu 3", "BM3");
    await port.select(`${BM3}!D21`);
    expect(fake.selected()).toBe("BM3!D21");
  });

  test("bad addresses and missing sheets become Vietnamese errors", async () => {
    const port = createExcelPort();
    await expect(port.select("D20")).rejects.toMatchObject({ code: "BadAddress" });
    const err = await port.select("'Không có'!A1").catch((e: unknown) => e);
    expect((err as ExcelPortError).code).toBe("ItemNotFound");
    expect((err as Error).message).toContain("Không tìm thấy trang tính");
  });
});

describe("writeFindingsSheet and writeSheets", () => {
  const findings: Finding[] = [
    { severity: "error", form: 1, row: "2", rule: "r", message: "Tỷ lệ sai", cell: `${BM1}!D8` },
    {
      severity: "warning",
      form: 3,
      row: "3.2",
      rule: "r",
      message: "=SUM(A1) không phải công thức",
    },
  ];

  test("one new sheet per call, unique names, links to cells, text kept as text", async () => {
    const port = await insertedPort();
    let name = "";
    expect(
      await syncsOf(async () => {
        name = await port.writeFindingsSheet(findings, "Kết quả kiểm tra Sở Tư pháp");
      })
    ).toBeLessThanOrEqual(2);
    expect(name).toBe("Kết quả kiểm tra");
    expect(await port.writeFindingsSheet(findings, "Lần 2")).toBe("Kết quả kiểm tra (2)");
    const rows = fake.rows(name);
    expect(rows[0]).toEqual(["Kết quả kiểm tra Sở Tư pháp"]);
    expect(rows[3]).toEqual(["Mức độ", "Biểu mẫu", "Dòng", "Ô", "Nội dung"]);
    expect(rows[4]).toEqual(["Lỗi", 1, "2", `${BM1}!D8`, "Tỷ lệ sai"]);
    expect(rows[5]).toEqual(["Cảnh báo", 3, "3.2", null, "=SUM(A1) không phải công thức"]);
    expect(fake.getCell(`'${name}'!D5`).hyperlink).toMatchObject({
      documentReference: `${BM1}!D8`,
    });
    expect(fake.activeSheet()).toBe("Kết quả kiểm tra (2)");
  });

  test("without ExcelApi 1.7 the address is plain text", async () => {
    fake.reset({ version: "1.4" });
    const name = await createExcelPort().writeFindingsSheet(findings, "Kết quả");
    expect(fake.getCell(`'${name}'!D5`)).toMatchObject({ value: `${BM1}!D8`, hyperlink: null });
  });

  test("two syncs for 1 sheet and for 20; never over existing sheets", async () => {
    fake.setValue("Sheet1!A1", "dữ liệu người dùng");
    const port = createExcelPort();
    let names: string[] = [];
    expect(
      await syncsOf(async () => {
        names = await port.writeSheets([plainSheet("Sheet1", 1)]);
      })
    ).toBeLessThanOrEqual(3);
    expect(names).toEqual(["Sheet1 (2)"]);
    expect(fake.getValue("Sheet1!A1")).toBe("dữ liệu người dùng");
    expect(fake.rows("Sheet1 (2)")).toEqual([["Đơn vị", 1], ["=SUM(1,2)"]]);

    const many = Array.from({ length: 20 }, (_, i) => plainSheet(`Tổng hợp ${i % 10}`, i));
    expect(
      await syncsOf(async () => {
        names = await port.writeSheets(many);
      })
    ).toBeLessThanOrEqual(3);
    expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(20);
    expect(names[10]).toBe("Tổng hợp 0 (2)");
  });
});

describe("settings", () => {
  test("save then load, one sync each; a missing key is undefined", async () => {
    const port = createExcelPort();
    expect(await syncsOf(() => port.saveSetting("expectedUnits", "Sở A\nSở B"))).toBe(1);
    let v: string | undefined;
    expect(
      await syncsOf(async () => {
        v = await port.loadSetting("expectedUnits");
      })
    ).toBe(1);
    expect(v).toBe("Sở A\nSở B");
    expect(await port.loadSetting("khác")).toBeUndefined();
  });
});
