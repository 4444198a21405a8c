/**
 * The row-code grammar, in one place for the form sets and the consolidation maps.
 * A code is `4`, `3.1.2`, or a made-up code for an unnumbered sub-row such as `3.2.a`;
 * a ref is `[BMn:]code[@a|@b]`.
 */
const CODE = String.raw`\d+(?:\.\d+)*(?:\.[a-z])?`;
const FORM = String.raw`BM([1-7]):`;
const PART = String.raw`@([ab])`;

/** Normalised row code. */
export const CODE_PATTERN = new RegExp(`^${CODE}$`);

/** `[BMn:]code[@a|@b]`: groups 1 form, 2 code, 3 part. */
export const REF_PATTERN = new RegExp(`^(?:${FORM})?(${CODE})(?:${PART})?$`);

/** `[BMn:]code` without a pair part: groups 1 form, 2 code. */
export const ROW_REF_PATTERN = new RegExp(`^(?:${FORM})?(${CODE})$`);

export interface RowRef {
  form: number;
  code: string;
  part?: "a" | "b";
}

/** Parses `[BMn:]code[@a|@b]`; `form` is the rule's own form, used when the ref has no prefix. */
export function parseRef(ref: string, form: number): RowRef {
  const m = REF_PATTERN.exec(ref);
  if (!m) throw new Error(`Tham chiếu không hợp lệ: ${ref}`);
  return { form: m[1] ? Number(m[1]) : form, code: m[2], part: m[3] as "a" | "b" | undefined };
}

/** Key of a row's value across a report: `form:code`, as in the JSON output. */
export function valueKey(form: number, code: string): string {
  return `${form}:${code}`;
}
