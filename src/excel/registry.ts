import type { SheetSnapshot } from "../core/workbook/snapshot";
import { isCode } from "./errors";
import type { SheetInfo } from "./insert";
import { nameKey } from "./names";
import { sheetSnapshotOf, type UsedRangeData } from "./snapshot";

export const SHEET_PROPS = "items/id,items/name,items/visibility";

/**
 * The workbook's sheets as the port last saw them: lets a read go in one sync (the used ranges are
 * requested with the sheet list), and finds a sheet by any name it has had, so addresses taken before a
 * rename still work.
 */
export class SheetRegistry {
  /** As of the last batch that listed them. */
  known: SheetInfo[] | undefined;
  /** Sheet ids by every name they have had. */
  private readonly idByName = new Map<string, string>();

  /** Takes a loaded sheet list as the current one. */
  remember(items: Excel.Worksheet[]): SheetInfo[] {
    return this.set(
      items.map((w) => ({ id: w.id, name: w.name, visibility: String(w.visibility) }))
    );
  }

  set(infos: SheetInfo[]): SheetInfo[] {
    this.known = infos;
    for (const s of infos) this.idByName.set(nameKey(s.name), s.id);
    return infos;
  }

  /** Sheets added by the add-in (loaded proxies), when the list is known. */
  addLoaded(sheets: Excel.Worksheet[]): void {
    for (const ws of sheets) {
      this.known?.push({ id: ws.id, name: ws.name, visibility: String(ws.visibility) });
      this.idByName.set(nameKey(ws.name), ws.id);
    }
  }

  drop(id: string): void {
    if (this.known) this.known = this.known.filter((s) => s.id !== id);
  }

  /** Id of a sheet named now or formerly `name`. */
  idOf(name: string): string | undefined {
    const key = nameKey(name);
    const current = this.known?.find((s) => nameKey(s.name) === key);
    return current?.id ?? this.idByName.get(key);
  }

  nameOf(id: string): string | undefined {
    return this.known?.find((s) => s.id === id)?.name;
  }

  /** Lists the sheets into the registry (one sync). */
  async list(ctx: Excel.RequestContext): Promise<SheetInfo[]> {
    const sheets = ctx.workbook.worksheets;
    sheets.load(SHEET_PROPS);
    await ctx.sync();
    return this.remember(sheets.items);
  }

  /**
   * Lists the sheets and reads the used ranges of those `want` selects, in one sync when the sheets are
   * known from an earlier batch (a sheet deleted meanwhile costs a retry), two otherwise.
   * `extra` queues more into the first sync (again on a retry); `each` rides along with every sheet read.
   */
  async readSheets(
    ctx: Excel.RequestContext,
    want: (name: string) => boolean,
    extra?: () => void,
    each?: (ws: Excel.Worksheet, id: string) => void
  ): Promise<{ infos: SheetInfo[]; data: Map<string, UsedRangeData | null> }> {
    const sheets = ctx.workbook.worksheets;
    const ranges = new Map<string, Excel.Range>();
    const read = (id: string) => {
      const ws = sheets.getItem(id);
      ranges.set(id, loadUsed(ws));
      each?.(ws, id);
    };
    const queueFirst = (speculate: boolean) => {
      sheets.load(SHEET_PROPS);
      ranges.clear();
      if (speculate && this.known) for (const s of this.known) if (want(s.name)) read(s.id);
      extra?.();
    };
    const speculate = this.known !== undefined;
    queueFirst(speculate);
    try {
      await ctx.sync();
    } catch (e) {
      if (!speculate || !isCode(e, "ItemNotFound")) throw e;
      this.known = undefined;
      queueFirst(false);
      await ctx.sync();
    }
    const infos = this.remember(sheets.items);
    const live = new Set(infos.map((s) => s.id));
    for (const id of [...ranges.keys()]) if (!live.has(id)) ranges.delete(id);
    const missing = infos.filter((s) => want(s.name) && !ranges.has(s.id));
    if (missing.length > 0) {
      for (const s of missing) read(s.id);
      await ctx.sync();
    }
    const data = new Map<string, UsedRangeData | null>();
    for (const s of infos) {
      const r = ranges.get(s.id);
      if (!r || !want(s.name)) continue;
      data.set(
        s.id,
        r.isNullObject
          ? null
          : {
              values: r.values,
              formulas: r.formulas,
              numberFormat: r.numberFormat,
              rowIndex: r.rowIndex,
              columnIndex: r.columnIndex,
            }
      );
    }
    return { infos, data };
  }
}

function loadUsed(ws: Excel.Worksheet): Excel.Range {
  const r = ws.getUsedRangeOrNullObject(true);
  r.load("values,formulas,numberFormat,rowIndex,columnIndex");
  return r;
}

/** The snapshots of the sheets read, in workbook order. */
export function snapshotOf(
  infos: SheetInfo[],
  data: Map<string, UsedRangeData | null>
): SheetSnapshot[] {
  return infos
    .filter((s) => data.has(s.id))
    .map((s) => sheetSnapshotOf(s.name, s.visibility === "Visible", data.get(s.id) ?? null));
}
