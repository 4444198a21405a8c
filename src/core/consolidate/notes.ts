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
    if (text) out[key] = text;
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
