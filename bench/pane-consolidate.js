"use strict";
/**
 * The Tổng hợp tab's reading path against the command line, on the same N unit files (default 200;
 * BENCH_UNITS=…). Run after `npm run build:cli`:  node bench/pane-consolidate.js
 *   - cchc: `cchc consolidate --period 2024-Q1 --json <files>`, end to end (a new node process);
 *   - pane: the production build in Debian's Chromium with the fake Office.js; from picking the files to the
 *     summary of the consolidation on screen (read, check, consolidate, render).
 * Goal: pane ≤ 2 × cchc. The two alternate, best of BENCH_ROUNDS rounds (default 2), so that other load on
 * the machine weighs on both alike. BENCH_CPU_SLOWDOWN=4 slows Chromium's CPU as on an older office PC.
 * Skipped, with a note, where /usr/bin/chromium is missing.
 */
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { performance } = require("perf_hooks");
const { getFormSet } = require("../lib/core/forms/catalog");
const { parsePeriodId } = require("../lib/core/period");
const { buildLayout } = require("../lib/core/workbook/layout");
const { writeLayout } = require("../lib/core/xlsx/write");

const ROOT = path.resolve(__dirname, "..");
const UNITS = Number(process.env.BENCH_UNITS || 200);
const SLOWDOWN = Number(process.env.BENCH_CPU_SLOWDOWN || 1);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const GOAL = 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const PERIOD = "2024-Q1";

function seconds(ms) {
  return `${(ms / 1000).toFixed(2).replace(".", ",")} s`;
}

/** A unit workbook with every count row filled (deterministic values). */
async function unitFile(setId, unit, seed) {
  const catalog = getFormSet(setId);
  const layout = buildLayout(catalog, { unit, period: parsePeriodId(PERIOD) });
  let n = seed;
  for (const sheet of layout.sheets) {
    const byAddress = new Map(sheet.cells.map((c) => [c.address, c]));
    for (const v of sheet.valueCells) {
      const cell = byAddress.get(v.address);
      const row = catalog.row(v.form, v.code);
      if (!cell || cell.formula || row.kind !== "count") continue;
      n = (n * 1103515245 + 12345) % 2147483648;
      cell.value = n % 500;
    }
  }
  return writeLayout(layout);
}

async function writeFiles(dir) {
  const files = [];
  for (let i = 0; i < UNITS; i++) {
    const dept = i % 3 !== 0;
    const unit = dept ? `Sở số ${i + 1}` : `UBND xã số ${i + 1}`;
    const file = path.join(dir, `don-vi-${String(i + 1).padStart(3, "0")}.xlsx`);
    fs.writeFileSync(file, await unitFile(dept ? "so-nganh-2024" : "dia-phuong-2024", unit, i + 1));
    files.push(file);
  }
  return files;
}

function timeCli(files) {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/cchc.js"), "consolidate", "--period", PERIOD, "--json", ...files],
    { maxBuffer: 512 * 1024 * 1024 }
  );
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`cchc consolidate failed (${r.status}): ${String(r.stderr).slice(0, 2000)}`);
  }
  return ms;
}

function buildPane(outDir) {
  return new Promise((resolve, reject) => {
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const child = spawn(process.execPath, [cli, "--mode", "production", "--output-path", outDir], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`webpack failed:\n${log.slice(-4000)}`))
    );
  });
}

function serve(dir) {
  const fake = path.join(ROOT, "tests/browser/fake-office.js");
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    if (rel === "/") rel = "/taskpane.html";
    const file = rel === "/office.js" ? fake : path.join(dir, path.normalize(rel));
    if (file !== fake && !file.startsWith(dir + path.sep)) return res.writeHead(403).end();
    fs.readFile(file, (err, data) => {
      if (err) return res.writeHead(404).end();
      const type = file.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript";
      res.writeHead(200, { "content-type": type }).end(data);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: server.address().port }))
  );
}

async function timePane(files, origin) {
  const { chromium } = require("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
    await page.route("**/*", (route) =>
      new URL(route.request().url()).hostname === "127.0.0.1"
        ? route.continue()
        : route.abort("blockedbyclient")
    );
    if (SLOWDOWN > 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
    }
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole("tab", { name: "Tổng hợp" }).click();
    await page.getByRole("button", { name: "Chọn tệp .xlsx…" }).waitFor();
    const start = performance.now();
    await page.getByTestId("unit-files-input").setInputFiles(files);
    await page
      .getByTestId("consolidation-summary")
      .filter({ hasText: new RegExp(`^${UNITS} đơn vị được tổng hợp`) })
      .waitFor({ timeout: 30 * 60 * 1000 });
    return performance.now() - start;
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`pane-consolidate: ${CHROMIUM} not found, skipped.`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-pane-"));
  try {
    const files = await writeFiles(dir);
    const dist = path.join(dir, "dist");
    await buildPane(dist);
    const { server, port } = await serve(dist);
    try {
      let cli = Infinity;
      let pane = Infinity;
      for (let r = 0; r < ROUNDS; r++) {
        cli = Math.min(cli, timeCli(files));
        pane = Math.min(pane, await timePane(files, `http://127.0.0.1:${port}`));
      }
      const ratio = pane / cli;
      console.log(
        `Tổng hợp ${UNITS} tệp đơn vị${SLOWDOWN > 1 ? ` (CPU Chromium chậm ${SLOWDOWN}×)` : ""}:`
      );
      console.log(`  cchc consolidate (trọn lệnh):      ${seconds(cli)}`);
      console.log(`  ngăn Tổng hợp (chọn tệp → kết quả): ${seconds(pane)}`);
      console.log(
        `  tỉ lệ ngăn / cchc: ${ratio.toFixed(2).replace(".", ",")} (mục tiêu ≤ ${GOAL}) ${ratio <= GOAL ? "đạt" : "CHƯA ĐẠT"}`
      );
    } finally {
      server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
