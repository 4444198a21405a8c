#!/usr/bin/env node
/**
 * Prints the gzipped size of the task pane's initial JavaScript: the files webpack lists for the `taskpane`
 * entry (dist/bundle-stats.json, written by webpack.config.js). Lazy chunks (import()) are listed apart.
 * Usage: node scripts/bundle-size.js [--dist dist] [--budget-kb 300] [--strict]
 *   --strict: exit 1 when the initial JavaScript is over budget.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

/** Sizes of the entry's initial JS files and of the other JS chunks. */
function measure(dist, entry = "taskpane") {
  const statsFile = path.join(dist, "bundle-stats.json");
  if (!fs.existsSync(statsFile)) {
    throw new Error(`${statsFile} not found: run webpack first (npm run build).`);
  }
  const stats = JSON.parse(fs.readFileSync(statsFile, "utf8"));
  const assets = (stats.entrypoints && stats.entrypoints[entry]) || [];
  const initial = assets.filter((a) => a.endsWith(".js"));
  if (initial.length === 0) throw new Error(`No JavaScript listed for entry “${entry}”.`);
  const files = (names) =>
    names.map((name) => {
      const buf = fs.readFileSync(path.join(dist, name));
      return { name, raw: buf.length, gzip: gz(buf) };
    });
  // Other entries' own files (the checking page, kiem-tra) are not the pane's lazy chunks.
  const initialSet = new Set(Object.values(stats.entrypoints || {}).flat());
  const officeJs = path.join(__dirname, "..", "node_modules", "@microsoft", "office-js", "dist");
  const ownJs = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith(".js") && !initialSet.has(f))
    .filter((f) => !fs.existsSync(path.join(officeJs, f)));
  return { initial: files(initial), lazy: files(ownJs) };
}

function main() {
  const dist = path.resolve(arg("--dist", path.join(__dirname, "..", "dist")));
  const budget = Number(arg("--budget-kb", "300")) * 1024;
  const strict = process.argv.includes("--strict");
  const { initial, lazy } = measure(dist);
  const total = initial.reduce((s, f) => s + f.gzip, 0);
  console.log("Task pane initial JavaScript (gzip -9):");
  for (const f of initial)
    console.log(`  ${f.name.padEnd(40)} ${kb(f.raw).padStart(10)} → ${kb(f.gzip).padStart(9)}`);
  console.log(
    `  ${"total".padEnd(40)} ${"".padStart(10)}   ${kb(total).padStart(9)}  (budget ${kb(budget)})`
  );
  if (lazy.length > 0) {
    console.log("Loaded on demand:");
    for (const f of lazy)
      console.log(`  ${f.name.padEnd(40)} ${kb(f.raw).padStart(10)} → ${kb(f.gzip).padStart(9)}`);
  }
  if (total > budget) {
    console.log(`Over budget by ${kb(total - budget)}.`);
    if (strict) process.exit(1);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
module.exports = { measure };
