import { zipSync, type Zippable } from "fflate";
import { UnreadableFileError } from "./errors";
import {
  groupThousands,
  MAX_INFLATED_BYTES,
  MAX_RATIO,
  MAX_SHARED_STRINGS,
  MAX_SHARED_STRINGS_BYTES,
  MAX_SHEET_XML_BYTES,
  MAX_STYLES_BYTES,
  MAX_SHEET_CELLS,
  MAX_SHEETS,
  MAX_WORKBOOK_CELLS,
  MAX_ZIP_ENTRIES,
  RATIO_CHECK_BYTES,
} from "./limits";
import { cleanSheet, countElements, measureSheet } from "./sheet";
import { escapeXml, removeElements, tagsOf } from "./xml";
import { inflateEntry, readCentralDirectory, ZipError, type ZipEntry } from "./zip";

/**
 * The guarded reader's first step: an .xlsx container checked within fixed limits (limits.ts) and rebuilt with
 * only what the reader uses, before ExcelJS sees a byte. What ExcelJS then loads is exactly what was checked:
 * the package parts a Biểu mẫu reading needs (workbook, worksheets, shared strings, styles, properties), every
 * worksheet renamed `sheetN.xml` in workbook order, chart sheets, drawings, images, comments, pivot caches,
 * external links, controls and defined names left out (they never make a file unreadable, and ExcelJS expands
 * a defined name cell by cell). Throws UnreadableFileError with a Vietnamese reason (naming the sheet when one
 * sheet is the cause).
 */

const CORRUPT = "Tệp .xlsx bị hỏng hoặc không đầy đủ (có thể bị cắt khi tải về hoặc đính kèm).";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** Parts copied as they are (after the size checks), by their fixed names. */
const KEPT = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml"];

const decoder = new TextDecoder("utf-8");
const encoder = new TextEncoder();

class Budget {
  used = 0;
  get left(): number {
    return MAX_INFLATED_BYTES - this.used;
  }
}

function inflated(bytes: Uint8Array, entry: ZipEntry, budget: Budget): Uint8Array {
  if (entry.size > budget.left) throw new UnreadableFileError(bombProblem());
  if (entry.size >= RATIO_CHECK_BYTES && entry.size > entry.compressedSize * MAX_RATIO) {
    throw new UnreadableFileError(ratioProblem(entry));
  }
  try {
    const out = inflateEntry(bytes, entry, budget.left);
    budget.used += out.length;
    return out;
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    if (e.kind === "overflow") throw new UnreadableFileError(bombProblem());
    if (e.kind === "method") {
      throw new UnreadableFileError(
        `Phần “${entry.name}” trong tệp dùng kiểu nén không hỗ trợ: hãy mở tệp trong Excel và lưu lại.`
      );
    }
    throw new UnreadableFileError(CORRUPT);
  }
}

function tooManySheets(): string {
  return `Tệp có hơn ${MAX_SHEETS} trang (một sổ biểu mẫu có khoảng 7 trang): tệp không được đọc.`;
}

function bombProblem(): string {
  return `Nội dung giải nén của tệp vượt ${MAX_INFLATED_BYTES / 1048576} MB (một sổ biểu mẫu chỉ vài trăm KB): tệp không được đọc. Đây có thể là tệp hỏng hoặc “bom nén”.`;
}

function ratioProblem(entry: ZipEntry): string {
  const ratio = Math.round(entry.size / Math.max(1, entry.compressedSize));
  return `Phần “${entry.name}” trong tệp nén bất thường (${groupThousands(entry.size / 1048576)} MB từ ${groupThousands(entry.compressedSize / 1024)} KB, tỉ lệ ${groupThousands(ratio)}:1): tệp không được đọc. Đây có thể là tệp hỏng hoặc “bom nén”.`;
}

