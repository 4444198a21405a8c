"use strict";
/**
 * Request sizes of the add-in's Excel batches, serialized by Microsoft's web runtime
 * (tests/excel/webRuntime.ts): inserting the forms, and writing the consolidation of N synthetic units
 * (default 100, 200, 600; BENCH_UNITS=…) with notes on 30 % of rows. Excel on the web refuses requests over
 * 5 MB; the goal is ≤ 4 MB each.  node bench/excel-requests.js
 */
const fs = require("fs");
const ts = require("typescript");

// The measurement lives with the tests in TypeScript: compile it on load with TypeScript itself.
require.extensions[".ts"] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: filename,
  });
  module._compile(out.outputText, filename);
};
const { measureRequests } = require("../tests/excel/requestSizes.ts");

const LIMIT = 4 * 1024 * 1024;
const COUNTS = process.env.BENCH_UNITS ? [Number(process.env.BENCH_UNITS)] : [100, 200, 600];

function mb(bytes) {
  return `${(bytes / 1048576).toFixed(2).replace(".", ",")} MB`;
}

async function main() {
  let over = false;
  for (const units of COUNTS) {
    const s = await measureRequests(units);
    const all = [...s.insert, ...s.consolidation];
    over = over || all.some((b) => b > LIMIT);
    if (units === COUNTS[0]) {
      console.log(
        `Chèn biểu mẫu: ${s.insert.length} yêu cầu, lớn nhất ${mb(Math.max(...s.insert))}`
      );
    }
    console.log(
      `Tổng hợp ${units} đơn vị (${s.sheets} trang): ${s.consolidation.length} yêu cầu, lớn nhất ${mb(
        Math.max(...s.consolidation)
      )}, tổng ${mb(s.consolidation.reduce((a, b) => a + b, 0))} [${s.consolidation.map(mb).join("; ")}]`
    );
  }
  console.log(over ? "VƯỢT giới hạn 4 MB một yêu cầu." : "Mọi yêu cầu ≤ 4 MB.");
  if (over) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
