import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { checkValues, type ValueMap } from "../../src/core/rules/engine";
import { decimalsOf } from "../../src/core/values/number";
import { buildLayout, type SheetLayout } from "../../src/core/workbook/layout";
import { loadWorkbook } from "../../src/core/xlsx/read";
import { evaluateFormula } from "../helpers/formula";

/** The conditional formats written into the template and the engine must mark the same cells. */
const catalog = getFormSet("tinh-2024");
const layout = buildLayout(catalog, { unit: "Thử", period: parsePeriodId("2024-Q1")! });
const sheet = (form: number) => layout.sheets.find((s) => s.form === form) as SheetLayout;

/** Whether the template marks the rule's cell when the given rows hold the given numbers. */
function marked(form: number, ruleId: string, values: Record<string, number | undefined>): boolean {
  const s = sheet(form);
  const cells: Record<string, number | undefined> = {};
  for (const [code, v] of Object.entries(values)) {
    cells[s.valueCells.find((c) => c.code === code)!.address] = v;
  }
  const cf = s.conditionalFormats.find((c) => c.ruleId === ruleId);
  if (!cf) throw new Error(`Không có định dạng có điều kiện cho ${ruleId}`);
  try {
    return evaluateFormula(cf.formula, cells) === true;
  } catch (e) {
    if (e instanceof Error && e.message === "#DIV/0!") return false; // Excel: an error is no mark
    throw e;
  }
}

/** Whether the engine reports the rule, reading numbers as Excel stores them (decimals as stored). */
function reported(
  form: number,
  ruleId: string,
  values: Record<string, number | undefined>
): boolean {
  const map: ValueMap = {};
  for (const [code, v] of Object.entries(values)) {
    if (v !== undefined)
      map[`${form}:${code}`] = { kind: "number", value: v, decimals: decimalsOf(v) };
  }
  return checkValues(catalog, map).some((f) => f.rule === ruleId && f.situation !== "blank");
}

const RATIO_31 = { form: 3, rule: "bm3.ratio.3.1" };

describe("conditional formats agree with the engine", () => {
  it("no mark on 99,87% for 9.896 / 9.909; a mark on 91,84% for 39.488 / 43.597", () => {
    const ok = { "3.1": 99.87, "3.1.2": 9896, "3.1.1": 9909 };
    expect(marked(RATIO_31.form, RATIO_31.rule, ok)).toBe(false);
    expect(reported(RATIO_31.form, RATIO_31.rule, ok)).toBe(false);
    const bad = { "6.4": 91.84, "6.4.2": 39488, "6.4.1": 43597 };
    expect(marked(7, "bm7.ratio.6.4", bad)).toBe(true);
    expect(reported(7, "bm7.ratio.6.4", bad)).toBe(true);
    // The formula typed by the template itself never marks.
    const computed = Math.round((39488 / 43597) * 100 * 100) / 100;
    expect(marked(7, "bm7.ratio.6.4", { ...bad, "6.4": computed })).toBe(false);
  });

  it("ratio: random counts and a percentage typed with 0–3 decimals, near or off the true value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50000 }),
        fc.integer({ min: 1, max: 50000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (a, b, decimals, off) => {
          const [num, den] = a <= b ? [a, b] : [b, a];
          if (den === 0) return;
          const f = 10 ** decimals;
          const typed = (Math.round((num / den) * 100 * f) + off) / f;
          const v = { "3.1": typed, "3.1.2": num, "3.1.1": den };
          expect([v, marked(3, "bm3.ratio.3.1", v)]).toEqual([v, reported(3, "bm3.ratio.3.1", v)]);
        }
      ),
      { numRuns: 400 }
    );
  });

  it("ratio of money amounts (not exact): BM6 1 = 1.2 / 1.1 with 0–2 decimals each", () => {
    const money = fc.tuple(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(
        money,
        money,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -2, max: 2 }),
        ([a, da], [b, db], decimals, off) => {
          const num = Math.min(a, b) / 10 ** da;
          const den = Math.max(a, b) / 10 ** db;
          const f = 10 ** decimals;
          const typed = (Math.round((num / den) * 100 * f) + off) / f;
          const v = { "1": typed, "1.2": num, "1.1": den };
          expect([v, marked(6, "bm6.ratio.1", v)]).toEqual([v, reported(6, "bm6.ratio.1", v)]);
        }
      ),
      { numRuns: 300 }
    );
  });

  it("sum and bounds: random counts, blanks included", () => {
    const count = fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined, freq: 8 });
    fc.assert(
      fc.property(count, count, count, count, (t, p1, p2, p3) => {
        const total =
          p1 !== undefined && p2 !== undefined && p3 !== undefined && t !== undefined && t % 3 === 0
            ? p1 + p2 + p3
            : t;
        const v = { "1.4": total, "1.4.1": p1, "1.4.2": p2, "1.4.3": p3 };
        expect([v, marked(3, "bm3.sum.1.4", v)]).toEqual([v, reported(3, "bm3.sum.1.4", v)]);
        const b = { "3.1.2": p1, "3.1.1": p2 };
        expect([b, marked(3, "bm3.bound.3.1.2-3.1.1", b)]).toEqual([
          b,
          reported(3, "bm3.bound.3.1.2-3.1.1", b),
        ]);
      }),
      { numRuns: 300 }
    );
  });

  it("bounds over several rows: 5.1 >= 5.2 + 5.3 + 5.4 (BM1)", () => {
    const n = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(n, n, n, n, (a, b, c, d) => {
        const v = { "5.1": a, "5.2": b, "5.3": c, "5.4": d };
        expect([v, marked(1, "bm1.bound.5.1-5.2_5.3_5.4", v)]).toEqual([
          v,
          reported(1, "bm1.bound.5.1-5.2_5.3_5.4", v),
        ]);
      }),
      { numRuns: 200 }
    );
  });
});