/** `worksheets/sheet1.xml` relative to `xl/`, or `/xl/…` absolute, as a zip entry name. */
function partName(target: string, base = "xl/"): string {
  const t = target.trim().replace(/\\/g, "/");
  const parts = (t.startsWith("/") ? t.slice(1) : base + t).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(xml: string): Relationship[] {
  return tagsOf(xml, "Relationship").map((a) => ({
    id: a.Id ?? "",
    type: a.Type ?? "",
    target: a.Target ?? "",
  }));
}

/** Checks the container and returns the bytes ExcelJS will load. */
export function guardXlsx(bytes: Uint8Array): Uint8Array {
  let listing: ReturnType<typeof readCentralDirectory>;
  try {
    listing = readCentralDirectory(bytes, MAX_ZIP_ENTRIES);
  } catch (e) {
    if (e instanceof ZipError) throw new UnreadableFileError(CORRUPT);
    throw e;
  }
  if (listing.declaredCount > MAX_ZIP_ENTRIES) {
    throw new UnreadableFileError(
      `Tệp chứa ${groupThousands(listing.declaredCount)} phần nén, quá giới hạn ${groupThousands(MAX_ZIP_ENTRIES)} (một sổ biểu mẫu chỉ có vài chục): tệp không được đọc.`
    );
  }
  const byName = new Map<string, ZipEntry>();
  for (const e of listing.entries) {
    // Names are case-insensitive in OPC; two entries of one name would be read differently by different readers.
    const key = e.name.toLowerCase();
    if (byName.has(key)) throw new UnreadableFileError(CORRUPT);
    byName.set(key, e);
  }
  const entry = (name: string) => byName.get(name.toLowerCase());
  const budget = new Budget();
  const text = (e: ZipEntry) => decoder.decode(inflated(bytes, e, budget));

  const workbookEntry = entry("xl/workbook.xml");
  const workbookRelsEntry = entry("xl/_rels/workbook.xml.rels");
  if (!workbookEntry || !workbookRelsEntry) {
    throw new UnreadableFileError(
      "Tệp không có phần sổ làm việc (xl/workbook.xml) như một tệp .xlsx của Excel: hãy mở trong Excel và lưu lại dưới dạng .xlsx."
    );
  }
  const rels = relationships(text(workbookRelsEntry));
  let workbook = text(workbookEntry);

  const out: Zippable = {};
  const newRels: Relationship[] = [];
  const relOf = (id: string) => rels.find((r) => r.id === id);
  const sheetTags = [...workbook.matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*?\/?>/g)];
  if (sheetTags.length > MAX_SHEETS) throw new UnreadableFileError(tooManySheets());
  let sheetNo = 0;
  let cellsLeft = MAX_WORKBOOK_CELLS;
  for (const m of sheetTags) {
    const attrs = tagsOf(m[0], "sheet")[0] ?? {};
    const rel = relOf(attrs.id ?? "");
    const name = attrs.name ?? "";
    if (!rel) throw new UnreadableFileError(CORRUPT);
    if (!/\/worksheet$/.test(rel.type)) {
      // A chart sheet, dialog or macro sheet: not a form, left out.
      workbook = workbook.replace(m[0], () => "");
      continue;
    }
    const part = entry(partName(rel.target));
    if (!part) {
      throw new UnreadableFileError(
        `Tệp .xlsx bị hỏng: trang “${name}” có trong danh sách trang nhưng không có nội dung. Hãy mở tệp trong Excel và lưu lại.`
      );
    }
    ++sheetNo;
    const xmlBytes = inflated(bytes, part, budget);
    if (xmlBytes.length > MAX_SHEET_XML_BYTES) {
      throw new UnreadableFileError(
        `Trang “${name}” có nội dung ${groupThousands(xmlBytes.length / 1048576)} MB, quá giới hạn ${MAX_SHEET_XML_BYTES / 1048576} MB cho một trang (một biểu mẫu chỉ vài chục KB): tệp không được đọc.`
      );
    }
    const measured = measureSheet(xmlBytes, name, cellsLeft);
    if (measured.problem) throw new UnreadableFileError(measured.problem);
    const cleaned = cleanSheet(decoder.decode(xmlBytes));
    cellsLeft -= measured.extent.cells + cleaned.mergedCells;
    if (cleaned.mergedCells > MAX_SHEET_CELLS || cellsLeft < 0) {
      throw new UnreadableFileError(
        `Trang “${name}” có quá nhiều ô gộp hoặc ô có dữ liệu (một biểu mẫu chỉ có vài trăm ô): tệp không được đọc. Hãy xóa các vùng thừa rồi lưu lại.`
      );
    }
    const id = `rIdS${sheetNo}`;
    const tag = m[0].replace(
      /(\s[\w.-]+:id\s*=\s*)(["'])[^"']*\2/,
      (_all, lead: string) => `${lead}"${id}"`
    );
    workbook = workbook.replace(m[0], () => tag);
    newRels.push({ id, type: `${REL_NS}/worksheet`, target: `worksheets/sheet${sheetNo}.xml` });
    out[`xl/worksheets/sheet${sheetNo}.xml`] = encoder.encode(cleaned.xml);
  }
  if (sheetNo === 0) throw new UnreadableFileError("Sổ làm việc không có trang tính nào.");

  for (const [kind, fixed] of [
    ["sharedStrings", "xl/sharedStrings.xml"],
    ["styles", "xl/styles.xml"],
  ] as const) {
    const rel = rels.find((r) => r.type.endsWith(`/${kind}`));
    const part = rel && entry(partName(rel.target));
    if (!part) continue;
    const data = inflated(bytes, part, budget);
    if (
      kind === "sharedStrings" &&
      (data.length > MAX_SHARED_STRINGS_BYTES ||
        countElements(data, "si", MAX_SHARED_STRINGS) > MAX_SHARED_STRINGS)
    ) {
      throw new UnreadableFileError(
        `Tệp có quá nhiều chuỗi chữ (hơn ${groupThousands(MAX_SHARED_STRINGS)} chuỗi hoặc ${MAX_SHARED_STRINGS_BYTES / 1048576} MB; một sổ biểu mẫu chỉ có vài trăm): tệp không được đọc. Hãy xóa các trang, vùng dữ liệu thừa rồi lưu lại.`
      );
    }
    if (kind === "styles" && data.length > MAX_STYLES_BYTES) {
      throw new UnreadableFileError(
        `Phần định dạng của tệp (xl/styles.xml) có ${groupThousands(data.length / 1048576)} MB, quá giới hạn ${MAX_STYLES_BYTES / 1048576} MB: tệp không được đọc. Hãy mở trong Excel, xóa các định dạng thừa rồi lưu lại.`
      );
    }
    out[fixed] = data;
    newRels.push({ id: `rId${kind}`, type: `${REL_NS}/${kind}`, target: fixed.slice(3) });
  }
  for (const name of KEPT) {
    const part = entry(name);
    if (part) out[name] = inflated(bytes, part, budget);
  }
  for (const local of ["definedNames", "externalReferences", "pivotCaches", "extLst"]) {
    workbook = removeElements(workbook, local);
  }
  out["xl/workbook.xml"] = encoder.encode(workbook);
  out["xl/_rels/workbook.xml.rels"] = encoder.encode(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${newRels
      .map(
        (r) =>
          `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"/>`
      )
      .join("")}</Relationships>`
  );
  // Stored, not deflated: the bytes only travel from here to ExcelJS in memory.
  return zipSync(out, { level: 0 });
}
