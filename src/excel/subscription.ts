import type { ApiLevels } from "./capabilities";
import { featureMessage } from "./capabilities";
import { ExcelPortError, toPortError } from "./errors";
import { CATCH_UP_MS, Debouncer, RunawayGuard, type OwnWrites } from "./events";
import type { SheetRegistry } from "./registry";

export const DEFAULT_DEBOUNCE_MS = 400;

/**
 * Change events of every worksheet, debounced into one handler call per burst; the add-in's own changes and
 * their echoes are left out (OwnWrites), and a RunawayGuard cuts a re-check loop the echo rules miss.
 * ExcelApi 1.9 has a workbook-wide onChanged; 1.7–1.8 follow each sheet, including sheets added later.
 */
export async function subscribe(
  levels: ApiLevels,
  own: OwnWrites,
  registry: SheetRegistry,
  handler: () => void,
  debounceMs = DEFAULT_DEBOUNCE_MS
): Promise<() => Promise<void>> {
  if (!levels.v17) {
    throw new ExcelPortError(featureMessage("events"), "Unsupported");
  }
  // Where Excel says who changed what (ExcelApi 1.14) no echo is missed: no guard needed.
  const guard = levels.v114 ? undefined : new RunawayGuard();
  const fire = () => {
    guard?.fired();
    handler();
  };
  const debounce = new Debouncer(debounceMs, fire);
  // While the guard holds: one catch-up check after a quiet time that doubles each time (5 s … 80 s), so a
  // missed echo loop slows to a check a minute or so, and the officer's last edit is still checked.
  let catchUpMs = CATCH_UP_MS;
  let catchUp = new Debouncer(catchUpMs, () => undefined);
  const armCatchUp = (ms: number) => {
    catchUp.stop();
    catchUpMs = ms;
    catchUp = new Debouncer(ms, () => {
      armCatchUp(Math.min(catchUpMs * 2, 16 * CATCH_UP_MS));
      fire();
    });
  };
  armCatchUp(CATCH_UP_MS);
  const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
  let closed = false;
  const changed = async (args: Excel.WorksheetChangedEventArgs) => {
    if (closed || own.isOwn(args)) return;
    if (!guard) {
      debounce.poke();
      return;
    }
    const near = own.recent(guard.nearMs);
    if (guard.change(near)) {
      if (!near && catchUpMs !== CATCH_UP_MS) armCatchUp(CATCH_UP_MS);
      debounce.poke();
    } else catchUp.poke();
  };
  const perSheet = !levels.v19;
  const added = async (args: Excel.WorksheetAddedEventArgs) => {
    if (closed) return;
    if (perSheet) {
      // ExcelApi 1.7–1.8 have no collection-wide onChanged: follow the new sheet itself.
      try {
        await Excel.run(async (ctx) => {
          results.push(ctx.workbook.worksheets.getItem(args.worksheetId).onChanged.add(changed));
          await ctx.sync();
        });
      } catch {
        // The sheet went away before we could follow it; nothing to watch.
      }
    }
    if (!own.isOwn(args)) debounce.poke();
  };
  const deleted = async (args: Excel.WorksheetDeletedEventArgs) => {
    if (closed) return;
    registry.drop(args.worksheetId);
    if (!own.isOwn(args)) debounce.poke();
  };
  try {
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      if (perSheet) {
        for (const info of await registry.list(ctx)) {
          results.push(sheets.getItem(info.id).onChanged.add(changed));
        }
      } else {
        results.push(sheets.onChanged.add(changed));
      }
      results.push(sheets.onAdded.add(added));
      results.push(sheets.onDeleted.add(deleted));
      await ctx.sync();
    });
  } catch (e) {
    throw toPortError(e, "bật kiểm tra tự động");
  }
  return async () => {
    if (closed) return;
    closed = true;
    debounce.stop();
    catchUp.stop();
    const byContext = new Map<
      OfficeExtension.ClientRequestContext,
      OfficeExtension.EventHandlerResult<unknown>[]
    >();
    for (const r of results) {
      const list = byContext.get(r.context) ?? [];
      list.push(r);
      byContext.set(r.context, list);
    }
    try {
      await Promise.all(
        [...byContext].map(([context, list]) =>
          Excel.run(context, async (ctx) => {
            for (const r of list) r.remove();
            await ctx.sync();
          })
        )
      );
    } catch (e) {
      throw toPortError(e, "tắt kiểm tra tự động");
    }
  };
}
