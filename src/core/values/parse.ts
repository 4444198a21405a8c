import { thousandsHint, type DecimalSeparator } from "../findings/hints";
import type { RowDef, RowKind } from "../forms/schema";
import { foldText } from "../text";
import {
  cleanFloat,
  decimalsOf,
  formatVietnameseNumber,
  normalizeSpaces,
  parseVietnameseNumber,
  spellVietnameseInteger,
  type ParsedNumber,
} from "./number";
import type { CellValue, ParsedCell, RawCell, ValueIssue } from "./types";

/** A cell's stored value reduced to one of a few shapes. */
type Input =
  | { type: "blank" }
  | { type: "text"; raw: string; text: string }
  | { type: "number"; n: number }
  | { type: "boolean"; b: boolean }
  | { type: "date"; d: Date };

type Filled = Exclude<Input, { type: "blank" }>;

const blank = (): ParsedCell => ({ value: { kind: "blank" }, issues: [] });

const EXCEL_ERROR =
  /^#(?:DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|UNKNOWN!|CONNECT!|GETTING_DATA)$/i;

/** How to read a cell: the officer's Excel decimal separator, for hints (both ways without it). */
export interface ParseOptions {
  decimalSeparator?: DecimalSeparator;
}

/**
 * Interprets a raw cell by its row's kind. Never throws: a value that cannot be read becomes
 * `{ kind: "invalid" }` with an issue. Blank (nothing, or only spaces) is `{ kind: "blank" }`, never 0.
 * Messages name the value but not the place: the caller adds the row and cell.
 */
export function parseCell(raw: RawCell, row: RowDef, opts: ParseOptions = {}): ParsedCell {
  try {
    if (raw?.invalid) return invalid("", "value.impossible-date", raw.invalid);
    const input = toInput(raw?.value);
    if (input.type === "date" && !Number.isFinite(input.d.getTime())) {
      return invalid("", "value.impossible-date", IMPOSSIBLE_DATE);
    }
    const kind = row?.kind ?? "text";
    if (
      input.type === "text" &&
      EXCEL_ERROR.test(input.text) &&
      kind !== "text" &&
      kind !== "header"
    ) {
      return cachedError(input.text, raw?.formula, kind);
    }
    return parseInput(input, raw?.numFmt, row, opts);
  } catch {
    const text = safeString(raw?.value);
    return invalid(text, "value.unparseable", `Không đọc được giá trị: ${quote(text)}`);
  }
}

/** A date the workbook stores that no calendar has (serial beyond 31/12/9999): the cell is named by the caller. */
export const IMPOSSIBLE_DATE =
  "Ô định dạng ngày tháng chứa số ngoài phạm vi ngày của Excel (sau 31/12/9999): không phải ngày hay số hợp lệ";

/**
 * A cached formula error. On a ratio, #DIV/0! is 0/0 (“không xác định”, as everywhere else): blank with an info
 * issue, never an error that blocks sending. Any other error, or on another kind, is an error that shows the formula.
 */
function cachedError(text: string, formula: string | undefined, kind: RowKind): ParsedCell {
  const f = formula ? ` (công thức =${formula.replace(/^=/, "")})` : "";
  if (kind === "percent" && /^#DIV\/0!$/i.test(text)) {
    return {
      value: { kind: "blank" },
      issues: [
        issue(
          "info",
          "value.div-zero",
          `Công thức chia cho 0${f}: tỷ lệ không xác định (0/0), để trống.`
        ),
      ],
    };
  }
  return invalid(text, "value.unparseable", `Ô báo lỗi công thức: ${text}${f}`);
}

function parseInput(
  input: Input,
  numFmt: string | undefined,
  row: RowDef,
  opts: ParseOptions
): ParsedCell {
  if (input.type === "blank") return blank();
  const kind: RowKind = row?.kind ?? "text";
  switch (kind) {
    case "text":
      return { value: { kind: "text", text: displayText(input, numFmt, true) }, issues: [] };
    case "header": {
      const text = displayText(input, numFmt, true);
      return {
        value: { kind: "text", text },
        issues: [
          issue(
            "warning",
            "value.header-has-value",
            `Hàng tiêu đề không nhận số liệu nhưng ô có giá trị: ${quote(displayText(input, numFmt))}`
          ),
        ],
      };
    }
    case "pair":
      return parsePair(input, numFmt);
    case "enum":
      return parseEnum(input, row);
    default:
      return parseNumberKind(input, numFmt, kind, opts);
  }
}

