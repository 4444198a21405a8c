import type { Finding } from "../../src/core/rules/types";
import type { HighlightState } from "../../src/excel/contract";
import { OwnWrites, RunawayGuard } from "../../src/excel/events";
import { createExcelPort } from "../../src/excel/port";
import { departmentLayout, fake } from "./fake";

/**
 * No re-check loop: the fake raises onChanged for format changes (as Microsoft documents onChanged) and
 * delivers events later than the own-write tail, and a handler does what the pane does on a change: read
 * the workbook and mark the findings. One user edit gives one check, on every API level.
 */

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const DEBOUNCE = 400;

function finding(cell: string): Finding {
  return { severity: "error", form: 1, row: "1", rule: "t", message: "t", cell };
}

async function paneLike(version: string, eventDelayMs: number) {
  fake.reset({ version, eventDelayMs });
  const port = createExcelPort();
  await port.insertForms(departmentLayout(), "new");
  await jest.advanceTimersByTimeAsync(10_000);
  let state: HighlightState = { addresses: [] };
  let checks = 0;
  let round = 0;
  const check = async () => {
    checks++;
    await port.readSnapshot();
    // Marks move between checks, so every check both restores and marks cells.
    round++;
    const cells = ["'Biểu mẫu 1'!D7", `'Biểu mẫu 1'!D${8 + (round % 3)}`, "'Biểu mẫu 2'!D7"];
    state = await port.highlight(cells.map(finding), state);
  };
  await port.onChange(() => void check(), DEBOUNCE);
  return { checks: () => checks };
}

describe.each(["1.7", "1.9", "1.14"])("ExcelApi %s", (version) => {
  test.each([0, 1500, 4000])(
    "one check per user edit, format changes raising onChanged, events %i ms late",
    async (delay) => {
      const pane = await paneLike(version, delay);
      fake.setValue("'Biểu mẫu 1'!D9", 5);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(pane.checks()).toBe(1);
      // The officer fixes a marked cell: that is an edit, checked once.
      fake.setValue("'Biểu mẫu 1'!D7", 12);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(pane.checks()).toBe(2);
      fake.setValue("'Biểu mẫu 2'!D8", 3);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(pane.checks()).toBe(3);
    }
  );
});

describe("echoes later than the add-in waits for them (ExcelApi 1.7, 11 s late)", () => {
  test("the guard slows the loop to a check every minute and a half at most, and an edit is still checked", async () => {
    let calls: number[] = [];
    fake.reset({ version: "1.7", eventDelayMs: 11_000 });
    const port = createExcelPort();
    await port.insertForms(departmentLayout(), "new");
    await jest.advanceTimersByTimeAsync(60_000);
    let state: HighlightState = { addresses: [] };
    let round = 0;
    const start = Date.now();
    await port.onChange(() => {
      calls.push(Date.now() - start);
      round++;
      void port
        .highlight([finding(`'Biểu mẫu 1'!D${7 + (round % 3)}`)], state)
        .then((s) => (state = s));
    }, DEBOUNCE);
    fake.setValue("'Biểu mẫu 1'!D9", 5);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    // Without the guard: a check every ~11 s, over 50 in ten minutes.
    expect(calls.length).toBeLessThanOrEqual(16);
    const lastFive = calls.filter((t) => t > 5 * 60_000);
    expect(lastFive.length).toBeLessThanOrEqual(5);
    // The officer edits now: checked within a minute and a half.
    calls = [];
    const at = Date.now() - start;
    fake.setValue("'Biểu mẫu 2'!D7", 4);
    await jest.advanceTimersByTimeAsync(90_000);
    expect(calls.some((t) => t >= at)).toBe(true);
  });
});

describe("RunawayGuard", () => {
  test("stops checks set off only by echoes it could not tell apart, and resumes on a later edit", () => {
    let now = 0;
    const own = new OwnWrites(() => now, 1000, false);
    const guard = new RunawayGuard(5, 2000);
    let checks = 0;
    // A loop: each check changes something whose echo, unrecognised, comes 1.5 s later.
    let pending = true; // the officer's edit
    for (let i = 0; i < 100 && pending; i++) {
      now += 1500;
      pending = false;
      if (guard.change(own.recent(guard.nearMs))) {
        guard.fired();
        checks++;
        own.touched("s1");
        pending = true;
      }
    }
    // The officer's check and 5 echo checks, then the loop is cut.
    expect(checks).toBe(6);
    expect(guard.tripped).toBe(true);
    // The officer edits well after the last own change: checked again.
    now += 10_000;
    expect(guard.change(own.recent(guard.nearMs))).toBe(true);
    guard.fired();
    expect(guard.tripped).toBe(false);
  });

  test("user edits soon after a check do not trip it when an edit far from own changes comes between", () => {
    let now = 0;
    const own = new OwnWrites(() => now, 1000, false);
    const guard = new RunawayGuard(5, 2000);
    for (let i = 0; i < 20; i++) {
      now += i % 2 === 0 ? 1500 : 5000;
      expect(guard.change(own.recent(guard.nearMs))).toBe(true);
      guard.fired();
      own.touched("s1");
    }
  });
});

describe("OwnWrites by address", () => {
  test("a mark's echo is its own once; another cell's edit at the same moment is the user's", () => {
    let now = 0;
    const own = new OwnWrites(() => now, 1000, false);
    own.touched("s1", "D7");
    now = 3000;
    expect(own.isOwn({ worksheetId: "s1", address: "D8" })).toBe(false);
    expect(own.isOwn({ worksheetId: "s2", address: "D7" })).toBe(false);
    expect(own.isOwn({ worksheetId: "s1", address: "D7" })).toBe(true);
    expect(own.isOwn({ worksheetId: "s1", address: "D7" })).toBe(false);
  });

  test("ExcelApi 1.9 details: a changed value is the user's, an unchanged one needs no check", () => {
    const own = new OwnWrites(() => 5000, 1000, false);
    own.touched("s1", "D7");
    const edit = { worksheetId: "s1", address: "D7", details: { valueBefore: 1, valueAfter: 2 } };
    expect(own.isOwn(edit)).toBe(false);
    const format = {
      worksheetId: "s9",
      address: "A1",
      details: { valueBefore: "", valueAfter: "" },
    };
    expect(own.isOwn(format)).toBe(true);
  });

  test("a written sheet's events are its echo for a few seconds only", () => {
    let now = 0;
    const own = new OwnWrites(() => now, 1000, false);
    own.touched("s1");
    now = 2000;
    expect(own.isOwn({ worksheetId: "s1", address: "A1:K40" })).toBe(true);
    now = 3500;
    expect(own.isOwn({ worksheetId: "s1", address: "D7" })).toBe(false);
  });
});
