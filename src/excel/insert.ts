import type { WorkbookLayout } from "../core/workbook/layout";
import { featureMessage, type ApiLevels } from "./capabilities";
import type { Capabilities, InsertReport } from "./contract";
import { ExcelPortError, toPortError } from "./errors";
import { nameKey, uniqueSheetName } from "./names";
import type { RebuildPlan } from "./rebuild";
import { queueMeta, queueSheet, textValue } from "./writer";

/** A worksheet as last seen. */
export interface SheetInfo {
  id: string;
  name: string;
  visibility: string;
}

/**
 * Inserting or rebuilding the forms, after the port has read the workbook. Rebuilt sheets are rewritten in
 * place (same sheet, same id), so the officer's references to them (`='Biểu mẫu 3'!D20` elsewhere) keep
 * working. Batches are not transactional, so the work goes in steps that each leave a usable workbook:
 *
 *   1. backups: each form sheet copied (ExcelApi 1.7), hidden; a sheet with content the new form cannot
 *      hold keeps its copy, visible, as `… (cũ)`; the add-in's defined names removed (re-added in 2);
 *   2. one batch per form sheet: cleared, drawn, its values and notes re-entered;
 *   3. the metadata sheet, the backups dropped, a full recalculation, the first form selected.
 *
 * A failure in 2 or 3 stops there and the message names what was done, what was not, and where the old
 * values are (the backups, then made visible).
 */
