import type { ApiLevels } from "./capabilities";
import type { Capabilities } from "./contract";
import { nameKey, uniqueSheetName } from "./names";
import { batches, ops, type Op } from "./ops";
import type { SheetInfo } from "./insert";
import { sheetOps, type ExcelSheetLayout } from "./writer";

/**
 * New sheets (consolidation, findings) with unique names, never over user data. Every sheet's ops go into
 * one list, each bound to its sheet once added, cut into batches under the request budget, one sync each;
 * `onProgress(done, total)` after each. Call with the sheet list and defined names loaded.
 */
export async function addSheets(
  ctx: Excel.RequestContext,
  levels: ApiLevels,
  infos: SheetInfo[],
  definedNames: string[],
  layouts: ExcelSheetLayout[],
  activate: boolean,
  onProgress?: (done: number, total: number) => void
): Promise<{ names: string[]; added: Excel.Worksheet[]; skipped: Set<keyof Capabilities> }> {
  const sheets = ctx.workbook.worksheets;
  const taken = new Set(infos.map((s) => nameKey(s.name)));
  const usedNames = new Set(definedNames.map((n) => n.toUpperCase()));
  const skipped = new Set<keyof Capabilities>();
  const added: Excel.Worksheet[] = [];
  const names: string[] = [];
  const flat: Op[] = [];
  for (const layout of layouts) {
    const name = uniqueSheetName(layout.name, taken);
    const index = names.push(name) - 1;
    flat.push({
      cost: ops.range,
      queue: () => {
        const ws = sheets.add(name);
        ws.load("id,name,visibility");
        added[index] = ws;
      },
    });
    const list = sheetOps(
      { ...layout, name },
      {
        levels,
        skipped,
        names: (n) => {
          const key = n.toUpperCase();
          if (usedNames.has(key)) return false;
          usedNames.add(key);
          return true;
        },
      }
    );
    for (const op of list)
      flat.push({ cost: op.cost, queue: (_ws, c) => op.queue(added[index], c) });
  }
  const parts = batches(flat);
  let done = 0;
  const report = () => {
    try {
      onProgress?.(done, parts.length);
    } catch {
      // The pane's progress display never stops the writing.
    }
  };
  report();
  for (const [i, part] of parts.entries()) {
    for (const op of part) op.queue(added[0], ctx);
    if (i === parts.length - 1 && activate && added[0]) added[0].activate();
    await ctx.sync();
    done++;
    report();
  }
  return { names, added, skipped };
}
