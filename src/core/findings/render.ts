import { formatVietnameseNumber } from "../values/number";
import type { Finding, FindingOperand, OperandRole } from "./types";

/** Longest message the templates aim for; longer renderings fall back to a compact variant. */
export const MESSAGE_BUDGET = 160;

/** A finding before its words: everything but `message` and `detail`. */
export type FindingDraft = Omit<Finding, "message" | "detail"> & {
  /** Numbers the template needs that are not operands (computed total, range, periods). */
  facts?: Facts;
};

export interface Facts {
  /** The value the rule computes from the other operands, as printed (`2.835`, `90,575%`). */
  computed?: string;
  /** Range of a between rule, as printed. */
  min?: string;
  max?: string;
  /** Condition of a conditional rule in words (`phải bằng 0`). */
  requirement?: string;
  /** Periods of a comparison with an earlier report. */
  period?: string;
  previousPeriod?: string;
  /** How many cells a grouped note lists. */
  count?: number;
  /** The number the officer should type (`2.835`), for a hint. */
  suggestion?: string;
}

/** The words of a finding: a short message and a longer explanation. */
export interface Rendered {
  message: string;
  detail: string;
}

type Template = (d: FindingDraft, style: Style) => string;

/** `full` names rows by their short names; `codes` by codes only, for messages over budget. */
type Style = "full" | "codes";

function fmt(n: number, decimals?: number): string {
  return formatVietnameseNumber(n, decimals);
}

/** `1.4`, `BM6 2.1`, `3.2 số thứ nhất`: the row as the officer finds it on the sheet. */
export function refText(o: FindingOperand, ownForm: number): string {
  const base = o.form === ownForm ? o.code : `BM${o.form} ${o.code}`;
  return o.part ? `${base} ${o.part === "a" ? "số thứ nhất" : "số thứ hai"}` : base;
}

