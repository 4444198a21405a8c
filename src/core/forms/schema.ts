import { z } from "zod";
import { CODE_PATTERN, REF_PATTERN, parseRef } from "./codes";

/** One readable Vietnamese error from a failed zod parse (first issues only). */
export function schemaError(origin: string, error: z.ZodError): Error {
  const lines = error.issues.slice(0, 10).map((i) => `- ${i.path.join(".")}: ${i.message}`);
  return new Error(`${origin} không hợp lệ:\n${lines.join("\n")}`);
}

/** Kinds of row in a Biểu mẫu. `header` rows carry no value. */
export const ROW_KINDS = [
  "count",
  "percent",
  "decimal",
  "money",
  "enum",
  "pair",
  "text",
  "header",
] as const;
export type RowKind = (typeof ROW_KINDS)[number];

// The row-code grammar lives in codes.ts; re-exported for the schema's users.
export { CODE_PATTERN, REF_PATTERN, parseRef, valueKey, type RowRef } from "./codes";

export const LEVELS = ["department", "local", "province"] as const;
export type Level = (typeof LEVELS)[number];

export const PERIOD_KINDS = ["Q1", "H1", "Q3", "Y"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const enumOption = z.object({
  code: z.number().int().min(0),
  label: z.string().min(1),
});

export const rowSchema = z
  .object({
    code: z.string().regex(CODE_PATTERN),
    /** The code exactly as printed when it differs from `code` (e.g. `4.`, `Trong đó`, or blank). */
    printedCode: z.string().optional(),
    label: z.string().min(1),
    /** A few words naming the row in messages (`cấp tỉnh`, `số hồ sơ trễ hẹn`); the code is used without. */
    short: z.string().min(1).max(40).optional(),
    /** Đơn vị tính as printed (for enums the printed legend). */
    unit: z.string().default(""),
    kind: z.enum(ROW_KINDS),
    /** Code list of an enum row. */
    options: z.array(enumOption).min(2).optional(),
    /** Meaning of the two parts of a pair row (a, b). */
    pairParts: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
    /** Lũy kế: cumulative since the start of the reporting year. */
    cumulative: z.boolean().default(false),
    /** Decimals shown in the template's number format. */
    decimals: z.number().int().min(0).max(4).optional(),
    /** Note for maintainers and users about the row (origin, ambiguity). Never shown as data. */
    note: z.string().optional(),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.kind === "enum" && !row.options) {
      ctx.addIssue({
        code: "custom",
        message: `Hàng ${row.code}: kiểu enum cần danh sách mã (options)`,
      });
    }
    if (row.kind !== "enum" && row.options) {
      ctx.addIssue({ code: "custom", message: `Hàng ${row.code}: chỉ hàng enum mới có options` });
    }
    if (row.kind !== "pair" && row.pairParts) {
      ctx.addIssue({ code: "custom", message: `Hàng ${row.code}: chỉ hàng pair mới có pairParts` });
    }
  });
export type RowDef = z.infer<typeof rowSchema>;

export const formSchema = z
  .object({
    number: z.number().int().min(1).max(7),
    title: z.string().min(1),
    /** Printed header of the code column. */
    codeHeader: z.enum(["TT", "STT"]).default("TT"),
    /** Sub-caption printed under "Chỉ tiêu thống kê", if any. */
    labelCaption: z.string().optional(),
    rows: z.array(rowSchema).min(1),
  })
  .strict();
export type FormDef = z.infer<typeof formSchema>;

const ref = z.string().regex(REF_PATTERN);
const severity = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof severity>;

/**
 * What a rule does when operands are blank (blank is never silently 0):
 * - `skip`: skip the rule if any operand is blank;
 * - `derive`: like skip, but when only the derived cell (sum/ratio target) is blank and all inputs are
 *   present, report the blank with the value it should hold;
 * - `zero`: treat blanks as 0 (only where the form says a blank means none).
 */
export const MISSING_STRATEGIES = ["skip", "derive", "zero"] as const;
export type MissingStrategy = (typeof MISSING_STRATEGIES)[number];

/**
 * The blank strategy of each rule type when a rule does not name one: a derived cell (sum total, ratio)
 * left blank is reported with its value; bounds, ranges and comparisons skip blanks.
 */
export const DEFAULT_MISSING = {
  sum: "derive",
  ratio: "derive",
  compare: "skip",
  between: "skip",
  conditional: "skip",
  "not-below-previous": "skip",
} as const satisfies Record<string, MissingStrategy>;

const missing = (type: "sum" | "ratio" | "compare" | "between") =>
  z.enum(MISSING_STRATEGIES).default(DEFAULT_MISSING[type]);

const ruleBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  /** The form the rule belongs to: refs without `BMn:` point into it. */
  form: z.number().int().min(1).max(7),
  severity,
  /** Extra absolute tolerance on top of the printed-precision intervals. */
  tolerance: z.number().min(0).optional(),
  /** Vietnamese explanation shown before the numbers. */
  message: z.string().optional(),
  /** Where the finding is pinned; defaults per type (target, or the first left operand). */
  at: ref.optional(),
};

const sumRule = z
  .object({
    ...ruleBase,
    type: z.literal("sum"),
    missing: missing("sum"),
    target: ref,
    parts: z.array(ref).min(2),
  })
  .strict();
const ratioRule = z
  .object({
    ...ruleBase,
    type: z.literal("ratio"),
    missing: missing("ratio"),
    target: ref,
    numerator: ref,
    denominator: ref,
    scale: z.number().positive().default(100),
  })
  .strict();
