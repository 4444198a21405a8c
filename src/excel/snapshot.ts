import type { RawCell } from "../core/values/types";
import type { SheetSnapshot } from "../core/workbook/snapshot";

/** What one used range returns from Office.js (already loaded). */
export interface UsedRangeData {
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  /** 0-based position of the used range's top-left cell. */
  rowIndex: number;
  columnIndex: number;
}

/**
 * Text typed as `'=x` reads back through `formulas` as `=x`, without the quote; a formula's value is its
 * result. So a cell whose value is the very text of its "formula" is text.
 */
function formulaOf(value: unknown, formula: unknown): string | undefined {
  if (typeof formula !== "string" || !formula.startsWith("=")) return undefined;
  if (typeof value === "string" && value === formula) return undefined;
  return formula.slice(1);
}

function rawCell(value: unknown, formula: unknown, numFmt: unknown): RawCell | null {
  const f = formulaOf(value, formula);
  let v: RawCell["value"];
  if (typeof value === "number" || typeof value === "boolean") v = value;
  else if (typeof value === "string") v = value === "" ? null : value;
  else v = null;
  if (v === null && f === undefined) return null;
  const cell: RawCell = { value: v };
  if (typeof numFmt === "string" && numFmt !== "") cell.numFmt = numFmt;
  if (f !== undefined) cell.formula = f;
  return cell;
}

/** A worksheet as the core reads it: rows from row 1, cells from column A. */
export function sheetSnapshotOf(
  name: string,
  visible: boolean,
  data: UsedRangeData | null
): SheetSnapshot {
  const rows: (RawCell | null)[][] = [];
  if (data) {
    data.values.forEach((line, i) => {
      const out: (RawCell | null)[] = Array(data.columnIndex).fill(null);
      line.forEach((value, j) => {
        out.push(rawCell(value, data.formulas[i]?.[j], data.numberFormat[i]?.[j]));
      });
      while (out.length > 0 && out[out.length - 1] === null) out.pop();
      rows[data.rowIndex + i] = out;
    });
    for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
  }
  return { name, rows, visible };
}
