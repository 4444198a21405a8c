import {
  rowHeightsOf,
  type LayoutValidation,
  type SheetLayout,
  type ValidationRule,
} from "../core/workbook/layout";
import { columnLetter } from "../core/workbook/snapshot";
import type { ApiLevels } from "./capabilities";
import type { Capabilities } from "./contract";
import { a1, parseA1, parseArea } from "./names";
import { ops, type Op } from "./ops";
import { numberFormatOps, styleOps } from "./styles";

/**
 * The Office.js commands that draw a SheetLayout (the same plain data `cchc template` writes with ExcelJS),
 * planned as ops (src/excel/ops.ts). Nothing here syncs: callers batch the ops.
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

/** Text goes in with a leading apostrophe so Excel keeps it as typed: `02`, `1.234`, `=x`, `4/4` stay text. */
export function textValue(s: string): string {
  return s === "" ? "" : `'${s}`;
}

/** ExcelJS widths are characters; Office.js wants points (7 px per character plus padding, 0.75 pt per px). */
export function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
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

/** Excel's limits: 32 characters for titles, 255 for input messages, 225 for error alerts. */
export const LIMITS = { title: 32, prompt: 255, alert: 225 } as const;

export function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function queueValidation(ws: Excel.Worksheet, v: LayoutValidation): void {
  const dv = ws.getRange(v.address).dataValidation;
  dv.ignoreBlanks = true;
  dv.rule = dataValidationRule(v.rule);
  dv.prompt = {
    showPrompt: true,
    title: cut(v.prompt.title, LIMITS.title),
    message: cut(v.prompt.text, LIMITS.prompt),
  };
  dv.errorAlert = {
    showAlert: true,
    style: "Stop",
    title: cut(v.error.title, LIMITS.title),
    message: cut(v.error.text, LIMITS.alert),
  };
}

/** A4 portrait, margins as the CLI writes them; scale chosen so the table fits the page width. */
export function printScale(columns: number[]): number {
  const printable = 595.3 - (0.5 + 0.4) * 72;
  const total = columns.reduce((s, w) => s + widthPoints(w), 0);
  if (total <= 0) return 100;
  return Math.max(10, Math.min(100, Math.floor((printable / total) * 100)));
}

/** Cells per values command: a large sheet's values go in row blocks, each its own op. */
const VALUES_BLOCK = 20_000;

function valueOps(sheet: ExcelSheetLayout): Op[] {
  let rows = 0;
  let cols = 0;
  const placed: { c: ExcelSheetLayout["cells"][number]; row0: number; col0: number }[] = [];
  for (const c of sheet.cells) {
    const p = parseA1(c.address);
    if (!p) continue;
    placed.push({ c, ...p });
    rows = Math.max(rows, p.row0 + 1);
    cols = Math.max(cols, p.col0 + 1);
  }
  if (rows === 0) return [];
  const values: (string | number)[][] = Array.from({ length: rows }, () => Array(cols).fill(""));
  const formulas: { address: string; formula: string }[] = [];
  for (const { c, row0, col0 } of placed) {
    if (c.formula !== undefined) formulas.push({ address: c.address, formula: `=${c.formula}` });
    else if (c.value !== undefined) {
      values[row0][col0] = typeof c.value === "string" ? textValue(c.value) : c.value;
    }
  }
  const out: Op[] = [];
  const step = Math.max(1, Math.floor(VALUES_BLOCK / cols));
  for (let r0 = 0; r0 < rows; r0 += step) {
    const block = values.slice(r0, r0 + step);
    const address = `${a1(r0, 0)}:${a1(r0 + block.length - 1, cols - 1)}`;
    out.push({
      cost: ops.range + ops.set + JSON.stringify(block).length,
      queue: (ws) => {
        ws.getRange(address).values = block;
      },
    });
  }
  for (const f of formulas) {
    out.push({
      cost: ops.range + ops.set + f.formula.length,
      queue: (ws) => {
        ws.getRange(f.address).formulas = [[f.formula]];
      },
    });
  }
  return out;
}

/** One op per small command (widths, merges, heights, validations, …). */
function each<T>(
  items: T[],
  cost: (x: T) => number,
  queue: (ws: Excel.Worksheet, x: T, ctx: Excel.RequestContext) => void
): Op[] {
  return items.map((x) => ({ cost: cost(x), queue: (ws, ctx) => queue(ws, x, ctx) }));
}

