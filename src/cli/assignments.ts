import * as path from "path";
import { CliError } from "./io";

/**
 * The officer's decisions given on the command line: `--assign FILE=UNIT` (repeatable), `--assignments FILE`
 * (one `tệp;đơn vị` per line) and `--keep FILE`. Files are matched to the unit files given, by resolved path, and
 * keyed by the string given as that unit file (the key of ConsolidationInput.file).
 */

/** Assignment lines as text: UTF-8 (BOM or not) or UTF-16 with BOM. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\ufeff/, "");
  } catch {
    return undefined;
  }
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"')
    ? t.slice(1, -1).replace(/""/g, '"').trim()
    : t;
}

/**
 * Parses an assignments file: each line `tệp;đơn vị` (or a tab, or `=`, between them; not a comma, which unit
 * names contain). Blank lines and lines starting with `#` are skipped, and so is a first line `tệp;đơn vị`.
 */
export function parseAssignmentLines(file: string, text: string): [string, string][] {
  const out: [string, string][] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith("#")) return;
    const sep = /[;\t]/.exec(t) ?? /=/.exec(t);
    if (!sep) {
      throw new CliError(
        `Tệp phân công ${file}, dòng ${i + 1}: không thấy dấu “;” giữa tên tệp và tên đơn vị (mỗi dòng: tệp;đơn vị).`
      );
    }
    const name = unquote(t.slice(0, sep.index));
    const unit = unquote(t.slice(sep.index + 1));
    if (i === 0 && /^(tệp|tep|file|tên tệp)$/i.test(name.normalize("NFC"))) return;
    if (!name || !unit) {
      throw new CliError(`Tệp phân công ${file}, dòng ${i + 1}: thiếu tên tệp hoặc tên đơn vị.`);
    }
    out.push([name, unit]);
  });
  return out;
}

/** `FILE=UNIT` of --assign; the unit may contain `=`, the file part is up to the first one. */
export function parseAssignOption(value: string): [string, string] {
  const at = value.indexOf("=");
  const file = at > 0 ? value.slice(0, at).trim() : "";
  const unit = at > 0 ? value.slice(at + 1).trim() : "";
  if (!file || !unit) {
    throw new CliError(`--assign “${value}” không đúng dạng: dùng --assign "tệp.xlsx=Tên đơn vị".`);
  }
  return [file, unit];
}

/** The unit file (as given) that `name` stands for; a Vietnamese error when it is none of them. */
export function matchInputFile(name: string, inputs: string[], option: string): string {
  if (inputs.includes(name)) return name;
  const resolved = path.resolve(name);
  const found = inputs.find((f) => path.resolve(f) === resolved);
  if (found) return found;
  throw new CliError(`${option}: tệp “${name}” không có trong các tệp được tổng hợp.`);
}

export function assignmentsOf(pairs: [string, string][], inputs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, unit] of pairs) {
    const key = matchInputFile(file, inputs, "--assign");
    if (out[key] !== undefined && out[key] !== unit) {
      throw new CliError(`Tệp ${key} được gán cho hai đơn vị: “${out[key]}” và “${unit}”.`);
    }
    out[key] = unit;
  }
  return out;
}
