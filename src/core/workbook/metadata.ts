import { cellText, type SheetSnapshot } from "./snapshot";

/** Hidden sheet in which generated workbooks say what they hold. */
export const META_SHEET = "CCHC_META";
export const META_MARKER = "cchc-metadata";
/** The `generator` of workbooks this project writes. */
export const GENERATOR = "Biểu mẫu CCHC";

/**
 * What a workbook holds. List values (`expectedUnits`, `formSheets`, `unitCounts`) are one item per
 * line; keys a reader does not know are ignored, so older readers still read newer files.
 */
export interface WorkbookMeta {
  formSet?: string;
  version?: string;
  unit?: string;
  period?: string;
  /** ISO date the workbook was generated or last stamped. */
  created?: string;
  generator?: string;
  /** Expected units of a consolidation (one per line). */
  expectedUnits?: string;
  /** Sheets holding the form set's forms (one per line); other sheets are not read as forms. Absent: all. */
  formSheets?: string;
  /** Value cells (`form:code`, one per line) holding a number of units (answers counted), not an answer. */
  unitCounts?: string;
}

const KEYS: (keyof WorkbookMeta)[] = [
  "formSet",
  "version",
  "unit",
  "period",
  "created",
  "generator",
  "expectedUnits",
  "formSheets",
  "unitCounts",
];

/** Rows of the metadata sheet: the marker, then `key | value`. */
export function metaRows(meta: WorkbookMeta): [string, string][] {
  const rows: [string, string][] = [
    [META_MARKER, "Không sửa trang này: Biểu mẫu CCHC dùng nó để nhận biết tệp"],
  ];
  for (const k of KEYS) {
    const v = meta[k];
    if (v !== undefined) rows.push([k, v]);
  }
  return rows;
}

export function isMetaSheet(sheet: SheetSnapshot): boolean {
  return cellText(sheet.rows[0]?.[0]) === META_MARKER;
}

export function readMeta(sheet: SheetSnapshot): WorkbookMeta {
  const meta: WorkbookMeta = {};
  for (const row of sheet.rows.slice(1)) {
    const key = cellText(row?.[0]) as keyof WorkbookMeta;
    const value = cellText(row?.[1]);
    if (KEYS.includes(key) && value) meta[key] = value;
  }
  return meta;
}

/** A list value: one item per line. */
export function metaList(items: readonly string[]): string {
  return items.join("\n");
}

/** The items of a list value (blank lines dropped); empty when absent. */
export function metaItems(value: string | undefined): string[] {
  return (value ?? "")
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