/**
 * One sheet as ops, in the order Excel should get them: widths, number formats, values, formulas, styles,
 * merges, row heights, validation, conditional formats, names, links, panes, page layout. Features this
 * Excel lacks go into `opts.skipped`.
 */
export function sheetOps(sheet: ExcelSheetLayout, opts: WriteOptions): Op[] {
  const { levels } = opts;
  const out: Op[] = [];
  out.push(
    ...each(
      sheet.columns.map((w, i) => ({ col: columnLetter(i), w })),
      () => ops.range + ops.set,
      (ws, { col, w }) => {
        ws.getRange(`${col}:${col}`).format.columnWidth = widthPoints(w);
      }
    )
  );
  out.push(...numberFormatOps(sheet.cells), ...valueOps(sheet), ...styleOps(sheet.cells));
  out.push(
    ...each(
      sheet.merges.filter((m) => parseArea(m)),
      () => ops.range + ops.set,
      (ws, m) => ws.getRange(m).merge(false)
    )
  );
  // The CLI's row heights: Excel does not grow rows of wrapped (or merged) text written by a program.
  out.push(
    ...each(
      Object.entries(rowHeightsOf(sheet)),
      () => ops.range + ops.set,
      (ws, [row, height]) => {
        ws.getRange(`${row}:${row}`).format.rowHeight = height;
      }
    )
  );
  if (sheet.validations.length > 0) {
    if (levels.v18) {
      out.push(
        ...each(
          sheet.validations,
          (v) => ops.range + 4 * ops.set + v.prompt.text.length + v.error.text.length,
          (ws, v) => queueValidation(ws, v)
        )
      );
    } else opts.skipped.add("dataValidation");
  }
  if (sheet.conditionalFormats.length > 0) {
    if (levels.v16) {
      out.push(
        ...each(
          sheet.conditionalFormats,
          (cf) => 2 * ops.range + 4 * ops.set + cf.formula.length,
          (ws, cf) => {
            const f = ws.getRange(cf.address).conditionalFormats.add("Custom");
            f.custom.rule.formula = `=${cf.formula}`;
            f.custom.format.fill.color = cf.fill;
            f.custom.format.font.color = cf.fontColor;
          }
        )
      );
    } else opts.skipped.add("conditionalFormats");
  }
  if (sheet.valueCells.length > 0) {
    if (levels.v14) {
      out.push(
        ...each(
          sheet.valueCells.filter((v) => !opts.names || opts.names(v.name)),
          () => ops.range + ops.set,
          (ws, v, ctx) => {
            ctx.workbook.names.add(v.name, ws.getRange(v.address));
          }
        )
      );
    } else opts.skipped.add("namedItems");
  }
  if (sheet.links && sheet.links.length > 0) {
    if (levels.v17) {
      out.push(
        ...each(
          sheet.links,
          (l) => ops.range + ops.set + 3 * l.target.length + 40,
          (ws, link) => {
            ws.getRange(link.address).hyperlink = {
              documentReference: link.target,
              textToDisplay: link.target,
              screenTip: `Đi tới ô ${link.target}`,
            };
          }
        )
      );
    } else opts.skipped.add("hyperlinks");
  }
  if (sheet.headerRow > 0) {
    if (levels.v17) {
      out.push({ cost: ops.range, queue: (ws) => ws.freezePanes.freezeRows(sheet.headerRow) });
    } else opts.skipped.add("hyperlinks");
  }
  if (levels.v19) {
    out.push({
      cost: ops.range + 10 * ops.set,
      queue: (ws) => {
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
      },
    });
  } else opts.skipped.add("api19");
  return out;
}

/** Queues a whole sheet into the current batch (small sheets: the form templates). */
export function queueSheet(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  sheet: ExcelSheetLayout,
  opts: WriteOptions
): void {
  for (const op of sheetOps(sheet, opts)) op.queue(ws, ctx);
}

/** The hidden sheet saying which form set, unit and period the workbook holds. */
export function queueMeta(ws: Excel.Worksheet, rows: [string, string][]): void {
  if (rows.length > 0) {
    ws.getRange(`A1:B${rows.length}`).values = rows.map(([k, v]) => [textValue(k), textValue(v)]);
  }
  ws.visibility = "VeryHidden";
}
