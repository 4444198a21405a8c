import type { ConvertReport, TextNumberCell } from "../core/findings/convert";
import { parseCellAddress } from "../core/workbook/snapshot";
import { a1 } from "./names";

/**
 * Turns numbers stored as text into numbers, as Excel's own "Convert to Number" does, with a number
 * format that shows them as the text did. 2 syncs: read the cells, then write those that still hold the
 * text the check read (a cell changed since is left alone). `idOf` finds a sheet renamed since the check.
 */
export async function convertTextNumbers(
  ctx: Excel.RequestContext,
  cells: TextNumberCell[],
  idOf: (sheet: string) => string | undefined
): Promise<ConvertReport> {
  const report: ConvertReport = { converted: [], skipped: [] };
  const items = cells.map((cell) => {
    const p = parseCellAddress(cell.address);
    if (!p) return { cell, ws: undefined, range: undefined };
    const ws = ctx.workbook.worksheets.getItemOrNullObject(idOf(p.sheet) ?? p.sheet);
    const range = ws.getRange(a1(p.row0, p.col0));
    range.load("values");
    return { cell, ws, range };
  });
  if (items.length === 0) return report;
  await ctx.sync();
  for (const { cell, ws, range } of items) {
    if (!ws || !range || ws.isNullObject) {
      report.skipped.push({ address: cell.address, reason: "không còn trang tính này" });
      continue;
    }
    let now: unknown;
    try {
      now = range.values[0][0];
    } catch {
      now = undefined;
    }
    if (typeof now !== "string" || now.trim() !== cell.text.trim()) {
      report.skipped.push({ address: cell.address, reason: "ô đã thay đổi từ lần kiểm tra trước" });
      continue;
    }
    range.numberFormat = [[cell.numberFormat]];
    range.values = [[cell.value]];
    report.converted.push(cell.address);
  }
  if (report.converted.length > 0) await ctx.sync();
  return report;
}
