import { findPeriodStatements, isCchcKind, parsePeriodId, type StatedPeriod } from "../period";
import { cleanText, foldText, matchKey } from "../text";
import type { WorkbookMeta } from "./metadata";
import type { TextLine } from "./scan";

/** Which unit and period a workbook states, where, and how sure that is. */

export type UnitSource =
  "metadata" | "unit-line" | "header-block" | "caption" | "title" | "file-name" | "option";
export type PeriodSource = "metadata" | "title" | "sheet-name" | "file-name" | "option";
/** `sure`: one statement at the deciding level; `suggested`: only the file name; `conflict`: several disagree. */
export type Certainty = "sure" | "suggested" | "conflict" | "none";

export interface UnitStatement {
  name: string;
  source: UnitSource;
  /** Sheet (and row) of the statement; absent for metadata and file name. */
  where?: string;
}

export interface PeriodStatement {
  period: StatedPeriod;
  source: PeriodSource;
  where?: string;
  /** The text as written (shortened). */
  text: string;
}

export interface UnitDecision {
  name?: string;
  source: UnitSource | "none";
  certainty: Certainty;
  /** The names that disagree (conflict) or the suggestion (file name). */
  candidates: string[];
  /** A generic name the file gives instead of a unit ("các sở, ban, ngành"), as written. */
  generic?: string;
}

export interface PeriodDecision {
  period?: StatedPeriod;
  source: PeriodSource | "none";
  certainty: Certainty;
  /** Statements that disagree (conflict), or all statements found. */
  stated: PeriodStatement[];
  /** The file name states another period than the workbook's content. */
  fileNameDisagrees?: StatedPeriod;
}

export interface Identity {
  unit: UnitDecision;
  period: PeriodDecision;
  units: UnitStatement[];
  periods: PeriodStatement[];
  /** Generic names seen in place of a unit. */
  generic: UnitStatement[];
}

const UNIT_RANK: Record<UnitSource, number> = {
  metadata: 0,
  option: 0,
  "unit-line": 1,
  "header-block": 2,
  caption: 2,
  title: 3,
  "file-name": 4,
};

/** `Đơn vị báo cáo`, `Cơ quan báo cáo`, `Tên đơn vị`, `Cơ quan, đơn vị báo cáo`, `Đơn vị thực hiện`. */
const UNIT_KEY = /^(?:ten )?(?:co quan don vi|co quan|don vi)(?: bao cao| thuc hien)?$/;

function isUnitKey(text: string): boolean {
  return UNIT_KEY.test(
    foldText(text)
      .replace(/[^a-z0-9]+/g, " ")
      .trim()
  );
}

/**
 * Names that stand for a kind of unit, not one unit: `các sở, ban, ngành`, `đơn vị`, `UBND cấp huyện`, a blank
 * placeholder (`……`, `(Tên đơn vị)`).
 */
export function isGenericUnitName(name: string): boolean {
  const t = foldText(cleanText(name))
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  if (!/[a-z]{2}/.test(t)) return true;
  if (/^(?:cua )?(?:cac |ubnd cac |uy ban nhan dan cac )/.test(t)) return true;
  return /^(?:cua )?(?:so ban nganh(?: tinh)?|so|ban|nganh|ubnd|uy ban nhan dan|don vi(?: bao cao)?|co quan(?: don vi)?|dia phuong|(?:ubnd |uy ban nhan dan )?cap (?:tinh|huyen|xa)|ten (?:co quan|don vi)(?: bao cao)?|xxx+)$/.test(
    t
  );
}

/** The value of an `Đơn vị báo cáo: …` line, read from its cell (or the next cell when that one ends at the colon). */
function unitLineValue(line: TextLine): string | undefined {
  for (let i = 0; i < line.cells.length; i++) {
    const text = line.cells[i].text;
    const colon = text.indexOf(":");
    if (colon <= 0) continue;
    if (!isUnitKey(text.slice(0, colon))) continue;
    const rest = text.slice(colon + 1).trim() || line.cells[i + 1]?.text || "";
    return cutPeriod(rest) || undefined;
  }
  return undefined;
}

/** A unit name without a period or a closing bracket after it: `SỞ TƯ PHÁP QUÝ I NĂM 2024)` → `SỞ TƯ PHÁP`. */
function cutPeriod(name: string): string {
  const words = name.trim().split(/\s+/);
  const stop = words.findIndex((w, i) => {
    const f = foldText(w).replace(/[^a-z0-9]/g, "");
    const next = foldText(words[i + 1] ?? "").replace(/[^a-z0-9]/g, "");
    return (
      f === "quy" ||
      f === "ky" ||
      (f === "nam" && /^(19|20)\d{2}$/.test(next)) ||
      ((f === "6" || f === "9") && next.startsWith("thang"))
    );
  });
  return (stop >= 0 ? words.slice(0, stop) : words)
    .join(" ")
    .replace(/[)\].;,:\s–—-]+$/, "")
    .trim();
}