// ---------------------------------------------------------------------------------------------
// Number kinds: count, percent, decimal, money

interface NumberRead {
  value: number;
  decimals: number;
  /** The text as typed, when the input was text. */
  raw?: string;
  /** How to name the value in messages. */
  shown: string;
  fraction?: { a: number; b: number };
}

function parseNumberKind(
  input: Filled,
  numFmt: string | undefined,
  kind: RowKind,
  opts: ParseOptions
): ParsedCell {
  const read = readNumber(input, numFmt, kind);
  if ("issue" in read) return read.issue;
  const value: CellValue = {
    kind: "number",
    value: read.value,
    decimals: read.decimals,
    ...(read.fraction ? { fraction: read.fraction } : {}),
    ...(read.raw !== undefined ? { raw: read.raw } : {}),
  };
  return { value, issues: checkRange(read, kind, opts.decimalSeparator) };
}

/** Reads a number from any input, or returns the invalid result to report. */
function readNumber(
  input: Filled,
  numFmt: string | undefined,
  kind: RowKind
): NumberRead | { issue: ParsedCell } {
  switch (input.type) {
    case "number": {
      if (!Number.isFinite(input.n)) {
        const text = String(input.n);
        return {
          issue: invalid(text, "value.unparseable", `Giá trị không phải là số hữu hạn: ${text}`),
        };
      }
      const n = input.n === 0 ? 0 : input.n;
      if (kind === "percent" && hasPercentFormat(numFmt)) {
        // Excel stores 99,87% as 0.9987.
        const value = cleanFloat(n * 100);
        if (!Number.isFinite(value)) {
          const text = formatVietnameseNumber(n);
          return { issue: invalid(text, "value.unparseable", `Giá trị quá lớn: ${text}`) };
        }
        return { value, decimals: decimalsOf(value), shown: `${formatVietnameseNumber(value)}%` };
      }
      // A count computed by a formula may carry floating noise (3.0000000000000004).
      const value = kind === "count" && nearlyWhole(n) ? Math.round(n) || 0 : n;
      return { value, decimals: decimalsOf(value), shown: formatVietnameseNumber(value) };
    }
    case "boolean": {
      const text = input.b ? "TRUE" : "FALSE";
      return {
        issue: invalid(
          text,
          "value.unparseable",
          `Ô chứa giá trị đúng/sai (${text}), không phải số`
        ),
      };
    }
    case "date": {
      const text = formatDate(input.d);
      return {
        issue: invalid(
          text,
          "value.unparseable",
          `Excel đã đổi giá trị thành ngày tháng (${text}), không phải số`
        ),
      };
    }
    case "text":
      return readNumberText(input.raw, input.text, kind);
  }
}

function readNumberText(
  raw: string,
  text: string,
  kind: RowKind
): NumberRead | { issue: ParsedCell } {
  if (EXCEL_ERROR.test(text)) {
    return { issue: invalid(raw, "value.unparseable", `Ô báo lỗi công thức: ${text}`) };
  }
  const parsed = parseVietnameseNumber(text);
  if (parsed) {
    if (parsed.percent && kind !== "percent") {
      return {
        issue: invalid(
          raw,
          "value.unparseable",
          `Hàng này không phải tỷ lệ nên không dùng dấu %: ${quote(text)}`
        ),
      };
    }
    return { value: parsed.value, decimals: parsed.decimals, raw, shown: text };
  }
  if (kind === "percent") {
    const f = parseFraction(text);
    if (f && f.percent) {
      return {
        value: f.percent.value,
        decimals: f.percent.decimals,
        raw,
        shown: text,
        fraction: { a: f.a, b: f.b },
      };
    }
  }
  const hint = englishHint(text);
  const what =
    kind === "percent"
      ? "tỷ lệ"
      : kind === "money"
        ? "số tiền"
        : kind === "count"
          ? "số lượng"
          : "số";
  return {
    issue: invalid(
      raw,
      "value.unparseable",
      `Không đọc được ${what}: ${quote(text)}${hint ? ` (${hint})` : ""}`
    ),
  };
}

