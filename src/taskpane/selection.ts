import { builtInFormSets, type Catalog } from "../core/forms/catalog";
import type { PeriodKind } from "../core/forms/schema";
import { parsePeriodId, reportingPeriodAt, type Period } from "../core/period";

/** What the officer chose in the pane: the form set, the unit and the period of the forms. */
export interface Selection {
  formSet: string;
  unit: string;
  year: number;
  kind: PeriodKind;
}

export function catalogs(): Catalog[] {
  return [...builtInFormSets().values()];
}

export function catalogOf(selection: Selection): Catalog {
  return builtInFormSets().get(selection.formSet) ?? catalogs()[0];
}

export function periodOf(selection: Selection): Period {
  return { year: selection.year, kind: selection.kind };
}

/** The first form set, for the period being reported on `today`. */
export function defaultSelection(today = new Date()): Selection {
  const first = catalogs()[0];
  const period = reportingPeriodAt(today, first.set.periods);
  return { formSet: first.id, unit: "", year: period.year, kind: period.kind };
}

/** The selection as the checked workbook says it (form set, unit, period), keeping what it does not say. */
export function selectionFromReport(
  base: Selection,
  report: { formSet: string; unit?: string; period?: string }
): Selection {
  const period = report.period ? parsePeriodId(report.period) : null;
  return {
    formSet: builtInFormSets().has(report.formSet) ? report.formSet : base.formSet,
    unit: report.unit ?? base.unit,
    year: period?.year ?? base.year,
    kind: period?.kind ?? base.kind,
  };
}
