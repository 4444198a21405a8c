import type { Catalog } from "../forms/catalog";
import { parseRef, type FormDef, type RowDef, type RuleDef } from "../forms/schema";
import { periodLabel, periodWindow, type Period } from "../period";
import { GENERATOR, metaRows, META_SHEET, type WorkbookMeta } from "./metadata";
import { columnIndex } from "./snapshot";

/**
 * The Biểu mẫu workbook as plain data. `cchc template` writes it with ExcelJS and the add-in with Office.js,
 * so both produce the same sheets, validation, formulas, formatting and names.
 */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** Fill colour `#RRGGBB`. */
  fill?: string;
  wrap?: boolean;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "middle";
  border?: boolean;
  numFmt?: string;
}

export interface LayoutCell {
  /** `A1` style, within the sheet. */
  address: string;
  value?: string | number;
  /** Formula without the leading `=`, English function names, `,` separators. */
  formula?: string;
  style?: CellStyle;
}

export type ValidationRule =
  | { type: "whole" | "decimal"; operator: "between" | "greaterThanOrEqual"; formulae: number[] }
  | { type: "list"; values: number[] }
  | { type: "custom"; formula: string }
  | { type: "textLength"; operator: "lessThanOrEqual"; formulae: number[] };

export interface LayoutValidation {
  address: string;
  rule: ValidationRule;
  prompt: { title: string; text: string };
  error: { title: string; text: string };
}

export interface LayoutConditionalFormat {
  address: string;
  /** Formula (without `=`) that is true when the cell breaks the rule. */
  formula: string;
  fill: string;
  fontColor: string;
  ruleId: string;
}

export interface ValueCellRef {
  form: number;
  code: string;
  address: string;
  /** Defined name of the cell, e.g. `CCHC_BM3_3_1_1`. */
  name: string;
}

export interface SheetLayout {
  name: string;
  form: number;
  /** Column widths in characters, from column A. */
  columns: number[];
  cells: LayoutCell[];
  merges: string[];
  validations: LayoutValidation[];
  conditionalFormats: LayoutConditionalFormat[];
  valueCells: ValueCellRef[];
  /** Header row (1-based) repeated on every printed page. */
  headerRow: number;
  /** Print in landscape (wide sheets); default portrait. Always A4, fitted to the page width. */
  landscape?: boolean;
  lastRow: number;
}

export interface WorkbookLayout {
  sheets: SheetLayout[];
  meta: { sheetName: string; rows: [string, string][] };
  /** Document title (file properties), when the workbook is written as a file. */
  title?: string;
}

export interface LayoutOptions {
  unit: string;
  period: Period;
  /** ISO timestamp recorded in the metadata. */
  created?: string;
  /**
   * The officer's Excel separators (Excel parses typing by them). Input examples are written in them;
   * unknown (a template file opened anywhere): examples valid with any separators, e.g. 1234, 99.
   */
  separators?: Separators;
}

export interface Separators {
  decimal: string;
  thousands: string;
}

export const VALUE_COLUMN = "D";
const FIRST_DATA_ROW = 7;
const HEADER_ROW = 6;

export function sheetNameOf(form: number): string {
  return `Biểu mẫu ${form}`;
}

/** Defined name of a value cell: dots are not allowed everywhere in names, so `3.1.a` → `3_1_a`. */
export function definedNameOf(form: number, code: string): string {
  return `CCHC_BM${form}_${code.replace(/\./g, "_")}`;
}

const BORDERED: CellStyle = { border: true, vAlign: "top", wrap: true };
const GREY = "#F2F2F2";

/** Excel number format of a value cell, by row kind. */
export const NUMBER_FORMATS: Record<RowDef["kind"], string> = {
  count: "#,##0",
  percent: "0.00",
  decimal: "#,##0.00",
  money: "#,##0.00",
  enum: "0",
  pair: "@",
  text: "@",
  header: "General",
};

export function buildLayout(catalog: Catalog, opts: LayoutOptions): WorkbookLayout {
  const sheets = catalog.set.forms.map((form) => buildSheet(catalog, form, opts));
  const meta: WorkbookMeta = {
    formSet: catalog.id,
    version: catalog.set.version,
    unit: opts.unit,
    period: `${opts.period.year}-${opts.period.kind}`,
    created: opts.created ?? new Date().toISOString(),
    generator: GENERATOR,
  };
  return { sheets, meta: { sheetName: META_SHEET, rows: metaRows(meta) } };
}

