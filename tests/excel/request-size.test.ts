import { consolidate, consolidationSheets } from "../../src/core/consolidate";
import { ExcelPortError } from "../../src/excel/errors";
import { createExcelPort } from "../../src/excel/port";
import { fake } from "./fake";
import { measureRequests, syntheticUnits } from "./requestSizes";

/**
 * Excel on the web refuses requests over 5 MB. The port's real batches, serialized by Microsoft's own web
 * runtime (tests/excel/webRuntime.ts), stay at or under 4 MB each at 600 units with notes on 30 % of rows.
 */

const LIMIT = 4 * 1024 * 1024;

describe("request size with Microsoft's web runtime", () => {
  test("the synthetic province: 600 units, every row filled, notes on about 30 % of rows", () => {
    const inputs = syntheticUnits(600);
    const result = consolidate(inputs, { period: "2024-Q1" });
    expect(result.units).toHaveLength(600);
    const rows = inputs.reduce(
      (n, i) => n + ("values" in i.report ? Object.keys(i.report.values).length : 0),
      0
    );
    const notes = inputs.reduce((n, i) => n + Object.keys(i.notes ?? {}).length, 0);
    expect(notes / rows).toBeGreaterThan(0.27);
    expect(notes / rows).toBeLessThan(0.33);
  });

  test("inserting the forms and writing the consolidation of 600 units: every request ≤ 4 MB", async () => {
    const sizes = await measureRequests(600);
    expect(sizes.insert.length).toBeGreaterThanOrEqual(4);
    expect(sizes.consolidation.length).toBeGreaterThanOrEqual(3);
    for (const b of [...sizes.insert, ...sizes.consolidation]) expect(b).toBeLessThanOrEqual(LIMIT);
    // The writing is really that big: it is cut, not small.
    const total = sizes.consolidation.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(LIMIT);
    // One progress step per request after the sheet list.
    const steps = sizes.consolidation.length - 1;
    expect(sizes.progress[0]).toEqual([0, steps]);
    expect(sizes.progress[sizes.progress.length - 1]).toEqual([steps, steps]);
    expect(sizes.progress).toHaveLength(steps + 1);
  });
});

describe("on the fake workbook, which refuses requests over its limit as Excel on the web does", () => {
  test("the consolidation of 600 units goes through; every estimated request stays under 4 MB", async () => {
    fake.reset();
    const result = consolidate(syntheticUnits(600), { period: "2024-Q1" });
    const sheets = consolidationSheets(result);
    const names = await createExcelPort().writeSheets(sheets);
    expect(names).toEqual(sheets.map((s) => s.name));
    const sizes = fake.requestSizes();
    expect(sizes.length).toBeGreaterThan(2);
    for (const b of sizes) expect(b).toBeLessThanOrEqual(LIMIT);
    // One detail sheet per unit set: together they hold a row per unit and value row.
    const detailRows = names
      .filter((n) => n.startsWith("Chi tiết "))
      .reduce((n, name) => n + fake.rows(name).length, 0);
    expect(detailRows).toBeGreaterThan(200);
  });

  test("a request over the limit fails whole, with a Vietnamese message that does not blame the officer", async () => {
    fake.reset({ requestLimit: 50_000 });
    const result = consolidate(syntheticUnits(50), { period: "2024-Q1" });
    const err = (await createExcelPort()
      .writeSheets(consolidationSheets(result))
      .catch((e: unknown) => e)) as ExcelPortError;
    expect(err.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(err.message).toContain("Excel trên web giới hạn 5 MB");
    expect(err.message).toContain("không phải của bạn");
  });
});
