import ExcelJS from "exceljs";
import { GENERATOR } from "../workbook/metadata";
import {
  rowHeightsOf,
  type CellStyle,
  type SheetLayout,
  type WorkbookLayout,
} from "../workbook/layout";

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };

function applyStyle(cell: ExcelJS.Cell, s: CellStyle | undefined): void {
  if (!s) return;
  if (s.bold || s.italic || s.fontSize)
    cell.font = { name: "Times New Roman", bold: s.bold, italic: s.italic, size: s.fontSize ?? 12 };
  else cell.font = { name: "Times New Roman", size: 12 };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.wrap || s.hAlign || s.vAlign) {
    cell.alignment = { wrapText: s.wrap, horizontal: s.hAlign, vertical: s.vAlign };
  }
  if (s.border) cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (s.numFmt) cell.numFmt = s.numFmt;
}

/** Excel's limits: characters in a cell, characters in a sheet name. */
export const MAX_CELL_CHARS = 32_767;
export const MAX_SHEET_NAME = 31;

/** Text cut to what a cell holds, saying so; a layout should cut its texts itself (see consolidate/notes.ts). */
export function fitCell(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  const tail = " … (đã cắt: một ô Excel chứa tối đa 32.767 ký tự)";
  return text.slice(0, MAX_CELL_CHARS - tail.length) + tail;
}

/**
 * Sheet names Excel accepts: at most 31 characters without []:*?/\, unique ignoring case. A layout that breaks
 * this is a programming error (names are fixed by the builders), reported before anything is written.
 */
export function checkSheetNames(names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLocaleLowerCase("vi");
    if (
      !name ||
      name.length > MAX_SHEET_NAME ||
      /[[\]:*?/\\]/.test(name) ||
      /^'|'$/.test(name) ||
      seen.has(key)
    ) {
      throw new Error(`Tên trang không hợp lệ trong Excel: “${name}”`);
    }
    seen.add(key);
  }
}

/** ExcelJS's per-sheet validation store (not in its types): `add` keeps a range address as given. */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

/** Writes one form sheet of a layout into an ExcelJS workbook. */
export function addSheet(wb: ExcelJS.Workbook, sheet: SheetLayout): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, {
    pageSetup: {
      paperSize: 9,
      orientation: sheet.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${sheet.headerRow}:${sheet.headerRow}`,
    },
    views: [{ state: "frozen", ySplit: sheet.headerRow }],
  });
  ws.columns = sheet.columns.map((width) => ({ width }));
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.address);
    if (c.formula !== undefined) cell.value = { formula: c.formula } as ExcelJS.CellFormulaValue;
    else if (c.value !== undefined)
      cell.value = typeof c.value === "string" ? fitCell(c.value) : c.value;
    applyStyle(cell, c.style);
  }
  for (const m of sheet.merges) ws.mergeCells(m);
  for (const [row, height] of Object.entries(rowHeightsOf(sheet)))
    ws.getRow(Number(row)).height = height;
  for (const v of sheet.validations) {
    const common = {
      allowBlank: true,
      showInputMessage: true,
      showErrorMessage: true,
      errorStyle: "stop",
      promptTitle: v.prompt.title,
      prompt: v.prompt.text,
      errorTitle: v.error.title,
      error: v.error.text,
    };
    const r = v.rule;
    let dv: ExcelJS.DataValidation;
    if (r.type === "list") dv = { ...common, type: "list", formulae: [`"${r.values.join(",")}"`] };
    else if (r.type === "custom") dv = { ...common, type: "custom", formulae: [r.formula] };
    else dv = { ...common, type: r.type, operator: r.operator, formulae: r.formulae };
    // By range, as the layout gives it: per-cell addresses would be re-joined by ExcelJS (exceljs#2820).
    (ws as unknown as { dataValidations: RangeValidations }).dataValidations.add(v.address, dv);
  }
  let priority = 1;
  for (const cf of sheet.conditionalFormats) {
    ws.addConditionalFormatting({
      ref: cf.address,
      rules: [
        {
          type: "expression",
          priority: priority++,
          formulae: [cf.formula],
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } },
            font: { color: { argb: argb(cf.fontColor) } },
          },
        },
      ],
    });
  }
  const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
  for (const v of sheet.valueCells) {
    const m = /^([A-Z]+)(\d+)$/.exec(v.address);
    if (m) wb.definedNames.add(`${quoted}!$${m[1]}$${m[2]}`, v.name);
  }
  return ws;
}

/** Writes the metadata sheet, hidden from users. */
export function addMetaSheet(wb: ExcelJS.Workbook, layout: WorkbookLayout): void {
  const ws = wb.addWorksheet(layout.meta.sheetName, { state: "veryHidden" });
  layout.meta.rows.forEach(([k, v], i) => {
    ws.getCell(i + 1, 1).value = k;
    ws.getCell(i + 1, 2).value = v;
  });
}

/** A new workbook holding the whole layout, as .xlsx bytes. */
export async function writeLayout(layout: WorkbookLayout): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = GENERATOR;
  if (layout.title) wb.title = layout.title;
  wb.created = new Date();
  wb.modified = wb.created;
  wb.calcProperties.fullCalcOnLoad = true;
  checkSheetNames([...layout.sheets.map((s) => s.name), layout.meta.sheetName]);
  for (const sheet of layout.sheets) addSheet(wb, sheet);
  addMetaSheet(wb, layout);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
