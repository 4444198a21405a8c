import { createExcelPort } from "../../src/excel/port";
import { ExcelPortError } from "../../src/excel/errors";
import { departmentLayout, fake } from "./fake";

/**
 * Safe rebuild on the fake workbook, which does what Excel does to references (a rename rewrites them, a
 * delete turns them into #REF!), to formulas written while calculation is suspended (stale until
 * recalculated) and to a batch that fails midway (what ran stays done).
 */

const BM1 = "'Biểu mẫu 1'";
const BM3 = "'Biểu mẫu 3'";

beforeEach(() => fake.reset());

async function filled() {
  const port = createExcelPort();
  await port.insertForms(departmentLayout(), "new");
  fake.setValue(`${BM1}!D9`, 10);
  fake.setValue(`${BM1}!D10`, 8);
  fake.setValue(`${BM3}!D8`, 7);
  fake.addSheet("Ghi chép");
  fake.setFormula("'Ghi chép'!A1", `=${BM1}!D9*2`);
  fake.setFormula("'Ghi chép'!A2", `=SUM(${BM3}!D8:D9)`);
  return port;
}

test("references from the officer's own sheets to the forms survive a rebuild", async () => {
  const port = await filled();
  expect(fake.getValue("'Ghi chép'!A1")).toBe(20);
  await port.insertForms(departmentLayout("Sở Tư pháp", "2024-H1"), "rebuild-keep-values");
  expect(fake.getCell("'Ghi chép'!A1").formula).toBe(`=${BM1}!D9*2`);
  expect(fake.getCell("'Ghi chép'!A2").formula).toBe(`=SUM(${BM3}!D8:D9)`);
  expect(fake.getValue("'Ghi chép'!A1")).toBe(20);
  expect(fake.getValue("'Ghi chép'!A2")).toBe(7);
  expect(fake.names().every((n) => !n.formula.includes("#REF"))).toBe(true);
});

test("the forms' formulas show recalculated values after the rebuild", async () => {
  const port = await filled();
  const before = fake.calculations();
  await port.insertForms(departmentLayout(), "rebuild-keep-values");
  expect(fake.calculations()).toBe(before + 1);
  // D8 = D10 / D9 (%), written before the re-entered values with calculation suspended.
  expect(fake.getCell(`${BM1}!D8`).formula).not.toBeNull();
  expect(fake.getValue(`${BM1}!D8`)).toBe(80);
});

test("text starting with “=” stays text through read-back and rebuild", async () => {
  const port = await filled();
  fake.setValue(`${BM1}!E7`, "'=theo báo cáo quý");
  fake.setValue(`${BM3}!E8`, "'=D8");
  const snap = await port.readSnapshot();
  const bm1 = snap.sheets.find((s) => s.name === "Biểu mẫu 1")!;
  expect(bm1.rows[6][4]).toEqual({ value: "=theo báo cáo quý", numFmt: expect.any(String) });
  await port.insertForms(departmentLayout(), "rebuild-keep-values");
  expect(fake.getCell(`${BM1}!E7`)).toMatchObject({ value: "=theo báo cáo quý", formula: null });
  expect(fake.getCell(`${BM3}!E8`)).toMatchObject({ value: "=D8", formula: null });
});

describe("a batch failing midway", () => {
  test("tells what was done and where the old values are; nothing is lost and a retry finishes", async () => {
    const port = await filled();
    // Syncs of a rebuild: read, backups, Biểu mẫu 1, 2, 3 … — Biểu mẫu 3 fails after 40 commands.
    fake.failSync(4, 40);
    const err = (await port
      .insertForms(departmentLayout(), "rebuild-keep-values")
      .catch((e: unknown) => e)) as ExcelPortError;
    expect(err).toBeInstanceOf(ExcelPortError);
    expect(err.message).toContain("dừng ở trang “Biểu mẫu 3”");
    expect(err.message).toContain("Đã dựng lại xong: “Biểu mẫu 1”, “Biểu mẫu 2”.");
    expect(err.message).toContain("“Biểu mẫu 3” có thể đang dở");
    expect(err.message).toContain("“Biểu mẫu 3 (bản lưu)”");
    expect(err.message).toContain("Dựng lại, giữ số liệu");
    // The finished sheets hold their values; the half-built one's old values are in its visible backup.
    expect(fake.getValue(`${BM1}!D9`)).toBe(10);
    const backup = fake.sheets().find((s) => s.name === "Biểu mẫu 3 (bản lưu)")!;
    expect(backup.visibility).toBe("Visible");
    expect(fake.getValue("'Biểu mẫu 3 (bản lưu)'!D8")).toBe(7);
    // References still point at the forms.
    expect(fake.getCell("'Ghi chép'!A1").formula).toBe(`=${BM1}!D9*2`);
    expect(fake.getValue("'Ghi chép'!A1")).toBe(20);
    // A retry completes the forms (the untouched sheets' values carried as usual).
    await port.insertForms(departmentLayout(), "rebuild-keep-values");
    expect(fake.getValue(`${BM1}!D9`)).toBe(10);
    expect(fake.getValue(`${BM1}!D8`)).toBe(80);
    expect(fake.getValue("'Biểu mẫu 3 (bản lưu)'!D8")).toBe(7);
  });

  test("a failure while making the backups leaves the forms untouched", async () => {
    const port = await filled();
    fake.failSync(1, 1);
    const err = (await port
      .insertForms(departmentLayout(), "rebuild-keep-values")
      .catch((e: unknown) => e)) as ExcelPortError;
    expect(err.message).toContain("Các trang biểu mẫu chưa bị thay đổi");
    expect(fake.getValue(`${BM1}!D9`)).toBe(10);
    expect(fake.getValue(`${BM3}!D8`)).toBe(7);
    expect(fake.getCell(`${BM1}!D8`).formula).not.toBeNull();
  });

  test("a failure in the last step: the forms are rebuilt, the message says what is left", async () => {
    const port = await filled();
    fake.failSync(2 + departmentLayout().sheets.length, 0);
    const err = (await port
      .insertForms(departmentLayout(), "rebuild-keep-values")
      .catch((e: unknown) => e)) as ExcelPortError;
    expect(err.message).toContain("bước cuối");
    expect(fake.getValue(`${BM1}!D9`)).toBe(10);
    expect(fake.getValue(`${BM3}!D8`)).toBe(7);
  });
});
