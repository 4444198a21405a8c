import {
  rowHeightsOf,
  type CellStyle,
  type LayoutValidation,
  type SheetLayout,
  type ValidationRule,
} from "../core/workbook/layout";
import { columnLetter } from "../core/workbook/snapshot";
import type { ApiLevels } from "./capabilities";
import type { Capabilities } from "./contract";
import { a1, parseA1, parseArea } from "./names";

/**
 * Queues the Office.js commands that draw a SheetLayout (the same plain data `cchc template` writes with
 * ExcelJS). Nothing here syncs: callers put every sheet of an operation into one batch.
 */

/** A link from a cell to a place in the workbook (findings sheet). */
export interface LayoutLink {
  address: string;
  /** `'Biểu mẫu 3'!D20` */
  target: string;
}

export interface ExcelSheetLayout extends SheetLayout {
  links?: LayoutLink[];
}

export interface WriteOptions {
  levels: ApiLevels;
  /** Features left out for lack of support; the caller turns them into messages. */
  skipped: Set<keyof Capabilities>;
  /** Add defined names (false where they exist already or the caller handles them). */
  names?: (name: string) => boolean;
}

const FONT = "Times New Roman";
const BORDER_COLOR = "#808080";
type BorderEdge =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;

/** Text goes in with a leading apostrophe so Excel keeps it as typed: `02`, `1.234`, `=x`, `4/4` stay text. */
export function textValue(s: string): string {
  return s === "" ? "" : `'${s}`;
}

/** ExcelJS widths are characters; Office.js wants points (7 px per character plus padding, 0.75 pt per px). */
export function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  style: CellStyle;
}

function styleKey(s: CellStyle): string {
  return JSON.stringify([
    s.bold,
    s.italic,
    s.fontSize,
    s.fill,
    s.wrap,
    s.hAlign,
    s.vAlign,
    s.border,
  ]);
}

/** Groups styled cells into rectangles of identical style: a few commands instead of one per cell. */
export function styleRects(cells: SheetLayout["cells"]): Rect[] {
  const byRow = new Map<number, { c: number; key: string; style: CellStyle }[]>();
  for (const cell of cells) {
    if (!cell.style) continue;
    const p = parseA1(cell.address);
    if (!p) continue;
    const list = byRow.get(p.row0) ?? [];
    list.push({ c: p.col0, key: styleKey(cell.style), style: cell.style });
    byRow.set(p.row0, list);
  }
  const rects: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const r of [...byRow.keys()].sort((x, y) => x - y)) {
    const list = byRow.get(r)!.sort((x, y) => x.c - y.c);
    const runs: { c0: number; c1: number; key: string; style: CellStyle }[] = [];
    for (const item of list) {
      const last = runs[runs.length - 1];
      if (last && last.key === item.key && last.c1 === item.c - 1) last.c1 = item.c;
      else runs.push({ c0: item.c, c1: item.c, key: item.key, style: item.style });
    }
    const next = new Map<string, Rect>();
    for (const run of runs) {
      const id = `${run.c0}:${run.c1}:${run.key}`;
      const prev = open.get(id);
      if (prev && prev.r1 === r - 1) {
        prev.r1 = r;
        next.set(id, prev);
      } else {
        const rect = { r0: r, r1: r, c0: run.c0, c1: run.c1, style: run.style };
        rects.push(rect);
        next.set(id, rect);
      }
    }
    open = next;
  }
  return rects;
}

function rectAddress(r: Rect): string {
  const from = a1(r.r0, r.c0);
  const to = a1(r.r1, r.c1);
  return from === to ? from : `${from}:${to}`;
}

function applyStyle(range: Excel.Range, rect: Rect): void {
  const s = rect.style;
  const f = range.format;
  f.font.name = FONT;
  f.font.size = s.fontSize ?? 12;
  if (s.bold) f.font.bold = true;
  if (s.italic) f.font.italic = true;
  if (s.fill) f.fill.color = s.fill;
  if (s.wrap) f.wrapText = true;
  if (s.hAlign) f.horizontalAlignment = H_ALIGN[s.hAlign];
  if (s.vAlign) f.verticalAlignment = s.vAlign === "top" ? "Top" : "Center";
  if (s.border) {
    const edges: BorderEdge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (rect.r1 > rect.r0) edges.push("InsideHorizontal");
    if (rect.c1 > rect.c0) edges.push("InsideVertical");
    for (const edge of edges) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.weight = "Thin";
      b.color = BORDER_COLOR;
    }
  }
}

const OPERATORS = {
  between: "Between",
  greaterThanOrEqual: "GreaterThanOrEqualTo",
  lessThanOrEqual: "LessThanOrEqualTo",
} as const;

/** The layout's validation rule in Office.js form. */
export function dataValidationRule(rule: ValidationRule): Excel.DataValidationRule {
  switch (rule.type) {
    case "whole":
    case "decimal": {
      const basic: Excel.BasicDataValidation = {
        formula1: rule.formulae[0],
        operator: OPERATORS[rule.operator],
      };
      if (rule.formulae.length > 1) basic.formula2 = rule.formulae[1];
      return rule.type === "whole" ? { wholeNumber: basic } : { decimal: basic };
    }
    case "list":
      return { list: { inCellDropDown: true, source: rule.values.join(",") } };
    case "custom":
      return { custom: { formula: `=${rule.formula}` } };
    case "textLength":
      return {
        textLength: { formula1: rule.formulae[0], operator: OPERATORS[rule.operator] },
      };
  }
}

