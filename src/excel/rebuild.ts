import type { Catalog } from "../core/forms/catalog";
import { valueKey } from "../core/forms/schema";
import { foldText } from "../core/text";
import type { RawCell } from "../core/values/types";
import { isMetaSheet } from "../core/workbook/metadata";
import type { WorkbookLayout } from "../core/workbook/layout";
import { recognize, RecognizeError } from "../core/workbook/recognize";
import { cellText, parseCellAddress, type SheetSnapshot } from "../core/workbook/snapshot";
import { a1, nameKey, parseA1 } from "./names";

/** One value or note to re-enter in a rebuilt form. */
export interface CarriedCell {
  /** New sheet's name and cell. */
  sheet: string;
  cell: string;
  raw: RawCell;
  kind: "value" | "note";
  /** A typed value placed where the new form has a formula (the value wins: it is the user's). */
  overFormula: boolean;
}

export interface RebuildPlan {
  /** Existing sheets (as named in the workbook) that the layout replaces. */
  targets: string[];
  carried: CarriedCell[];
  /** Targets holding content that cannot be placed: they are kept under a new name instead of deleted. */
  keep: string[];
  /** Number of such cells. */
  unmatched: number;
}

function filled(cell: RawCell | null | undefined): cell is RawCell {
  return Boolean(cell) && (cellText(cell) !== "" || cell!.formula !== undefined);
}

/** A second header row or a column-numbering row ((1), (2), …): table furniture, not values. */
function isFurnitureRow(row: (RawCell | null | undefined)[]): boolean {
  const texts = row.filter(filled).map((c) => foldText(cellText(c)));
  if (texts.length === 0) return false;
  if (texts.length >= 3 && texts.every((t) => /^\(?\d+\)?$/.test(t))) return true;
  return texts.every((t) => /^(so lieu|gia tri|ghi chu|don vi tinh|dvt|ket qua|chi tieu)/.test(t));
}

/** Row of the table header (`TT` / `STT`) above the first data row, or -1. */
function headerRow(sheet: SheetSnapshot, beforeRow0: number): number {
  for (let r = Math.min(beforeRow0, sheet.rows.length) - 1; r >= 0; r--) {
    const row = sheet.rows[r] ?? [];
    if (row.some((c) => ["tt", "stt"].includes(foldText(cellText(c))))) return r;
  }
  return -1;
}

/** Column whose header says "Ghi chú", searched above the first data row. */
function noteColumn(sheet: SheetSnapshot, beforeRow0: number): number | undefined {
  for (let r = 0; r < Math.min(beforeRow0, sheet.rows.length); r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) if (foldText(cellText(row[c])) === "ghi chu") return c;
  }
  return undefined;
}

/**
 * What a rebuild keeps: values and notes of the sheets it replaces, matched by form and row code through the
 * core recogniser. Anything it cannot place (unknown or duplicated rows, labels that no longer match, values
 * in group headers, text beside or below the table, an unrecognisable sheet) marks its sheet to be kept.
 */
export function planRebuild(
  layout: WorkbookLayout,
  snapshot: { sheets: SheetSnapshot[] },
  catalogs?: Catalog[]
): RebuildPlan {
  const byKey = new Map(layout.sheets.map((s) => [nameKey(s.name), s]));
  const targets = snapshot.sheets.filter((s) => !isMetaSheet(s) && byKey.has(nameKey(s.name)));
  const plan: RebuildPlan = {
    targets: targets.map((s) => s.name),
    carried: [],
    keep: [],
    unmatched: 0,
  };
  if (targets.length === 0) return plan;

  const newCell = new Map<string, { sheet: string; address: string; formula: boolean }>();
  for (const sheet of layout.sheets) {
    const formulas = new Set(
      sheet.cells.filter((c) => c.formula !== undefined).map((c) => c.address)
    );
    for (const v of sheet.valueCells) {
      newCell.set(valueKey(v.form, v.code), {
        sheet: sheet.name,
        address: v.address,
        formula: formulas.has(v.address),
      });
    }
  }

  let addresses: Record<string, string> = {};
  try {
    const meta = snapshot.sheets.filter(isMetaSheet);
    addresses = recognize(
      { sheets: [...targets, ...meta] },
      catalogs ? { catalogs } : {}
    ).addresses;
  } catch (e) {
    if (!(e instanceof RecognizeError)) throw e;
  }
  const rowsBySheet = new Map<string, Map<number, { key: string; col0: number }>>();
  for (const [key, at] of Object.entries(addresses)) {
    const p = parseCellAddress(at);
    if (!p) continue;
    const m = rowsBySheet.get(p.sheet) ?? new Map<number, { key: string; col0: number }>();
    m.set(p.row0, { key, col0: p.col0 });
    rowsBySheet.set(p.sheet, m);
  }

  for (const sheet of targets) {
    const mapped = rowsBySheet.get(sheet.name);
    let unmatched = 0;
    if (!mapped || mapped.size === 0) {
      for (const row of sheet.rows) for (const c of row ?? []) if (filled(c)) unmatched++;
    } else {
      const rowNums = [...mapped.keys()];
      const first = Math.min(...rowNums);
      const last = Math.max(...rowNums);
      const valueCol = mapped.get(first)!.col0;
      const notes = noteColumn(sheet, first);
      const header = headerRow(sheet, first);
      const start = header >= 0 ? header + 1 : first;
      sheet.rows.forEach((row, r) => {
        if (r < start || !row) return;
        row.forEach((cell, c) => {
          if (!filled(cell)) return;
          if (r < first && isFurnitureRow(row)) return;
          const hit = mapped.get(r);
          if (r > last || !hit || (c > valueCol && c !== notes)) {
            if (r > last || c >= valueCol) unmatched++;
            return;
          }
          if (c < valueCol) return; // code, label, unit: template text
          const target = newCell.get(hit.key);
          if (!target) {
            unmatched++;
            return;
          }
          if (c === valueCol) {
            // The new form computes this cell: an old formula is redrawn, a typed value is kept.
            if (target.formula && cell.formula !== undefined) return;
            plan.carried.push({
              sheet: target.sheet,
              cell: target.address,
              raw: cell,
              kind: "value",
              overFormula: target.formula,
            });
          } else {
            const p = parseA1(target.address)!;
            plan.carried.push({
              sheet: target.sheet,
              cell: a1(p.row0, p.col0 + 1),
              raw: cell,
              kind: "note",
              overFormula: false,
            });
          }
        });
      });
    }
    if (unmatched > 0) {
      plan.keep.push(sheet.name);
      plan.unmatched += unmatched;
    }
  }
  return plan;
}
