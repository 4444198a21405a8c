import { foldText } from "../text";
import type { UnitReport } from "../report";
import {
  cellText,
  parseCellAddress,
  type SheetSnapshot,
  type WorkbookSnapshot,
} from "../workbook/snapshot";

/**
 * Ghi chú of a unit's rows, keyed `form:code`: the text in the “Ghi chú” column on the row of each
 * value cell the recogniser found. Works on any snapshot (ExcelJS or Office.js).
 */
export function notesFromSnapshot(
  snapshot: WorkbookSnapshot,
  report: Pick<UnitReport, "addresses">
): Record<string, string> {
  const columns = new Map<string, (number | undefined)[]>();
  const out: Record<string, string> = {};
  for (const [key, address] of Object.entries(report.addresses)) {
    const at = parseCellAddress(address);
    if (!at) continue;
    const sheet = snapshot.sheets.find((s) => s.name === at.sheet);
    if (!sheet) continue;
    let cols = columns.get(sheet.name);
    if (!cols) {
      cols = noteColumns(sheet);
      columns.set(sheet.name, cols);
    }
    const col = cols[at.row0];
    if (col === undefined || col === at.col0) continue;
    const text = cellText(sheet.rows[at.row0]?.[col]);
    if (text) out[key] = capNote(text);
  }
  return out;
}

/** For every row, the column of the nearest “Ghi chú” header above it (header rows carry over). */
function noteColumns(sheet: SheetSnapshot): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  let current: number | undefined;
  for (let r = 0; r < sheet.rows.length; r++) {
    out[r] = current;
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const raw = cellText(row[c]);
      if (raw.length > 20 || !/^g/i.test(raw)) continue; // cheap filter before folding
      const t = foldText(raw);
      if (t === "ghi chu" || (t.startsWith("ghi chu") && t.length <= 20)) {
        current = c;
        break;
      }
    }
  }
  return out;
}

/** Excel's limit of characters in one cell. */
export const MAX_CELL_CHARS = 32_767;
/** One unit's Ghi chú on one row, as gathered (a note is a sentence or two; the rest is cut with “…”). */
export const MAX_NOTE_CHARS = 1_000;

/** A note cut to `max` characters at a word boundary, with “…” when cut. */
export function capNote(text: string, max = MAX_NOTE_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

/**
 * The gathered notes of one row for one cell: `unit: text` lines, as many as fit in `max` characters; the others are
 * counted in a last line pointing to where each unit's note has its own cell (`detail`: `trang “Chi tiết theo đơn vị”`).
 */
export function joinNotes(
  notes: { unit: string; text: string }[],
  detail: string,
  max = MAX_CELL_CHARS
): string {
  const lines = notes.map((n) => `${n.unit}: ${capNote(n.text)}`);
  const all = lines.join("\n");
  if (all.length <= max) return all;
  const pointer = (left: number) => `… và ${left} ghi chú khác: xem ${detail} (mỗi đơn vị một ô).`;
  const reserve = pointer(lines.length).length + 1;
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    const add = line.length + (kept.length > 0 ? 1 : 0);
    if (length + add + reserve > max) break;
    kept.push(line);
    length += add;
  }
  return [...kept, pointer(lines.length - kept.length)].join("\n");
}