function label(o: FindingOperand, d: FindingDraft, style: Style, withCode: boolean): string {
  const ref = refText(o, d.form);
  if (style === "codes" || !o.name) return ref;
  return withCode ? `${o.name} (${ref})` : o.name;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function valueText(o: FindingOperand): string {
  if (o.missing === "unreadable") return `không đọc được (“${clip(o.printed ?? "", 24)}”)`;
  if (o.missing === "blank" || o.printed === undefined) return "để trống";
  return o.printed;
}

function ops(d: FindingDraft, role: OperandRole): FindingOperand[] {
  return (d.operands ?? []).filter((o) => o.role === role);
}

function one(d: FindingDraft, role: OperandRole): FindingOperand {
  const o = ops(d, role)[0];
  if (!o) throw new Error(`Phát hiện ${d.rule} thiếu toán hạng ${role}`);
  return o;
}

/** `A + B + C` or, when every part has a short name, `cấp tỉnh + cấp huyện + cấp xã`. */
function names(list: FindingOperand[], d: FindingDraft, style: Style, sep = " + "): string {
  const useNames = style === "full" && list.every((o) => o.name);
  return list.map((o) => (useNames ? (o.name as string) : refText(o, d.form))).join(sep);
}

function values(list: FindingOperand[]): string {
  return list.map(valueText).join(" + ");
}

/** A side of a compare: `X (3.1) là 5` or `3.1 + 3.2 = 2 + 3 = 5`. */
function side(list: FindingOperand[], d: FindingDraft, style: Style, total: string): string {
  if (list.length === 1) return `${label(list[0], d, style, true)} là ${valueText(list[0])}`;
  return `${names(list, d, style)} = ${values(list)} = ${total}`;
}

const gap = (d: FindingDraft) =>
  d.difference !== undefined ? ` (lệch ${fmt(Math.abs(d.difference))})` : "";

const BROKEN_WORDS: Record<string, string> = {
  "<=": "vượt",
  ">=": "nhỏ hơn",
  "=": "khác",
  "<": "không nhỏ hơn",
  ">": "không lớn hơn",
};

const TEMPLATES: Record<string, Template> = {
  "sum.mismatch": (d, s) => {
    const t = one(d, "target");
    const parts = ops(d, "part");
    return `${label(t, d, s, true)} là ${valueText(t)}, nhưng ${names(parts, d, s)} = ${values(parts)} = ${d.facts?.computed}${gap(d)}.`;
  },
  "sum.blank": (d, s) => {
    const t = one(d, "target");
    const parts = ops(d, "part");
    return `${label(t, d, s, true)} ${valueText(t)}, trong khi ${names(parts, d, s)} = ${values(parts)} = ${d.facts?.computed}: nên ghi ${d.facts?.computed}.`;
  },
  "ratio.mismatch": (d, s) => {
    const t = one(d, "target");
    const n = one(d, "numerator");
    const m = one(d, "denominator");
    return `${label(t, d, s, true)} là ${valueText(t)}, nhưng ${names([n], d, s)} / ${names([m], d, s)} = ${valueText(n)} / ${valueText(m)} = ${d.facts?.computed}.`;
  },
  "ratio.blank": (d, s) => {
    const t = one(d, "target");
    const n = one(d, "numerator");
    const m = one(d, "denominator");
    return `${label(t, d, s, true)} ${valueText(t)}, trong khi ${names([n], d, s)} / ${names([m], d, s)} = ${valueText(n)} / ${valueText(m)}: nên ghi ${d.facts?.computed}.`;
  },
  "compare.broken": (d, s) => {
    const [l, r] = (d.facts?.computed ?? "|").split("|");
    const word = BROKEN_WORDS[d.op ?? "="] ?? "khác";
    const end = d.op === "=" ? " (phải bằng nhau)" : "";
    return `${side(ops(d, "left"), d, s, l)}, ${word} ${side(ops(d, "right"), d, s, r)}${end}.`;
  },
  "between.outside": (d, s) => {
    const t = one(d, "target");
    return `${label(t, d, s, true)} là ${valueText(t)}, ngoài khoảng ${d.facts?.min} – ${d.facts?.max} của ${names(ops(d, "part"), d, s, ", ")}.`;
  },
  "between.blank": (d, s) => {
    const t = one(d, "target");
    return `${label(t, d, s, true)} ${valueText(t)}, trong khi ${names(ops(d, "part"), d, s, ", ")} đều có số: phải trong khoảng ${d.facts?.min} – ${d.facts?.max}.`;
  },
  "conditional.broken": (d, s) => {
    const w = one(d, "when");
    const t = one(d, "then");
    return `Vì ${label(w, d, s, true)} là ${valueText(w)}, ${label(t, d, s, true)} ${d.facts?.requirement} (đang ${valueText(t) === "để trống" ? "để trống" : `là ${valueText(t)}`}).`;
  },
  "not-below-previous.fell": (d, s) => {
    const t = one(d, "target");
    const p = one(d, "previous");
    return `${label(t, d, s, true)} giảm so với kỳ trước: ${valueText(t)} (${d.facts?.period}) < ${valueText(p)} (${d.facts?.previousPeriod}).`;
  },
  "fraction.mismatch": (d) => {
    const t = one(d, "target");
    return `Tỷ lệ ${valueText(t)} không khớp với phân số đi kèm: ${d.facts?.computed}.`;
  },
  "text-number.grouped": (d) => {
    const cells = ops(d, "cell");
    const say = (n: number) => {
      const shown = cells.slice(0, n).map((o) => `${o.code} “${clip(o.printed ?? "", 16)}”`);
      const more = cells.length > n ? `, … (thêm ${cells.length - n})` : "";
      return `${cells.length} ô có số ở dạng chữ: ${shown.join(", ")}${more}. Excel không cộng các ô này; nên chuyển thành số.`;
    };
    let n = Math.min(cells.length, 6);
    while (n > 1 && say(n).length > MESSAGE_BUDGET) n--;
    return say(n);
  },
};

/** What the officer should check, per rule type. */
const CHECKS: Record<string, string> = {
  sum: "Kiểm tra lại từng số thành phần và số tổng; nếu tổng đúng, có thể còn thiếu hoặc thừa một thành phần.",
  ratio:
    "Tỷ lệ được tính từ hai số trên, so ở độ chính xác đã in (99,87 là từ 99,865 đến 99,875); kiểm tra tử số, mẫu số hoặc cách làm tròn.",
  compare: "Kiểm tra lại số ở cả hai vế; một trong hai có thể bị nhập nhầm hàng hoặc nhầm kỳ.",
  between:
    "Chỉ tiêu chung phải nằm giữa số nhỏ nhất và lớn nhất của các thành phần, vì nó là trung bình có trọng số của chúng.",
  conditional: "Hai hàng này phụ thuộc nhau: sửa hàng điều kiện hoặc hàng phụ thuộc cho khớp.",
  "not-below-previous":
    "Số lũy kế từ đầu năm không thể giảm giữa các kỳ; kiểm tra số kỳ này hoặc báo cáo kỳ trước.",
  fraction: "Tính lại tỷ lệ từ phân số đi kèm, hoặc sửa phân số.",
  "text-number":
    "Số gõ kèm dấu nháy hoặc trong ô định dạng chữ được Excel lưu như chữ: phép cộng, công thức và kiểm tra của Excel bỏ qua chúng. Nút “Chuyển thành số” (hoặc lệnh Convert to Number của Excel) đổi chúng thành số mà vẫn hiển thị như cũ.",
};

/** The rule written from its sides, when it has no prose of its own. */
function ruleStatement(d: FindingDraft): string {
  const code = (o: FindingOperand) => refText(o, d.form);
  const list = (role: OperandRole, sep = " + ") => ops(d, role).map(code).join(sep);
  switch (d.type) {
    case "sum":
      return `Quy tắc: ${list("target")} = ${list("part")}.`;
    case "ratio":
      return `Quy tắc: ${list("target")} = ${list("numerator")} / ${list("denominator")} × 100.`;
    case "compare":
      return `Quy tắc: ${list("left")} ${d.op === "<=" ? "≤" : d.op === ">=" ? "≥" : d.op} ${list("right")}.`;
    case "between":
      return `Quy tắc: ${list("target")} nằm giữa nhỏ nhất và lớn nhất của ${list("part", ", ")}.`;
    case "conditional":
      return `Quy tắc: khi ${list("when")} như trên thì ${list("then")} ${d.facts?.requirement ?? ""}.`;
    default:
      return "";
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

function templateKey(d: FindingDraft): string {
  return `${d.type}.${d.situation}`;
}

/** Whether a template exists for the draft's type and situation. */
export function hasTemplate(d: Pick<FindingDraft, "type" | "situation">): boolean {
  return `${d.type}.${d.situation}` in TEMPLATES;
}

/** Every template key, `type.situation`, for tests and docs. */
export const TEMPLATE_KEYS: readonly string[] = Object.keys(TEMPLATES);

/**
 * Renders a draft with its template: numbers first, short names where they fit in the budget, codes
 * otherwise. `prose` is the rule's own sentence (from the form set), used in the detail.
 */
export function render(d: FindingDraft, prose?: string): Rendered {
  const template = TEMPLATES[templateKey(d)];
  if (!template) throw new Error(`Không có mẫu câu cho ${templateKey(d)}`);
  let message = capitalize(template(d, "full"));
  if (message.length > MESSAGE_BUDGET) message = capitalize(template(d, "codes"));
  const check = CHECKS[d.type ?? ""] ?? "";
  const statement = prose ? `${prose}.` : ruleStatement(d);
  const detail = [statement, check].filter(Boolean).join(" ");
  return { message, detail };
}

/** A finding with its words, ready for the JSON output, the pane and the findings sheet. */
export function renderFinding(d: FindingDraft, prose?: string): Finding {
  const out: FindingDraft = { ...d };
  delete out.facts;
  return { ...out, ...render(d, prose) };
}
