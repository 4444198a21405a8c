import { createExcelPort } from "../../src/excel/port";
import { Debouncer, OwnWrites } from "../../src/excel/events";
import { departmentLayout, fake } from "./fake";

/** Live change events: debounced, own writes ignored, sheets followed through renames and additions. */

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

const DEBOUNCE = 400;

async function subscribed(version: string) {
  fake.reset({ version });
  const port = createExcelPort();
  await port.insertForms(departmentLayout(), "new");
  await jest.advanceTimersByTimeAsync(5000); // the insert's own events come and go
  const handler = jest.fn();
  const off = await port.onChange(handler, DEBOUNCE);
  return { port, handler, off };
}

describe.each([
  ["1.17", "Excel says who wrote (triggerSource)"],
  ["1.9", "workbook-wide onChanged"],
  ["1.7", "one onChanged per sheet"],
])("ExcelApi %s (%s)", (version) => {
  test("a burst of edits gives one handler call after the quiet time", async () => {
    const { handler } = await subscribed(version);
    fake.setValue("'Biểu mẫu 1'!D7", 1);
    fake.setValue("'Biểu mẫu 1'!D9", 2);
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 100);
    fake.paste("'Biểu mẫu 2'!D7", [[3], [4]]);
    await jest.advanceTimersByTimeAsync(DEBOUNCE - 1);
    expect(handler).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(2);
    expect(handler).toHaveBeenCalledTimes(1);
    fake.setValue("'Biểu mẫu 3'!D8", 5);
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  test("the add-in's own writes do not call the handler", async () => {
    const { port, handler } = await subscribed(version);
    await port.insertForms(departmentLayout("Sở Tư pháp", "2024-H1"), "rebuild-keep-values");
    await port.writeFindingsSheet([], "Kết quả");
    await port.writeSheets([
      {
        name: "Tổng hợp",
        form: 0,
        columns: [10],
        cells: [{ address: "A1", value: "x" }],
        merges: [],
        validations: [],
        conditionalFormats: [],
        valueCells: [],
        headerRow: 0,
        lastRow: 1,
      },
    ]);
    await port.saveSetting("k", "v");
    await jest.advanceTimersByTimeAsync(5000);
    expect(fake.events().length).toBeGreaterThan(0);
    expect(handler).not.toHaveBeenCalled();
    fake.setValue("'Biểu mẫu 1'!D7", 9);
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test("marking cells does not hide the user's next edit", async () => {
    const { port, handler } = await subscribed(version);
    await port.readSnapshot();
    const marks = await port.highlight(
      [{ severity: "error", form: 1, row: "1", rule: "t", message: "t", cell: "'Biểu mẫu 1'!D7" }],
      { addresses: [] }
    );
    fake.setValue("'Biểu mẫu 1'!D7", 1);
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(handler).toHaveBeenCalledTimes(1);
    await port.highlight([], marks);
    await jest.advanceTimersByTimeAsync(5000);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test("keeps following sheets after renames, moves and additions", async () => {
    const { handler } = await subscribed(version);
    fake.renameSheet("Biểu mẫu 1", "BM1");
    fake.moveSheet("BM1", 5);
    fake.setValue("BM1!D7", 1);
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(handler).toHaveBeenCalledTimes(1);

    fake.addSheet("Biểu mẫu 8");
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(handler).toHaveBeenCalledTimes(2); // a new sheet may hold a form
    fake.setValue("'Biểu mẫu 8'!A1", "mới");
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(handler).toHaveBeenCalledTimes(3);

    fake.deleteSheet("Biểu mẫu 8");
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(handler).toHaveBeenCalledTimes(4);
  });

  test("unsubscribing removes every handler; later edits are not reported", async () => {
    const { handler, off } = await subscribed(version);
    fake.addSheet("Thêm");
    await jest.advanceTimersByTimeAsync(DEBOUNCE + 1);
    expect(fake.handlerCount()).toBeGreaterThan(0);
    handler.mockClear();
    fake.setValue("'Biểu mẫu 1'!D7", 1);
    await off();
    expect(fake.handlerCount()).toBe(0);
    fake.setValue("'Biểu mẫu 1'!D7", 2);
    await jest.advanceTimersByTimeAsync(5000);
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("OwnWrites and Debouncer", () => {
  test("without triggerSource, events during an own write and its tail are the add-in's", () => {
    let now = 0;
    const own = new OwnWrites(() => now, 1000, false);
    expect(own.isOwn({})).toBe(false);
    own.begin();
    expect(own.isOwn({ triggerSource: "Unknown" })).toBe(true);
    now = 50;
    own.end();
    now = 1049;
    expect(own.isOwn({})).toBe(true);
    now = 1050;
    expect(own.isOwn({})).toBe(false);
  });

  test("with triggerSource, only ThisLocalAddin is the add-in's, even during an own write", () => {
    const own = new OwnWrites(() => 0, 1000, true);
    own.begin();
    expect(own.isOwn({ triggerSource: "Unknown" })).toBe(false);
    expect(own.isOwn({ triggerSource: "ThisLocalAddin" })).toBe(true);
    expect(own.isOwn({})).toBe(true); // no source on this event type: fall back to the window
  });

  test("a failing handler does not stop later calls; stop() cancels a pending call", async () => {
    let calls = 0;
    const d = new Debouncer(100, () => {
      calls++;
      throw new Error("boom");
    });
    d.poke();
    await jest.advanceTimersByTimeAsync(100);
    d.poke();
    await jest.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
    d.poke();
    d.stop();
    await jest.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);
  });
});