/** Issues about a number that was read but does not fit its kind. */
function checkRange(
  read: NumberRead,
  kind: RowKind,
  separator: DecimalSeparator | undefined
): ValueIssue[] {
  const { value, decimals, shown } = read;
  switch (kind) {
    case "count": {
      if (!Number.isInteger(value)) {
        const hint =
          value > 0 && value < 1000 && decimals === 3 ? thousandsHint(value, separator) : "";
        return [
          issue(
            "error",
            "kind.count",
            `Số lượng phải là số nguyên không âm: ${shown}${hint ? ` (${hint})` : ""}`
          ),
        ];
      }
      if (value < 0) return [issue("error", "kind.negative", `Số lượng không được âm: ${shown}`)];
      // `4,000` typed in a count: whole, but most likely four thousand.
      if (read.raw !== undefined && decimals === 3 && value > 0 && /^\d{1,3},\d{3}$/.test(shown)) {
        return [
          issue(
            "warning",
            "kind.count",
            `Số lượng có phần thập phân: ${shown} (${thousandsHint(value, separator)})`
          ),
        ];
      }
      return [];
    }
    case "percent":
      if (value < 0 || value > 100) {
        return [issue("error", "kind.percent", `Tỷ lệ phải từ 0 đến 100%: ${shown}`)];
      }
      return [];
    case "money":
      if (value < 0) return [issue("error", "kind.negative", `Số tiền không được âm: ${shown}`)];
      return [];
    default:
      return [];
  }
}

function nearlyWhole(n: number): boolean {
  return Math.abs(n - Math.round(n)) <= 1e-9 * Math.max(1, Math.abs(n));
}

/** A number written the English way (`4,751,000`, `1,234.5`): how to type it the Vietnamese way. */
function englishHint(text: string): string {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?(%?)$/.exec(text.replace(/ /g, ""));
  if (!m) return "";
  const n = Number(`${m[2].replace(/,/g, "")}${m[3] ? `.${m[3]}` : ""}`);
  if (!Number.isFinite(n)) return "";
  const signed = m[1] === "-" ? -n : n;
  const vn = `${formatVietnameseNumber(signed, m[3]?.length ?? 0)}${m[4]}`;
  if (!m[3] && !m[4] && Number.isSafeInteger(signed)) {
    return `nếu là ${spellVietnameseInteger(signed)}, hãy gõ ${vn}`;
  }
  return `nếu viết theo kiểu tiếng Anh, hãy gõ ${vn}`;
}

// ---------------------------------------------------------------------------------------------
// Fractions and pairs

interface Fraction {
  a: number;
  b: number;
  /** The value after `=`, when there is one (`19/19=100%`). */
  percent?: ParsedNumber;
}

/** `a/b` or `a/b=p%` with whole a, b ≥ 0; null otherwise. */
function parseFraction(text: string): Fraction | null {
  const m = /^([^/=]+)\/([^/=]+)(?:=([^/=]+))?$/.exec(text);
  if (!m) return null;
  const a = wholeNumber(m[1]);
  const b = wholeNumber(m[2]);
  if (a === null || b === null) return null;
  if (m[3] === undefined) return { a, b };
  const p = parseVietnameseNumber(m[3]);
  if (!p) return null;
  return { a, b, percent: p };
}

function wholeNumber(text: string): number | null {
  const p = parseVietnameseNumber(text);
  if (!p || p.percent || p.value < 0 || !Number.isInteger(p.value)) return null;
  return p.value;
}