/** The words after the last `của` of a caption or title. */
function afterLastCua(text: string): string | undefined {
  const words = text.trim().split(/\s+/);
  for (let i = words.length - 2; i >= 0; i--) {
    if (foldText(words[i]) === "cua") return cutPeriod(words.slice(i + 1).join(" ")) || undefined;
  }
  return undefined;
}

const AGENCY =
  /^(?:uy ban nhan dan|ubnd|so |ban |van phong|thanh tra|cong an|bo chi huy|dai |truong |tinh uy|hoi dong|chi cuc|trung tam)/;
const PROVINCE = /^(?:uy ban nhan dan|ubnd) tinh\b/;
const LOCAL = /^(?:uy ban nhan dan|ubnd) (?:huyen|xa|phuong|thanh pho|thi xa|thi tran)\b/;

/** The issuing body of the document's header block: the left cells at the top, under `UBND TỈNH …`. */
function headerBlockUnit(lines: TextLine[]): UnitStatement | undefined {
  const block: TextLine[] = [];
  for (const line of lines) {
    const left = line.cells[0];
    if (!left || left.col > 2) break;
    const t = foldText(left.text);
    if (!AGENCY.test(t) || t.includes(":") || left.text.length > 100) break;
    block.push(line);
  }
  if (block.length === 0) return undefined;
  const firstLeft = foldText(block[0].cells[0].text);
  if (!PROVINCE.test(firstLeft) && !LOCAL.test(firstLeft)) return undefined;
  const last = block[block.length - 1];
  if (block.length === 1 && PROVINCE.test(firstLeft)) return undefined;
  return { name: last.cells[0].text, source: "header-block", where: where(last) };
}

function where(line: TextLine): string {
  return `${line.sheet}, dòng ${line.row0 + 1}`;
}

/** Unit statements of the text lines, in order of precedence (generic names apart). */
export function unitStatements(lines: TextLine[]): {
  units: UnitStatement[];
  generic: UnitStatement[];
} {
  const units: UnitStatement[] = [];
  const generic: UnitStatement[] = [];
  const add = (s: UnitStatement) => (isGenericUnitName(s.name) ? generic : units).push(s);
  const bySheet = new Map<string, TextLine[]>();
  for (const line of lines) {
    const list = bySheet.get(line.sheet);
    if (list) list.push(line);
    else bySheet.set(line.sheet, [line]);
  }
  for (const sheetLines of bySheet.values()) {
    const header = headerBlockUnit(sheetLines.filter((l) => l.top));
    if (header) add(header);
  }
  for (const line of lines) {
    const value = unitLineValue(line);
    if (value) {
      add({ name: value, source: "unit-line", where: where(line) });
      continue;
    }
    const folded = foldText(line.text);
    if (/\bkem theo\b/.test(folded) && /\bcua\b/.test(folded)) {
      const name = afterLastCua(line.text.replace(/^[([]|[)\]]$/g, ""));
      if (name) add({ name, source: "caption", where: where(line) });
    } else if (/\b(?:bao cao|thong ke|so lieu)\b.*\bcua\b/.test(folded)) {
      const name = afterLastCua(line.text);
      if (name) add({ name, source: "title", where: where(line) });
    }
  }
  units.sort((a, b) => UNIT_RANK[a.source] - UNIT_RANK[b.source]);
  return { units, generic };
}

