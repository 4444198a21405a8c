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

/** Key for matching unit names: Unicode NFC, lower case, single spaces, trimmed. */
export function unitKey(name: string): string {
  return name.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The expected-unit list from CSV text: a header row, then one unit name per line in the first column.
 * A byte-order mark is ignored; the delimiter (`,`, `;` or tab) is taken from the header line; blank
 * lines and repeated names (after `unitKey`) are dropped.
 */
export function parseExpectedUnits(csvText: string): string[] {
  const text = csvText.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : firstLine.includes("\t") ? "\t" : ",";
  const records = csvParse()(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  }) as string[][];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const record of records.slice(1)) {
    const name = (record[0] ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
    if (!name || seen.has(unitKey(name))) continue;
    seen.add(unitKey(name));
    out.push(name);
  }
  return out;
}

/**
 * The expected-unit list of a CSV file (`--expected`, or imported in the task pane) from its bytes. Throws an
 * Error whose Vietnamese message names the file: not UTF-8, not CSV, or no name in it.
 */
export function expectedUnitsOfBytes(file: string, bytes: Uint8Array): string[] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(
      `Danh sách đơn vị “${file}” không phải văn bản UTF-8: hãy lưu lại dạng “CSV UTF-8”.`
    );
  }
  let names: string[];
  try {
    names = parseExpectedUnits(text);
  } catch (e) {
    throw new Error(`Không đọc được danh sách đơn vị “${file}”: ${(e as Error).message}`);
  }
  if (names.length === 0) {
    throw new Error(
      `Danh sách đơn vị “${file}” không có tên đơn vị nào: dòng đầu là tiêu đề, mỗi dòng sau ghi một tên đơn vị ở cột đầu.`
    );
  }
  return names;
}
