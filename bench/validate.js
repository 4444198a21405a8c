"use strict";
// Time to validate N filled workbooks vs the time merely to open them with ExcelJS. Run: npm run bench
const ExcelJS = require("exceljs");
const { getFormSet } = require("../lib/core/forms/catalog");
const { parsePeriodId } = require("../lib/core/period");
const { buildLayout } = require("../lib/core/workbook/layout");
const { writeLayout } = require("../lib/core/xlsx/write");
const { loadWorkbook } = require("../lib/core/xlsx/read");
const { checkWorkbookBytes } = require("../lib/core/report");

const N = Number(process.env.BENCH_FILES || 200);

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 5);

async function makeWorkbooks() {
  const sets = ["so-nganh-2024", "tinh-2024"];
  const templates = [];
  for (const id of sets) {
    const layout = buildLayout(getFormSet(id), { unit: "Đơn vị", period: parsePeriodId("2024-Q1") });
    templates.push({ id, layout, bytes: await writeLayout(layout) });
  }
  const out = [];
  for (let i = 0; i < N; i++) {
    const t = templates[i % templates.length];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.bytes);
    let k = i;
    for (const sheet of t.layout.sheets) {
      const ws = wb.getWorksheet(sheet.name);
      for (const v of sheet.valueCells) {
        const cell = ws.getCell(v.address);
        if (cell.formula) continue;
        k = (k * 31 + 7) % 1009;
        cell.value = k % 5 === 0 ? String(k * 10).replace(/\B(?=(\d{3})+(?!\d))/g, ".") : k % 100;
      }
    }
    out.push(new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  return out;
}

async function time(label, files, fn) {
  const start = process.hrtime.bigint();
  for (const bytes of files) await fn(bytes);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { label, ms };
}

(async () => {
  const files = await makeWorkbooks();
  const size = files.reduce((s, f) => s + f.length, 0);
  // Warm up both paths so neither pays the JIT alone.
  for (const f of files.slice(0, 5)) {
    await loadWorkbook(f);
    await checkWorkbookBytes("x.xlsx", f);
  }
  peakRss = 0;
  const open = await time("mở bằng ExcelJS", files, (b) => loadWorkbook(b));
  let errors = 0;
  const validate = await time("kiểm tra (mở + nhận dạng + quy tắc)", files, async (b) => {
    const r = await checkWorkbookBytes("x.xlsx", b);
    if (!r.ok) throw new Error(r.error);
    errors += r.counts.errors;
  });
  clearInterval(timer);
  sample();
  const ratio = validate.ms / open.ms;
  console.log(`cchc validate — ${N} tệp, ${(size / 1048576).toFixed(1)} MB`);
  console.log(`  ${open.label}: ${open.ms.toFixed(0)} ms (${(open.ms / N).toFixed(1)} ms/tệp)`);
  console.log(`  ${validate.label}: ${validate.ms.toFixed(0)} ms (${(validate.ms / N).toFixed(1)} ms/tệp), ${errors} lỗi tìm thấy`);
  console.log(`  tỷ lệ kiểm tra / mở: ${ratio.toFixed(2)} (mục tiêu ≤ 1,30) ${ratio <= 1.3 ? "ĐẠT" : "CHƯA ĐẠT"}`);
  console.log(`  bộ nhớ đỉnh (RSS): ${(peakRss / 1048576).toFixed(0)} MB`);
})().catch((e) => {
  clearInterval(timer);
  console.error(e);
  process.exitCode = 1;
});