function shorten(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Period statements of the metadata, text lines, sheet names and file name. */
export function periodStatements(
  lines: TextLine[],
  sheetNames: string[],
  meta: WorkbookMeta | undefined,
  file: string | undefined
): PeriodStatement[] {
  const out: PeriodStatement[] = [];
  const metaPeriod = meta?.period ? parsePeriodId(meta.period) : null;
  if (metaPeriod) out.push({ period: metaPeriod, source: "metadata", text: meta!.period! });
  for (const line of lines) {
    for (const period of findPeriodStatements(line.text)) {
      out.push({ period, source: "title", where: where(line), text: shorten(line.text) });
    }
  }
  for (const name of sheetNames) {
    for (const period of findPeriodStatements(name)) {
      out.push({ period, source: "sheet-name", where: name, text: name });
    }
  }
  if (file) {
    const base = file.split(/[\\/]/).pop() ?? file;
    for (const period of findPeriodStatements(base.replace(/\.[a-z0-9]+$/i, ""))) {
      out.push({ period, source: "file-name", text: base });
    }
  }
  return out;
}

function samePeriod(a: StatedPeriod, b: StatedPeriod): boolean {
  return a.kind === b.kind && (!a.year || !b.year || a.year === b.year);
}

/** The distinct periods among statements (a statement without a year joins one with a year of the same kind). */
function distinctPeriods(statements: PeriodStatement[]): StatedPeriod[] {
  const out: StatedPeriod[] = [];
  const sorted = [...statements].sort((a, b) => (b.period.year ? 1 : 0) - (a.period.year ? 1 : 0));
  for (const s of sorted) {
    if (!out.some((p) => samePeriod(p, s.period))) out.push({ ...s.period });
  }
  return out;
}

export function decidePeriod(statements: PeriodStatement[]): PeriodDecision {
  const inFile = statements.filter((s) => s.source !== "file-name");
  const fromName = statements.filter((s) => s.source === "file-name");
  const used = inFile.length > 0 ? inFile : fromName;
  const periods = distinctPeriods(used);
  if (periods.length === 0) return { source: "none", certainty: "none", stated: [] };
  if (periods.length > 1) {
    const stated = periods.map((p) => used.find((s) => samePeriod(s.period, p))!);
    return { source: stated[0].source, certainty: "conflict", stated };
  }
  const period = periods[0];
  const first = used.find((s) => samePeriod(s.period, period))!;
  const named = inFile.length > 0 ? distinctPeriods(fromName) : [];
  const disagree = named.find((p) => !samePeriod(p, period));
  return {
    period,
    source: first.source,
    certainty: "sure",
    stated: used,
    ...(disagree ? { fileNameDisagrees: disagree } : {}),
  };
}

export function decideUnit(
  units: UnitStatement[],
  generic: UnitStatement[],
  file: string | undefined
): UnitDecision {
  const genericName = generic[0]?.name;
  const base = genericName ? { generic: genericName } : {};
  if (units.length > 0) {
    const rank = UNIT_RANK[units[0].source];
    const top = units.filter((u) => UNIT_RANK[u.source] === rank);
    const names: string[] = [];
    for (const u of top)
      if (!names.some((n) => matchKey(n) === matchKey(u.name))) names.push(u.name);
    if (names.length === 1) {
      return {
        name: names[0],
        source: units[0].source,
        certainty: "sure",
        candidates: names,
        ...base,
      };
    }
    return { source: units[0].source, certainty: "conflict", candidates: names, ...base };
  }
  const suggestion = file ? fileNameUnit(file) : undefined;
  if (suggestion) {
    return { source: "file-name", certainty: "suggested", candidates: [suggestion], ...base };
  }
  return { source: "none", certainty: "none", candidates: [], ...base };
}

/** A unit name suggested by a file name: `So Tu phap - BC Quy I.xlsx` → `So Tu phap`. */
export function fileNameUnit(file: string): string | undefined {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.[a-z0-9]+$/i, "");
  const words = base
    .replace(/[_]+/g, " ")
    .replace(/\s+-\s+|\s*[()[\]]\s*/g, " ")
    .trim();
  const name = cutPeriod(
    words
      .split(/\s+/)
      .filter((w) => !/^(bc|bao|cao|baocao|bieu|mau|bm|cchc|so-lieu)$/i.test(foldText(w)))
      .join(" ")
  );
  return name && !isGenericUnitName(name) && /[a-zA-ZÀ-ỹ]{2}/.test(name)
    ? cleanText(name)
    : undefined;
}

/** What a workbook says about its unit and period. Lines of hidden sheets count only when no sheet read is visible. */
export function identify(
  lines: TextLine[],
  sheetNames: string[],
  meta: WorkbookMeta | undefined,
  file?: string
): Identity {
  const visible = lines.filter((l) => !l.hidden);
  const used = visible.length > 0 ? visible : lines;
  const found = unitStatements(used);
  const units = [...found.units];
  if (meta?.unit && !isGenericUnitName(meta.unit))
    units.unshift({ name: cleanText(meta.unit), source: "metadata" });
  const periods = periodStatements(used, sheetNames, meta, file);
  return {
    unit: decideUnit(units, found.generic, file),
    period: decidePeriod(periods),
    units,
    periods,
    generic: found.generic,
  };
}

/** Unit and period of plain title lines (one line per row), as `recognize` reads them. */
export function detectUnitAndPeriod(texts: string[]): { unit?: string; period?: string } {
  const lines: TextLine[] = texts.map((text, row0) => ({
    sheet: "",
    hidden: false,
    row0,
    cells: [{ col: 0, text: cleanText(text) }],
    text: cleanText(text),
    top: false,
  }));
  const id = identify(lines, [], undefined);
  const p = id.period.period;
  const period =
    id.period.certainty === "sure" && p?.year && isCchcKind(p.kind)
      ? `${p.year}-${p.kind}`
      : undefined;
  return { ...(id.unit.name ? { unit: id.unit.name } : {}), ...(period ? { period } : {}) };
}
