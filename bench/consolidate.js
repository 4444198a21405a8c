"use strict";
/**
 * Consolidation benchmark. Run after `npm run build:cli`:  node bench/consolidate.js
 * Builds N unit workbooks in memory (default 200; BENCH_UNITS=…), then compares
 *   - opening them with ExcelJS (loadWorkbook), and
 *   - what `cchc consolidate` does before writing: read + check (+ Ghi chú) + consolidate.
 * Goal: consolidate / open ≤ 1.3. The two are timed file by file, alternately, so that other load on the
 * machine weighs on both alike; best of BENCH_ROUNDS rounds (default 3). Building the output sheets as data
 * is timed apart. Peak memory is the largest RSS sampled (every 5 ms and after each file).
 */
const { performance } = require("perf_hooks");
const { getFormSet } = require("../lib/core/forms/catalog");
const { valueKey } = require("../lib/core/forms/schema");
const { parsePeriodId } = require("../lib/core/period");
const { buildLayout } = require("../lib/core/workbook/layout");
const { loadWorkbook } = require("../lib/core/xlsx/read");
const { writeLayout } = require("../lib/core/xlsx/write");
const { consolidate, consolidationSheets, readUnitInput } = require("../lib/core/consolidate");

const UNITS = Number(process.env.BENCH_UNITS || 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const PERIOD = "2024-Q1";
const GOAL = 1.3;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A filled unit workbook: values typed into the layout's value cells (formula cells left alone). */
async function unitWorkbook(setId, unit, rnd) {
  const catalog = getFormSet(setId);
  const layout = buildLayout(catalog, {
    unit,
    period: parsePeriodId(PERIOD),
    created: "2024-03-10T00:00:00.000Z",
  });
  for (const sheet of layout.sheets) {
    const byAddress = new Map(sheet.cells.map((c) => [c.address, c]));
    for (const v of sheet.valueCells) {
      const cell = byAddress.get(v.address);
      const row = catalog.row(v.form, v.code);
      if (!cell || cell.formula || rnd() < 0.15) continue;
      if (row.kind === "count") cell.value = Math.floor(rnd() * 5000);
      else if (row.kind === "enum")
        cell.value = row.options[Math.floor(rnd() * row.options.length)].code;
      else if (row.kind === "pair")
        cell.value = `${Math.floor(rnd() * 20)}/${Math.floor(rnd() * 20)}`;
      else if (row.kind === "percent") cell.value = Math.round(rnd() * 10000) / 100;
      else if (row.kind === "money") cell.value = Math.round(rnd() * 1e8) / 100;
      if (cell.value !== undefined && rnd() < 0.05) {
        const note = sheet.cells.find((c) => c.address === `E${v.address.slice(1)}`);
        if (note) note.value = `Ghi chú ${valueKey(v.form, v.code)}`;
      }
    }
  }
  return writeLayout(layout);
}

let peak = 0;
function sample() {
  peak = Math.max(peak, process.memoryUsage.rss());
}

function mb(bytes) {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(2).replace(".", ",")} s`;
}

async function main() {
  const rnd = random(42);
  const files = [];
  const built = performance.now();
  for (let i = 0; i < UNITS; i++) {
    const local = i % 5 === 4;
    const setId = local ? "dia-phuong-2024" : "so-nganh-2024";
    const unit = local ? `UBND huyện số ${i + 1}` : `Sở số ${i + 1}`;
    files.push({ name: `don-vi-${i + 1}.xlsx`, bytes: await unitWorkbook(setId, unit, rnd) });
  }
  const size = files.reduce((n, f) => n + f.bytes.length, 0);
  console.log(
    `Đã tạo ${UNITS} tệp đơn vị (${mb(size)}) trong ${seconds(performance.now() - built)}.`
  );

  // Open and read file by file, alternately, so that load on the machine weighs on both alike.
  let open = Infinity;
  let full = Infinity;
  let sheets = Infinity;
  let result;
  if (global.gc) global.gc();
  peak = 0;
  const timer = setInterval(sample, 5);
  for (let round = 0; round < ROUNDS; round++) {
    let openMs = 0;
    let fullMs = 0;
    const inputs = [];
    for (const f of files) {
      let start = performance.now();
      await loadWorkbook(f.bytes);
      openMs += performance.now() - start;
      start = performance.now();
      inputs.push(await readUnitInput(f.name, f.bytes));
      fullMs += performance.now() - start;
      sample();
    }
    let start = performance.now();
    result = consolidate(inputs, { period: PERIOD });
    fullMs += performance.now() - start;
    start = performance.now();
    consolidationSheets(result);
    sheets = Math.min(sheets, performance.now() - start);
    open = Math.min(open, openMs);
    full = Math.min(full, fullMs);
  }
  clearInterval(timer);
  sample();
  const ratio = full / open;
  console.log(`Chỉ mở bằng ExcelJS (loadWorkbook):           ${seconds(open)}`);
  console.log(`Đọc + kiểm tra + tổng hợp (cchc consolidate): ${seconds(full)}`);
  console.log(
    `Tỷ lệ tổng hợp / chỉ mở: ${ratio.toFixed(2).replace(".", ",")} (mục tiêu ≤ ${String(GOAL).replace(".", ",")}) — ${ratio <= GOAL ? "ĐẠT" : "CHƯA ĐẠT"}`
  );
  console.log(`Dựng các trang kết quả (dữ liệu, chưa ghi tệp):  ${seconds(sheets)}`);
  console.log(`Bộ nhớ đỉnh (RSS, lấy mẫu mỗi 5 ms và sau mỗi tệp): ${mb(peak)}`);
  console.log(
    `Kết quả: ${result.units.length} đơn vị được tổng hợp, ${result.excluded.length} tệp bị loại; tốt nhất trong ${ROUNDS} lượt.`
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
