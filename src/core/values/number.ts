/**
 * Vietnamese number text: `.` groups thousands, `,` is the decimal mark (`3.989.325,00`, `99,87%`).
 * Pure functions, independent of the machine's locale.
 */

export interface ParsedNumber {
  value: number;
  /** Decimals as typed (`3.989.325,00` → 2). */
  decimals: number;
  /** True when the text ended with `%`. The value is then the number before the sign (`99,87%` → 99.87). */
  percent: boolean;
}

/** Spaces that may surround a number or group its thousands: space, nbsp, narrow nbsp, figure space, thin space. */
const SPACES = /[\s\u00a0\u2007\u2009\u202f]+/g;

/** Replaces every kind of space by a plain space and trims. */
export function normalizeSpaces(text: string): string {
  return text.replace(SPACES, " ").trim();
}

// Unsigned bodies, tried in order.
/** `4575`, `02`, `33,3`, `0,9987`. */
const PLAIN = /^(\d+)(?:,(\d+))?$/;
/** `1.234`, `3.989.325,00`: the first group has no leading zero. */
const DOT_GROUPED = /^([1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d+))?$/;
/** `1 234`, `1 234 567,5`. */
const SPACE_GROUPED = /^([1-9]\d{0,2}(?: \d{3})+)(?:,(\d+))?$/;
/** English slip, no comma: `99.6`, `11.03`, `1.2345` (a dot followed by 1–2 or 4+ digits). */
const DOT_DECIMAL = /^(\d+)\.(\d{1,2}|\d{4,})$/;

/**
 * Parses a number written the Vietnamese way. Accepts an optional leading sign, spaces or nbsp around
 * the number or as thousands separators, and a trailing `%`. Tolerates unambiguous English slips:
 * `99.6%`, `11.03%` (a single dot followed by 1–2 or 4+ digits is a decimal point). A dot followed by
 * exactly 3 digits is a thousands separator. Returns null for anything else.
 */
export function parseVietnameseNumber(
  text: string
): { value: number; decimals: number; percent: boolean } | null {
  if (typeof text !== "string") return null;
  let s = normalizeSpaces(text);
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  }
  let sign = 1;
  const first = s.charAt(0);
  if (first === "+" || first === "-" || first === "\u2212") {
    sign = first === "+" ? 1 : -1;
    s = s.slice(1).trimStart();
  }
  if (s === "") return null;

  let intDigits: string;
  let fracDigits = "";
  let m: RegExpExecArray | null;
  if ((m = PLAIN.exec(s))) {
    intDigits = m[1];
    fracDigits = m[2] ?? "";
  } else if ((m = DOT_GROUPED.exec(s))) {
    intDigits = m[1].replace(/\./g, "");
    fracDigits = m[2] ?? "";
  } else if ((m = SPACE_GROUPED.exec(s))) {
    intDigits = m[1].replace(/ /g, "");
    fracDigits = m[2] ?? "";
  } else if ((m = DOT_DECIMAL.exec(s))) {
    intDigits = m[1];
    fracDigits = m[2];
  } else {
    return null;
  }
  const abs = Number(fracDigits ? `${intDigits}.${fracDigits}` : intDigits);
  if (!Number.isFinite(abs)) return null;
  const value = abs === 0 ? 0 : sign * abs;
  return { value, decimals: fracDigits.length, percent };
}

/**
 * Decimal digits of |n| rounded half away from zero to `decimals` places, from the shortest decimal
 * representation of the float (so 1.005 rounds to 1.01, as a person expects). Returns [int, frac].
 */
function fixedDigits(abs: number, decimals: number): [string, string] {
  // Shortest round-trip representation, possibly with an exponent.
  const str = String(abs);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(str);
  if (!m) return [str, ""];
  const mantissa = m[1] + (m[2] ?? "");
  // Position of the decimal point inside `mantissa`.
  let point = m[1].length + (m[3] ? Number(m[3]) : 0);
  let digits = mantissa;
  if (point <= 0) {
    digits = "0".repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + "0".repeat(point - digits.length);
  }
  const keep = point + decimals;
  let kept = digits.slice(0, keep).padEnd(keep, "0");
  const next = digits.charCodeAt(keep) - 48; // NaN past the end
  if (next >= 5) {
    // Increment the kept digits as a decimal string.
    const arr = kept.split("");
    let i = arr.length - 1;
    while (i >= 0) {
      if (arr[i] === "9") {
        arr[i] = "0";
        i--;
      } else {
        arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
        break;
      }
    }
    kept = (i < 0 ? "1" : "") + arr.join("");
    point += i < 0 ? 1 : 0;
  }
  const intPart = kept.slice(0, point).replace(/^0+(?=\d)/, "");
  return [intPart === "" ? "0" : intPart, kept.slice(point)];
}

