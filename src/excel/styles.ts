import type { CellStyle, SheetLayout } from "../core/workbook/layout";
import { a1, parseA1 } from "./names";
import { ops, type Op } from "./ops";

/**
 * Cell styles as a few range commands: each style attribute (font, size, bold, fill, wrap, alignment,
 * borders, number format) is grouped on its own into rectangles of equal value, so a bordered table is one
 * border command whatever its fonts and alignments.
 */

export interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  /** The value shared by the rectangle's cells. */
  key: string;
}

const FONT = "Times New Roman";
const BORDER_COLOR = "#808080";
type BorderEdge =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;

/** Groups cells by `key` (undefined: left out) into rectangles: runs in a row, stacked when spans match. */
export function rectsBy(
  cells: SheetLayout["cells"],
  key: (style: CellStyle) => string | undefined
): Rect[] {
  const byRow = new Map<number, { c: number; key: string }[]>();
  for (const cell of cells) {
    if (!cell.style) continue;
    const k = key(cell.style);
    const p = k === undefined ? null : parseA1(cell.address);
    if (!p || k === undefined) continue;
    const list = byRow.get(p.row0) ?? [];
    list.push({ c: p.col0, key: k });
    byRow.set(p.row0, list);
  }
  const rects: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const r of [...byRow.keys()].sort((x, y) => x - y)) {
    const list = byRow.get(r)!.sort((x, y) => x.c - y.c);
    const runs: { c0: number; c1: number; key: string }[] = [];
    for (const item of list) {
      const last = runs[runs.length - 1];
      if (last && last.key === item.key && last.c1 === item.c - 1) last.c1 = item.c;
      else runs.push({ c0: item.c, c1: item.c, key: item.key });
    }
    const next = new Map<string, Rect>();
    for (const run of runs) {
      const id = `${run.c0}:${run.c1}:${run.key}`;
      const prev = open.get(id);
      if (prev && prev.r1 === r - 1) {
        prev.r1 = r;
        next.set(id, prev);
      } else {
        const rect = { r0: r, r1: r, c0: run.c0, c1: run.c1, key: run.key };
        rects.push(rect);
        next.set(id, rect);
      }
    }
    open = next;
  }
  return rects;
}

/** Rectangles of identical whole style (all attributes together). */
export function styleRects(cells: SheetLayout["cells"]): Rect[] {
  return rectsBy(cells, (s) =>
    JSON.stringify([s.bold, s.italic, s.fontSize, s.fill, s.wrap, s.hAlign, s.vAlign, s.border])
  );
}

export function rectAddress(r: Rect): string {
  const from = a1(r.r0, r.c0);
  const to = a1(r.r1, r.c1);
  return from === to ? from : `${from}:${to}`;
}

const flag = (on: boolean | undefined) => (on ? "1" : undefined);

/** One attribute: which cells have which value, and how a range gets it. */
interface Attribute {
  key: (s: CellStyle) => string | undefined;
  apply: (range: Excel.Range, key: string, rect: Rect) => void;
  /** Property sets per rectangle (for the request-size estimate). */
  sets: number;
}

const ATTRIBUTES: Attribute[] = [
  { key: () => FONT, apply: (r) => (r.format.font.name = FONT), sets: 1 },
  {
    key: (s) => String(s.fontSize ?? 12),
    apply: (r, k) => (r.format.font.size = Number(k)),
    sets: 1,
  },
  { key: (s) => flag(s.bold), apply: (r) => (r.format.font.bold = true), sets: 1 },
  { key: (s) => flag(s.italic), apply: (r) => (r.format.font.italic = true), sets: 1 },
  { key: (s) => s.fill, apply: (r, k) => (r.format.fill.color = k), sets: 1 },
  { key: (s) => flag(s.wrap), apply: (r) => (r.format.wrapText = true), sets: 1 },
  {
    key: (s) => s.hAlign,
    apply: (r, k) => (r.format.horizontalAlignment = H_ALIGN[k as keyof typeof H_ALIGN]),
    sets: 1,
  },
  {
    key: (s) => s.vAlign,
    apply: (r, k) => (r.format.verticalAlignment = k === "top" ? "Top" : "Center"),
    sets: 1,
  },
  {
    key: (s) => flag(s.border),
    apply: (range, _k, rect) => {
      const edges: BorderEdge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
      if (rect.r1 > rect.r0) edges.push("InsideHorizontal");
      if (rect.c1 > rect.c0) edges.push("InsideVertical");
      for (const edge of edges) {
        const b = range.format.borders.getItem(edge);
        b.style = "Continuous";
        b.weight = "Thin";
        b.color = BORDER_COLOR;
      }
    },
    sets: 18,
  },
];

/** The style commands of a sheet, attribute by attribute. */
export function styleOps(cells: SheetLayout["cells"]): Op[] {
  const out: Op[] = [];
  for (const attr of ATTRIBUTES) {
    for (const rect of rectsBy(cells, attr.key)) {
      const address = rectAddress(rect);
      out.push({
        cost: ops.range + attr.sets * ops.set + rect.key.length,
        queue: (ws) => attr.apply(ws.getRange(address), rect.key, rect),
      });
    }
  }
  return out;
}

/** Number formats by rectangle of equal format (new cells are General already). */
export function numberFormatOps(cells: SheetLayout["cells"]): Op[] {
  return rectsBy(cells, (s) => (s.numFmt && s.numFmt !== "General" ? s.numFmt : undefined)).map(
    (rect) => {
      const address = rectAddress(rect);
      const rows = rect.r1 - rect.r0 + 1;
      const cols = rect.c1 - rect.c0 + 1;
      return {
        cost: ops.range + ops.set + rows * cols * (rect.key.length + 3),
        queue: (ws) => {
          ws.getRange(address).numberFormat = Array.from({ length: rows }, () =>
            Array<string>(cols).fill(rect.key)
          );
        },
      };
    }
  );
}
