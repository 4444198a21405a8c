import { builtInFormSets, type Catalog } from "../core/forms/catalog";
import type { Severity } from "../core/forms/schema";
import type { Finding } from "../core/rules/types";
import type { Separators, SheetLayout, WorkbookLayout } from "../core/workbook/layout";
import {
  cellAddress,
  parseCellAddress,
  type SheetSnapshot,
  type WorkbookSnapshot,
} from "../core/workbook/snapshot";
import {
  capabilitiesOf,
  detectLevels,
  featureMessage,
  officeSetCheck,
  unavailableFeatures,
  type ApiLevels,
  type SetCheck,
} from "./capabilities";
import type {
  Capabilities,
  ExcelPort,
  ExistingForms,
  HighlightMark,
  HighlightState,
  InsertMode,
  InsertReport,
} from "./contract";
import { ExcelPortError, isCode, toPortError } from "./errors";
import { Debouncer, OwnWrites, RunawayGuard } from "./events";
import { FINDINGS_SHEET, findingsLayout, MARK_FILLS } from "./findings";
import { a1, nameKey, parseA1, uniqueSheetName } from "./names";
import { planRebuild, type RebuildPlan } from "./rebuild";
import { sheetSnapshotOf, type UsedRangeData } from "./snapshot";
import { batches, ops, type Op } from "./ops";
import { RebuildSteps, type SheetInfo } from "./insert";
import { queueSeparators, withSeparators } from "./locale";
import { sheetOps, type ExcelSheetLayout } from "./writer";

export interface PortOptions {
  /** Requirement-set check (default: Office.context.requirements.isSetSupported). */
  setCheck?: SetCheck;
  /** Clock for own-write suppression. */
  now?: () => number;
  /** How long after an own write its change events are ignored where Excel cannot say who wrote (ms). */
  ownWriteTailMs?: number;
  /** Form sets a rebuild may match against (default: the built-in ones). */
  catalogs?: () => Catalog[];
}

/** Workbook setting holding the marks on cells, so a reopened pane can take them away. */
export const MARKS_SETTING = "cchc.highlightMarks";
export const DEFAULT_DEBOUNCE_MS = 400;
const SHEET_PROPS = "items/id,items/name,items/visibility";
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const OUR_FILLS = new Set(Object.values(MARK_FILLS).map((c) => c.toUpperCase()));

/** The ExcelPort on Office.js. Call after Office.onReady. */
export function createExcelPort(options: PortOptions = {}): ExcelPort {
  return new OfficeExcelPort(options);
}

class OfficeExcelPort implements ExcelPort {
  private readonly levels: ApiLevels;
  private readonly caps: Capabilities;
  private readonly own: OwnWrites;
  private readonly catalogs: () => Catalog[];
  /** Sheets as of the last batch that listed them; lets the next read go in one sync. */
  private known: SheetInfo[] | undefined;
  /** Sheet ids by every name they have had (so old addresses still find renamed sheets). */
  private readonly idByName = new Map<string, string>();
  /** Marks saved in the workbook by an earlier session, read with the first snapshot. */
  private savedMarks: HighlightMark[] | undefined;
  /** Marks not yet saved in the workbook (saved with the next batch). */
  private unsavedMarks: HighlightMark[] | undefined;

  constructor(options: PortOptions) {
    this.levels = detectLevels(options.setCheck ?? officeSetCheck());
    this.caps = capabilitiesOf(this.levels);
    this.own = new OwnWrites(
      options.now ?? (() => Date.now()),
      options.ownWriteTailMs ?? 1000,
      this.levels.v114
    );
    this.catalogs = options.catalogs ?? (() => [...builtInFormSets().values()]);
  }

  capabilities(): Capabilities {
    return { ...this.caps };
  }

  unavailableFeatures(): string[] {
    return unavailableFeatures(this.caps);
  }

  // ---- plumbing

  private async run<T>(
    action: string,
    batch: (ctx: Excel.RequestContext) => Promise<T>
  ): Promise<T> {
    try {
      return await Excel.run(batch);
    } catch (e) {
      throw toPortError(e, action);
    }
  }

  /** A run whose change events are the add-in's own. */
  private async write<T>(
    action: string,
    batch: (ctx: Excel.RequestContext) => Promise<T>
  ): Promise<T> {
    this.own.begin();
    try {
      return await this.run(action, batch);
    } finally {
      this.own.end();
    }
  }

