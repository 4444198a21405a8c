import type { Catalog } from "./forms/catalog";
import type { ValueMap } from "./rules/engine";
import { valueKey } from "./forms/schema";

/** How much of one form has been filled: blank is "not reported", never 0. */
export interface FormCompleteness {
  form: number;
  /** Value-bearing rows (not headers). */
  total: number;
  /** Rows holding anything, readable or not. */
  filled: number;
  /** Codes of the blank rows, in form order. */
  blank: string[];
}

export interface Completeness {
  total: number;
  filled: number;
  forms: FormCompleteness[];
}

/** Completeness of the forms the workbook has (`present`: form numbers; default all forms of the set). */
export function completeness(catalog: Catalog, values: ValueMap, present?: number[]): Completeness {
  const rowsOf = new Map<number, string[]>();
  for (const { form, row } of catalog.valueRows()) {
    if (present && !present.includes(form)) continue;
    rowsOf.set(form, [...(rowsOf.get(form) ?? []), row.code]);
  }
  const forms = [...rowsOf].map(([form, codes]): FormCompleteness => {
    const blank = codes.filter(
      (code) => (values[valueKey(form, code)]?.kind ?? "blank") === "blank"
    );
    return { form, total: codes.length, filled: codes.length - blank.length, blank };
  });
  return {
    total: forms.reduce((n, f) => n + f.total, 0),
    filled: forms.reduce((n, f) => n + f.filled, 0),
    forms,
  };
}

/** Forms with no value at all: most likely not filled yet. */
export function emptyForms(c: Completeness): number[] {
  return c.forms.filter((f) => f.total > 0 && f.filled === 0).map((f) => f.form);
}

/** One Vietnamese sentence: `Đã nhập 85/120 chỉ tiêu; Biểu mẫu 2, 6 chưa có số liệu nào; 3 chỉ tiêu khác để trống.` */
export function completenessSentence(c: Completeness): string {
  const parts = [`Đã nhập ${c.filled}/${c.total} chỉ tiêu`];
  const empty = emptyForms(c);
  if (empty.length > 0) parts.push(`Biểu mẫu ${empty.join(", ")} chưa có số liệu nào`);
  const otherBlank = c.forms.filter((f) => f.filled > 0).reduce((n, f) => n + f.blank.length, 0);
  if (otherBlank > 0) {
    parts.push(`${otherBlank} chỉ tiêu ${empty.length > 0 ? "khác " : ""}để trống`);
  }
  return `${parts.join("; ")}.`;
}

/** `Biểu mẫu 2, 6 để trống hoàn toàn.`, or undefined when no form is blank. */
export function emptyFormsNote(forms: number[]): string | undefined {
  return forms.length > 0 ? `Biểu mẫu ${forms.join(", ")} để trống hoàn toàn.` : undefined;
}
