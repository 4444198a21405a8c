import { textNumberCells } from "../../src/core/findings/convert";
import { checkSnapshot } from "../../src/core/report";
import { createExcelPort } from "../../src/excel/port";
import { departmentLayout, fake, syncsOf } from "./fake";

beforeEach(() => fake.reset());

async function setup() {
  const layout = departmentLayout();
  const port = createExcelPort();
  await port.insertForms(layout, "new");
  const bm3 = layout.sheets.find((s) => s.form === 3)!;
  const at = (code: string) =>
    `'${bm3.name}'!${bm3.valueCells.find((v) => v.code === code)!.address}`;
  return { port, at };
}

describe("convertTextNumbers: numbers typed as text become numbers", () => {
  test("in 2 syncs, keeping the value read, then the note is gone", async () => {
    const { port, at } = await setup();
    fake.setValue(at("3.1.1"), "'2.165");
    fake.setValue(at("3.1.2"), "'492");
    fake.setValue(at("1.1"), 178);
    expect(fake.getValue(at("3.1.1"))).toBe("2.165");
    const before = checkSnapshot("x", await port.readSnapshot());
    const note = before.findings.find((f) => f.rule === "value.text-number" && f.form === 3)!;
    const cells = textNumberCells(note);
    expect(cells.map((c) => [c.address, c.text, c.value, c.numberFormat])).toEqual([
      [at("3.1.1"), "2.165", 2165, "#,##0"],
      [at("3.1.2"), "492", 492, "#,##0"],
    ]);
    let report: Awaited<ReturnType<typeof port.convertTextNumbers>> | undefined;
    expect(await syncsOf(async () => (report = await port.convertTextNumbers(cells)))).toBe(2);
    expect(report).toEqual({ converted: [at("3.1.1"), at("3.1.2")], skipped: [] });
    expect(fake.getValue(at("3.1.1"))).toBe(2165);
    expect(fake.getCell(at("3.1.1")).numberFormat).toBe("#,##0");
    const after = checkSnapshot("x", await port.readSnapshot());
    expect(after.findings.filter((f) => f.rule === "value.text-number" && f.form === 3)).toEqual(
      []
    );
    expect(after.values["3:3.1.1"]).toBe(2165);
  });

  test("a cell changed since the check is left alone, with the reason", async () => {
    const { port, at } = await setup();
    fake.setValue(at("3.1.1"), "'2.165");
    fake.setValue(at("3.1.2"), "'492");
    const cells = textNumberCells(
      checkSnapshot("x", await port.readSnapshot()).findings.find(
        (f) => f.rule === "value.text-number" && f.form === 3
      )!
    );
    fake.setValue(at("3.1.2"), "'500");
    const report = await port.convertTextNumbers(cells);
    expect(report.converted).toEqual([at("3.1.1")]);
    expect(report.skipped).toEqual([
      { address: at("3.1.2"), reason: expect.stringMatching(/đã thay đổi/) },
    ]);
    expect(fake.getValue(at("3.1.2"))).toBe("500");
  });
});
