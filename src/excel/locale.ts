import type { Catalog } from "../core/forms/catalog";
import { validationOf, type Separators, type WorkbookLayout } from "../core/workbook/layout";

/**
 * Excel parses what the officer types by its own separators (English Windows: `1,234.5`; Vietnamese:
 * `1.234,5`), so input prompts and error alerts must show examples in them. ExcelApi 1.11 tells them
 * (`Application.decimalSeparator` / `thousandsSeparator`, Excel's settings, system or overridden); where it
 * cannot, the layout keeps examples valid with any separators (1234, 99).
 */

/** Loads Excel's separators into the current batch; read the result after the sync. */
export function queueSeparators(ctx: Excel.RequestContext): () => Separators | undefined {
  const app = ctx.workbook.application;
  app.load("decimalSeparator,thousandsSeparator");
  return () => {
    const decimal = app.decimalSeparator;
    const thousands = app.thousandsSeparator;
    if (typeof decimal !== "string" || typeof thousands !== "string") return undefined;
    if (!decimal || decimal === thousands) return undefined;
    return { decimal, thousands };
  };
}

/** The layout with each value cell's prompt and alert rewritten for `sep` (rules unchanged). */
export function withSeparators(
  layout: WorkbookLayout,
  catalog: Catalog | undefined,
  sep: Separators | undefined
): WorkbookLayout {
  if (!sep || !catalog) return layout;
  return {
    ...layout,
    sheets: layout.sheets.map((sheet) => {
      const cells = new Map(sheet.valueCells.map((v) => [v.address, v]));
      return {
        ...sheet,
        validations: sheet.validations.map((v) => {
          // A validation covers a run of rows with the same rule and texts: its first cell speaks for it.
          const cell = cells.get(v.address.split(":")[0]);
          const row = cell ? catalog.row(cell.form, cell.code) : undefined;
          if (!row) return v;
          const fresh = validationOf(row, v.address, sep);
          return { ...v, prompt: fresh.prompt, error: fresh.error };
        }),
      };
    }),
  };
}