  private remember(items: Excel.Worksheet[]): SheetInfo[] {
    const infos = items.map((w) => ({
      id: w.id,
      name: w.name,
      visibility: String(w.visibility),
    }));
    this.known = infos;
    for (const s of infos) this.idByName.set(nameKey(s.name), s.id);
    return infos;
  }

  /** Id of a sheet named now or formerly `name`. */
  private idOf(name: string): string | undefined {
    const key = nameKey(name);
    const current = this.known?.find((s) => nameKey(s.name) === key);
    return current?.id ?? this.idByName.get(key);
  }

  private loadUsed(ws: Excel.Worksheet): Excel.Range {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load("values,formulas,numberFormat,rowIndex,columnIndex");
    return r;
  }

  private saveMarksIn(ctx: Excel.RequestContext): HighlightMark[] | undefined {
    const marks = this.unsavedMarks;
    if (marks && this.levels.v14) ctx.workbook.settings.add(MARKS_SETTING, JSON.stringify(marks));
    return marks;
  }

  /**
   * Lists the sheets and reads the used ranges of those `want` selects, in one sync when the sheets are
   * known from an earlier batch (a sheet deleted meanwhile costs a retry), two otherwise.
   * `extra` queues more reads into the first sync; `each` rides along with every sheet read.
   */
  private async readSheets(
    ctx: Excel.RequestContext,
    want: (name: string) => boolean,
    extra?: () => void,
    each?: (ws: Excel.Worksheet, id: string) => void
  ): Promise<{ infos: SheetInfo[]; data: Map<string, UsedRangeData | null> }> {
    const sheets = ctx.workbook.worksheets;
    const ranges = new Map<string, Excel.Range>();
    const read = (id: string) => {
      const ws = sheets.getItem(id);
      ranges.set(id, this.loadUsed(ws));
      each?.(ws, id);
    };
    let saving: HighlightMark[] | undefined;
    const queueFirst = (speculate: boolean) => {
      sheets.load(SHEET_PROPS);
      ranges.clear();
      if (speculate && this.known) for (const s of this.known) if (want(s.name)) read(s.id);
      extra?.();
      saving = this.saveMarksIn(ctx);
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
    if (saving && saving === this.unsavedMarks) this.unsavedMarks = undefined;
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

  private snapshotOf(infos: SheetInfo[], data: Map<string, UsedRangeData | null>): SheetSnapshot[] {
    return infos
      .filter((s) => data.has(s.id))
      .map((s) => sheetSnapshotOf(s.name, s.visibility === "Visible", data.get(s.id) ?? null));
  }

  // ---- reading

  readSnapshot(): Promise<WorkbookSnapshot> {
    return this.run("đọc sổ làm việc", async (ctx) => {
      const extra: { props?: Excel.DocumentProperties; marks?: Excel.Setting } = {};
      const { infos, data } = await this.readSheets(
        ctx,
        () => true,
        () => {
          if (this.levels.v17) extra.props = ctx.workbook.properties.load("creationDate");
          if (this.savedMarks === undefined && this.levels.v14) {
            extra.marks = ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).load("value");
          }
        }
      );
      const saved = extra.marks;
      if (saved) this.savedMarks = saved.isNullObject ? [] : parseMarks(saved.value);
      const snapshot: WorkbookSnapshot = { sheets: this.snapshotOf(infos, data) };
      const created = extra.props?.creationDate;
      if (created) {
        const d = created instanceof Date ? created : new Date(created);
        if (!Number.isNaN(d.getTime())) snapshot.modified = d;
      }
      return snapshot;
    });
  }

  private layoutWants(layout: WorkbookLayout): (name: string) => boolean {
    const keys = new Set(layout.sheets.map((s) => nameKey(s.name)));
    keys.add(nameKey(layout.meta.sheetName));
    return (name) => keys.has(nameKey(name));
  }

  private plan(layout: WorkbookLayout, sheets: SheetSnapshot[]): RebuildPlan {
    return planRebuild(layout, { sheets }, this.catalogsFor(layout));
  }

  private catalogsFor(layout: WorkbookLayout): Catalog[] | undefined {
    const id = layout.meta.rows.find(([k]) => k === "formSet")?.[1];
    const all = this.catalogs();
    const own = all.find((c) => c.id === id);
    return own ? [own] : all;
  }

  findExisting(layout: WorkbookLayout): Promise<ExistingForms> {
    return this.run("đọc sổ làm việc", async (ctx) => {
      const { infos, data } = await this.readSheets(ctx, this.layoutWants(layout));
      const plan = this.plan(layout, this.snapshotOf(infos, data));
      return {
        sheets: plan.targets,
        filledCells: plan.carried.length,
        unmatchedCells: plan.unmatched,
      };
    });
  }

  // ---- writing forms

  insertForms(layout: WorkbookLayout, mode: InsertMode): Promise<InsertReport> {
    const action = mode === "new" ? "chèn biểu mẫu" : "dựng lại biểu mẫu";
    return this.write(action, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const names = ctx.workbook.names;
      const layoutKeys = new Set(layout.sheets.map((s) => nameKey(s.name)));
      const protections = new Map<string, Excel.WorksheetProtection>();
      let infos: SheetInfo[];
      let plan: RebuildPlan | undefined;
      let separators: (() => Separators | undefined) | undefined;
      const firstReads = () => {
        if (this.levels.v14) names.load("items/name");
        if (this.levels.v111) separators = queueSeparators(ctx);
      };
      if (mode === "new") {
        sheets.load(SHEET_PROPS);
        firstReads();
        this.saveMarksIn(ctx);
        await ctx.sync();
        infos = this.remember(sheets.items);
      } else {
        const read = await this.readSheets(ctx, this.layoutWants(layout), firstReads, (ws, id) =>
          protections.set(id, ws.protection.load("protected"))
        );
        infos = read.infos;
        plan = this.plan(layout, this.snapshotOf(infos, read.data));
      }

      const existing = infos.filter((s) => layoutKeys.has(nameKey(s.name)));
      if (mode === "new" && existing.length > 0) {
        const list = existing.map((s) => `“${s.name}”`).join(", ");
        throw new ExcelPortError(
          `Không chèn biểu mẫu được: sổ làm việc đã có trang ${list}. Hãy chọn “Dựng lại, giữ số liệu” để dựng lại biểu mẫu mà không mất số liệu đã nhập, hoặc chèn vào một sổ làm việc mới.`,
          "SheetExists"
        );
      }
      const locked = existing.filter((s) => protections.get(s.id)?.protected === true);
      if (locked.length > 0) {
        const list = locked.map((s) => `“${s.name}”`).join(", ");
        throw new ExcelPortError(
          `Không dựng lại biểu mẫu được. Trang tính đang được bảo vệ: ${list}. Hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ trang tính) rồi thử lại.`,
          "AccessDenied"
        );
      }
      // Prompts and alerts with examples in this Excel's separators.
      const local = withSeparators(layout, this.catalogsFor(layout)?.[0], separators?.());
      const rebuild = new RebuildSteps(ctx, this.levels, local, infos, existing, plan);
      const report = await rebuild.run(names.items);
      this.known = rebuild.sheetsNow();
      for (const s of this.known) this.idByName.set(nameKey(s.name), s.id);
      for (const id of rebuild.writtenIds()) this.own.touched(id);
      return report;
    });
  }

