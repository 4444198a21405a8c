import { cleanText, foldText, matchKey } from "../text";
import type { RegisterUnit, UnitRegister } from "./types";

/** The unit register (list of expected units) from CSV or .xlsx, and matching unit names against it. */

type CsvParse = typeof import("csv-parse/sync").parse;

/**
 * csv-parse's Node build (`csv-parse/sync`) uses the global `Buffer`, which browsers lack; its browser build
 * has the same API and bundles its own. Each is loaded only when needed, so the task pane never evaluates
 * the Node build.
 */
function csvParse(): CsvParse {
  const mod: { parse: CsvParse } =
    typeof Buffer !== "undefined"
      ? require("csv-parse/sync")
      : require("csv-parse/browser/esm/sync");
  return mod.parse;
}

/** Key for matching unit names: NFC, invisible characters removed, lower case, single spaces. */
export function unitKey(name: string): string {
  return matchKey(name);
}

/** Key without diacritics and punctuation; `Ủy ban nhân dân` as `UBND`. */
export function looseUnitKey(name: string): string {
  return foldText(cleanText(name))
    .replace(/\buy ban nhan dan\b/g, "ubnd")
    .replace(/[^a-z0-9&]+/g, " ")
    .trim();
}

type Column = "name" | "code" | "type" | "alias";

const HEADERS: Record<string, Column> = {
  ten: "name",
  "ten don vi": "name",
  "don vi": "name",
  "ten co quan": "name",
  "co quan": "name",
  "co quan don vi": "name",
  "ten co quan don vi": "name",
  "don vi bao cao": "name",
  name: "name",
  ma: "code",
  "ma don vi": "code",
  "ma so": "code",
  code: "code",
  loai: "type",
  "loai don vi": "type",
  cap: "type",
  type: "type",
  "ten khac": "alias",
  "ten goi khac": "alias",
  "viet tat": "alias",
  "ten viet tat": "alias",
  "cac ten khac": "alias",
  aliases: "alias",
};

function headerColumn(cell: string): Column | undefined {
  return HEADERS[
    foldText(cleanText(cell))
      .replace(/[^a-z0-9 ]+/g, "")
      .trim()
  ];
}

/**
 * A register from table rows (CSV records or worksheet rows): an optional header row naming the columns (name,
 * code, type, other names; unknown columns ignored), then one unit per row. Without a header the first column is
 * the name. Other names in one cell are separated by `|` or `;`. Repeated names (after `unitKey`) are dropped.
 */
export function registerOfRows(rows: string[][]): UnitRegister {
  const first = rows[0] ?? [];
  const cols = first.map(headerColumn);
  const hasHeader = cols.some((c) => c !== undefined);
  const nameCol = hasHeader ? Math.max(0, cols.indexOf("name")) : 0;
  const col = (c: Column) => (hasHeader ? cols.indexOf(c) : -1);
  const aliasCols = cols.flatMap((c, i) => (hasHeader && c === "alias" ? [i] : []));
  const seen = new Set<string>();
  const units: RegisterUnit[] = [];
  for (const record of hasHeader ? rows.slice(1) : rows) {
    const name = cleanText(record[nameCol] ?? "");
    if (!name || seen.has(unitKey(name))) continue;
    seen.add(unitKey(name));
    const code = col("code") >= 0 ? cleanText(record[col("code")] ?? "") : "";
    const type = col("type") >= 0 ? cleanText(record[col("type")] ?? "") : "";
    const aliases = aliasCols
      .flatMap((i) => (record[i] ?? "").split(/[|;\n]/))
      .map(cleanText)
      .filter((a) => a && unitKey(a) !== unitKey(name));
    units.push({ name, ...(code ? { code } : {}), ...(type ? { type } : {}), aliases });
  }
  return { units };
}

/**
 * The register from CSV text. The delimiter is taken from the first line: `;` or tab; `,` only when that line is
 * a header naming its columns (`Tên đơn vị,Mã`). Otherwise the file has one column and every line is one name,
 * commas and all (`Sở Văn hóa, Thể thao và Du lịch`).
 */
export function parseRegister(csvText: string): UnitRegister {
  const text = csvText.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";")
    ? ";"
    : firstLine.includes("\t")
      ? "\t"
      : firstLine.split(",").length > 1 && firstLine.split(",").some((c) => headerColumn(c))
        ? ","
        : "\u0000";
  const records = csvParse()(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as string[][];
  return registerOfRows(records);
}

/** The names of the register in CSV text (see `parseRegister`). */
export function parseExpectedUnits(csvText: string): string[] {
  return parseRegister(csvText).units.map((u) => u.name);
}

/** A register of names only (the `expected` option). */
export function registerOfNames(names: string[]): UnitRegister {
  return registerOfRows(names.map((n) => [n]));
}