function buildSheet(catalog: Catalog, form: FormDef, opts: LayoutOptions): SheetLayout {
  const name = sheetNameOf(form.number);
  const win = periodWindow(opts.period);
  const cells: LayoutCell[] = [
    { address: "A1", value: name, style: { bold: true, fontSize: 13 } },
    {
      address: "A2",
      value: form.title.toUpperCase(),
      style: { bold: true, fontSize: 12, wrap: true },
    },
    { address: "A3", value: `Đơn vị báo cáo: ${opts.unit}`, style: { italic: true } },
    {
      address: "A4",
      value: `Kỳ báo cáo: ${periodLabel(opts.period)} (từ ${win.from} đến ${win.to})`,
      style: { italic: true },
    },
    {
      address: "A5",
      value: `Bộ biểu mẫu: ${catalog.set.name} (${catalog.id}, phiên bản ${catalog.set.version})`,
      style: { italic: true, fontSize: 9 },
    },
  ];
  const header = {
    bold: true,
    fill: GREY,
    hAlign: "center" as const,
    ...BORDERED,
    vAlign: "middle" as const,
  };
  const labelHeader = form.labelCaption
    ? `Chỉ tiêu thống kê\n${form.labelCaption}`
    : "Chỉ tiêu thống kê";
  ["A", "B", "C", "D", "E"].forEach((col, i) => {
    const text = [form.codeHeader, labelHeader, "Đơn vị tính", "Số liệu", "Ghi chú"][i];
    cells.push({ address: `${col}${HEADER_ROW}`, value: text, style: header });
  });

  const rowOf = new Map<string, number>();
  form.rows.forEach((row, i) => rowOf.set(row.code, FIRST_DATA_ROW + i));
  const valueCells: ValueCellRef[] = [];
  const validations: LayoutValidation[] = [];
  const ratioFormulas = ratioFormulasOf(catalog, form.number, rowOf);

  form.rows.forEach((row, i) => {
    const r = FIRST_DATA_ROW + i;
    const isHeader = row.kind === "header";
    const rowStyle: CellStyle = isHeader ? { ...BORDERED, bold: true, fill: GREY } : BORDERED;
    cells.push({
      address: `A${r}`,
      value: row.printedCode ?? row.code,
      style: { ...rowStyle, hAlign: "center" },
    });
    cells.push({ address: `B${r}`, value: row.label, style: rowStyle });
    cells.push({ address: `C${r}`, value: row.unit, style: { ...rowStyle, hAlign: "center" } });
    cells.push({ address: `E${r}`, style: rowStyle });
    const address = `${VALUE_COLUMN}${r}`;
    if (isHeader) {
      cells.push({ address, style: rowStyle });
      return;
    }
    const numFmt =
      row.decimals !== undefined && row.kind !== "count"
        ? decimalsFormat(row)
        : NUMBER_FORMATS[row.kind];
    const formula = ratioFormulas.get(row.code);
    cells.push({
      address,
      formula,
      style: {
        ...BORDERED,
        hAlign: row.kind === "text" ? "left" : "right",
        numFmt,
        fill: formula ? "#EAF3E6" : undefined,
      },
    });
    valueCells.push({
      form: form.number,
      code: row.code,
      address,
      name: definedNameOf(form.number, row.code),
    });
    if (!formula) validations.push(validationOf(row, address, opts.separators));
  });

  const lastRow = FIRST_DATA_ROW + form.rows.length - 1;
  return {
    name,
    form: form.number,
    columns: [8, 62, 16, 14, 22],
    cells,
    merges: ["A1:E1", "A2:E2", "A3:E3", "A4:E4", "A5:E5"],
    validations: mergeValidations(validations),
    conditionalFormats: conditionalFormatsOf(catalog, form.number, rowOf),
    valueCells,
    headerRow: HEADER_ROW,
    lastRow,
  };
}

function decimalsFormat(row: RowDef): string {
  const d = row.decimals ?? 0;
  const frac = d > 0 ? `.${"0".repeat(d)}` : "";
  return row.kind === "percent" ? `0${frac}` : `#,##0${frac}`;
}

function sameFormRow(ref: string, form: number, rowOf: Map<string, number>): number | undefined {
  const r = parseRef(ref, form);
  if (r.form !== form || r.part) return undefined;
  return rowOf.get(r.code);
}

