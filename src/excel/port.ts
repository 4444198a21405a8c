import { builtInFormSets, type Catalog } from "../core/forms/catalog";
import type { ConvertReport, TextNumberCell } from "../core/findings/convert";
import type { Finding } from "../core/rules/types";
import type { Separators, SheetLayout, WorkbookLayout } from "../core/workbook/layout";
import { cellAddress, parseCellAddress, type WorkbookSnapshot } from "../core/workbook/snapshot";
import { addSheets } from "./add";
import {
  capabilitiesOf,
  detectLevels,
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
import { convertTextNumbers } from "./convert";
import { OwnWrites } from "./events";
import { FINDINGS_SHEET, findingsLayout, MARK_FILLS } from "./findings";
import { RebuildSteps, type SheetInfo } from "./insert";
import { queueSeparators, withSeparators } from "./locale";
import { MARKS_SETTING, MarkStore, ownFill, parseMarks, planMarks } from "./marks";
import { a1, nameKey, parseA1 } from "./names";
import { planRebuild, type RebuildPlan } from "./rebuild";
import { SHEET_PROPS, SheetRegistry, snapshotOf } from "./registry";
import { loadSetting, saveSetting } from "./settings";
import { DEFAULT_DEBOUNCE_MS, subscribe } from "./subscription";

export { MARKS_SETTING } from "./marks";
export { DEFAULT_DEBOUNCE_MS } from "./subscription";

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

/** The ExcelPort on Office.js. Call after Office.onReady. */
export function createExcelPort(options: PortOptions = {}): ExcelPort {
  return new OfficeExcelPort(options);
}

/**
 * Composes the parts: the sheet registry (registry.ts), inserting and rebuilding forms (insert.ts), new
 * sheets in batches (add.ts), marks planned in plain code (marks.ts) and written here, change events
 * (subscription.ts), settings (settings.ts).
 */
class OfficeExcelPort implements ExcelPort {
  private readonly levels: ApiLevels;
  private readonly caps: Capabilities;
  private readonly own: OwnWrites;
  private readonly catalogs: () => Catalog[];
  private readonly registry = new SheetRegistry();
  private readonly marks: MarkStore;
  private knownSeparators: Promise<Separators | undefined> | undefined;

  constructor(options: PortOptions) {
    this.levels = detectLevels(options.setCheck ?? officeSetCheck());
    this.caps = capabilitiesOf(this.levels);
    this.own = new OwnWrites(
      options.now ?? (() => Date.now()),
      options.ownWriteTailMs ?? 1000,
      this.levels.v114
    );
    this.catalogs = options.catalogs ?? (() => [...builtInFormSets().values()]);
    this.marks = new MarkStore(this.levels);
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

  /** Reads the sheets `want` selects; unsaved marks ride along with the first sync. */
  private async readSheets(
    ctx: Excel.RequestContext,
    want: (name: string) => boolean,
    extra?: () => void,
    each?: (ws: Excel.Worksheet, id: string) => void
  ) {
    let saved: (() => void) | undefined;
    const read = await this.registry.readSheets(
      ctx,
      want,
      () => {
        extra?.();
        saved = this.marks.saveIn(ctx);
      },
      each
    );
    saved?.();
    return read;
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
          if (this.marks.saved === undefined && this.levels.v14) {
            extra.marks = ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).load("value");
          }
        }
      );
      const saved = extra.marks;
      if (saved) this.marks.saved = saved.isNullObject ? [] : parseMarks(saved.value);
      const snapshot: WorkbookSnapshot = { sheets: snapshotOf(infos, data) };
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

  private catalogsFor(layout: WorkbookLayout): Catalog[] | undefined {
    const id = layout.meta.rows.find(([k]) => k === "formSet")?.[1];
    const all = this.catalogs();
    const own = all.find((c) => c.id === id);
    return own ? [own] : all;
  }

  findExisting(layout: WorkbookLayout): Promise<ExistingForms> {
    return this.run("đọc sổ làm việc", async (ctx) => {
      const { infos, data } = await this.readSheets(ctx, this.layoutWants(layout));
      const plan = planRebuild(
        layout,
        { sheets: snapshotOf(infos, data) },
        this.catalogsFor(layout)
      );
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
        const saved = this.marks.saveIn(ctx);
        await ctx.sync();
        saved();
        infos = this.registry.remember(sheets.items);
      } else {
        const read = await this.readSheets(ctx, this.layoutWants(layout), firstReads, (ws, id) =>
          protections.set(id, ws.protection.load("protected"))
        );
        infos = read.infos;
        plan = planRebuild(
          layout,
          { sheets: snapshotOf(infos, read.data) },
          this.catalogsFor(layout)
        );
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
      const sep = separators?.();
      if (sep && !this.knownSeparators) this.knownSeparators = Promise.resolve(sep);
      const local = withSeparators(layout, this.catalogsFor(layout)?.[0], sep);
      const rebuild = new RebuildSteps(ctx, this.levels, local, infos, existing, plan);
      const report = await rebuild.run(names.items);
      this.registry.set(rebuild.sheetsNow());
      for (const id of rebuild.writtenIds()) this.own.touched(id);
      return report;
    });
  }

  private addSheets(
    action: string,
    layouts: SheetLayout[],
    activate: boolean,
    onProgress?: (done: number, total: number) => void
  ): Promise<string[]> {
    return this.write(action, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const definedNames = ctx.workbook.names;
      sheets.load(SHEET_PROPS);
      if (this.levels.v14) definedNames.load("items/name");
      const saved = this.marks.saveIn(ctx);
      await ctx.sync();
      saved();
      const infos = this.registry.remember(sheets.items);
      const used = this.levels.v14 ? definedNames.items.map((n) => n.name) : [];
      const out = await addSheets(ctx, this.levels, infos, used, layouts, activate, onProgress);
      for (const ws of out.added) this.own.touched(ws.id);
      this.registry.addLoaded(out.added);
      return out.names;
    });
  }

  async writeSheets(
    sheets: SheetLayout[],
    onProgress?: (done: number, total: number) => void
  ): Promise<string[]> {
    if (sheets.length === 0) return [];
    return this.addSheets("ghi trang tính", sheets, true, onProgress);
  }

  async writeFindingsSheet(findings: Finding[], title: string): Promise<string> {
    const layout = findingsLayout(FINDINGS_SHEET, findings, title);
    const names = await this.addSheets("ghi trang kết quả kiểm tra", [layout], true);
    return names[0];
  }

  convertTextNumbers(cells: TextNumberCell[]): Promise<ConvertReport> {
    return this.write("chuyển số dạng chữ thành số", (ctx) =>
      convertTextNumbers(ctx, cells, (sheet) => this.registry.idOf(sheet))
    );
  }

  // ---- marks and selection

  highlight(findings: Finding[], previous: HighlightState): Promise<HighlightState> {
    // Not an own write by time (the user's next edit elsewhere must count): its cells are recorded instead.
    return this.run("đánh dấu ô", async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      if (!this.registry.known) await this.registry.list(ctx);
      const earlier =
        previous.marks && previous.marks.length > 0 ? previous.marks : (this.marks.saved ?? []);
      const queue = () => {
        const live = new Set((this.registry.known ?? []).map((s) => s.id));
        const { restore, targets } = planMarks(findings, earlier, live, (n) =>
          this.registry.idOf(n)
        );
        // Touch every sheet first: one deleted meanwhile fails the batch before anything changed.
        const ids = new Set([...restore.map((m) => m.sheetId), ...targets.map((t) => t.sheetId)]);
        for (const id of ids) sheets.getItem(id).load("id");
        // Formats raise onChanged too: these cells' events are the marks' echo, the user's other edits are not.
        for (const m of restore) this.own.touched(m.sheetId, m.cell);
        for (const t of targets) this.own.touched(t.sheetId, t.cell);
        for (const m of restore) {
          const fill = sheets.getItem(m.sheetId).getRange(m.cell).format.fill;
          if (m.fill) fill.color = m.fill;
          else fill.clear();
        }
        // A separate proxy reads the fill as it is after the restore and before the mark (batch order).
        return targets.map((t) => {
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
        await this.registry.list(ctx);
        probes = queue();
        await ctx.sync();
      }
      this.marks.saved = [];
      const marks: HighlightMark[] = probes.map(({ t, probe }) => ({
        sheetId: t.sheetId,
        sheet: t.sheet,
        cell: t.cell,
        fill: ownFill(probe.color),
      }));
      this.marks.unsaved = marks;
      return {
        addresses: marks.map((m) => {
          const p = parseA1(m.cell)!;
          return cellAddress(this.registry.nameOf(m.sheetId) ?? m.sheet, p.row0, p.col0);
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
      const id = this.registry.idOf(p.sheet);
      const ws = ctx.workbook.worksheets.getItem(id ?? p.sheet);
      ws.activate();
      ws.getRange(a1(p.row0, p.col0)).select();
      await ctx.sync();
    });
  }

  // ---- locale

  separators(): Promise<Separators | undefined> {
    if (!this.levels.v111) return Promise.resolve(undefined);
    if (!this.knownSeparators) {
      const asked = this.run("đọc dấu phân cách số của Excel", async (ctx) => {
        const read = queueSeparators(ctx);
        await ctx.sync();
        return read();
      });
      // A failed read is not remembered: the next call asks again.
      asked.catch(() => {
        if (this.knownSeparators === asked) this.knownSeparators = undefined;
      });
      this.knownSeparators = asked;
    }
    return this.knownSeparators;
  }

  // ---- change events and settings

  onChange(handler: () => void, debounceMs = DEFAULT_DEBOUNCE_MS): Promise<() => Promise<void>> {
    return subscribe(this.levels, this.own, this.registry, handler, debounceMs);
  }

  loadSetting(key: string): Promise<string | undefined> {
    return loadSetting(key);
  }

  saveSetting(key: string, value: string): Promise<void> {
    return saveSetting(key, value);
  }

  removeSheets(names: string[]): Promise<void> {
    return this.write("xóa các trang tổng hợp cũ", async (ctx) => {
      for (const name of names) ctx.workbook.worksheets.getItem(name).delete();
      await ctx.sync();
      this.registry.known = undefined;
    });
  }
}