function parsePair(input: Filled, numFmt: string | undefined): ParsedCell {
  let date: Date | null = null;
  if (input.type === "date") date = input.d;
  else if (input.type === "number" && isDateFormat(numFmt)) date = serialToDate(input.n);
  if (date) {
    const parts = dateParts(date);
    if (parts && parts[0] !== parts[1]) {
      const [day, month] = parts;
      return invalid(
        formatDate(date),
        "value.date-pair-ambiguous",
        `Excel đã đổi a/b thành ngày ${formatDate(date)}: cần xác nhận là ${day}/${month} hay ${month}/${day} (tùy máy nhập theo kiểu Việt Nam hay Mỹ); hãy định dạng ô kiểu Văn bản (Text) rồi gõ lại`
      );
    }
    if (parts) {
      const [day, month] = parts;
      return {
        value: { kind: "pair", a: day, b: month },
        issues: [
          issue(
            "warning",
            "value.date-as-pair",
            `Excel đã đổi a/b thành ngày ${formatDate(date)}; đã đọc lại là ${day}/${month}, hãy kiểm tra và định dạng ô kiểu Văn bản (Text)`
          ),
        ],
      };
    }
  }
  if (input.type === "text") {
    const f = parseFraction(input.text);
    if (f) {
      return { value: { kind: "pair", a: f.a, b: f.b, raw: input.raw }, issues: [] };
    }
  }
  const text = displayText(input, numFmt);
  const rawText = input.type === "text" ? input.raw : text;
  return invalid(
    rawText,
    "kind.pair",
    `Cặp số phải có dạng a/b với a, b là số nguyên không âm (ví dụ 04/04): ${quote(text)}`
  );
}

// ---------------------------------------------------------------------------------------------
// Enums

function parseEnum(input: Filled, row: RowDef): ParsedCell {
  const options = row.options ?? [];
  let code: number | undefined;
  if (input.type === "number") {
    if (options.some((o) => o.code === input.n)) code = input.n;
  } else if (input.type === "text") {
    code = enumCodeOfText(input.text, options);
  }
  if (code !== undefined) {
    return {
      value: {
        kind: "number",
        value: code,
        decimals: 0,
        ...(input.type === "text" ? { raw: input.raw } : {}),
      },
      issues: [],
    };
  }
  const text = displayText(input, undefined);
  const rawText = input.type === "text" ? input.raw : text;
  const allowed = options.map((o) => `${o.code} (${o.label})`);
  const list =
    allowed.length === 0
      ? "hàng này chưa có danh sách mã"
      : allowed.length === 1
        ? `chỉ nhận ${allowed[0]}`
        : `chỉ nhận ${allowed.slice(0, -1).join(", ")} hoặc ${allowed[allowed.length - 1]}`;
  return invalid(rawText, "kind.enum", `Mã không hợp lệ: ${quote(text)}; ${list}`);
}

function enumCodeOfText(
  text: string,
  options: { code: number; label: string }[]
): number | undefined {
  const n = parseVietnameseNumber(text);
  if (n) {
    if (n.percent || !Number.isInteger(n.value)) return undefined;
    return options.find((o) => o.code === n.value)?.code;
  }
  const byLabel = matchLabel(text, options);
  if (byLabel !== undefined) return byLabel;
  // `1 (Có)`, `1 - Có`: the code and its label, when they agree.
  const m = /^(\d+)\s*(?:[-–:.]\s*(.+)|\((.+)\))$/.exec(text);
  if (m) {
    const code = Number(m[1]);
    const label = matchLabel((m[2] ?? m[3]).trim(), options);
    if (label === code) return code;
  }
  return undefined;
}

