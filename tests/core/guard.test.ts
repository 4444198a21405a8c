import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
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

test("a workbook with a chart sheet, a chart, a comment and a veryHidden sheet (openpyxl) is read", async () => {
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
});

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
