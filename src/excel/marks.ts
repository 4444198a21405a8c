import type { Severity } from "../core/forms/schema";
import type { Finding } from "../core/rules/types";
import { parseCellAddress } from "../core/workbook/snapshot";
import type { ApiLevels } from "./capabilities";
import type { HighlightMark } from "./contract";
import { MARK_FILLS } from "./findings";
import { a1, parseA1 } from "./names";

/**
 * Marks on cells: planned here in plain code (which cells to restore, which to mark, in what colour), written
 * by the port in one batch. The fill a mark covers is kept, so taking the mark away restores it, also from a
 * later session (the marks are saved in a workbook setting).
 */

/** Workbook setting holding the marks on cells, so a reopened pane can take them away. */
export const MARKS_SETTING = "cchc.highlightMarks";
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const OUR_FILLS = new Set(Object.values(MARK_FILLS).map((c) => c.toUpperCase()));

export type MarkTarget = Omit<HighlightMark, "fill"> & { severity: Severity };

export interface MarkPlan {
  /** Earlier marks to take away (their sheet still exists). */
  restore: HighlightMark[];
  /** Cells to mark, one per cell (the most severe finding wins). */
  targets: MarkTarget[];
}

/** Which marks to restore and which cells to mark, given the live sheets and a name → id lookup. */
export function planMarks(
  findings: Finding[],
  earlier: HighlightMark[],
  live: Set<string>,
  idOf: (name: string) => string | undefined
): MarkPlan {
  const restore = earlier
    .map((m) => ({ ...m, sheetId: live.has(m.sheetId) ? m.sheetId : idOf(m.sheet) }))
    .filter((m): m is HighlightMark => m.sheetId !== undefined && live.has(m.sheetId));
  const targets = new Map<string, MarkTarget>();
  for (const f of findings) {
    const p = f.cell ? parseCellAddress(f.cell) : null;
    const sheetId = p ? idOf(p.sheet) : undefined;
    if (!p || !sheetId || !live.has(sheetId)) continue;
    const cell = a1(p.row0, p.col0);
    const had = targets.get(`${sheetId}!${cell}`);
    if (!had || RANK[f.severity] > RANK[had.severity]) {
      targets.set(`${sheetId}!${cell}`, { sheetId, sheet: p.sheet, cell, severity: f.severity });
    }
  }
  return { restore, targets: [...targets.values()] };
}

/** Marks of this session and of an earlier one, and when they are saved in the workbook. */
export class MarkStore {
  /** Saved in the workbook by an earlier session, read with the first snapshot. */
  saved: HighlightMark[] | undefined;
  /** Not yet saved in the workbook (saved with the next batch). */
  unsaved: HighlightMark[] | undefined;

  constructor(private readonly levels: ApiLevels) {}

  /** Queues saving the unsaved marks; call `saved()` on the result after the sync. */
  saveIn(ctx: Excel.RequestContext): () => void {
    const marks = this.unsaved;
    if (marks && this.levels.v14) ctx.workbook.settings.add(MARKS_SETTING, JSON.stringify(marks));
    return () => {
      if (marks && marks === this.unsaved) this.unsaved = undefined;
    };
  }
}

/**
 * The fill a mark covered. Excel reports "no fill" as white; a fill in the add-in's own mark colours is a
 * mark left by an earlier session, so both mean no fill.
 */
export function ownFill(color: string | null | undefined): string | null {
  if (!color) return null;
  const c = color.toUpperCase();
  if (c === "#FFFFFF" || OUR_FILLS.has(c)) return null;
  return c;
}

export function parseMarks(value: unknown): HighlightMark[] {
  try {
    const data: unknown = typeof value === "string" ? JSON.parse(value) : value;
    if (!Array.isArray(data)) return [];
    return data.filter(
      (m): m is HighlightMark =>
        Boolean(m) &&
        typeof m.sheetId === "string" &&
        typeof m.sheet === "string" &&
        typeof m.cell === "string" &&
        parseA1(m.cell) !== null &&
        (m.fill === null || typeof m.fill === "string")
    );
  } catch {
    return [];
  }
}
