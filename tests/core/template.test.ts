import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { checkWorkbookBytes, type UnitReport } from "../../src/core/report";
import { buildLayout, definedNameOf } from "../../src/core/workbook/layout";
import { loadWorkbook } from "../../src/core/xlsx/read";
import { writeLayout } from "../../src/core/xlsx/write";
import { filledTemplate, type TypedValue } from "../helpers/workbooks";

function sheet3Row(layout: ReturnType<typeof buildLayout>, code: string): number {
  return Number(layout.sheets[2].valueCells.find((v) => v.code === code)!.address.slice(1));
}

async function check(bytes: Uint8Array, file = "t.xlsx"): Promise<UnitReport> {
  const r = await checkWorkbookBytes(file, bytes);
  if (!r.ok) throw new Error(r.error);
  return r;
}

/** Every value row of a set, filled with a plausible value of its kind (ratio targets left to their formulas). */
function sampleValues(setId: string): Record<string, TypedValue> {
  const catalog = getFormSet(setId);
  const out: Record<string, TypedValue> = {};
  let n = 3;
  for (const { form, row } of catalog.valueRows()) {
    const key = `${form}:${row.code}`;
    n = (n * 7) % 97;
    switch (row.kind) {
      case "count":
        out[key] = 100 + n;
        break;
      case "percent":
        out[key] = 50 + n / 4;
        break;
      case "money":
      case "decimal":
        out[key] = 1000 + n / 8;
        break;
      case "enum":
        out[key] = row.options![n % row.options!.length].code;
        break;
      case "pair":
        out[key] = `${n}/${n + 1}`;
        break;
      case "text":
        out[key] = `Ghi chú ${n}`;
        break;
    }
  }
  return out;
}

describe("cchc template", () => {
  it("lays out one sheet per form with the official columns, names, validation and metadata", async () => {
    const catalog = getFormSet("so-nganh-2024");
    const layout = buildLayout(catalog, { unit: "Sở Tư pháp", period: parsePeriodId("2024-H1")! });
    const wb = await loadWorkbook(await writeLayout(layout), { guarded: false });
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Biểu mẫu 1",
      "Biểu mẫu 2",
      "Biểu mẫu 3",
      "Biểu mẫu 4",
      "Biểu mẫu 5",
      "Biểu mẫu 6",
      "Biểu mẫu 7",
      "CCHC_META",
    ]);
    expect(wb.getWorksheet("CCHC_META")!.state).toBe("veryHidden");
    const ws = wb.getWorksheet("Biểu mẫu 3")!;
    expect(ws.getCell("A3").value).toBe("Đơn vị báo cáo: Sở Tư pháp");
    expect(String(ws.getCell("A4").value)).toContain("6 tháng đầu năm 2024");
    expect(["A6", "B6", "C6", "D6", "E6"].map((a) => ws.getCell(a).value)).toEqual([
      "TT",
      "Chỉ tiêu thống kê",
      "Đơn vị tính",
      "Số liệu",
      "Ghi chú",
    ]);
    expect(ws.pageSetup.paperSize).toBe(9);
    // Rows with long wrapped labels are tall enough to print whole; short ones keep the default height.
    const bm7 = wb.getWorksheet("Biểu mẫu 7")!;
    const tall = layout.sheets[6].valueCells.find((v) => v.code === "1")!;
    expect(bm7.getRow(Number(tall.address.slice(1))).height).toBeGreaterThanOrEqual(3 * 15);
    const short = sheet3Row(layout, "1.1");
    expect(ws.getRow(short).height ?? 15).toBeLessThan(20);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    // Every value cell has a defined name pointing at it.
    const sheet3 = layout.sheets[2];
    for (const v of sheet3.valueCells) {
      const named = wb.definedNames.getRanges(definedNameOf(3, v.code));
      expect(named.ranges[0]).toContain(`$D$${v.address.slice(1)}`);
    }
    // Count rows validate whole numbers ≥ 0 with a Vietnamese message; the ratio 3.1 is a formula.
    const row311 = sheet3.valueCells.find((v) => v.code === "3.1.1")!;
    const dv = ws.getCell(row311.address).dataValidation;
    expect(dv.type).toBe("whole");
    expect(dv.error).toMatch(/số nguyên không âm/);
    const row31 = sheet3.valueCells.find((v) => v.code === "3.1")!;
    expect((ws.getCell(row31.address).value as ExcelJS.CellFormulaValue).formula).toMatch(/ROUND\(D\d+\/D\d+\*100,2\)/);
    // A total that breaks its sum is marked by conditional formatting.
    const bm6 = wb.getWorksheet("Biểu mẫu 6")!;
    const cf = (bm6 as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
    expect(cf.length).toBeGreaterThan(0);
  });

  it("gives back the values a test typed into it", async () => {
    for (const setId of ["so-nganh-2024", "tinh-2024"]) {
      const typed = sampleValues(setId);
      const catalog = getFormSet(setId);
      const layout = buildLayout(catalog, { unit: "Đơn vị thử", period: parsePeriodId("2024-Q3")! });
      const formulas = new Set(
        layout.sheets.flatMap((s) =>
          s.cells.filter((c) => c.formula).map((c) => `${s.form}:${s.valueCells.find((v) => v.address === c.address)!.code}`)
        )
      );
      for (const k of formulas) delete typed[k];
      const report = await check(await filledTemplate(setId, "Đơn vị thử", "2024-Q3", typed));
      expect(report.how).toEqual({ formSet: "metadata", unit: "metadata", period: "metadata" });
      expect(report.formSet).toBe(setId);
      expect(report.unit).toBe("Đơn vị thử");
      expect(report.period).toBe("2024-Q3");
      for (const [key, v] of Object.entries(typed)) {
        expect([key, report.values[key]]).toEqual([key, v]);
      }
      expect(report.findings.filter((f) => f.rule.startsWith("structure."))).toEqual([]);
    }
  });
});

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
const describeLo = soffice || process.env.CI ? describe : describe.skip;

