/**
 * The consolidation workbook identifies itself: `cchc validate` reads `cchc consolidate -o` as the
 * province's Biểu mẫu 1–7 of the period by its metadata, with the consolidated values and no error.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { consolidate, consolidationWorkbook, readUnitInput } from "../../src/core/consolidate";
import { getFormSet } from "../../src/core/forms/catalog";
import { checkWorkbookBytes, type UnitReport } from "../../src/core/report";
import { buildLayout } from "../../src/core/workbook/layout";
import { META_SHEET, metaItems, readMeta } from "../../src/core/workbook/metadata";
import { readSnapshot } from "../../src/core/xlsx/read";
import { writeLayout } from "../../src/core/xlsx/write";
import { runCli } from "../helpers/cli";
import { DEPT, LOCAL, PROVINCE, generatedWorkbook } from "../helpers/units";

const PERIOD = "2024-Q1";
const PROVINCE_NAME = "UBND tỉnh Sơn La";

/** Consistent unit reports: every unit file checks without errors. */
const UNITS: [string, string, string, Record<string, number>][] = [
  [
    "so-noi-vu.xlsx",
    DEPT,
    "Sở Nội vụ",
    {
      "1:1": 5,
      "1:6": 1,
      "1:6.1": 150,
      "1:6.2": 1,
      "1:7": 1,
      "3:3.1.1": 100,
      "3:3.1.2": 98,
      "4:1.1": 100,
      "4:2.1": 40,
      "4:2.2": 38,
    },
  ],
  [
    "so-xay-dung.xlsx",
    DEPT,
    "Sở Xây dựng",
    {
      "1:1": 2,
      "1:6": 1,
      "1:6.1": 80,
      "1:6.2": 0,
      "1:7": 0,
      "3:3.1.1": 50,
      "3:3.1.2": 50,
      "4:1.1": 80,
      "4:2.1": 30,
      "4:2.2": 30,
    },
  ],
  [
    "moc-chau.xlsx",
    LOCAL,
    "UBND huyện Mộc Châu",
    {
      "1:1": 7,
      "1:6": 1,
      "1:6.1": 20,
      "1:6.2": 1,
      "1:7": 1,
      "3:2.1.1": 1000,
      "3:2.1.2": 990,
      "4:2.1": 100,
      "7:3.1.1": 1,
      "7:3.1.2.1": 20,
      "7:3.1.2.2": 18,
    },
  ],
];