/** Code of the option whose label matches, ignoring case, then also diacritics; undefined if none or ambiguous. */
function matchLabel(text: string, options: { code: number; label: string }[]): number | undefined {
  const lower = (s: string) => normalizeSpaces(s.normalize("NFC")).toLowerCase();
  const exact = options.filter((o) => lower(o.label) === lower(text));
  if (exact.length === 1) return exact[0].code;
  if (exact.length > 1) return undefined;
  const loose = options.filter((o) => foldText(o.label) === foldText(text));
  return loose.length === 1 ? loose[0].code : undefined;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function issue(severity: ValueIssue["severity"], rule: string, message: string): ValueIssue {
  return { severity, rule, message };
}

function invalid(raw: string, rule: string, message: string): ParsedCell {
  return {
    value: { kind: "invalid", raw, reason: message },
    issues: [issue("error", rule, message)],
  };
}

/** Reduces a stored value to an input shape; tolerates shapes outside RawCell (ExcelJS objects). */
function toInput(value: unknown, depth = 0): Input {
  if (value === null || value === undefined) return { type: "blank" };
  if (typeof value === "string") {
    const text = normalizeSpaces(value);
    return text === "" ? { type: "blank" } : { type: "text", raw: value, text };
  }
  if (typeof value === "number") return { type: "number", n: value };
  if (typeof value === "boolean") return { type: "boolean", b: value };
  if (isDate(value)) return { type: "date", d: value };
  if (typeof value === "object" && depth < 3) {
    // ExcelJS: { formula, result }, { richText: [{ text }] }, { error }, { text, hyperlink }.
    const o = value as Record<string, unknown>;
    if ("result" in o) return toInput(o.result, depth + 1);
    if (Array.isArray(o.richText)) {
      return toInput(
        o.richText.map((r: unknown) => safeString((r as { text?: unknown })?.text)).join(""),
        depth + 1
      );
    }
    if (typeof o.error === "string") return toInput(o.error, depth + 1);
    if (typeof o.text === "string") return toInput(o.text, depth + 1);
  }
  return toInput(safeString(value), depth + 1);
}

function isDate(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === "[object Date]";
}

function safeString(v: unknown): string {
  try {
    if (v === null || v === undefined) return "";
    if (isDate(v)) return formatDate(v);
    return String(v);
  } catch {
    return "?";
  }
}

/** How a value reads as text: numbers the Vietnamese way, dates as dd/mm/yyyy. */
function displayText(input: Filled, numFmt: string | undefined, keepRaw = false): string {
  switch (input.type) {
    case "text":
      return keepRaw ? input.raw : input.text;
    case "number":
      return hasPercentFormat(numFmt)
        ? `${formatVietnameseNumber(cleanFloat(input.n * 100))}%`
        : formatVietnameseNumber(input.n);
    case "boolean":
      return input.b ? "TRUE" : "FALSE";
    case "date":
      return formatDate(input.d);
  }
}

/** A quoted value for a message, shortened when long. */
function quote(text: string): string {
  const t = text.length > 80 ? `${text.slice(0, 77)}…` : text;
  return `“${t}”`;
}

/** Removes quoted literals and escapes from a number format, leaving its codes. */
function formatCodes(numFmt: string | undefined): string {
  if (typeof numFmt !== "string") return "";
  return numFmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "");
}

function hasPercentFormat(numFmt: string | undefined): boolean {
  return formatCodes(numFmt).includes("%");
}

/** True for an Excel date format (`dd/mm/yyyy`, `m/d/yy`, `d-mmm`); false for times and numbers. */
function isDateFormat(numFmt: string | undefined): boolean {
  const codes = formatCodes(numFmt)
    .replace(/\[[^\]]*\]/g, "")
    .toLowerCase();
  if (codes === "" || codes === "general" || codes === "@") return false;
  return /[dy]/.test(codes) || (/m/.test(codes) && !/[hs]/.test(codes));
}

/** Excel 1900 date system serial → date at UTC midnight (serial 60 is the fictitious 29/02/1900). */
function serialToDate(serial: number): Date | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const days = Math.floor(serial) - (serial < 60 ? 1 : 2);
  return new Date(Date.UTC(1900, 0, 1) + days * 86400000);
}

/** Day, month and year of a date as shown in Excel: UTC when at UTC midnight (ExcelJS), else local. */
function dateParts(d: Date): [number, number, number] | null {
  if (!Number.isFinite(d.getTime())) return null;
  const utcMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
  if (!utcMidnight && localMidnight) return [d.getDate(), d.getMonth() + 1, d.getFullYear()];
  return [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()];
}

function formatDate(d: Date): string {
  const p = dateParts(d);
  if (!p) return "ngày không hợp lệ";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(p[0])}/${pad(p[1])}/${p[2]}`;
}
