import {
  consolidate,
  consolidationSheets,
  type ConsolidationInput,
} from "../../src/core/consolidate";
import { getFormSet } from "../../src/core/forms/catalog";
import { valueKey } from "../../src/core/forms/schema";
import { parsePeriodId } from "../../src/core/period";
import { buildLayout } from "../../src/core/workbook/layout";
import { createExcelPort } from "../../src/excel/port";
import { DEPT, LOCAL, unitInput } from "../helpers/units";
import type { TypedValue } from "../helpers/workbooks";
import { bytes, loadWebRuntime } from "./webRuntime";

/**
 * Request sizes of the port's real batches serialized by Microsoft's web runtime (tests/excel/webRuntime.ts):
 * inserting each form set, and writing the consolidation of `units` synthetic units with notes on
 * `noteShare` of their filled rows. Shared by tests/excel/request-size.test.ts and bench/excel-requests.js.
 */

const PERIOD = "2024-Q1";

/** Deterministic pseudo-random numbers (mulberry32), as bench/consolidate.js. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `units` units, a quarter departments and the rest communes, every row filled, notes on some. */
export function syntheticUnits(units: number, noteShare = 0.3): ConsolidationInput[] {
  const rnd = random(units);
  const inputs: ConsolidationInput[] = [];
  for (let i = 0; i < units; i++) {
    const setId = i % 4 === 0 ? DEPT : LOCAL;
    const catalog = getFormSet(setId);
    const values: Record<string, TypedValue> = {};
    const notes: Record<string, string> = {};
    for (const { form, row } of catalog.valueRows()) {
      const key = valueKey(form, row.code);
      if (row.kind === "count") values[key] = Math.floor(rnd() * 5000);
      else if (row.kind === "enum" && row.options) values[key] = row.options[0].code;
      else if (row.kind === "pair") values[key] = `${Math.floor(rnd() * 20)}/20`;
      else if (row.kind === "percent") values[key] = Math.round(rnd() * 10000) / 100;
      else if (row.kind === "money") values[key] = Math.round(rnd() * 1e8) / 100;
      else continue;
      if (rnd() < noteShare) notes[key] = `Ghi chú của đơn vị ${i + 1} cho chỉ tiêu ${row.code}`;
    }
    const unit = setId === DEPT ? `Sở số ${i + 1}` : `UBND xã số ${i + 1}`;
    inputs.push(unitInput(setId, unit, values, { file: `don-vi-${i + 1}.xlsx`, notes }));
  }
  return inputs;
}

export interface RequestSizes {
  /** Bytes of each request of the insert batches (both unit form sets). */
  insert: number[];
  /** Bytes of each request of writing the consolidation. */
  consolidation: number[];
  /** Sheets the consolidation wrote. */
  sheets: number;
  /** onProgress calls: [done, total]. */
  progress: [number, number][];
}

const ALL_SETS = () => true;

export async function measureRequests(units: number): Promise<RequestSizes> {
  const runtime = loadWebRuntime();
  const globals = globalThis as { Excel?: unknown };
  const before = globals.Excel;
  globals.Excel = runtime.Excel;
  try {
    const port = createExcelPort({ setCheck: ALL_SETS });
    const insert: number[] = [];
    for (const setId of [DEPT, LOCAL]) {
      const layout = buildLayout(getFormSet(setId), {
        unit: "Đơn vị thử",
        period: parsePeriodId(PERIOD)!,
      });
      // Each set into its own (empty) workbook.
      runtime.sheets.length = 0;
      const from = runtime.requests.length;
      await port.insertForms(layout, "new");
      insert.push(...runtime.requests.slice(from).map(bytes));
    }
    runtime.sheets.length = 0;
    const result = consolidate(syntheticUnits(units), { period: PERIOD });
    const layouts = consolidationSheets(result);
    const from = runtime.requests.length;
    const progress: [number, number][] = [];
    await port.writeSheets(layouts, (done, total) => progress.push([done, total]));
    return {
      insert,
      consolidation: runtime.requests.slice(from).map(bytes),
      sheets: layouts.length,
      progress,
    };
  } finally {
    globals.Excel = before;
  }
}