/**
 * Formats a number the Vietnamese way: `39488` → `39.488`, `90.575` with 3 decimals → `90,575`.
 * Without `decimals`, uses as many as needed (at most 6, trailing zeros trimmed).
 * Independent of the machine's locale.
 */
export function formatVietnameseNumber(n: number, decimals?: number): string {
  if (typeof n !== "number" || Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "∞" : "-∞";
  const fixed = decimals !== undefined && Number.isInteger(decimals) && decimals >= 0;
  const d = fixed ? Math.min(decimals, 20) : 6;
  let [intPart, frac] = fixedDigits(Math.abs(n), d);
  if (!fixed) frac = frac.replace(/0+$/, "");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const body = frac ? `${grouped},${frac}` : grouped;
  const zero = /^[0,.]*$/.test(body);
  return n < 0 && !zero ? `-${body}` : body;
}

/**
 * Decimals of a stored float as a person would see it: 0.9987 × 100 → 99.87 → 2.
 * Floating noise is stripped with 12 significant digits.
 */
export function decimalsOf(n: number): number {
  if (typeof n !== "number" || !Number.isFinite(n) || n === 0) return 0;
  const s = String(Number(n.toPrecision(12)));
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return 0;
  const d = (m[1]?.length ?? 0) - (m[2] ? Number(m[2]) : 0);
  return Math.max(0, d);
}

/** Removes floating noise from a computed value (e.g. 0.9987 × 100 → 99.87). */
export function cleanFloat(n: number): number {
  if (!Number.isFinite(n)) return n;
  const v = Number(n.toPrecision(15));
  return v === 0 ? 0 : v;
}

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/** Reads a group of three digits; `full` reads leading zeros (`không trăm linh năm`). */
function readTriple(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  const saidHundreds = full || h > 0;
  if (saidHundreds) words.push(DIGITS[h], "trăm");
  if (t === 0) {
    if (u > 0) {
      if (saidHundreds) words.push("linh");
      words.push(DIGITS[u]);
    }
    return words.join(" ");
  }
  words.push(t === 1 ? "mười" : `${DIGITS[t]} mươi`);
  if (u === 1 && t > 1) words.push("mốt");
  else if (u === 4 && t > 1) words.push("tư");
  else if (u === 5) words.push("lăm");
  else if (u > 0) words.push(DIGITS[u]);
  return words.join(" ");
}

/** Reads 0 ≤ n < 10^9. */
function readBelowBillion(n: number, full: boolean): string {
  const groups = [Math.floor(n / 1e6), Math.floor(n / 1e3) % 1000, n % 1000];
  const scales = ["triệu", "nghìn", ""];
  const words: string[] = [];
  for (let i = 0; i < 3; i++) {
    if (groups[i] === 0) continue;
    const leading = !full && words.length === 0;
    words.push(readTriple(groups[i], !leading));
    if (scales[i]) words.push(scales[i]);
  }
  return words.join(" ");
}

/**
 * Reads a whole number in Vietnamese words: 4751 → `bốn nghìn bảy trăm năm mươi mốt`.
 * Numbers that are not safe integers are returned formatted with digits.
 */
export function spellVietnameseInteger(n: number): string {
  if (!Number.isSafeInteger(n)) return formatVietnameseNumber(n);
  if (n === 0) return "không";
  if (n < 0) return `âm ${spellVietnameseInteger(-n)}`;
  const read = (x: number, full: boolean): string => {
    if (x < 1e9) return readBelowBillion(x, full);
    const hi = Math.floor(x / 1e9);
    const lo = x % 1e9;
    const head = `${read(hi, full)} tỷ`;
    return lo === 0 ? head : `${head} ${readBelowBillion(lo, true)}`;
  };
  return read(n, false);
}