describe("the consolidation workbook (cchc consolidate -o)", () => {
  let dir: string;
  let output: string;
  let consolidated: { values: Record<string, number | string> };
  const at = (name: string) => path.join(dir, name);
  const loadOutput = async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(output)) as unknown as ArrayBuffer);
    return wb;
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "cchc-output-"));
    for (const [file, set, unit, values] of UNITS) {
      await fs.writeFile(at(file), await generatedWorkbook(set, unit, PERIOD, values));
    }
    await fs.writeFile(
      at("don-vi.csv"),
      "Tên đơn vị\nSở Nội vụ\nSở Xây dựng\nUBND huyện Mộc Châu\nUBND huyện Vân Hồ\n"
    );
    output = at("tong-hop.xlsx");
    const r = await runCli([
      "consolidate",
      ...UNITS.map(([file]) => at(file)),
      "--period",
      PERIOD,
      "--expected",
      at("don-vi.csv"),
      "--unit",
      PROVINCE_NAME,
      "-o",
      output,
      "--json",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    consolidated = JSON.parse(r.out);
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("is recognised by `cchc validate` from its metadata, with the consolidated values and no error", async () => {
    // Answer rows hold numbers of units (3 units surveyed, 2 held a dialogue), not the codes 0/1.
    expect(consolidated.values["1:6"]).toBe(3);
    expect(consolidated.values["1:7"]).toBe(2);
    expect(consolidated.values["3:3.1"]).toBe(98.67); // 148 / 150, recomputed

    const r = await runCli(["validate", "--json", output]);
    expect(r.err).toBe("");
    const [report] = JSON.parse(r.out).files as UnitReport[];
    expect(report).toMatchObject({
      ok: true,
      formSet: PROVINCE,
      unit: PROVINCE_NAME,
      period: PERIOD,
      how: { formSet: "metadata", unit: "metadata", period: "metadata" },
    });
    expect(report.values).toEqual(consolidated.values);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    // Only the province's forms are read: no table of the totals or breakdown sheets is taken for one.
    expect(report.findings.filter((f) => f.rule.startsWith("structure."))).toEqual([]);
    expect(r.code).toBe(0);

    const core = await checkWorkbookBytes(
      "tong-hop.xlsx",
      new Uint8Array(await fs.readFile(output))
    );
    expect(core.ok && core.values).toEqual(consolidated.values);
  });

  it("says in a hidden metadata sheet what it holds and which sheets are the forms", async () => {
    const wb = await loadOutput();
    expect(wb.getWorksheet(META_SHEET)?.state).toBe("veryHidden");
    const snapshot = await readSnapshot(new Uint8Array(await fs.readFile(output)));
    const meta = readMeta(snapshot.sheets.find((s) => s.name === META_SHEET)!);
    const catalog = getFormSet(PROVINCE);
    expect(meta).toMatchObject({
      formSet: PROVINCE,
      version: catalog.set.version,
      unit: PROVINCE_NAME,
      period: PERIOD,
      generator: "Biểu mẫu CCHC",
    });
    expect(Date.parse(meta.created ?? "")).not.toBeNaN();
    expect(metaItems(meta.expectedUnits)).toEqual([
      "Sở Nội vụ",
      "Sở Xây dựng",
      "UBND huyện Mộc Châu",
      "UBND huyện Vân Hồ",
    ]);
    expect(metaItems(meta.formSheets)).toEqual(
      catalog.set.forms.map((f) => `Biểu mẫu ${f.number}`)
    );
    expect(metaItems(meta.unitCounts)).toEqual(expect.arrayContaining(["1:6", "1:7"]));
  });

  it("names the province's value cells as the template does, and no cell of the other sheets", async () => {
    const wb = await loadOutput();
    const names = (wb.definedNames.model as { name: string; ranges: string[] }[]).map((n) => ({
      name: n.name,
      ranges: n.ranges,
    }));
    const template = buildLayout(getFormSet(PROVINCE), {
      unit: PROVINCE_NAME,
      period: { year: 2024, kind: "Q1" },
    });
    const templateNames = template.sheets.flatMap((s) => s.valueCells.map((v) => v.name));
    expect(names.map((n) => n.name).sort()).toEqual([...templateNames].sort());
    for (const n of names) {
      expect(n.ranges).toHaveLength(1);
      expect(n.ranges[0]).toMatch(/^'Biểu mẫu [1-7]'!\$D\$\d+$/);
    }
    const named = names.find((n) => n.name === "CCHC_BM3_3_1_1")!;
    const cell = /^'(.+)'!\$D\$(\d+)$/.exec(named.ranges[0])!;
    expect(wb.getWorksheet(cell[1])!.getCell(`D${cell[2]}`).value).toBe(150);
  });

  it("needs its list of unit counts: without it the answer rows would break the enum rule", async () => {
    const wb = await loadOutput();
    const meta = wb.getWorksheet(META_SHEET)!;
    meta.eachRow((row) => {
      if (row.getCell(1).value === "unitCounts") row.getCell(2).value = null;
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const report = await checkWorkbookBytes("x.xlsx", bytes);
    expect(report.ok && report.findings.some((f) => f.form === 1 && f.row === "6")).toBe(true);
  });

  it("falls back to every sheet when the listed form sheets are gone, and defaults the unit to the set's name", async () => {
    const inputs = await Promise.all(
      UNITS.map(async ([file]) => readUnitInput(file, new Uint8Array(await fs.readFile(at(file)))))
    );
    const layout = consolidationWorkbook(consolidate(inputs, { period: PERIOD }), {
      created: "2024-03-20T02:00:00.000Z",
    });
    const rows = Object.fromEntries(layout.meta.rows);
    expect(rows.unit).toBe(getFormSet(PROVINCE).set.name);
    expect(rows.created).toBe("2024-03-20T02:00:00.000Z");
    expect(rows.expectedUnits).toBeUndefined();

    const wb = await loadOutput();
    wb.getWorksheet(META_SHEET)!.eachRow((row) => {
      if (row.getCell(1).value === "formSheets") row.getCell(2).value = "Trang đã xóa";
    });
    const report = await checkWorkbookBytes("x.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(report.ok && report.formSet).toBe(PROVINCE);
    expect(report.ok && report.values["3:3.1.1"]).toBe(150);
  });
});

describe("consolidation sheets written into an open workbook (no metadata)", () => {
  const stripMeta = async (bytes: Uint8Array) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    wb.removeWorksheet(wb.getWorksheet(META_SHEET)!.id);
    return wb;
  };
  let sheetsOnly: Uint8Array;

  beforeAll(async () => {
    const inputs = await Promise.all(
      UNITS.map(async ([file, set, unit, values]) =>
        readUnitInput(file, await generatedWorkbook(set, unit, PERIOD, values))
      )
    );
    const bytes = await writeLayout(
      consolidationWorkbook(consolidate(inputs, { period: PERIOD }), { created: "2024-03-20" })
    );
    sheetsOnly = new Uint8Array(await (await stripMeta(bytes)).xlsx.writeBuffer());
  });

  it("are not read as one unit's report: the check says it holds only consolidated results", async () => {
    const report = await checkWorkbookBytes("tong-hop.xlsx", sheetsOnly);
    expect(report.ok).toBe(false);
    expect(!report.ok && report.error).toMatch(/chỉ có kết quả tổng hợp của nhiều đơn vị/);
  });

  it("next to a unit's own forms, only the unit's forms are read", async () => {
    const [, set, unit, values] = UNITS[0];
    const source = new ExcelJS.Workbook();
    await source.xlsx.load(sheetsOnly as unknown as ArrayBuffer);
    // The unit's workbook keeps its own metadata; the consolidation's sheets are copied in by value.
    const unitWb = new ExcelJS.Workbook();
    await unitWb.xlsx.load(
      (await generatedWorkbook(set, unit, PERIOD, values)) as unknown as ArrayBuffer
    );
    for (const ws of source.worksheets) {
      const copy = unitWb.addWorksheet(`TH ${ws.name}`.slice(0, 31));
      ws.eachRow((row, r) => row.eachCell((c, col) => (copy.getCell(r, col).value = c.value)));
    }
    const report = await checkWorkbookBytes(
      "don-vi.xlsx",
      new Uint8Array(await unitWb.xlsx.writeBuffer())
    );
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect([report.formSet, report.unit, report.period]).toEqual([set, unit, PERIOD]);
    expect(report.findings.filter((f) => f.rule.startsWith("structure."))).toEqual([]);
    expect(report.counts.errors).toBe(0);
  });
});