/** Text of a CSV file: UTF-16 (with its byte-order mark) or UTF-8 with or without one. */
export function decodeCsv(file: string, bytes: Uint8Array): string {
  const [b0, b1] = [bytes[0], bytes[1]];
  const encoding =
    b0 === 0xff && b1 === 0xfe ? "utf-16le" : b0 === 0xfe && b1 === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new Error(
      `Danh sách đơn vị “${file}” không phải văn bản UTF-8 hay UTF-16: hãy lưu lại dạng “CSV UTF-8” hoặc dùng tệp .xlsx.`
    );
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function checked(file: string, register: UnitRegister): UnitRegister {
  if (register.units.length === 0) {
    throw new Error(
      `Danh sách đơn vị “${file}” không có tên đơn vị nào: dòng đầu là tiêu đề (Tên đơn vị; Mã; Loại; Tên khác), mỗi dòng sau ghi một đơn vị.`
    );
  }
  return register;
}

/** The register of a CSV file's bytes; throws an Error whose Vietnamese message names the file. */
export function registerOfCsvBytes(file: string, bytes: Uint8Array): UnitRegister {
  if (isZip(bytes)) {
    throw new Error(`Danh sách đơn vị “${file}” là tệp Excel: hãy mở bằng registerOfBytes.`);
  }
  const text = decodeCsv(file, bytes);
  try {
    return checked(file, parseRegister(text));
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.includes(file) ? msg : `Không đọc được danh sách đơn vị “${file}”: ${msg}`);
  }
}

/**
 * The register of a file (`--expected`, or imported in the task pane): .xlsx (first visible sheet) or CSV.
 * Throws an Error whose Vietnamese message names the file.
 */
export async function registerOfBytes(file: string, bytes: Uint8Array): Promise<UnitRegister> {
  if (!isZip(bytes)) return registerOfCsvBytes(file, bytes);
  const xlsx = await import(/* webpackChunkName: "xlsx-read" */ "../xlsx/read");
  let rows: string[][];
  try {
    const snapshot = await xlsx.readSnapshot(bytes);
    const sheet = snapshot.sheets.find((s) => s.visible !== false) ?? snapshot.sheets[0];
    rows = (sheet?.rows ?? [])
      .map((r) => (r ?? []).map((c) => (c?.value == null ? "" : String(c.value))))
      .filter((r) => r.some((c) => c.trim()));
  } catch (e) {
    throw new Error(`Không đọc được danh sách đơn vị “${file}”: ${(e as Error).message}`);
  }
  return checked(file, registerOfRows(rows));
}

/** The names of a CSV register file (kept for callers that need names only). */
export function expectedUnitsOfBytes(file: string, bytes: Uint8Array): string[] {
  return registerOfCsvBytes(file, bytes).units.map((u) => u.name);
}

export type MatchHow = "name" | "no-diacritics" | "other-name" | "code";

export interface RegisterMatch {
  unit?: RegisterUnit;
  how?: MatchHow;
  /** Several units match at the same step. */
  ambiguous: RegisterUnit[];
  /** Units whose names resemble the name, best first (when nothing matched). */
  similar: RegisterUnit[];
}

function dice(a: string, b: string): number {
  const ta = new Set(a.split(" ").filter(Boolean));
  const tb = new Set(b.split(" ").filter(Boolean));
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return (2 * common) / (ta.size + tb.size);
}

/**
 * Matches a name to one register unit: by name (NFC, invisible characters, white space, case), then without
 * diacritics, then by other names and codes; a name followed by `tỉnh …` matches the unit it starts with.
 */
export function matchRegister(register: UnitRegister, name: string): RegisterMatch {
  const exact = unitKey(name);
  const loose = looseUnitKey(name);
  const steps: [MatchHow, (u: RegisterUnit) => boolean][] = [
    ["name", (u) => unitKey(u.name) === exact],
    ["no-diacritics", (u) => looseUnitKey(u.name) === loose],
    ["other-name", (u) => u.aliases.some((a) => unitKey(a) === exact || looseUnitKey(a) === loose)],
    ["code", (u) => !!u.code && unitKey(u.code) === exact],
    [
      "no-diacritics",
      (u) => {
        // `Sở Tư pháp tỉnh Sơn La` for `Sở Tư pháp`; `… tỉnh Sơn La` for `… tỉnh`.
        const k = looseUnitKey(u.name);
        if (!loose.startsWith(`${k} `)) return false;
        const rest = loose.slice(k.length + 1);
        return /^tinh \S+( \S+)?$/.test(rest) || (k.endsWith(" tinh") && /^\S+( \S+)?$/.test(rest));
      },
    ],
  ];
  for (const [how, test] of steps) {
    const hits = register.units.filter(test);
    if (hits.length === 1) return { unit: hits[0], how, ambiguous: [], similar: [] };
    if (hits.length > 1) return { ambiguous: hits, similar: [] };
  }
  const similar = register.units
    .map((u) => ({
      u,
      s: Math.max(
        dice(loose, looseUnitKey(u.name)),
        ...u.aliases.map((a) => dice(loose, looseUnitKey(a)))
      ),
    }))
    .filter((x) => x.s >= 0.5)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map((x) => x.u);
  return { ambiguous: [], similar };
}