describeLo("a template opened by LibreOffice", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cchc-lo-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("computes its ratio formulas to the engine's numbers", async () => {
    if (!soffice) throw new Error("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-calc-nogui");
    const typed: Record<string, TypedValue> = {
      "1:2.1": 81,
      "1:2.2": 19,
      "3:3.1.1": 9909,
      "3:3.1.2": 9896,
      "3:3.2.1": 4622,
      "3:3.2.2": 4575,
      "3:3.3.1": 28977,
      "3:3.3.2": 28860,
      "3:3.4.1": 0,
      "3:3.4.2": 0,
      "7:6.3.1": 1234,
      "7:6.3.2": 644,
      "7:6.4.1": 43597,
      "7:6.4.2": 39488,
      "6:1.1": 3989325,
      "6:1.2": 454142,
    };
    const input = path.join(dir, "unit.xlsx");
    writeFileSync(input, await filledTemplate("tinh-2024", "UBND tỉnh Sơn La", "2024-Q1", typed));
    execFileSync(soffice, ["--headless", "--norestore", "--convert-to", "xlsx", "--outdir", path.join(dir, "out"), input], {
      stdio: "pipe",
      timeout: 120000,
      env: { ...process.env, HOME: dir },
    });
    const computed = await check(new Uint8Array(readFileSync(path.join(dir, "out", "unit.xlsx"))), "lo.xlsx");
    const expectRatio = (key: string, num: number, den: number) =>
      expect([key, computed.values[key]]).toEqual([key, Math.round((num / den) * 10000) / 100]);
    expectRatio("1:2", 19, 81);
    expectRatio("3:3.1", 9896, 9909);
    expectRatio("3:3.2", 4575, 4622);
    expectRatio("3:3.3", 28860, 28977);
    expectRatio("7:6.3", 644, 1234);
    expectRatio("7:6.4", 39488, 43597);
    expectRatio("6:1", 454142, 3989325);
    // 0/0 stays blank, and the engine agrees with every formula LibreOffice computed.
    expect(computed.values["3:3.4"]).toBeUndefined();
    expect(computed.findings.filter((f) => f.rule.includes("ratio"))).toEqual([]);
    expect(computed.formSet).toBe("tinh-2024");
  }, 180000);
});
