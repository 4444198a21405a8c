"use strict";
// Hostile files: peak memory (RSS) and time to read each one, in its own process. Budget: 500 MB and 10 s each.
// Run: npm run bench (or node bench/hostile.js after npm run build:cli).
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const BUDGET_MB = 500;
const BUDGET_S = 10;

async function child(file) {
  const { checkWorkbookBytes } = require("../lib/core/report");
  const start = process.hrtime.bigint();
  const report = await checkWorkbookBytes(
    path.basename(file),
    new Uint8Array(fs.readFileSync(file))
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ ms, rssMb, ok: report.ok, error: report.ok ? undefined : report.error })
  );
}

async function parent() {
  const { getFormSet } = require("../lib/core/forms/catalog");
  const { parsePeriodId } = require("../lib/core/period");
  const { buildLayout } = require("../lib/core/workbook/layout");
  const { writeLayout } = require("../lib/core/xlsx/write");
  const { hostileCorpus } = require("./hostile-files");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-bench-hostile-"));
  try {
    const base = await writeLayout(
      buildLayout(getFormSet("so-nganh-2024"), {
        unit: "Sở Tư pháp",
        period: parsePeriodId("2024-Q1"),
      })
    );
    const built = Date.now();
    const corpus = hostileCorpus(base);
    console.log(`Hostile corpus built in ${((Date.now() - built) / 1000).toFixed(1)} s.`);
    const cases = [["good", { bytes: base, expect: "read" }], ...Object.entries(corpus)];
    let over = 0;
    console.log("case                          file KB   peak RSS MB   time s   result");
    for (const [name, c] of cases) {
      const file = path.join(dir, `${name}.xlsx`);
      fs.writeFileSync(file, c.bytes);
      const out = execFileSync(process.execPath, [__filename, "--child", file], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      });
      const r = JSON.parse(out);
      const within = r.rssMb <= BUDGET_MB && r.ms / 1000 <= BUDGET_S;
      const asExpected = (c.expect === "read") === r.ok;
      if (!within || !asExpected) over++;
      console.log(
        `${name.padEnd(30)}${String(Math.round(c.bytes.length / 1024)).padStart(7)}${r.rssMb
          .toFixed(0)
          .padStart(14)}${(r.ms / 1000).toFixed(2).padStart(9)}   ${r.ok ? "đọc được" : "từ chối"}${
          within ? "" : "  VƯỢT NGÂN SÁCH"
        }${asExpected ? "" : "  KHÔNG NHƯ MONG ĐỢI"}`
      );
    }
    console.log(
      over === 0
        ? `All ${cases.length} cases within ${BUDGET_MB} MB and ${BUDGET_S} s, each as expected.`
        : `${over} case(s) over budget or not as expected.`
    );
    if (over > 0) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") child(process.argv[3]);
else parent();