/** Ratio cells whose two parts are in the same form become formulas; 0/0 and blanks stay blank. */
function ratioFormulasOf(
  catalog: Catalog,
  form: number,
  rowOf: Map<string, number>
): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of catalog.set.rules) {
    if (rule.type !== "ratio" || rule.form !== form) continue;
    const t = parseRef(rule.target, form);
    const n = sameFormRow(rule.numerator, form, rowOf);
    const d = sameFormRow(rule.denominator, form, rowOf);
    if (t.form !== form || n === undefined || d === undefined || !rowOf.has(t.code)) continue;
    const N = `${VALUE_COLUMN}${n}`;
    const D = `${VALUE_COLUMN}${d}`;
    out.set(t.code, `IF(OR(${N}="",${D}="",${D}=0),"",ROUND(${N}/${D}*${rule.scale},2))`);
  }
  return out;
}

/** Fill and font of a rule's mark: red for errors, amber for warnings. */
const MARKS = {
  error: { fill: "#FFC7CE", fontColor: "#9C0006" },
  warning: { fill: "#FFEB9C", fontColor: "#9C5700" },
} as const;

/**
 * Marks a cell that breaks a rule of its own form (a sum, a ratio, a bound), with the engine's
 * tolerance: a value printed with d decimals stands for ±0.5·10^-d, so the file and the check agree.
 */
function conditionalFormatsOf(
  catalog: Catalog,
  form: number,
  rowOf: Map<string, number>
): LayoutConditionalFormat[] {
  const out: LayoutConditionalFormat[] = [];
  const cell = (ref: string): CfOperand | undefined => {
    const r = sameFormRow(ref, form, rowOf);
    const row = catalog.row(form, parseRef(ref, form).code);
    if (r === undefined || !row) return undefined;
    return { ref: `$${VALUE_COLUMN}$${r}`, exact: row.kind === "count" || row.kind === "enum" };
  };
  for (const rule of catalog.set.rules) {
    if (rule.form !== form || rule.severity === "info") continue;
    const built = cfFormula(rule, cell);
    if (built) out.push({ ...built, ...MARKS[rule.severity], ruleId: rule.id });
  }
  return out;
}

interface CfOperand {
  ref: string;
  /** Counts and codes are exact; other numbers stand for their printed precision. */
  exact: boolean;
}

/** Half the last printed digit of a cell's value (as the engine reads decimals), 0 for exact rows. */
function halfOf(o: CfOperand): string {
  if (o.exact) return "0";
  const c = o.ref;
  // Half of the last decimal for 0–4 stored decimals, and 5 decimals beyond (literals, no float noise).
  const halves = ["0.5", "0.05", "0.005", "0.0005", "0.00005"];
  let expr = "0.000005";
  for (let d = halves.length - 1; d >= 0; d--)
    expr = `IF(${c}=ROUND(${c},${d}),${halves[d]},${expr})`;
  return expr;
}

/** `a±h` terms of a sum of operands: value part and half-width part. */
function sided(list: CfOperand[]): { value: string; half: string } {
  const halves = list.map(halfOf).filter((h) => h !== "0");
  return {
    value: list.length === 1 ? list[0].ref : `(${list.map((o) => o.ref).join("+")})`,
    half: halves.length === 0 ? "" : halves.length === 1 ? halves[0] : `(${halves.join("+")})`,
  };
}

const plus = (a: string, h: string) => (h ? `${a}+${h}` : a);
const minus = (a: string, h: string) => (h ? `${a}-${h}` : a);

/** The engine's slack: tolerance plus 1e-9 of the larger side. */
function slackOf(rule: RuleDef, a: string, b: string): string {
  const tol = rule.tolerance ? `${rule.tolerance}+` : "";
  return `(${tol}1E-9*MAX(1,ABS(${a}),ABS(${b})))`;
}