export class RebuildSteps {
  private readonly sheets: Excel.WorksheetCollection;
  private readonly skipped = new Set<keyof Capabilities>();
  private readonly taken: Set<string>;
  private readonly keep: Set<string>;
  /** Form sheets by layout name: existing (rewritten in place) or added. */
  private readonly forms = new Map<string, Excel.Worksheet>();
  private readonly backups: { of: string; ws: Excel.Worksheet; kept: boolean }[] = [];
  /** Old sheets renamed `… (cũ)` where Excel cannot copy (before ExcelApi 1.7). */
  private readonly renamed = new Map<string, string>();
  /** Ids of the form sheets rewritten in place, by layout name. */
  private readonly inPlace = new Map<string, string>();
  private readonly added: Excel.Worksheet[] = [];
  private meta: Excel.Worksheet | undefined;
  private metaAdded = false;

  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly levels: ApiLevels,
    private readonly layout: WorkbookLayout,
    private readonly infos: SheetInfo[],
    private readonly existing: SheetInfo[],
    private readonly plan: RebuildPlan | undefined
  ) {
    this.sheets = ctx.workbook.worksheets;
    this.taken = new Set(infos.map((s) => nameKey(s.name)));
    this.keep = new Set((plan?.keep ?? []).map(nameKey));
  }

  async run(definedNames: Excel.NamedItem[]): Promise<InsertReport> {
    await this.prepare(definedNames);
    const names = this.layout.sheets.map((s) => s.name);
    const fresh = this.existing.length === 0;
    // A first insert has nothing to lose: one batch. A rebuild: one batch per sheet, then the last step.
    const groups = fresh ? [names] : names.map((n) => [n]);
    const done: string[] = [];
    for (const group of groups) {
      try {
        for (const n of group) this.drawForm(n);
        if (fresh) this.finish();
        await this.ctx.sync();
      } catch (e) {
        throw await this.stopped(e, group[0], done);
      }
      done.push(...group);
    }
    if (!fresh) {
      try {
        this.finish();
        await this.ctx.sync();
      } catch (e) {
        throw await this.stopped(e, undefined, done);
      }
    }
    return {
      sheets: this.layout.sheets.map((s) => s.name),
      keptCells: this.plan?.carried.length ?? 0,
      keptSheets: this.keptNames(),
      skipped: [...this.skipped].map(featureMessage).filter(Boolean),
    };
  }

  /** Step 1. Nothing in the forms changes yet. */
  private async prepare(definedNames: Excel.NamedItem[]): Promise<void> {
    // Names first, so that copies do not take them along.
    if (this.levels.v14) {
      const ours = new Set(
        this.layout.sheets.flatMap((s) => s.valueCells.map((v) => v.name.toUpperCase()))
      );
      for (const n of definedNames) if (ours.has(n.name.toUpperCase())) n.delete();
    }
    for (const s of this.existing) {
      const keep = this.keep.has(nameKey(s.name));
      const ws = this.sheets.getItem(s.id);
      if (this.levels.v17) {
        const copy = ws.copy("End");
        copy.name = uniqueSheetName(s.name, this.taken, keep ? " (cũ)" : " (bản lưu)");
        if (!keep) copy.visibility = "Hidden";
        copy.load("id,name,visibility");
        this.backups.push({ of: s.name, ws: copy, kept: keep });
        this.forms.set(nameKey(s.name), ws);
      } else if (keep) {
        // No copies before ExcelApi 1.7: the old sheet itself is kept aside, a new one drawn.
        const name = uniqueSheetName(s.name, this.taken, " (cũ)");
        ws.name = name;
        this.renamed.set(s.id, name);
      } else this.forms.set(nameKey(s.name), ws);
      if (this.forms.has(nameKey(s.name))) this.inPlace.set(nameKey(s.name), s.id);
    }
    if (this.existing.length > 0) {
      try {
        await this.ctx.sync();
      } catch (e) {
        const err = toPortError(e, "dựng lại biểu mẫu");
        throw new ExcelPortError(
          `${err.message} Các trang biểu mẫu chưa bị thay đổi.${
            this.levels.v17
              ? " Nếu thấy trang “… (bản lưu)” mới xuất hiện, có thể xóa trang đó."
              : ""
          }`,
          err.code,
          e
        );
      }
    }
  }

  /** Step 2 for one sheet: clear (or add), draw, re-enter the officer's values. */
  private drawForm(name: string): void {
    const sheet = this.layout.sheets.find((s) => s.name === name)!;
    if (this.levels.v16) this.ctx.workbook.application.suspendApiCalculationUntilNextSync();
    let ws = this.forms.get(nameKey(name));
    if (ws) {
      const all = ws.getRange();
      all.clear("All");
      all.unmerge();
      if (this.levels.v18) all.dataValidation.clear();
      if (this.levels.v16) all.conditionalFormats.clearAll();
      if (this.levels.v17) ws.freezePanes.unfreeze();
    } else {
      ws = this.sheets.add(name);
      this.taken.add(nameKey(name));
      ws.load("id,name,visibility");
      this.forms.set(nameKey(name), ws);
      this.added.push(ws);
    }
    queueSheet(this.ctx, ws, sheet, { levels: this.levels, skipped: this.skipped });
    for (const c of this.plan?.carried ?? []) {
      if (nameKey(c.sheet) !== nameKey(name)) continue;
      const range = ws.getRange(c.cell);
      if (c.raw.formula !== undefined) range.formulas = [[`=${c.raw.formula}`]];
      else range.values = [[cellInput(c.raw.value)]];
    }
  }

  /** Step 3. */
  private finish(): void {
    const metaInfo = this.infos.find(
      (s) => nameKey(s.name) === nameKey(this.layout.meta.sheetName)
    );
    this.meta = metaInfo
      ? this.sheets.getItem(metaInfo.id)
      : this.sheets.add(this.layout.meta.sheetName);
    this.metaAdded = !metaInfo;
    if (metaInfo) this.meta.getRange().clear();
    queueMeta(this.meta, this.layout.meta.rows);
    this.meta.load("id,name,visibility");
    for (const b of this.backups) if (!b.kept) b.ws.delete();
    // Values went in after formulas with calculation suspended: recalculate everything once.
    this.ctx.workbook.application.calculate("Full");
    const firstSheet = this.layout.sheets[0];
    const first = firstSheet ? this.forms.get(nameKey(firstSheet.name)) : undefined;
    if (first && firstSheet) {
      first.activate();
      first.getRange(firstSheet.valueCells[0]?.address ?? "A1").select();
    }
  }

  /** The error for a stop in step 2 or 3: what is done, what is not, where the old values are. */
  private async stopped(
    e: unknown,
    at: string | undefined,
    done: string[]
  ): Promise<ExcelPortError> {
    const err = toPortError(e, this.existing.length === 0 ? "chèn biểu mẫu" : "dựng lại biểu mẫu");
    const saved = this.backups.filter((b) => !b.kept);
    let shown = false;
    if (saved.length > 0) {
      try {
        for (const b of saved) b.ws.visibility = "Visible";
        await this.ctx.sync();
        shown = true;
      } catch {
        // The backups stay hidden (Trang đầu › Định dạng › Ẩn & Hiện lets the officer show them).
      }
    }
    const list = (xs: string[]) => xs.map((x) => `“${x}”`).join(", ");
    const rest = this.layout.sheets.map((s) => s.name).filter((n) => !done.includes(n));
    const parts = [err.message.replace(/\s*Hãy thử lại[^.]*\.?$/, "")];
    if (at) {
      parts.push(
        `Việc dựng lại dừng ở trang “${at}”.`,
        done.length > 0 ? `Đã dựng lại xong: ${list(done)}.` : "Chưa dựng lại xong trang nào.",
        `Chưa xong: ${list(rest)} (trang “${at}” có thể đang dở).`
      );
    } else {
      parts.push(
        `Các trang biểu mẫu đã được dựng lại và nhập lại số liệu, nhưng bước cuối (trang thông tin, tính lại công thức) chưa xong.`
      );
    }
    const backupsNamed = saved.map((b) => safeName(b.ws)).filter((n): n is string => Boolean(n));
    if (saved.length > 0) {
      parts.push(
        `Số liệu cũ vẫn còn nguyên trong ${backupsNamed.length > 0 ? `các trang ${list(backupsNamed)}` : "các trang “… (bản lưu)”"}${
          shown ? "" : " (đang ẩn: chuột phải vào tên trang › Bỏ ẩn)"
        }.`
      );
    } else if (at && this.existing.length > 0) {
      parts.push(
        "Excel này không sao lưu được trang trước khi dựng lại (cần ExcelApi 1.7): hãy kiểm tra lại số liệu các trang chưa xong."
      );
    }
    parts.push("Hãy bấm “Dựng lại, giữ số liệu” lần nữa.");
    return new ExcelPortError(parts.join(" "), err.code, e);
  }

  private keptNames(): string[] {
    return [...this.backups.filter((b) => b.kept).map((b) => b.ws.name), ...this.renamed.values()];
  }

  /** The sheet list after a finished run (the port's cache). */
  sheetsNow(): SheetInfo[] {
    const now: SheetInfo[] = this.infos.map((s) => ({
      ...s,
      name: this.renamed.get(s.id) ?? s.name,
    }));
    const more = [
      ...this.backups.filter((b) => b.kept).map((b) => b.ws),
      ...this.added,
      ...(this.meta && this.metaAdded ? [this.meta] : []),
    ];
    for (const ws of more)
      now.push({ id: ws.id, name: ws.name, visibility: String(ws.visibility) });
    return now;
  }

  /** Sheets this run wrote (their change events are its echo). */
  writtenIds(): string[] {
    return [...this.inPlace.values(), ...this.added.map((ws) => ws.id)];
  }
}

function safeName(ws: Excel.Worksheet): string | undefined {
  try {
    return ws.name;
  } catch {
    return undefined;
  }
}

/** A cell value for Office.js `values`: text keeps its exact form. */
export function cellInput(v: unknown): string | number | boolean {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v === null || v === undefined) return "";
  return textValue(String(v));
}