const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
const describeLo = soffice || process.env.CI ? describe : describe.skip;

describeLo("the same formulas computed by LibreOffice", () => {
  const samples: { form: number; rule: string; values: Record<string, number | undefined> }[] = [
    { form: 3, rule: "bm3.ratio.3.1", values: { "3.1": 99.87, "3.1.2": 9896, "3.1.1": 9909 } },
    { form: 3, rule: "bm3.ratio.3.1", values: { "3.1": 99.869, "3.1.2": 9896, "3.1.1": 9909 } },
    { form: 3, rule: "bm3.ratio.3.1", values: { "3.1": 99.8, "3.1.2": 9896, "3.1.1": 9909 } },
    { form: 3, rule: "bm3.ratio.3.1", values: { "3.1": undefined, "3.1.2": 9896, "3.1.1": 9909 } },
    { form: 7, rule: "bm7.ratio.6.4", values: { "6.4": 91.84, "6.4.2": 39488, "6.4.1": 43597 } },
    { form: 7, rule: "bm7.ratio.6.4", values: { "6.4": 90.58, "6.4.2": 39488, "6.4.1": 43597 } },
    {
      form: 3,
      rule: "bm3.sum.1.4",
      values: { "1.4": 2836, "1.4.1": 2165, "1.4.2": 492, "1.4.3": 178 },
    },
    {
      form: 3,
      rule: "bm3.sum.1.4",
      values: { "1.4": 2835, "1.4.1": 2165, "1.4.2": 492, "1.4.3": 178 },
    },
    { form: 3, rule: "bm3.bound.3.1.2-3.1.1", values: { "3.1.2": 9910, "3.1.1": 9909 } },
    {
      form: 1,
      rule: "bm1.bound.5.1-5.2_5.3_5.4",
      values: { "5.1": 23, "5.2": 25, "5.3": 0, "5.4": 0 },
    },
  ];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "cchc-cf-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("marks exactly where the JS evaluator and the engine do", async () => {
    if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
    const wb = new ExcelJS.Workbook();
    samples.forEach((sample, i) => {
      const ws = wb.addWorksheet(`S${i + 1}`);
      const s = sheet(sample.form);
      for (const [code, v] of Object.entries(sample.values)) {
        if (v !== undefined)
          ws.getCell(s.valueCells.find((c) => c.code === code)!.address).value = v;
      }
      const cf = s.conditionalFormats.find((c) => c.ruleId === sample.rule)!;
      ws.getCell("H1").value = { formula: `IF(ISERROR(${cf.formula}),0,IF(${cf.formula},1,0))` };
    });
    const input = path.join(dir, "cf.xlsx");
    writeFileSync(input, new Uint8Array(await wb.xlsx.writeBuffer()));
    execFileSync(
      soffice,
      [
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        path.join(dir, "out"),
        input,
      ],
      {
        stdio: "pipe",
        timeout: 120000,
        env: { ...process.env, HOME: dir },
      }
    );
    const out = await loadWorkbook(new Uint8Array(readFileSync(path.join(dir, "out", "cf.xlsx"))));
    const got = samples.map((sample, i) => {
      const v = out.getWorksheet(`S${i + 1}`)!.getCell("H1").value as { result?: unknown };
      return [sample.rule, v.result === 1];
    });
    const want = samples.map((sample) => [
      sample.rule,
      marked(sample.form, sample.rule, sample.values),
    ]);
    expect(got).toEqual(want);
    expect(samples.map((x) => reported(x.form, x.rule, x.values))).toEqual(want.map((w) => w[1]));
    expect(want.map((w) => w[1])).toEqual([
      false,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      true,
    ]);
  }, 180000);
});
