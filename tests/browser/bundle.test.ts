/**
 * The pane's first load stays small: the xlsx library (exceljs), the xlsx reader/writer and consolidation
 * are only in chunks loaded by import() when a flow needs them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { BUILD_TIMEOUT_MS, ensurePaneBuilt } from "./harness";

let dist: string;

beforeAll(async () => {
  dist = await ensurePaneBuilt();
}, BUILD_TIMEOUT_MS);

/** Whether a development bundle defines a module: each definition opens with a line of three stars and the id. */
function definedIn(code: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`^/\\*\\*\\*/ "${escaped}"`, "m").test(code);
}

function initialFiles(): string[] {
  const stats = JSON.parse(fs.readFileSync(path.join(dist, "bundle-stats.json"), "utf8")) as {
    entrypoints: Record<string, string[]>;
  };
  return stats.entrypoints.taskpane.filter((f) => f.endsWith(".js"));
}

test("the initial chunks hold the pane but neither exceljs, the xlsx modules nor consolidation", () => {
  const files = initialFiles();
  expect(files.length).toBeGreaterThan(0);
  const code = files.map((f) => fs.readFileSync(path.join(dist, f), "utf8")).join("\n");
  // The pane itself is defined there (a development build names modules by path)…
  expect(definedIn(code, "./src/taskpane/App.tsx")).toBe(true);
  expect(definedIn(code, "./src/core/report.ts")).toBe(true);
  // …and the heavy parts are not: they are only referenced as lazy chunks.
  for (const id of [
    "./node_modules/exceljs/dist/exceljs.min.js",
    "./src/core/xlsx/read.ts",
    "./src/core/xlsx/write.ts",
    "./src/core/consolidate/index.ts",
    "./src/core/consolidate/consolidate.ts",
  ]) {
    expect({ id, defined: definedIn(code, id) }).toEqual({ id, defined: false });
  }
});

test("the lazy chunks exist and carry what the initial chunks leave out", () => {
  const initial = new Set(initialFiles());
  const lazy = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith(".js") && !initial.has(f))
    .map((f) => fs.readFileSync(path.join(dist, f), "utf8"))
    .join("\n");
  for (const id of [
    "./node_modules/exceljs/dist/exceljs.min.js",
    "./src/core/xlsx/read.ts",
    "./src/core/xlsx/write.ts",
    "./src/core/consolidate/index.ts",
  ]) {
    expect({ id, defined: definedIn(lazy, id) }).toEqual({ id, defined: true });
  }
});
