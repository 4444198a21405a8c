import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { strFromU8, strToU8, unzipSync } from "fflate";
import { writeZip } from "../../bench/hostile-files";
import { getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { checkWorkbookBytes } from "../../src/core/report";
import { IMPOSSIBLE_DATE } from "../../src/core/values/parse";
import { buildLayout } from "../../src/core/workbook/layout";
import { readSnapshot } from "../../src/core/xlsx/read";
import { OPENPYXL, SOFFICE } from "../helpers/tools";
import { filledTemplate } from "../helpers/workbooks";

// Files made by another library (openpyxl, as a Python script or a colleague's tool would) with chart sheets,
// charts, comments and hidden sheets are read as the forms they hold.

const python = "/usr/bin/python3";
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cchc-guard-"));
});

function openpyxl(input: string, output: string, script: string): void {
  execFileSync(python, ["-c", script, input, output], { stdio: "pipe" });
}

(OPENPYXL || process.env.CI ? test : test.skip)(
  "a workbook with a chart sheet, a chart, a comment and a veryHidden sheet (openpyxl) is read",
  async () => {
    const base = await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {
      "4:3.1": 25,
      "4:3.2": 20,
    });
    writeFileSync(path.join(dir, "in.xlsx"), base);
    openpyxl(
      path.join(dir, "in.xlsx"),
      path.join(dir, "out.xlsx"),
      `
import sys, openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Biểu mẫu 4"]
ws["H1"].comment = Comment("Đã kiểm tra", "Nguyễn Văn A")
chart = BarChart(); chart.add_data(Reference(ws, min_col=4, min_row=8, max_row=12)); ws.add_chart(chart, "J2")
cs = wb.create_chartsheet("Biểu đồ", 0)
c2 = BarChart(); c2.add_data(Reference(ws, min_col=4, min_row=8, max_row=12)); cs.add_chart(c2)
old = wb.create_sheet("Nháp"); old.sheet_state = "veryHidden"; old["A1"] = "bản nháp"
wb.save(sys.argv[2])
`
    );
    const bytes = new Uint8Array(readFileSync(path.join(dir, "out.xlsx")));
    const report = await checkWorkbookBytes("out.xlsx", bytes);
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.values["4:3.1"]).toBe(25);
    expect(report.values["4:3.2"]).toBe(20);
    const snapshot = await readSnapshot(bytes);
    const names = snapshot.sheets.map((s) => s.name);
    expect(names).not.toContain("Biểu đồ");
    expect(snapshot.sheets.find((s) => s.name === "Nháp")?.visible).toBe(false);
    expect(snapshot.sheets.find((s) => s.name === "Biểu mẫu 4")?.visible).toBe(true);
  }
);

test("a merged title is read once, at its first cell", async () => {
  writeFileSync(
    path.join(dir, "m-in.xlsx"),
    await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {})
  );
  openpyxl(
    path.join(dir, "m-in.xlsx"),
    path.join(dir, "m-out.xlsx"),
    `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet("Tiêu đề")
ws["A1"] = "Đơn vị báo cáo: Sở Tư pháp"
ws.merge_cells("A1:E1")
wb.save(sys.argv[2])
`
  );
  const snapshot = await readSnapshot(new Uint8Array(readFileSync(path.join(dir, "m-out.xlsx"))));
  const sheet = snapshot.sheets.find((s) => s.name === "Tiêu đề")!;
  expect(sheet.merges).toContain("A1:E1");
  expect(sheet.rows[0][0]?.value).toBe("Đơn vị báo cáo: Sở Tư pháp");
  expect(sheet.rows[0].slice(1).every((c) => c === null || c === undefined)).toBe(true);
});