const compareRule = z
  .object({
    ...ruleBase,
    type: z.literal("compare"),
    missing: missing("compare"),
    left: z.array(ref).min(1),
    op: z.enum(["<=", ">=", "=", "<", ">"]),
    right: z.array(ref).min(1),
  })
  .strict();

const opCondition = z
  .object({ ref, op: z.enum(["=", ">", ">=", "<", "<="]), value: z.number() })
  .strict();
const inCondition = z.object({ ref, in: z.array(z.number()).min(1) }).strict();
const condition = z.union([
  opCondition,
  z.object({ ref, blank: z.literal(true) }).strict(),
  inCondition,
]);
export type Condition = z.infer<typeof condition>;

/** A premise: `{ref, op, value}` or `{ref, in}`. Never `blank`: a blank premise skips the rule. */
const premise = z.union([opCondition, inCondition], {
  error:
    "điều kiện when phải có dạng {ref, op, value} hoặc {ref, in}; when không nhận blank vì ô trống làm quy tắc được bỏ qua",
});
export type Premise = z.infer<typeof premise>;

const conditionalRule = z
  .object({
    ...ruleBase,
    type: z.literal("conditional"),
    when: premise,
    then: z.array(condition).min(1),
  })
  .strict();

/** min(parts) ≤ target ≤ max(parts): an aggregate whose weights are not in the form. */
const betweenRule = z
  .object({
    ...ruleBase,
    type: z.literal("between"),
    missing: missing("between"),
    target: ref,
    parts: z.array(ref).min(2),
  })
  .strict();

/**
 * Where a non-decreasing row is compared with an earlier report: `year` only within the same reporting
 * year (lũy kế từ đầu năm), `ever` across years too.
 */
export const PREVIOUS_SCOPES = ["year", "ever"] as const;
export type PreviousScope = (typeof PREVIOUS_SCOPES)[number];

/** A row that must not fall below its value in an earlier report of the same unit (checked by rules/previous.ts). */
const notBelowPreviousRule = z
  .object({
    ...ruleBase,
    type: z.literal("not-below-previous"),
    missing: z.enum(["skip", "zero"]).default(DEFAULT_MISSING["not-below-previous"]),
    row: ref,
    scope: z.enum(PREVIOUS_SCOPES),
  })
  .strict();

export const ruleSchema = z.discriminatedUnion("type", [
  sumRule,
  ratioRule,
  compareRule,
  conditionalRule,
  betweenRule,
  notBelowPreviousRule,
]);
export type RuleDef = z.infer<typeof ruleSchema>;

export const formSetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().min(1),
    /** Vietnamese name shown to users, e.g. "Sở, ban, ngành". */
    name: z.string().min(1),
    level: z.enum(LEVELS),
    /** Year of the edition the tables come from. */
    edition: z.number().int().min(2000).max(2100),
    /** True when no official table exists and the set was derived from others. */
    derived: z.boolean().default(false),
    source: z.string().min(1),
    periods: z
      .array(z.enum(PERIOD_KINDS))
      .min(1)
      .default([...PERIOD_KINDS]),
    forms: z.array(formSchema).length(7),
    rules: z.array(ruleSchema),
  })
  .strict()
  .superRefine((set, ctx) => {
    set.forms.forEach((form, i) => {
      if (form.number !== i + 1) {
        ctx.addIssue({ code: "custom", message: `Biểu mẫu thứ ${i + 1} mang số ${form.number}` });
      }
      const seen = new Set<string>();
      for (const row of form.rows) {
        if (seen.has(row.code)) {
          ctx.addIssue({
            code: "custom",
            message: `Biểu mẫu ${form.number}: mã ${row.code} bị trùng`,
          });
        }
        seen.add(row.code);
      }
    });
    const ids = new Set<string>();
    for (const rule of set.rules) {
      if (ids.has(rule.id))
        ctx.addIssue({ code: "custom", message: `Quy tắc ${rule.id} bị trùng id` });
      ids.add(rule.id);
      for (const r of ruleRefs(rule)) {
        const { form, code, part } = parseRef(r, rule.form);
        const row = set.forms[form - 1]?.rows.find((x) => x.code === code);
        if (!row) {
          ctx.addIssue({
            code: "custom",
            message: `Quy tắc ${rule.id}: không có hàng ${code} trong Biểu mẫu ${form}`,
          });
        } else if (row.kind === "header" || row.kind === "text") {
          ctx.addIssue({
            code: "custom",
            message: `Quy tắc ${rule.id}: hàng ${code} (Biểu mẫu ${form}) không mang số`,
          });
        } else if ((row.kind === "pair") !== (part !== undefined)) {
          ctx.addIssue({
            code: "custom",
            message: `Quy tắc ${rule.id}: hàng ${code} (Biểu mẫu ${form}) ${row.kind === "pair" ? "là cặp a/b, cần @a hoặc @b" : "không phải cặp a/b"}`,
          });
        }
      }
    }
  });
export type FormSetInput = z.input<typeof formSetSchema>;
export type FormSet = z.infer<typeof formSetSchema>;

/** Every row reference a rule reads. */
export function ruleRefs(rule: RuleDef): string[] {
  const at = rule.at ? [rule.at] : [];
  switch (rule.type) {
    case "sum":
      return [rule.target, ...rule.parts, ...at];
    case "ratio":
      return [rule.target, rule.numerator, rule.denominator, ...at];
    case "compare":
      return [...rule.left, ...rule.right, ...at];
    case "conditional":
      return [rule.when.ref, ...rule.then.map((c) => c.ref), ...at];
    case "between":
      return [rule.target, ...rule.parts, ...at];
    case "not-below-previous":
      return [rule.row, ...at];
  }
}
