import { builtInFormSets, type Catalog } from "../forms/catalog";
import { valueKey, type RowDef } from "../forms/schema";
import { findPeriodInText, parsePeriodId, periodId } from "../period";
import { foldText } from "../text";
import type { Finding } from "../rules/types";
import type { RawCell } from "../values/types";
import { isConsolidationSheet } from "./consolidated";
import { isMetaSheet, metaItems, readMeta, type WorkbookMeta } from "./metadata";
import { cellAddress, cellText, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";

/** Where a report's form set, unit or period came from. */
export type Provenance = "metadata" | "content" | "option" | "none";

export interface ReadOptions {
  formSet?: string;
  unit?: string;
  period?: string;
  /** Sets to choose from (default: the built-in ones). */
  catalogs?: Catalog[];
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
}

/** The workbook holds nothing that can be read as Biểu mẫu 1–7. */
export class RecognizeError extends Error {}

interface Columns {
  code: number;
  label: number;
  unit: number;
  value: number;
}

interface Block {
  sheet: SheetSnapshot;
  form?: number;
  cols: Columns;
  rows: { row0: number; code: string; label: string }[];
}

/** `Biểu mẫu 3`, `Biểu số 3`; not a range such as `Biểu mẫu 1–7`. */
const TITLE = /^bieu (?:mau )?(?:so )?([1-7])(?![0-9]|\s*[-–—]\s*[0-9])/;

/** Reads Biểu mẫu tables from a workbook snapshot: generated templates and hand-made official layouts. */
export function recognize(snapshot: WorkbookSnapshot, opts: ReadOptions = {}): RecognizedReport {
  const metaSheet = snapshot.sheets.find(isMetaSheet);
  const meta = metaSheet ? readMeta(metaSheet) : undefined;
  const sheets = formSheets(snapshot, meta);
  const blocks: Block[] = [];
  const titleLines: string[] = [];
  for (const sheet of sheets) blocks.push(...scanSheet(sheet, titleLines));
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

  for (const block of blocks) {
    const form = block.form ?? bestForm(catalog, block).form;
    if (form === undefined) continue;
    const sheetName = block.sheet.name;
    if (formsSeen.has(form)) {
      findings.push({
        severity: "warning",
        form,
        row: "",
        rule: "structure.duplicate-form",
        message: `Biểu mẫu ${form} có hai bảng (trang “${formsSeen.get(form)}” và “${sheetName}”); chỉ đọc bảng thứ nhất.`,
      });
      continue;
    }
    formsSeen.set(form, sheetName);
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

  const found = detectUnitAndPeriod(titleLines);
  const pick = (m: string | undefined, c: string | undefined, o: string | undefined) =>
    m
      ? { v: m, how: "metadata" as const }
      : c
        ? { v: c, how: "content" as const }
        : o
          ? { v: o, how: "option" as const }
          : { v: undefined, how: "none" as const };
  const unit = pick(meta?.unit, found.unit, opts.unit?.trim() || undefined);
  const metaPeriod = meta?.period && parsePeriodId(meta.period) ? meta.period : undefined;
  const optPeriod =
    opts.period && parsePeriodId(opts.period) ? periodId(parsePeriodId(opts.period)!) : undefined;
  const period = pick(metaPeriod, found.period, optPeriod);
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
  };
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

function headerColumns(sheet: SheetSnapshot, r: number): Columns | null {
  const row = sheet.rows[r] ?? [];
  let code = -1;
  let label = -1;
  for (let c = 0; c < row.length && code < 0; c++) {
    const v = row[c]?.value;
    if (typeof v === "string" && v.length <= 8 && /^\s*s?tt\s*$/i.test(v)) code = c;
  }
  if (code < 0) return null;
  for (let c = 0; c < row.length; c++) {
    if (c !== code && label < 0 && foldText(cellText(row[c])).startsWith("chi tieu")) label = c;
  }
  if (label < 0) return null;
  let unit = -1;
  let value = -1;
  for (const rr of [r, r + 1]) {
    const cellsOfRow = sheet.rows[rr] ?? [];
    for (let c = 0; c < cellsOfRow.length; c++) {
      const t = foldText(cellText(cellsOfRow[c]));
      if (unit < 0 && (t.startsWith("don vi tinh") || t === "dvt")) unit = c;
      else if (value < 0 && (t.startsWith("so lieu") || t === "gia tri")) value = c;
    }
  }
  if (value < 0) value = unit >= 0 ? unit + 1 : Math.max(code, label) + 2;
  return { code, label, unit, value };
}

function isSecondHeaderRow(sheet: SheetSnapshot, r: number): boolean {
  const texts = (sheet.rows[r] ?? []).map((c) => foldText(cellText(c)));
  return texts.some((t) => t.startsWith("so lieu") || t.startsWith("don vi tinh") || t === "dvt");
}

function normaliseCode(cell: RawCell | null | undefined): string {
  if (cell && typeof cell.value === "number") return String(cell.value);
  return cellText(cell).replace(/\s+/g, "").replace(/\.+$/, "");
}

function scanSheet(sheet: SheetSnapshot, titleLines: string[]): Block[] {
  const blocks: Block[] = [];
  const sheetForm = formFromName(sheet.name);
  let current: Block | null = null;
  let pendingTitle: number | undefined;
  let lastNumbered = "";
  let subIndex = 0;
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const first = firstText(row);
    const title = /^b/i.test(first) ? TITLE.exec(foldText(first)) : null;
    if (title) {
      pendingTitle = Number(title[1]);
      if (current) {
        // Stacked forms: a new title closes the block; its columns carry over if no header follows.
        current = { sheet, form: pendingTitle, cols: current.cols, rows: [] };
        blocks.push(current);
        lastNumbered = "";
      }
      pushLine(titleLines, row);
      continue;
    }
    const cols = headerColumns(sheet, r);
    if (cols) {
      const repeated = current !== null && pendingTitle === undefined;
      if (!repeated) {
        if (current && current.rows.length === 0) blocks.pop();
        current = { sheet, form: pendingTitle ?? sheetForm, cols, rows: [] };
        blocks.push(current);
        lastNumbered = "";
      }
      pendingTitle = undefined;
      if (isSecondHeaderRow(sheet, r + 1) && !headerColumns(sheet, r + 1)) r++;
      continue;
    }
    if (!current) {
      pushLine(titleLines, row);
      continue;
    }
    pendingTitle = undefined;
    const codeCell = row[current.cols.code];
    const label = cellText(row[current.cols.label]);
    const printed = normaliseCode(codeCell);
    if (!printed && !label) continue;
    if (/^\(?\d+\)?$/.test(label) && /^\(?\d+\)?$/.test(printed || "0")) continue; // column numbering row
    let code: string;
    if (/^\d+(\.\d+)*$/.test(printed)) {
      code = printed;
      lastNumbered = code;
      subIndex = 0;
    } else if (lastNumbered && (!printed || foldText(printed).startsWith("trongdo"))) {
      code = `${lastNumbered}.${String.fromCharCode(97 + subIndex++)}`;
    } else {
      pushLine(titleLines, row);
      continue;
    }
    current.rows.push({ row0: r, code, label });
  }
  return blocks.filter((b) => b.rows.length > 0);
}

function pushLine(lines: string[], row: (RawCell | null | undefined)[]): void {
  const line = row
    .map((c) => cellText(c))
    .filter(Boolean)
    .join(" ");
  if (line) lines.push(line);
}

function formFromName(name: string): number | undefined {
  const m = /(?:^|[^0-9])([1-7])\s*$/.exec(foldText(name));
  const t = foldText(name);
  if (m && (t.includes("bieu") || t.startsWith("bm"))) return Number(m[1]);
  return undefined;
}

const STOP = /[^a-z0-9%]+/;

function tokens(s: string): Set<string> {
  return new Set(
    foldText(s)
      .split(STOP)
      .filter((t) => t.length > 0)
  );
}

const catalogTokens = new Map<string, Set<string>>();

/** Tokens of a catalog label, computed once per label. */
function cachedTokens(label: string): Set<string> {
  let t = catalogTokens.get(label);
  if (!t) {
    t = tokens(label);
    catalogTokens.set(label, t);
  }
  return t;
}

function firstText(row: (RawCell | null | undefined)[]): string {
  for (const c of row) {
    const t = cellText(c);
    if (t) return t;
  }
  return "";
}

/** Whether a printed label says the same as the catalog's: most words shared, or one is a cut-off of the other. */
export function labelsMatch(printed: string, expected: string): boolean {
  if (printed === expected) return true;
  const a = tokens(printed);
  const b = cachedTokens(expected);
  if (a.size === 0) return true;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  const dice = (2 * common) / (a.size + b.size);
  return dice >= 0.6 || (a.size >= 4 && common / a.size >= 0.9);
}

function scoreForm(catalog: Catalog, form: number, block: Block): number {
  let score = 0;
  for (const r of block.rows) {
    const def = catalog.row(form, r.code);
    if (def && r.label && labelsMatch(r.label, def.label)) score++;
  }
  return score;
}

function bestForm(catalog: Catalog, block: Block): { form?: number; score: number } {
  if (block.form) return { form: block.form, score: scoreForm(catalog, block.form, block) };
  let best: { form?: number; score: number } = { score: 0 };
  for (const f of catalog.set.forms) {
    const score = scoreForm(catalog, f.number, block);
    if (score > best.score) best = { form: f.number, score };
  }
  return best;
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
      if (cellText(raw)) {
        findings.push({
          severity: "info",
          form,
          row: r.code,
          rule: "value.header-has-value",
          message: `Dòng tiêu đề nhóm ${r.code} không nhận số liệu; giá trị “${cellText(raw)}” bị bỏ qua.`,
          cell: at,
        });
      }
      continue;
    }
    const key = valueKey(form, r.code);
    const raw = block.sheet.rows[r.row0]?.[block.cols.value];
    if (raw) cells[key] = raw;
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

const UNIT_KEYS = ["don vi bao cao", "don vi", "co quan bao cao", "co quan", "ten don vi"];

/** Unit and period from title lines: `Đơn vị báo cáo: …`, `Kỳ báo cáo: …`, or a caption `… QUÝ I NĂM 2024 CỦA …`. */
export function detectUnitAndPeriod(lines: string[]): { unit?: string; period?: string } {
  let unit: string | undefined;
  let period: string | undefined;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (!unit && colon > 0) {
      const key = foldText(line.slice(0, colon));
      if (UNIT_KEYS.includes(key)) unit = line.slice(colon + 1).trim() || undefined;
    }
    if (!period) {
      const p = findPeriodInText(line);
      if (p) period = periodId(p);
    }
    if (!unit) {
      const folded = foldText(line);
      const m = /^(.*\b(?:bao cao|thong ke|so lieu)\b.*) cua (.+)$/.exec(folded);
      if (m) unit = tailAfterLastCua(line);
    }
  }
  return { unit, period };
}

function tailAfterLastCua(line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  for (let i = words.length - 2; i >= 0; i--) {
    if (foldText(words[i]) === "cua") {
      const rest = words
        .slice(i + 1)
        .join(" ")
        .replace(/[.;,]+$/, "");
      return rest || undefined;
    }
  }
  return undefined;
}