test("no silent zero: `<v>0x10</v>` and a date serial of 1e308 are findings at their cells", async () => {
  const layout = buildLayout(getFormSet("so-nganh-2024"), {
    unit: "Sở Tư pháp",
    period: parsePeriodId("2024-Q1")!,
  });
  const cells = layout.sheets[0].valueCells.slice(0, 2).map((v) => v.address);
  writeFileSync(
    path.join(dir, "z-in.xlsx"),
    await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {})
  );
  openpyxl(
    path.join(dir, "z-in.xlsx"),
    path.join(dir, "z-out.xlsx"),
    `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
ws["${cells[0]}"] = 16161616
ws["${cells[1]}"] = 1e308
ws["${cells[1]}"].number_format = "dd/mm/yyyy"
wb.save(sys.argv[2])
`
  );
  const files = unzipSync(new Uint8Array(readFileSync(path.join(dir, "z-out.xlsx"))));
  const entries = Object.entries(files).map(([name, data]) => ({
    name,
    data:
      name === "xl/worksheets/sheet1.xml"
        ? strToU8(strFromU8(data).replace("<v>16161616</v>", "<v>0x10</v>"))
        : data,
  }));
  const report = await checkWorkbookBytes("z.xlsx", writeZip(entries));
  expect(report.ok).toBe(true);
  if (!report.ok) return;
  const at = (address: string) =>
    report.findings.filter((f) => f.cell?.endsWith(`!${address}`)).map((f) => [f.rule, f.message]);
  expect(at(cells[0])).toEqual([["value.unparseable", "Không đọc được số lượng: “0x10”"]]);
  expect(at(cells[1])).toEqual([["value.impossible-date", IMPOSSIBLE_DATE]]);
  expect(report.values["1:1"]).toBeUndefined();
});

const soffice = SOFFICE;

(SOFFICE || process.env.CI ? test : test.skip)(
  "cached formula values from LibreOffice: a 0 ratio is 0, a 0/0 #DIV/0! is blank with an info, #REF! an error",
  async () => {
    if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
    const layout = buildLayout(getFormSet("tinh-2024"), {
      unit: "UBND tỉnh Sơn La",
      period: parsePeriodId("2024-Q1")!,
    });
    const address = (code: string) =>
      layout.sheets[2].valueCells.find((v) => v.code === code)!.address;
    writeFileSync(
      path.join(dir, "f-in.xlsx"),
      await filledTemplate("tinh-2024", "UBND tỉnh Sơn La", "2024-Q1", {
        "3:3.1.1": 5,
        "3:3.1.2": 0,
        "3:3.4.1": 0,
        "3:3.4.2": 0,
      })
    );
    // A hand-made ratio without the template's guard against 0/0, and a broken reference.
    openpyxl(
      path.join(dir, "f-in.xlsx"),
      path.join(dir, "f-mid.xlsx"),
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Biểu mẫu 3"]
ws["${address("3.4")}"] = "=${address("3.4.2")}/${address("3.4.1")}*100"
ws["${address("3.2")}"] = "=#REF!*100"
wb.save(sys.argv[2])
`
    );
    execFileSync(
      soffice,
      [
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        path.join(dir, "lo"),
        path.join(dir, "f-mid.xlsx"),
      ],
      {
        stdio: "pipe",
        timeout: 120000,
        env: { ...process.env, HOME: dir },
      }
    );
    const report = await checkWorkbookBytes(
      "f.xlsx",
      new Uint8Array(readFileSync(path.join(dir, "lo", "f-mid.xlsx")))
    );
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.values["3:3.1"]).toBe(0);
    expect(report.values["3:3.4"]).toBeUndefined();
    const at = (code: string) =>
      report.findings
        .filter((f) => f.form === 3 && f.row === code)
        .map((f) => [f.severity, f.rule, f.message]);
    expect(at("3.4")).toEqual([
      [
        "info",
        "value.div-zero",
        `Công thức chia cho 0 (công thức =${address("3.4.2")}/${address("3.4.1")}*100): tỷ lệ không xác định (0/0), để trống.`,
      ],
    ]);
    expect(at("3.2")).toEqual([
      [
        "error",
        "value.unparseable",
        expect.stringMatching(/^Ô báo lỗi công thức: #REF! \(công thức =/),
      ],
    ]);
  },
  180000
);
