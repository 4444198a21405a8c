import { capNote, joinNotes, MAX_CELL_CHARS } from "../../src/core/consolidate/notes";
import { strFromU8, unzipSync } from "fflate";
import { consolidate, consolidationWorkbook } from "../../src/core/consolidate";
import { checkSheetNames, fitCell, writeLayout } from "../../src/core/xlsx/write";
import { DEPT, unitInput } from "../helpers/units";
import { columnLetter } from "../../src/core/workbook/snapshot";

// Gathered notes stay within Excel's 32,767 characters per cell, with a pointer to the detail sheet.

const DETAIL = "Chi tiết theo đơn vị";
const note = (i: number) => ({
  unit: `UBND xã số ${i}`,
  text: "Đã tổ chức kiểm tra công tác cải cách hành chính tại các phòng, ban chuyên môn.",
});

test("1,000 units of ordinary notes fit one cell, with how many are left and where they are", () => {
  const notes = Array.from({ length: 1000 }, (_, i) => note(i + 1));
  const text = joinNotes(notes, `trang “${DETAIL}”`);
  expect(text.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  const lines = text.split("\n");
  const shown = lines.length - 1;
  expect(lines[0]).toBe(`UBND xã số 1: ${notes[0].text}`);
  expect(lines[shown]).toBe(
    `… và ${1000 - shown} ghi chú khác: xem trang “${DETAIL}” (mỗi đơn vị một ô).`
  );
  expect(shown).toBeGreaterThan(300);
});

test("few notes are joined whole; one huge note is cut at a word", () => {
  expect(joinNotes([note(1), note(2)], `trang “${DETAIL}”`)).toBe(
    `UBND xã số 1: ${note(1).text}\nUBND xã số 2: ${note(2).text}`
  );
  const long = "chữ ".repeat(5000);
  const cut = capNote(long);
  expect(cut.length).toBeLessThanOrEqual(1000);
  expect(cut.endsWith("chữ…")).toBe(true);
  expect(
    joinNotes([{ unit: "A", text: "x".repeat(40000) }], `trang “${DETAIL}”`, 500).length
  ).toBeLessThanOrEqual(500);
});

test("the writer cuts any cell text to 32,767 characters and refuses sheet names Excel would not take", () => {
  const cut = fitCell("a".repeat(40000));
  expect(cut.length).toBe(MAX_CELL_CHARS);
  expect(cut.endsWith("(đã cắt: một ô Excel chứa tối đa 32.767 ký tự)")).toBe(true);
  expect(fitCell("ngắn")).toBe("ngắn");
  expect(() => checkSheetNames(["Biểu mẫu 1", "Chi tiết theo đơn vị"])).not.toThrow();
  for (const bad of [["x".repeat(32)], ["A", "a"], ["Biểu/1"], [""]]) {
    expect(() => checkSheetNames(bad)).toThrow("Tên trang không hợp lệ trong Excel");
  }
});

test("a consolidation of 1,000 units with notes writes no cell over 32,767 characters", async () => {
  const inputs = Array.from({ length: 1000 }, (_, i) =>
    unitInput(DEPT, `Sở số ${i + 1}`, { "1:1": 1 }, { notes: { "1:1": note(i).text } })
  );
  const result = consolidate(inputs, { period: "2024-Q1" });
  const layout = consolidationWorkbook(result);
  // The rendered cells: the totals' Ghi chú of row 1 is the joined notes, cut with a pointer that is true.
  const totals = layout.sheets.find((s) => s.name === "Tổng hợp các sở, ban, ngành")!;
  const at = (sheet: typeof totals, address: string) =>
    sheet.cells.find((c) => c.address === address)?.value;
  const gathered = String(at(totals, "G8"));
  expect(gathered).toBe(
    joinNotes(
      result.units.map((u) => ({ unit: u.unit, text: u.notes["1:1"] })),
      `trang “${DETAIL}”`
    )
  );
  expect(gathered.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  expect(gathered.split("\n").at(-1)).toMatch(
    /^… và \d+ ghi chú khác: xem trang “Chi tiết theo đơn vị” \(mỗi đơn vị một ô\)\.$/
  );
  for (const sheet of layout.sheets) {
    for (const c of sheet.cells) {
      if (typeof c.value === "string") expect(c.value.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    }
  }
  // …and the detail sheet has every unit's note in its own cell, under the row.
  const detail = layout.sheets.find((s) => s.name === DETAIL)!;
  const noteRow = detail.cells.find((c) => c.value === "Ghi chú")!.address.slice(1);
  const own = detail.cells.filter((c) => c.address.replace(/^[A-Z]+/, "") === noteRow && c.value);
  expect(own).toHaveLength(1 + 1000);
  const last = result.units[999];
  expect(own.find((c) => c.address === `${columnLetter(4 + 999)}${noteRow}`)?.value).toBe(
    last.notes["1:1"]
  );
  const files = unzipSync(await writeLayout(layout));
  let longest = 0;
  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith(".xml")) continue;
    for (const m of strFromU8(data).matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) {
      const text = m[1].replace(/&(amp|lt|gt|quot|apos);/g, "x");
      longest = Math.max(longest, text.length);
    }
  }
  expect(longest).toBeGreaterThan(1000);
  expect(longest).toBeLessThanOrEqual(MAX_CELL_CHARS);
}, 60000);
