import { parseCellAddress } from "../workbook/snapshot";
import type { Finding } from "./types";

/** A cell holding a number as text, and the number it should hold instead. */
export interface TextNumberCell {
  /** `'Biểu mẫu 3'!D20`. */
  address: string;
  /** The text the check read; the cell is left alone if it no longer holds it. */
  text: string;
  value: number;
  /** Excel number format (en-US codes) that shows the number as the text did: `#,##0`, `0.00"%"`. */
  numberFormat: string;
}

/** The cells of a grouped "numbers typed as text" finding that can be converted (those with an address). */
export function textNumberCells(f: Finding): TextNumberCell[] {
  if (f.type !== "text-number") return [];
  const out: TextNumberCell[] = [];
  for (const o of f.operands ?? []) {
    if (o.role !== "cell" || !o.cell || o.value === undefined || o.printed === undefined) continue;
    if (!parseCellAddress(o.cell)) continue;
    out.push({
      address: o.cell,
      text: o.printed,
      value: o.value,
      numberFormat: numberFormatFor(o.decimals ?? 0, o.printed.trim().endsWith("%")),
    });
  }
  return out;
}

/** Thousands grouped, the decimals as typed, and a literal `%` when the text had one. */
export function numberFormatFor(decimals: number, percentSign: boolean): string {
  const frac = decimals > 0 ? `.${"0".repeat(Math.min(decimals, 10))}` : "";
  return `#,##0${frac}${percentSign ? '"%"' : ""}`;
}

/** `D12, D15 và 3 ô khác` style list of cells for a confirmation, within its sheet. */
export function describeCells(cells: TextNumberCell[], max = 8): string {
  const names = cells.map((c) => {
    const p = parseCellAddress(c.address);
    return p ? `${c.address.slice(c.address.lastIndexOf("!") + 1)} (“${c.text}”)` : c.address;
  });
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} và ${names.length - max} ô khác`;
}

/** What a conversion did. */
export interface ConvertReport {
  /** Cells now holding numbers. */
  converted: string[];
  /** Cells left alone, with the reason in Vietnamese (changed since the check, sheet gone). */
  skipped: { address: string; reason: string }[];
}
