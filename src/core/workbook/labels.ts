import type { Catalog } from "../forms/catalog";
import { foldText } from "../text";
import type { Block } from "./scan";

/** Label matching: a printed label against the catalog's, and which form a table is. */

const STOP = /[^a-z0-9%]+/;

function tokens(s: string): Set<string> {
  return new Set(
    foldText(s)
      .split(STOP)
      .filter((t) => t.length > 0)
  );
}

const catalogTokens = new Map<string, Set<string>>();

/** Tokens of a catalog label, computed once per label. */
function cachedTokens(label: string): Set<string> {
  let t = catalogTokens.get(label);
  if (!t) {
    t = tokens(label);
    catalogTokens.set(label, t);
  }
  return t;
}

/** Whether a printed label says the same as the catalog's: most words shared, or one is a cut-off of the other. */
export function labelsMatch(printed: string, expected: string): boolean {
  if (printed === expected) return true;
  const a = tokens(printed);
  const b = cachedTokens(expected);
  if (a.size === 0) return true;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  const dice = (2 * common) / (a.size + b.size);
  return dice >= 0.6 || (a.size >= 4 && common / a.size >= 0.9);
}

function scoreForm(catalog: Catalog, form: number, block: Block): number {
  let score = 0;
  for (const r of block.rows) {
    const def = catalog.row(form, r.code);
    if (def && r.label && labelsMatch(r.label, def.label)) score++;
  }
  return score;
}

/** The form a section row names by its title (`I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC` → 1). */
function sectionForm(catalog: Catalog, block: Block): number | undefined {
  if (!block.section) return undefined;
  const byTitle = catalog.set.forms.filter((f) => labelsMatch(block.section!.title, f.title));
  return byTitle.length === 1 ? byTitle[0].number : undefined;
}

/** The form of a table: its section title, its `Biểu mẫu N` title or sheet name, else the best-matching labels. */
export function bestForm(catalog: Catalog, block: Block): { form?: number; score: number } {
  const named = sectionForm(catalog, block) ?? block.form;
  if (named) return { form: named, score: scoreForm(catalog, named, block) };
  let best: { form?: number; score: number } = { score: 0 };
  for (const f of catalog.set.forms) {
    const score = scoreForm(catalog, f.number, block);
    if (score > best.score) best = { form: f.number, score };
  }
  return best;
}