function cfFormula(
  rule: RuleDef,
  cell: (ref: string) => CfOperand | undefined
): { address: string; formula: string } | undefined {
  const all = (refs: string[]) => {
    const cs = refs.map(cell);
    return cs.every((c): c is CfOperand => c !== undefined) ? cs : undefined;
  };
  const filled = (cs: CfOperand[]) => `COUNT(${cs.map((c) => c.ref).join(",")})=${cs.length}`;
  const at = (o: CfOperand) => o.ref.replace(/\$/g, "");
  // Intervals [lo, hi] disjoint beyond the slack: the engine's `mayEqual` fails.
  const apart = (a: string[], b: string[], s: string) =>
    `OR(${a[0]}>${b[1]}+${s},${b[0]}>${a[1]}+${s})`;
  if (rule.type === "sum") {
    const t = cell(rule.target);
    const parts = all(rule.parts);
    if (!t || !parts) return undefined;
    const T = sided([t]);
    const P = sided(parts);
    const s = slackOf(rule, T.value, P.value);
    return {
      address: at(t),
      formula: `AND(${filled([t, ...parts])},${apart(
        [minus(T.value, T.half), plus(T.value, T.half)],
        [minus(P.value, P.half), plus(P.value, P.half)],
        s
      )})`,
    };
  }
  if (rule.type === "ratio") {
    const t = cell(rule.target);
    const n = cell(rule.numerator);
    const d = cell(rule.denominator);
    if (!t || !n || !d) return undefined;
    const T = sided([t]);
    const hn = halfOf(n);
    const hd = halfOf(d);
    const k = rule.scale;
    const dLo = minus(d.ref, hd === "0" ? "" : hd);
    const dHi = plus(d.ref, hd === "0" ? "" : hd);
    const lo = `MAX(0,${minus(n.ref, hn === "0" ? "" : hn)})/(${dHi})*${k}`;
    const hi = `(${plus(n.ref, hn === "0" ? "" : hn)})/(${dLo})*${k}`;
    const s = slackOf(rule, T.value, `${n.ref}/${d.ref}*${k}`);
    return {
      address: at(t),
      formula: `AND(${filled([t, n, d])},${dLo}>0,${apart(
        [minus(T.value, T.half), plus(T.value, T.half)],
        [lo, hi],
        s
      )})`,
    };
  }
  if (rule.type === "compare") {
    const left = all(rule.left);
    const right = all(rule.right);
    if (!left || !right) return undefined;
    const L = sided(left);
    const R = sided(right);
    const s = slackOf(rule, L.value, R.value);
    const tol = String(rule.tolerance ?? 0);
    const [lLo, lHi] = [minus(L.value, L.half), plus(L.value, L.half)];
    const [rLo, rHi] = [minus(R.value, R.half), plus(R.value, R.half)];
    // The negation of the engine's `mayHold` for each operator.
    const broken = {
      "<=": `${lLo}>${rHi}+${s}`,
      ">=": `${lHi}+${s}<${rLo}`,
      "<": `${lLo}>=${rHi}+${tol}`,
      ">": `${lHi}+${tol}<=${rLo}`,
      "=": apart([lLo, lHi], [rLo, rHi], s),
    }[rule.op];
    return { address: at(left[0]), formula: `AND(${filled([...left, ...right])},${broken})` };
  }
  return undefined;
}

/**
 * Per-cell validations joined into one range per run of consecutive rows of one column with the same rule and
 * texts, so each cell is validated once (ExcelJS joins per-cell addresses sorted as text and can write overlapping
 * ranges, exceljs#2820). A custom formula is written for the range's first cell, as Excel reads it.
 */
function mergeValidations(list: LayoutValidation[]): LayoutValidation[] {
  const out: LayoutValidation[] = [];
  let run:
    { v: LayoutValidation; col: string; first: number; last: number; key: string } | undefined;
  const keyOf = (v: LayoutValidation) =>
    JSON.stringify([v.rule, v.prompt, v.error]).split(v.address).join("@");
  const flush = () => {
    if (!run) return;
    const range =
      run.first === run.last
        ? `${run.col}${run.first}`
        : `${run.col}${run.first}:${run.col}${run.last}`;
    out.push({ ...run.v, address: range });
    run = undefined;
  };
  for (const v of list) {
    const m = /^([A-Z]+)(\d+)$/.exec(v.address);
    if (!m) {
      flush();
      out.push(v);
      continue;
    }
    const row = Number(m[2]);
    const key = keyOf(v);
    if (run && run.col === m[1] && run.last + 1 === row && run.key === key) run.last = row;
    else {
      flush();
      run = { v, col: m[1], first: row, last: row, key };
    }
  }
  flush();
  return out;
}

/** Input examples in the officer's separators, or ones valid with any. */
function examples(sep: Separators | undefined): { count: string; percent: string; money: string } {
  if (!sep) return { count: "1234", percent: "99", money: "3989325" };
  return {
    count: `1${sep.thousands}234`,
    percent: `99${sep.decimal}87`,
    money: `3${sep.thousands}989${sep.thousands}325${sep.decimal}00`,
  };
}

