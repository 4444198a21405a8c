import { builtInFormSets, type Catalog } from "../forms/catalog";
import { valueKey, type RowDef } from "../forms/schema";
import { isCchcKind, notCchcReason, parsePeriodId, periodId, statedLabel } from "../period";
import { cleanText } from "../text";
import type { Finding } from "../rules/types";
import type { RawCell } from "../values/types";
import { isConsolidationSheet } from "./consolidated";
import { identify, type Identity } from "./identity";
import { bestForm, labelsMatch } from "./labels";
import { isMetaSheet, metaItems, readMeta, type WorkbookMeta } from "./metadata";
import { scanSheet, textOf, type Block, type TextLine } from "./scan";
import { cellAddress, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";

export { labelsMatch } from "./labels";
export { detectUnitAndPeriod } from "./identity";

/** Where a report's form set, unit or period came from. */
export type Provenance = "metadata" | "content" | "option" | "none";

export interface ReadOptions {
  formSet?: string;
  unit?: string;
  period?: string;
  /** Sets to choose from (default: the built-in ones). */
  catalogs?: Catalog[];
  /** The file's name: a suggestion for the unit, a statement of the period. */
  file?: string;
}

export interface RecognizedReport {
  catalog: Catalog;
  unit?: string;
  period?: string;
  how: { formSet: Provenance; unit: Provenance; period: Provenance };
  /** Raw value cells keyed `form:code`. */
  cells: Record<string, RawCell>;
  /** Workbook address of each value cell, keyed `form:code`. */
  addresses: Record<string, string>;
  /** Structural problems: missing forms or rows, labels that do not match their code, unknown codes. */
  findings: Finding[];
  forms: number[];
  meta?: WorkbookMeta;
  /** What the workbook states about its unit and period, where, and how sure. */
  identity: Identity;
}

/** The workbook holds nothing that can be read as Biểu mẫu 1–7. */
export class RecognizeError extends Error {}

/** Reads Biểu mẫu tables from a workbook snapshot: generated templates and hand-made official layouts. */
export function recognize(snapshot: WorkbookSnapshot, opts: ReadOptions = {}): RecognizedReport {
  const metaSheet = snapshot.sheets.find(isMetaSheet);
  const meta = metaSheet ? readMeta(metaSheet) : undefined;
  const sheets = formSheets(snapshot, meta);
  const { blocks, lines } = scanSheets(sheets);
  const sheetNames = statedSheetNames(sheets);
  scanned.set(snapshot, { lines, sheetNames, meta });
  if (blocks.length === 0 && snapshot.sheets.some(isConsolidationSheet)) {
    throw new RecognizeError(
      "Sổ làm việc chỉ có kết quả tổng hợp của nhiều đơn vị, không có báo cáo của một đơn vị để kiểm tra. Để kiểm tra biểu tổng hợp của tỉnh, dùng tệp tổng hợp tải về (hoặc tạo bằng cchc consolidate): tệp đó tự ghi rõ bộ biểu mẫu và kỳ."
    );
  }
  if (blocks.length === 0) {
    throw new RecognizeError(
      "Không tìm thấy bảng biểu mẫu nào: cần một dòng tiêu đề cột có “TT” (hoặc “STT”) và “Chỉ tiêu”, như bảng chính thức."
    );
  }

  const catalogs = opts.catalogs ?? [...builtInFormSets().values()];
  const { catalog, how: setHow } = chooseCatalog(catalogs, blocks, meta, opts);
  const findings: Finding[] = [];
  const cells: Record<string, RawCell> = {};
  const addresses: Record<string, string> = {};
  const formsSeen = new Map<number, string>();
  // Visible sheets first: a hidden copy of a form is read only when it is the only one.
  const ordered = [...blocks].sort((a, b) => hiddenRank(a) - hiddenRank(b));
  for (const block of ordered) {
    const form = bestForm(catalog, block).form;
    if (form === undefined) continue;
    const sheetName = block.sheet.name;
    if (formsSeen.has(form)) {
      const hidden = block.sheet.visible === false;
      findings.push({
        severity: hidden ? "info" : "warning",
        form,
        row: "",
        rule: "structure.duplicate-form",
        message: hidden
          ? `Biểu mẫu ${form} có một bản trên trang ẩn “${sheetName}”; chỉ đọc bản trên trang “${formsSeen.get(form)}”.`
          : `Biểu mẫu ${form} có hai bảng (trang “${formsSeen.get(form)}” và “${sheetName}”); chỉ đọc bảng thứ nhất.`,
      });
      continue;
    }
    formsSeen.set(form, sheetName);
    if (block.sheet.visible === false) {
      findings.push({
        severity: "warning",
        form,
        row: "",
        rule: "structure.hidden-sheet",
        message: `Biểu mẫu ${form} chỉ có trên trang ẩn “${sheetName}”; đã đọc trang đó. Hãy kiểm tra đó đúng là bản báo cáo.`,
      });
    }
    readBlock(catalog, form, block, cells, addresses, findings);
  }
  if (formsSeen.size === 0) {
    throw new RecognizeError(`Không nhận ra biểu mẫu nào của bộ “${catalog.set.name}” trong tệp.`);
  }
  for (const f of catalog.set.forms) {
    if (!formsSeen.has(f.number)) {
      findings.push({
        severity: "warning",
        form: f.number,
        row: "",
        rule: "structure.missing-form",
        message: `Không tìm thấy Biểu mẫu ${f.number} (${f.title}).`,
      });
    }
  }

  const identity = identify(lines, sheetNames, meta, opts.file);
  findings.push(...periodFindings(identity, Math.min(...formsSeen.keys())));
  const optUnit = opts.unit ? cleanText(opts.unit) || undefined : undefined;
  const unit = identity.unit.name
    ? { v: identity.unit.name, how: provenanceOf(identity.unit.source) }
    : optUnit
      ? { v: optUnit, how: "option" as const }
      : { v: undefined, how: "none" as const };
  const stated = identity.period.period;
  const statedId =
    identity.period.certainty === "sure" && stated?.year && isCchcKind(stated.kind)
      ? periodId({ year: stated.year, kind: stated.kind })
      : undefined;
  const optPeriod =
    opts.period && parsePeriodId(opts.period) ? periodId(parsePeriodId(opts.period)!) : undefined;
  const period = statedId
    ? { v: statedId, how: provenanceOf(identity.period.source) }
    : optPeriod
      ? { v: optPeriod, how: "option" as const }
      : { v: undefined, how: "none" as const };
  return {
    catalog,
    unit: unit.v,
    period: period.v,
    how: { formSet: setHow, unit: unit.how, period: period.how },
    cells,
    addresses,
    findings,
    forms: [...formsSeen.keys()].sort(),
    meta,
    identity,
  };
}

/** What the officer should know about the period the workbook states: another period's kind, or several. */
function periodFindings(identity: Identity, form: number): Finding[] {
  const pd = identity.period;
  const finding = (message: string): Finding => ({
    severity: "warning",
    form,
    row: "",
    rule: "structure.period",
    message,
  });
  if (pd.certainty === "conflict") {
    const list = pd.stated.map((s) => statedLabel(s.period)).join(", ");
    return [finding(`Tệp ghi nhiều kỳ báo cáo khác nhau (${list}); hãy sửa cho đúng một kỳ.`)];
  }
  const reason = pd.period ? notCchcReason(pd.period.kind) : undefined;
  return reason ? [finding(`Tệp ghi kỳ ${statedLabel(pd.period!)}. ${reason}`)] : [];
}

/** Text lines of snapshots already recognised: `identifySnapshot` after `recognize` does not scan again. */
const scanned = new WeakMap<
  WorkbookSnapshot,
  { lines: TextLine[]; sheetNames: string[]; meta: WorkbookMeta | undefined }
>();

/** Names of the sheets whose names may state the period: the visible ones, unless all are hidden. */
function statedSheetNames(sheets: SheetSnapshot[]): string[] {
  const visible = sheets.filter((s) => s.visible !== false);
  return (visible.length > 0 ? visible : sheets).map((s) => s.name);
}

function provenanceOf(source: string): Provenance {
  return source === "metadata" ? "metadata" : source === "option" ? "option" : "content";
}

function hiddenRank(block: Block): number {
  return block.sheet.visible === false ? 1 : 0;
}

/** Tables and text lines of the sheets, in sheet order. */
export function scanSheets(sheets: SheetSnapshot[]): { blocks: Block[]; lines: TextLine[] } {
  const blocks: Block[] = [];
  const lines: TextLine[] = [];
  for (const sheet of sheets) {
    const scanned = scanSheet(sheet);
    blocks.push(...scanned.blocks);
    lines.push(...scanned.lines);
  }
  return { blocks, lines };
}

/** What a workbook states about its unit and period (the same reading as `recognize`), without reading its forms. */
export function identifySnapshot(snapshot: WorkbookSnapshot, file?: string): Identity {
  const done = scanned.get(snapshot);
  if (done) return identify(done.lines, done.sheetNames, done.meta, file);
  const metaSheet = snapshot.sheets.find(isMetaSheet);
  const meta = metaSheet ? readMeta(metaSheet) : undefined;
  const sheets = formSheets(snapshot, meta);
  return identify(scanSheets(sheets).lines, statedSheetNames(sheets), meta, file);
}

/**
 * Sheets to read forms from: those the metadata lists (every sheet when none of them is left); without a
 * list, every sheet that is not a consolidation's output.
 */
function formSheets(snapshot: WorkbookSnapshot, meta: WorkbookMeta | undefined): SheetSnapshot[] {
  const sheets = snapshot.sheets.filter((s) => !isMetaSheet(s));
  const key = (name: string) => name.normalize("NFC").trim().toLowerCase();
  const listed = new Set(metaItems(meta?.formSheets).map(key));
  // Without a list, sheets a consolidation wrote into the workbook are not one unit's forms.
  if (listed.size === 0) return sheets.filter((s) => !isConsolidationSheet(s));
  const chosen = sheets.filter((s) => listed.has(key(s.name)));
  return chosen.length > 0 ? chosen : sheets;
}

function chooseCatalog(
  catalogs: Catalog[],
  blocks: Block[],
  meta: WorkbookMeta | undefined,
  opts: ReadOptions
): { catalog: Catalog; how: Provenance } {
  const byId = new Map(catalogs.map((c) => [c.id, c]));
  if (meta?.formSet && byId.has(meta.formSet))
    return { catalog: byId.get(meta.formSet)!, how: "metadata" };
  let best: { catalog?: Catalog; score: number } = { score: 0 };
  for (const catalog of catalogs) {
    const score = blocks.reduce((s, b) => s + bestForm(catalog, b).score, 0);
    if (score > best.score) best = { catalog, score };
  }
  if (best.catalog) return { catalog: best.catalog, how: "content" };
  if (opts.formSet && byId.has(opts.formSet))
    return { catalog: byId.get(opts.formSet)!, how: "option" };
  if (opts.formSet) {
    throw new RecognizeError(
      `Không có bộ biểu mẫu “${opts.formSet}”. Các bộ có sẵn: ${[...byId.keys()].join(", ")}.`
    );
  }
  throw new RecognizeError(
    "Có bảng dạng biểu mẫu nhưng không hàng nào khớp mã và nội dung của Biểu mẫu 1–7."
  );
}

function readBlock(
  catalog: Catalog,
  form: number,
  block: Block,
  cells: Record<string, RawCell>,
  addresses: Record<string, string>,
  findings: Finding[]
): void {
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const r of block.rows) {
    const at = cellAddress(block.sheet.name, r.row0, block.cols.value);
    const def: RowDef | undefined = catalog.row(form, r.code);
    if (!def) {
      unknown.push(r.code);
      continue;
    }
    if (seen.has(r.code)) {
      findings.push({
        severity: "warning",
        form,
        row: r.code,
        rule: "structure.duplicate-row",
        message: `Mã ${r.code} xuất hiện nhiều lần trong Biểu mẫu ${form}; chỉ đọc dòng thứ nhất.`,
        cell: at,
      });
      continue;
    }
    seen.add(r.code);
    if (r.label && !labelsMatch(r.label, def.label)) {
      findings.push({
        severity: "error",
        form,
        row: r.code,
        rule: "structure.label-mismatch",
        message: `Mã ${r.code} có nội dung “${shorten(r.label)}” không khớp với biểu mẫu (“${shorten(def.label)}”); số liệu dòng này không được đọc.`,
        cell: cellAddress(block.sheet.name, r.row0, block.cols.label),
      });
      continue;
    }
    if (def.kind === "header") {
      const raw = block.sheet.rows[r.row0]?.[block.cols.value];
      if (textOf(raw)) {
        findings.push({
          severity: "info",
          form,
          row: r.code,
          rule: "value.header-has-value",
          message: `Dòng tiêu đề nhóm ${r.code} không nhận số liệu; giá trị “${textOf(raw)}” bị bỏ qua.`,
          cell: at,
        });
      }
      continue;
    }
    const key = valueKey(form, r.code);
    const raw = block.sheet.rows[r.row0]?.[block.cols.value];
    if (raw)
      cells[key] = typeof raw.value === "string" ? { ...raw, value: cleanText(raw.value) } : raw;
    addresses[key] = at;
  }
  if (unknown.length > 0) {
    findings.push({
      severity: "warning",
      form,
      row: unknown[0],
      rule: "structure.unknown-row",
      message: `Biểu mẫu ${form} có mã không thuộc biểu mẫu: ${unknown.join(", ")}; các dòng này không được đọc.`,
    });
  }
  const missing = catalog
    .form(form)
    .rows.filter((d) => d.kind !== "header" && !seen.has(d.code))
    .map((d) => d.code);
  if (missing.length > 0) {
    findings.push({
      severity: "warning",
      form,
      row: missing[0],
      rule: "structure.missing-row",
      message: `Biểu mẫu ${form} thiếu dòng: ${missing.join(", ")}.`,
    });
  }
}

function shorten(s: string, n = 60): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
