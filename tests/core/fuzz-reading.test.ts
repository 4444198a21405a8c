import fc from "fast-check";
import { zipSync, unzipSync } from "fflate";
import { checkSnapshot, checkWorkbookBytes } from "../../src/core/report";
import type { RawCell } from "../../src/core/values/types";
import { RecognizeError } from "../../src/core/workbook/recognize";
import type { WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import { readSnapshot } from "../../src/core/xlsx/read";
import { filledTemplate } from "../helpers/workbooks";

// The whole reading path under random damage: templates with cells shuffled, deleted, garbled and typed wrong,
// and .xlsx bytes flipped or cut. Reading never throws (but the recogniser's own Vietnamese refusal), never
// hangs, and an unreadable file always gets a specific Vietnamese reason, not the generic fallback.

let base: Uint8Array;
let snapshot: WorkbookSnapshot;

beforeAll(async () => {
  base = await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {
    "1:1.1": 12,
    "3:3.1.1": 100,
    "3:3.1.2": 98,
    "4:3.1": 25,
    "4:3.2": 20,
  });
  snapshot = await readSnapshot(base);
});

const wrongValue: fc.Arbitrary<RawCell["value"]> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "0x10",
    "1e400",
    "#DIV/0!",
    "#REF!",
    "1/2",
    "2.835",
    "4,751,000",
    "\u001b[2J",
    "\u200b12",
    "NaN",
    "-0",
    " "
  ),
  fc.double(),
  fc.integer(),
  fc.constantFrom(Infinity, -Infinity, NaN, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constant(null)
);

type Damage =
  | { kind: "delete"; sheet: number; row: number; col: number }
  | {
      kind: "type";
      sheet: number;
      row: number;
      col: number;
      value: RawCell["value"];
      numFmt?: string;
    }
  | { kind: "swapRows"; sheet: number; a: number; b: number }
  | { kind: "dropSheet"; sheet: number }
  | { kind: "hide"; sheet: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    sheet: fc.nat(9),
    row: fc.nat(60),
    col: fc.nat(6),
  }),
  fc.record({
    kind: fc.constant("type" as const),
    sheet: fc.nat(9),
    row: fc.nat(60),
    col: fc.nat(6),
    value: wrongValue,
    numFmt: fc.option(fc.constantFrom("General", "0.00%", "dd/mm/yyyy", "@", "d-mmm", "[h]:mm"), {
      nil: undefined,
    }),
  }),
  fc.record({
    kind: fc.constant("swapRows" as const),
    sheet: fc.nat(9),
    a: fc.nat(60),
    b: fc.nat(60),
  }),
  fc.record({ kind: fc.constant("dropSheet" as const), sheet: fc.nat(9) }),
  fc.record({ kind: fc.constant("hide" as const), sheet: fc.nat(9) })
);

function damaged(s: WorkbookSnapshot, list: Damage[]): WorkbookSnapshot {
  const sheets = s.sheets.map((sh) => ({ ...sh, rows: sh.rows.map((r) => [...r]) }));
  for (const d of list) {
    const sheet = sheets[d.sheet % Math.max(1, sheets.length)];
    if (!sheet) continue;
    if (d.kind === "delete") {
      if (sheet.rows[d.row]) sheet.rows[d.row][d.col] = null;
    } else if (d.kind === "type") {
      sheet.rows[d.row] ??= [];
      sheet.rows[d.row][d.col] = { value: d.value, numFmt: d.numFmt };
    } else if (d.kind === "swapRows") {
      const a = sheet.rows[d.a] ?? [];
      sheet.rows[d.a] = sheet.rows[d.b] ?? [];
      sheet.rows[d.b] = a;
    } else if (d.kind === "dropSheet") sheets.splice(sheets.indexOf(sheet), 1);
    else sheet.visible = false;
  }
  return { ...s, sheets };
}

test("damaged snapshots: a report or the recogniser's refusal, never an exception", () => {
  fc.assert(
    fc.property(fc.array(damage, { maxLength: 40 }), (list) => {
      try {
        const report = checkSnapshot("f.xlsx", damaged(snapshot, list));
        expect(report.ok).toBe(true);
        for (const f of report.findings) expect(typeof f.message).toBe("string");
      } catch (e) {
        if (!(e instanceof RecognizeError)) throw e;
      }
    }),
    { numRuns: 300 }
  );
});

test("damaged bytes and parts: a report or a specific Vietnamese reason, never an exception", async () => {
  const parts = unzipSync(base);
  const names = Object.keys(parts);
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        // Raw bytes flipped or cut.
        fc.record({
          flips: fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), {
            maxLength: 8,
          }),
          cut: fc.option(fc.nat(base.length), { nil: undefined }),
        }),
        // One XML part garbled inside a well-formed zip.
        fc.record({
          part: fc.nat(names.length - 1),
          at: fc.nat(5000),
          junk: fc.string({ maxLength: 30 }),
        })
      ),
      async (m) => {
        let bytes: Uint8Array;
        if ("flips" in m) {
          bytes = base.slice(0, m.cut ?? base.length);
          for (const [i, b] of m.flips) if (i < bytes.length) bytes[i] = b;
        } else {
          const name = names[m.part];
          const text = new TextDecoder().decode(parts[name]);
          const at = Math.min(m.at, text.length);
          const changed = {
            ...parts,
            [name]: new TextEncoder().encode(text.slice(0, at) + m.junk + text.slice(at)),
          };
          bytes = zipSync(changed);
        }
        const report = await checkWorkbookBytes("f.xlsx", bytes);
        if (!report.ok) expect(report.error).not.toMatch(/^Không đọc được tệp: /);
      }
    ),
    { numRuns: 80 }
  );
});