/** Excel's limits: 32 characters for titles, 255 for messages. */
function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function queueValidation(ws: Excel.Worksheet, v: LayoutValidation): void {
  const dv = ws.getRange(v.address).dataValidation;
  dv.ignoreBlanks = true;
  dv.rule = dataValidationRule(v.rule);
  dv.prompt = {
    showPrompt: true,
    title: cut(v.prompt.title, 32),
    message: cut(v.prompt.text, 255),
  };
  dv.errorAlert = {
    showAlert: true,
    style: "Stop",
    title: cut(v.error.title, 32),
    message: cut(v.error.text, 255),
  };
}

/** A4 portrait, margins as the CLI writes them; scale chosen so the table fits the page width. */
export function printScale(columns: number[]): number {
  const printable = 595.3 - (0.5 + 0.4) * 72;
  const total = columns.reduce((s, w) => s + widthPoints(w), 0);
  if (total <= 0) return 100;
  return Math.max(10, Math.min(100, Math.floor((printable / total) * 100)));
}

/** Queues one sheet: values, formulas, number formats, styles, merges, widths, validation, formats, names. */
export function queueSheet(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  sheet: ExcelSheetLayout,
  opts: WriteOptions
): void {
  const { levels } = opts;
  sheet.columns.forEach((w, i) => {
    const col = columnLetter(i);
    ws.getRange(`${col}:${col}`).format.columnWidth = widthPoints(w);
  });

  let rows = 0;
  let cols = 0;
  const placed = sheet.cells
    .map((c) => ({ c, p: parseA1(c.address) }))
    .filter((x): x is { c: (typeof sheet.cells)[number]; p: { row0: number; col0: number } } =>
      Boolean(x.p)
    );
  for (const { p } of placed) {
    rows = Math.max(rows, p.row0 + 1);
    cols = Math.max(cols, p.col0 + 1);
  }
  if (rows > 0) {
    const values: (string | number)[][] = Array.from({ length: rows }, () => Array(cols).fill(""));
    const formats: string[][] = Array.from({ length: rows }, () => Array(cols).fill("General"));
    for (const { c, p } of placed) {
      if (c.style?.numFmt) formats[p.row0][p.col0] = c.style.numFmt;
      if (c.formula === undefined && c.value !== undefined) {
        values[p.row0][p.col0] = typeof c.value === "string" ? textValue(c.value) : c.value;
      }
    }
    const block = ws.getRange(`A1:${a1(rows - 1, cols - 1)}`);
    block.numberFormat = formats;
    block.values = values;
    for (const { c } of placed) {
      if (c.formula !== undefined) ws.getRange(c.address).formulas = [[`=${c.formula}`]];
    }
  }

  for (const rect of styleRects(sheet.cells)) applyStyle(ws.getRange(rectAddress(rect)), rect);
  for (const m of sheet.merges) if (parseArea(m)) ws.getRange(m).merge(false);
  // The CLI's row heights: Excel does not grow rows of wrapped (or merged) text written by a program.
  for (const [row, height] of Object.entries(rowHeightsOf(sheet))) {
    ws.getRange(`${row}:${row}`).format.rowHeight = height;
  }

  if (sheet.validations.length > 0) {
    if (levels.v18) for (const v of sheet.validations) queueValidation(ws, v);
    else opts.skipped.add("dataValidation");
  }
  if (sheet.conditionalFormats.length > 0) {
    if (levels.v16) {
      for (const cf of sheet.conditionalFormats) {
        const f = ws.getRange(cf.address).conditionalFormats.add("Custom");
        f.custom.rule.formula = `=${cf.formula}`;
        f.custom.format.fill.color = cf.fill;
        f.custom.format.font.color = cf.fontColor;
      }
    } else opts.skipped.add("conditionalFormats");
  }
  if (sheet.valueCells.length > 0) {
    if (levels.v14) {
      for (const v of sheet.valueCells) {
        if (!opts.names || opts.names(v.name))
          ctx.workbook.names.add(v.name, ws.getRange(v.address));
      }
    } else opts.skipped.add("namedItems");
  }
  if (sheet.links && sheet.links.length > 0) {
    if (levels.v17) {
      for (const link of sheet.links) {
        ws.getRange(link.address).hyperlink = {
          documentReference: link.target,
          textToDisplay: link.target,
          screenTip: `Đi tới ô ${link.target}`,
        };
      }
    } else opts.skipped.add("hyperlinks");
  }
  if (sheet.headerRow > 0) {
    if (levels.v17) ws.freezePanes.freezeRows(sheet.headerRow);
    else opts.skipped.add("hyperlinks");
  }
  if (levels.v19) {
    const pl = ws.pageLayout;
    pl.orientation = sheet.landscape ? "Landscape" : "Portrait";
    pl.paperSize = "A4";
    pl.leftMargin = 36;
    pl.rightMargin = 28.8;
    pl.topMargin = 43.2;
    pl.bottomMargin = 43.2;
    pl.headerMargin = 21.6;
    pl.footerMargin = 21.6;
    pl.zoom = { scale: printScale(sheet.columns) };
    if (sheet.headerRow > 0) pl.setPrintTitleRows(`$${sheet.headerRow}:$${sheet.headerRow}`);
  } else opts.skipped.add("api19");
}

/** The hidden sheet saying which form set, unit and period the workbook holds. */
export function queueMeta(ws: Excel.Worksheet, rows: [string, string][]): void {
  if (rows.length > 0) {
    ws.getRange(`A1:B${rows.length}`).values = rows.map(([k, v]) => [textValue(k), textValue(v)]);
  }
  ws.visibility = "VeryHidden";
}