  /**
   * Adds sheets with unique names after listing the existing ones: each sheet's ops cut into batches under
   * the request budget, one sync each, `onProgress(done, total)` after each.
   */
  private addSheets(
    action: string,
    layouts: ExcelSheetLayout[],
    activate: boolean,
    onProgress?: (done: number, total: number) => void
  ): Promise<{ names: string[]; skipped: Set<keyof Capabilities> }> {
    return this.write(action, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const definedNames = ctx.workbook.names;
      sheets.load(SHEET_PROPS);
      if (this.levels.v14) definedNames.load("items/name");
      this.saveMarksIn(ctx);
      await ctx.sync();
      const infos = this.remember(sheets.items);
      const taken = new Set(infos.map((s) => nameKey(s.name)));
      const usedNames = new Set(
        this.levels.v14 ? definedNames.items.map((n) => n.name.toUpperCase()) : []
      );
      const skipped = new Set<keyof Capabilities>();
      // Every sheet's ops in one list, each bound to its sheet once added; cut into batches by size.
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
            levels: this.levels,
            skipped,
            names: (n) => {
              const key = n.toUpperCase();
              if (usedNames.has(key)) return false;
              usedNames.add(key);
              return true;
            },
          }
        );
        for (const op of list) {
          flat.push({ cost: op.cost, queue: (_ws, c) => op.queue(added[index], c) });
        }
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
      for (const ws of added) this.own.touched(ws.id);
      const known = this.known;
      if (known) {
        for (const ws of added) {
          known.push({ id: ws.id, name: ws.name, visibility: String(ws.visibility) });
          this.idByName.set(nameKey(ws.name), ws.id);
        }
      }
      return { names, skipped };
    });
  }

  async writeSheets(
    sheets: SheetLayout[],
    onProgress?: (done: number, total: number) => void
  ): Promise<string[]> {
    if (sheets.length === 0) return [];
    return (await this.addSheets("ghi trang tính", sheets, true, onProgress)).names;
  }

  async writeFindingsSheet(findings: Finding[], title: string): Promise<string> {
    const layout = findingsLayout(FINDINGS_SHEET, findings, title);
    const { names } = await this.addSheets("ghi trang kết quả kiểm tra", [layout], true);
    return names[0];
  }

  // ---- marks and selection

  highlight(findings: Finding[], previous: HighlightState): Promise<HighlightState> {
    // Not an own write by time (the user's next edit elsewhere must count): its cells are recorded instead.
    return this.run("đánh dấu ô", async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const list = async () => {
        sheets.load(SHEET_PROPS);
        await ctx.sync();
        this.remember(sheets.items);
      };
      if (!this.known) await list();
      const earlier =
        previous.marks && previous.marks.length > 0 ? previous.marks : (this.savedMarks ?? []);
      const queue = () => {
        const live = new Set((this.known ?? []).map((s) => s.id));
        const restore = earlier
          .map((m) => ({ ...m, sheetId: live.has(m.sheetId) ? m.sheetId : this.idOf(m.sheet) }))
          .filter((m): m is HighlightMark => m.sheetId !== undefined && live.has(m.sheetId));
        const targets = new Map<string, Omit<HighlightMark, "fill"> & { severity: Severity }>();
        for (const f of findings) {
          const p = f.cell ? parseCellAddress(f.cell) : null;
          const sheetId = p ? this.idOf(p.sheet) : undefined;
          if (!p || !sheetId || !live.has(sheetId)) continue;
          const cell = a1(p.row0, p.col0);
          const had = targets.get(`${sheetId}!${cell}`);
          if (!had || RANK[f.severity] > RANK[had.severity]) {
            targets.set(`${sheetId}!${cell}`, {
              sheetId,
              sheet: p.sheet,
              cell,
              severity: f.severity,
            });
          }
        }
        // Touch every sheet first: one deleted meanwhile fails the batch before anything changed.
        const ids = new Set([
          ...restore.map((m) => m.sheetId),
          ...[...targets.values()].map((t) => t.sheetId),
        ]);
        for (const id of ids) sheets.getItem(id).load("id");
        // Formats raise onChanged too: these cells' events are the marks' echo, the user's other edits are not.
        for (const m of restore) this.own.touched(m.sheetId, m.cell);
        for (const t of targets.values()) this.own.touched(t.sheetId, t.cell);
        for (const m of restore) {
          const fill = sheets.getItem(m.sheetId).getRange(m.cell).format.fill;
          if (m.fill) fill.color = m.fill;
          else fill.clear();
        }
        // A separate proxy reads the fill as it is after the restore and before the mark (batch order).
        return [...targets.values()].map((t) => {
          const probe = sheets.getItem(t.sheetId).getRange(t.cell).format.fill;
          probe.load("color");
          sheets.getItem(t.sheetId).getRange(t.cell).format.fill.color = MARK_FILLS[t.severity];
          return { t, probe };
        });
      };
      let probes = queue();
      try {
        await ctx.sync();
      } catch (e) {
        if (!isCode(e, "ItemNotFound")) throw e;
        await list();
        probes = queue();
        await ctx.sync();
      }
      this.savedMarks = [];
      const marks: HighlightMark[] = probes.map(({ t, probe }) => ({
        sheetId: t.sheetId,
        sheet: t.sheet,
        cell: t.cell,
        fill: ownFill(probe.color),
      }));
      this.unsavedMarks = marks;
      const nameOf = new Map((this.known ?? []).map((s) => [s.id, s.name]));
      return {
        addresses: marks.map((m) => {
          const p = parseA1(m.cell)!;
          return cellAddress(nameOf.get(m.sheetId) ?? m.sheet, p.row0, p.col0);
        }),
        marks,
      };
    });
  }

  select(address: string): Promise<void> {
    const p = parseCellAddress(address.trim());
    if (!p) {
      return Promise.reject(
        new ExcelPortError(
          `Địa chỉ ô “${address}” không hợp lệ (cần dạng 'Biểu mẫu 3'!D20).`,
          "BadAddress"
        )
      );
    }
    return this.run(`chọn ô ${address}`, async (ctx) => {
      const id = this.idOf(p.sheet);
      const ws = ctx.workbook.worksheets.getItem(id ?? p.sheet);
      ws.activate();
      ws.getRange(a1(p.row0, p.col0)).select();
      await ctx.sync();
    });
  }

  // ---- change events

  async onChange(
    handler: () => void,
    debounceMs = DEFAULT_DEBOUNCE_MS
  ): Promise<() => Promise<void>> {
    if (!this.levels.v17) {
      throw new ExcelPortError(featureMessage("events"), "Unsupported");
    }
    const guard = new RunawayGuard();
    const debounce = new Debouncer(debounceMs, () => {
      guard.fired();
      handler();
    });
    const results: OfficeExtension.EventHandlerResult<unknown>[] = [];
    let closed = false;
    const changed = async (args: Excel.WorksheetChangedEventArgs) => {
      if (closed || this.own.isOwn(args)) return;
      if (guard.change(this.own.recent(guard.nearMs))) debounce.poke();
    };
    const perSheet = !this.levels.v19;
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
      if (!this.own.isOwn(args)) debounce.poke();
    };
    const deleted = async (args: Excel.WorksheetDeletedEventArgs) => {
      if (closed) return;
      if (this.known) this.known = this.known.filter((s) => s.id !== args.worksheetId);
      if (!this.own.isOwn(args)) debounce.poke();
    };
    await this.run("bật kiểm tra tự động", async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      if (perSheet) {
        sheets.load(SHEET_PROPS);
        await ctx.sync();
        this.remember(sheets.items);
        for (const ws of sheets.items) results.push(ws.onChanged.add(changed));
      } else {
        results.push(sheets.onChanged.add(changed));
      }
      results.push(sheets.onAdded.add(added));
      results.push(sheets.onDeleted.add(deleted));
      await ctx.sync();
    });
    return async () => {
      if (closed) return;
      closed = true;
      debounce.stop();
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

  // ---- settings

  loadSetting(key: string): Promise<string | undefined> {
    return this.run("đọc thiết lập của sổ làm việc", async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(key);
      setting.load("value");
      await context.sync();
      if (setting.isNullObject) return undefined;
      const v: unknown = setting.value;
      return v === null || v === undefined ? undefined : String(v);
    });
  }

  saveSetting(key: string, value: string): Promise<void> {
    return this.run("lưu thiết lập vào sổ làm việc", async (ctx) => {
      ctx.workbook.settings.add(key, value);
      await ctx.sync();
    });
  }
}

/**
 * The fill a mark covered. Excel reports "no fill" as white; a fill in the add-in's own mark colours is a
 * mark left by an earlier session, so both mean no fill.
 */
function ownFill(color: string | null | undefined): string | null {
  if (!color) return null;
  const c = color.toUpperCase();
  if (c === "#FFFFFF" || OUR_FILLS.has(c)) return null;
  return c;
}

function parseMarks(value: unknown): HighlightMark[] {
  try {
    const data: unknown = typeof value === "string" ? JSON.parse(value) : value;
    if (!Array.isArray(data)) return [];
    return data.filter(
      (m): m is HighlightMark =>
        Boolean(m) &&
        typeof m.sheetId === "string" &&
        typeof m.sheet === "string" &&
        typeof m.cell === "string" &&
        parseA1(m.cell) !== null &&
        (m.fill === null || typeof m.fill === "string")
    );
  } catch {
    return [];
  }
}