/** The validation of a value cell; its prompt and alert give examples in `sep` (see LayoutOptions). */
export function validationOf(row: RowDef, address: string, sep?: Separators): LayoutValidation {
  const unit = row.unit ? ` (đơn vị: ${row.unit})` : "";
  const title = "Số liệu không hợp lệ";
  const ex = examples(sep);
  switch (row.kind) {
    case "count":
      return {
        address,
        rule: { type: "whole", operator: "greaterThanOrEqual", formulae: [0] },
        prompt: {
          title: "Số nguyên",
          text: `Nhập số nguyên không âm${unit}, ví dụ ${ex.count}. Để trống nếu chưa có số liệu.`,
        },
        error: { title, text: `Dòng này chỉ nhận số nguyên không âm, ví dụ ${ex.count}.` },
      };
    case "percent":
      return {
        address,
        rule: { type: "decimal", operator: "between", formulae: [0, 100] },
        prompt: {
          title: "Tỷ lệ %",
          text: `Nhập tỷ lệ từ 0 đến 100, ví dụ ${ex.percent} (không nhập dấu %).`,
        },
        error: { title, text: `Tỷ lệ phải nằm trong khoảng 0 đến 100, ví dụ ${ex.percent}.` },
      };
    case "money":
      return {
        address,
        rule: { type: "decimal", operator: "greaterThanOrEqual", formulae: [0] },
        prompt: { title: "Số tiền", text: `Nhập số tiền không âm${unit}, ví dụ ${ex.money}.` },
        error: { title, text: `Số tiền phải là số không âm, ví dụ ${ex.money}.` },
      };
    case "decimal":
      return {
        address,
        rule: { type: "decimal", operator: "between", formulae: [-1e15, 1e15] },
        prompt: { title: "Số", text: `Nhập một số${unit}.` },
        error: { title, text: "Dòng này chỉ nhận số." },
      };
    case "enum": {
      const options = row.options ?? [];
      const legend = options.map((o) => `${o.code} = ${o.label}`).join("; ");
      return {
        address,
        rule: { type: "list", values: options.map((o) => o.code) },
        prompt: { title: "Chọn mã", text: `Chọn một mã: ${legend}.` },
        error: { title, text: `Chỉ nhận các mã: ${legend}.` },
      };
    }
    case "pair": {
      const [a, b] = row.pairParts ?? ["số thứ nhất", "số thứ hai"];
      return {
        address,
        rule: { type: "custom", formula: `ISNUMBER(FIND("/",${address}))` },
        prompt: { title: "Cặp số a/b", text: `Nhập dạng a/b, ví dụ 4/4: a = ${a}; b = ${b}.` },
        error: {
          title,
          text: "Dòng này nhận hai số nguyên cách nhau bởi dấu /, ví dụ 4/4 hoặc 0/0.",
        },
      };
    }
    default:
      return {
        address,
        rule: { type: "textLength", operator: "lessThanOrEqual", formulae: [2000] },
        prompt: { title: "Nội dung", text: "Nhập nội dung (tối đa 2.000 ký tự)." },
        error: { title, text: "Nội dung quá dài (tối đa 2.000 ký tự)." },
      };
  }
}

const LINE_HEIGHT = 15.75;

/**
 * Row heights (points, by 1-based row) that let wrapped text show whole, estimated from text length and column
 * widths: Excel and LibreOffice do not grow rows of a generated file by themselves.
 */
export function rowHeightsOf(
  sheet: Pick<SheetLayout, "cells" | "columns" | "merges">
): Record<number, number> {
  const mergedWidth = new Map<string, number>();
  for (const m of sheet.merges) {
    const r = /^([A-Z]+)(\d+):([A-Z]+)\d+$/.exec(m);
    if (!r) continue;
    const from = columnIndex(r[1]);
    const to = columnIndex(r[3]);
    let w = 0;
    for (let c = from; c <= to; c++) w += sheet.columns[c] ?? 10;
    mergedWidth.set(`${r[1]}${r[2]}`, w);
  }
  const heights: Record<number, number> = {};
  for (const cell of sheet.cells) {
    if (!cell.style?.wrap || typeof cell.value !== "string" || cell.value === "") continue;
    const m = /^([A-Z]+)(\d+)$/.exec(cell.address);
    if (!m) continue;
    const width = mergedWidth.get(cell.address) ?? sheet.columns[columnIndex(m[1])] ?? 10;
    const scale = (cell.style.fontSize ?? 12) / 12;
    const lines = cell.value
      .split("\n")
      .reduce(
        (n, line) => n + Math.max(1, Math.ceil((line.length * scale) / Math.max(1, width))),
        0
      );
    if (lines <= 1) continue;
    const row = Number(m[2]);
    heights[row] = Math.max(heights[row] ?? 0, Math.min(409, lines * LINE_HEIGHT * scale));
  }
  return heights;
}
