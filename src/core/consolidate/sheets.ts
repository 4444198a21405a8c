import { DETAIL_SHEET, REPORTED_UNITS_HEADER, STATUS_SHEET } from "../workbook/consolidated";
import { emptyFormsNote } from "../completeness";
import type { Catalog } from "../forms/catalog";
import { valueKey, type RowKind } from "../forms/schema";
import { formatVietnameseNumber } from "../values/number";
import type { CellValue } from "../values/types";
import { plainValue } from "../report";
import {
  definedNameOf,
  NUMBER_FORMATS,
  type CellStyle,
  type LayoutCell,
  type SheetLayout,
  type ValueCellRef,
} from "../workbook/layout";
import { cellAddress, columnLetter } from "../workbook/snapshot";
import { formatVietnamTime } from "./time";
import type {
  Answers,
  ConsolidatedRow,
  ConsolidationResult,
  ReferenceFigure,
  TableResult,
  UnitEntry,
} from "./types";

export { DETAIL_SHEET, STATUS_SHEET };

const GREEN = "#EAF3E6";
const YELLOW = "#FFF2CC";
const PENDING = "#DDEBF7";
const GREY = "#F2F2F2";
const RED = "#FFC7CE";
const BORDERED: CellStyle = { border: true, vAlign: "top", wrap: true };
const HEADER: CellStyle = {
  ...BORDERED,
  bold: true,
  fill: GREY,
  hAlign: "center",
  vAlign: "middle",
};
/** Text written as text: never a formula, a date or a number. */
const TEXT: CellStyle = { ...BORDERED, numFmt: "@" };

const TARGET_HEADER_ROW = 6;
const TOTALS_FIRST_ROW = 6;
const TABLE_COLUMNS = [8, 56, 14, 14, 11, 48, 40];
const TABLE_HEADERS = [
  "",
  "Chỉ tiêu thống kê",
  "Đơn vị tính",
  "Số liệu",
  REPORTED_UNITS_HEADER,
  "Cách tính",
  "Ghi chú của đơn vị",
];

export function targetSheetName(form: number): string {
  return `Biểu mẫu ${form}`;
}

/** Caption of a consolidated table. */
export function tableTitle(catalog: Catalog, kind: TableResult["kind"]): string {
  if (kind === "target")
    return `Biểu mẫu 1–7 của ${catalog.set.name}, tổng hợp từ báo cáo của các đơn vị`;
  return catalog.set.level === "department"
    ? "Tổng hợp các sở, ban, ngành"
    : `Tổng hợp ${catalog.set.name}`;
}

/** Sheet of a same-set table: its title, cut to Excel's 31 characters. */
export function totalsSheetName(table: TableResult): string {
  return table.title
    .replace(/[[\]:*?/\\]/g, " ")
    .slice(0, 31)
    .trim();
}

/** Where each row of a table is written (1-based row numbers), and the sheet of each form. */
function positions(table: TableResult): {
  sheet: (form: number) => string;
  row: Map<string, number>;
} {
  const row = new Map<string, number>();
  if (table.kind === "target") {
    for (const f of table.forms) {
      table.rows
        .filter((r) => r.form === f.number)
        .forEach((r, i) => row.set(r.key, TARGET_HEADER_ROW + 1 + i));
    }
    return { sheet: targetSheetName, row };
  }
  let r = TOTALS_FIRST_ROW;
  for (const f of table.forms) {
    r += 2; // title and header rows
    for (const x of table.rows.filter((x) => x.form === f.number)) row.set(x.key, r++);
    r += 1;
  }
  const name = totalsSheetName(table);
  return { sheet: () => name, row };
}

/** Cell of a row's value (column D) in the consolidation workbook. */
export function tableCellLocator(
  table: TableResult
): (form: number, code: string) => string | undefined {
  const pos = positions(table);
  return (form, code) => {
    const r = pos.row.get(valueKey(form, code));
    return r === undefined ? undefined : cellAddress(pos.sheet(form), r - 1, 3);
  };
}

/**
 * Every sheet of the consolidation workbook, as plain data (ExcelJS or Office.js write them). With `names`,
 * the value cells of the province's forms carry the templates' defined names (`CCHC_BM3_3_1_1`); the other
 * sheets never do.
 */
export function consolidationSheets(
  result: ConsolidationResult,
  opts: { names?: boolean } = {}
): SheetLayout[] {
  return [
    ...result.target.forms.map((f) =>
      targetSheet(result, result.target, f.number, opts.names ?? false)
    ),
    ...result.totals.map((t) => totalsSheet(result, t)),
    detailSheet(result),
    statusSheet(result),
  ];
}

/** `3 đơn vị được tổng hợp; 2 tệp bị loại; 1 tệp trùng; 1 đơn vị chưa nộp.` (the last part with a list only). */
export function submissionSummary(result: ConsolidationResult): string {
  const droppedFiles = result.duplicates.reduce((n, d) => n + d.dropped.length, 0);
  const missing = result.expected ? `; ${result.missing.length} đơn vị chưa nộp` : "";
  const confirm = result.toConfirm.length
    ? `${result.toConfirm.length} tệp cần xác nhận (chưa tổng hợp); `
    : "";
  const chosen = result.duplicates.filter((d) => d.choice === "fewest-errors").length;
  const choice = chosen ? ` (${chosen} đơn vị cần xác nhận tệp được giữ)` : "";
  return `${confirm}${result.units.length} đơn vị được tổng hợp; ${result.excluded.length} tệp bị loại; ${droppedFiles} tệp trùng${choice}${missing}.`;
}

function unitsSummary(result: ConsolidationResult): string {
  const parts = result.sets.filter((s) => s.units > 0).map((s) => `${s.units} ${s.name}`);
  return `${result.units.length} đơn vị${parts.length ? ` (${parts.join("; ")})` : ""}`;
}

function periodLine(result: ConsolidationResult): string {
  return `Kỳ báo cáo: ${result.periodLabel} (từ ${result.window.from} đến ${result.window.to})`;
}

const LEGEND =
  "Nền xanh lá: tự tính từ báo cáo của đơn vị; nền vàng: nhập tay; nền xanh dương: tự tính khi đã nhập tay đủ các ô cần; nền xám: không tổng hợp.";

function targetSheet(
  result: ConsolidationResult,
  table: TableResult,
  form: number,
  names: boolean
): SheetLayout {
  const f = table.forms.find((x) => x.number === form) as TableResult["forms"][number];
  const pos = positions(table);
  const cells: LayoutCell[] = [
    { address: "A1", value: targetSheetName(form), style: { bold: true, fontSize: 13 } },
    {
      address: "A2",
      value: f.title.toUpperCase(),
      style: { bold: true, fontSize: 12, wrap: true },
    },
    {
      address: "A3",
      value: `${table.title}: ${unitsSummary(result)}`,
      style: { italic: true, wrap: true, numFmt: "@" },
    },
    { address: "A4", value: periodLine(result), style: { italic: true } },
    { address: "A5", value: LEGEND, style: { italic: true, fontSize: 9, wrap: true } },
  ];
  headerCells(cells, TARGET_HEADER_ROW, f.codeHeader);
  const rows = table.rows.filter((r) => r.form === form);
  const valueCells: ValueCellRef[] = [];
  for (const r of rows) {
    const rowNumber = pos.row.get(r.key) as number;
    rowCells(cells, r, rowNumber, table, pos);
    if (names && r.kind !== "header") {
      const address = `D${rowNumber}`;
      valueCells.push({ form, code: r.code, address, name: definedNameOf(form, r.code) });
    }
  }
  return {
    name: targetSheetName(form),
    form,
    columns: TABLE_COLUMNS,
    cells,
    merges: ["A1:G1", "A2:G2", "A3:G3", "A4:G4", "A5:G5"],
    validations: [],
    conditionalFormats: [],
    valueCells,
    headerRow: TARGET_HEADER_ROW,
    lastRow: TARGET_HEADER_ROW + rows.length,
  };
}

function totalsSheet(result: ConsolidationResult, table: TableResult): SheetLayout {
  const pos = positions(table);
  const name = totalsSheetName(table);
  const cells: LayoutCell[] = [
    { address: "A1", value: table.title.toUpperCase(), style: { bold: true, fontSize: 13 } },
    { address: "A2", value: periodLine(result), style: { italic: true } },
    {
      address: "A3",
      value: `Từ ${table.units} đơn vị (xem trang “${DETAIL_SHEET}”).`,
      style: { italic: true },
    },
    { address: "A4", value: LEGEND, style: { italic: true, fontSize: 9, wrap: true } },
  ];
  const merges = ["A1:G1", "A2:G2", "A3:G3", "A4:G4"];
  let r = TOTALS_FIRST_ROW;
  for (const f of table.forms) {
    cells.push({
      address: `A${r}`,
      value: `Biểu mẫu ${f.number}. ${f.title.toUpperCase()}`,
      style: { bold: true, wrap: true },
    });
    merges.push(`A${r}:G${r}`);
    headerCells(cells, r + 1, f.codeHeader);
    r += 2;
    for (const row of table.rows.filter((x) => x.form === f.number)) {
      rowCells(cells, row, r, table, pos);
      r++;
    }
    r++;
  }
  return {
    name,
    form: 0,
    columns: TABLE_COLUMNS,
    cells,
    merges,
    validations: [],
    conditionalFormats: [],
    valueCells: [],
    headerRow: TOTALS_FIRST_ROW + 1,
    lastRow: r - 2,
  };
}

function headerCells(cells: LayoutCell[], r: number, codeHeader: string): void {
  TABLE_HEADERS.forEach((text, i) => {
    cells.push({
      address: `${columnLetter(i)}${r}`,
      value: i === 0 ? codeHeader : text,
      style: HEADER,
    });
  });
}

function numFmtOf(kind: RowKind, value: CellValue): string {
  if (value.kind === "blank") return NUMBER_FORMATS[kind];
  if (value.kind !== "number") return "@";
  if (kind === "count" || kind === "enum")
    return Number.isInteger(value.value) ? "#,##0" : "#,##0.00";
  if (kind === "percent")
    return value.decimals > 0 ? `0.${"0".repeat(Math.min(value.decimals, 4))}` : "0";
  return NUMBER_FORMATS[kind];
}

/** A value as it goes into a cell: numbers stay numbers, everything else is text. */
function cellValue(v: CellValue): string | number | undefined {
  return v.kind === "invalid" ? v.raw : plainValue(v);
}

function rowCells(
  cells: LayoutCell[],
  r: ConsolidatedRow,
  rowNumber: number,
  table: TableResult,
  pos: ReturnType<typeof positions>
): void {
  const at = (col: string) => `${col}${rowNumber}`;
  if (r.kind === "header") {
    const style: CellStyle = { ...BORDERED, bold: true, fill: GREY };
    cells.push({
      address: at("A"),
      value: r.printedCode ?? r.code,
      style: { ...style, hAlign: "center" },
    });
    cells.push({ address: at("B"), value: r.label, style });
    for (const col of ["C", "D", "E", "F", "G"]) cells.push({ address: at(col), style });
    return;
  }
  const countsUnits =
    r.answers !== undefined && r.answers.counted.length > 0 && r.kind !== "percent";
  cells.push({
    address: at("A"),
    value: r.printedCode ?? r.code,
    style: { ...BORDERED, hAlign: "center" },
  });
  cells.push({ address: at("B"), value: r.label, style: BORDERED });
  cells.push({
    address: at("C"),
    value: countsUnits ? "Số đơn vị" : r.unit,
    style: { ...BORDERED, hAlign: "center" },
  });

  const valueStyle: CellStyle = { ...BORDERED, hAlign: r.kind === "text" ? "left" : "right" };
  if (r.status === "computed") {
    const v = cellValue(r.value);
    cells.push({
      address: at("D"),
      value: v,
      style: { ...valueStyle, fill: GREEN, numFmt: numFmtOf(r.kind, r.value) },
    });
  } else if (r.status === "pending") {
    const formula = pendingFormula(r, table, pos);
    cells.push({
      address: at("D"),
      formula,
      style: { ...valueStyle, fill: PENDING, numFmt: NUMBER_FORMATS[r.kind] },
    });
  } else {
    cells.push({
      address: at("D"),
      style: {
        ...valueStyle,
        fill: r.status === "manual" ? YELLOW : GREY,
        numFmt: NUMBER_FORMATS[r.kind],
      },
    });
  }
  const showsReported = (r.status === "computed" || r.status === "pending") && r.of > 0;
  cells.push({
    address: at("E"),
    value: showsReported ? r.reported : undefined,
    style: { ...BORDERED, hAlign: "center", numFmt: "0" },
  });
  cells.push({ address: at("F"), value: howText(r), style: { ...TEXT, fontSize: 10 } });
  const notes = r.notes.map((n) => `${n.unit}: ${n.text}`).join("\n");
  cells.push({ address: at("G"), value: notes || undefined, style: { ...TEXT, fontSize: 10 } });
}

function pendingFormula(
  r: ConsolidatedRow,
  table: TableResult,
  pos: ReturnType<typeof positions>
): string | undefined {
  const f = r.formula;
  if (!f) return undefined;
  const ref = (key: string) => {
    const row = pos.row.get(key);
    if (row === undefined) return undefined;
    const form = Number(key.slice(0, key.indexOf(":")));
    if (form === r.form) return `D${row}`;
    return `'${pos.sheet(form).replace(/'/g, "''")}'!D${row}`;
  };
  const statusOf = new Map(table.rows.map((x) => [x.key, x.status]));
  const typed = (keys: string[]) =>
    keys.filter((k) => statusOf.get(k) === "manual" || statusOf.get(k) === "pending");
  const refs = (keys: string[]) => {
    const out = keys.map(ref);
    return out.every((x): x is string => x !== undefined) ? out : undefined;
  };
  if (f.type === "total") {
    const all = refs(f.parts);
    const wait = refs(typed(f.parts));
    if (!all || !wait || wait.length === 0) return undefined;
    return `IF(COUNT(${wait.join(",")})<${wait.length},"",SUM(${all.join(",")}))`;
  }
  const num = refs(f.numerator);
  const den = refs(f.denominator);
  const wait = refs(typed([...f.numerator, ...f.denominator]));
  if (!num?.length || !den?.length || !wait || wait.length === 0) return undefined;
  const sum = (xs: string[]) => (xs.length === 1 ? xs[0] : `SUM(${xs.join(",")})`);
  const N = sum(num);
  const D = sum(den);
  return `IF(COUNT(${wait.join(",")})<${wait.length},"",IF(${D}=0,"",ROUND(${N}/${D}*${f.scale},${f.decimals})))`;
}

function fmtValue(v: CellValue, kind?: RowKind): string {
  switch (v.kind) {
    case "number":
      return `${formatVietnameseNumber(v.value, v.decimals > 0 ? v.decimals : undefined)}${kind === "percent" ? "%" : ""}`;
    case "pair":
      return `${formatVietnameseNumber(v.a)}/${formatVietnameseNumber(v.b)}`;
    case "text":
      return v.text;
    default:
      return "(trống)";
  }
}

function answersText(a: Answers, of: number): string {
  const groups = a.groups.map(
    (g) => `${g.label} (${g.code}): ${g.units.length} đơn vị — ${g.units.join(", ")}`
  );
  const answered = a.groups.reduce((n, g) => n + g.units.length, 0);
  if (of > answered) groups.push(`Để trống: ${of - answered} đơn vị`);
  return groups.join("; ");
}

function referenceText(ref: ReferenceFigure): string {
  const value = ref.answers || ref.value.kind === "blank" ? "" : ` ${fmtValue(ref.value)} —`;
  const answers = ref.answers && ref.reported > 0 ? ` ${answersText(ref.answers, ref.of)}.` : "";
  return `Tham khảo:${value} ${ref.how} Có số liệu: ${ref.reported}/${ref.of} đơn vị.${answers}`;
}

/** Column F: how the value was obtained, who reported, who answered what. */
export function howText(r: ConsolidatedRow): string {
  const prefix =
    r.status === "computed" ? "Tự tính: " : r.status === "pending" ? "Công thức: " : "";
  const parts = [prefix + r.how];
  if ((r.status === "computed" || r.status === "pending") && r.of > 0) {
    parts.push(`Có số liệu: ${r.reported}/${r.of} đơn vị.`);
    if (r.status === "computed" && r.reported === 0) {
      parts.push("Chưa đơn vị nào ghi số liệu: để trống, không phải 0.");
    }
  }
  if (r.status === "computed" && r.of === 0 && r.value.kind === "blank") {
    parts.push("Chưa có đơn vị nào thuộc loại này được tổng hợp.");
  }
  if (r.remark) parts.push(r.remark);
  if (r.answers && r.reported > 0) parts.push(`${answersText(r.answers, r.of)}.`);
  if (r.reference) parts.push(referenceText(r.reference));
  return parts.join(" ");
}

function dateText(u: UnitEntry): string {
  if (!u.date) return "";
  return `${formatVietnamTime(u.date)} (${u.dateSource === "workbook" ? "ghi trong tệp" : "ngày sửa tệp"})`;
}

function detailSheet(result: ConsolidationResult): SheetLayout {
  const cells: LayoutCell[] = [
    { address: "A1", value: DETAIL_SHEET.toUpperCase(), style: { bold: true, fontSize: 13 } },
    { address: "A2", value: periodLine(result), style: { italic: true } },
    {
      address: "A3",
      value:
        "Số liệu của từng đơn vị, đúng như đọc được từ tệp của đơn vị; cột “Dùng cho biểu tổng hợp” cho biết hàng nào của biểu tổng hợp dùng số liệu này. Ô để trống là đơn vị để trống (không phải số 0); ô nền đỏ là giá trị không đọc được thành số.",
      style: { italic: true, fontSize: 9, wrap: true },
    },
  ];
  const merges = ["A1:H1", "A2:H2", "A3:H3"];
  let r = 5;
  let maxUnits = 0;
  let firstHeader = 0;
  for (const set of result.sets) {
    const units = result.units.filter((u) => u.formSet === set.id);
    const table = result.totals.find((t) => t.formSet === set.id);
    if (units.length === 0 || !table) continue;
    maxUnits = Math.max(maxUnits, units.length);
    cells.push({
      address: `A${r}`,
      value: `${set.name} (${set.id}): ${units.length} đơn vị`,
      style: { bold: true, fontSize: 12 },
    });
    r++;
    if (!firstHeader) firstHeader = r;
    ["Biểu mẫu", "TT", "Chỉ tiêu thống kê", "Dùng cho biểu tổng hợp"].forEach((text, i) =>
      cells.push({ address: `${columnLetter(i)}${r}`, value: text, style: HEADER })
    );
    units.forEach((u, i) =>
      cells.push({
        address: `${columnLetter(4 + i)}${r}`,
        value: u.unit,
        style: { ...HEADER, numFmt: "@" },
      })
    );
    r++;
    const infoRow = (label: string, text: (u: UnitEntry) => string | number) => {
      cells.push({ address: `C${r}`, value: label, style: { ...BORDERED, italic: true } });
      units.forEach((u, i) => {
        const v = text(u);
        cells.push({
          address: `${columnLetter(4 + i)}${r}`,
          value: v,
          style: typeof v === "string" ? { ...TEXT, fontSize: 9 } : { ...BORDERED, fontSize: 9 },
        });
      });
      r++;
    };
    infoRow("Tệp", (u) => u.file);
    infoRow("Ngày của tệp", dateText);
    infoRow("Lỗi, cảnh báo khi kiểm tra", (u) => `${u.errors} lỗi, ${u.warnings} cảnh báo`);
    for (const f of table.forms) {
      cells.push({
        address: `A${r}`,
        value: `Biểu mẫu ${f.number}. ${f.title}`,
        style: { bold: true, fill: GREY },
      });
      r++;
      for (const row of table.rows.filter((x) => x.form === f.number)) {
        const isHeader = row.kind === "header";
        const base: CellStyle = isHeader ? { ...BORDERED, bold: true, fill: GREY } : BORDERED;
        cells.push({
          address: `A${r}`,
          value: `BM${row.form}`,
          style: { ...base, hAlign: "center" },
        });
        cells.push({
          address: `B${r}`,
          value: row.printedCode ?? row.code,
          style: { ...base, hAlign: "center" },
        });
        cells.push({ address: `C${r}`, value: row.label, style: base });
        const used = set.usedBy[row.key];
        cells.push({
          address: `D${r}`,
          value: used ? used.join("; ") : undefined,
          style: { ...base, fontSize: 9 },
        });
        if (!isHeader) {
          units.forEach((u, i) => {
            const left = u.notSummed?.[row.key];
            const v = u.values[row.key] ?? left;
            const address = `${columnLetter(4 + i)}${r}`;
            if (!v || v.kind === "blank") {
              cells.push({ address, style: BORDERED });
              return;
            }
            const value = cellValue(v);
            if (v.kind === "number") {
              const fill = left ? RED : undefined;
              cells.push({
                address,
                value,
                style: { ...BORDERED, numFmt: numFmtOf(row.kind, v), ...(fill ? { fill } : {}) },
              });
            } else {
              const fill = v.kind === "invalid" || left ? RED : undefined;
              cells.push({ address, value, style: { ...TEXT, fill } });
            }
          });
        }
        r++;
      }
    }
    r++;
  }
  if (result.units.length === 0) {
    cells.push({
      address: `A${r}`,
      value: "Không có đơn vị nào được tổng hợp.",
      style: { italic: true },
    });
    r++;
  }
  return {
    name: DETAIL_SHEET,
    form: 0,
    columns: [9, 9, 50, 18, ...Array.from({ length: maxUnits }, () => 16)],
    cells,
    merges,
    validations: [],
    conditionalFormats: [],
    valueCells: [],
    headerRow: firstHeader || 4,
    lastRow: Math.max(r - 1, 3),
  };
}

function statusSheet(result: ConsolidationResult): SheetLayout {
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  let r = 1;
  const line = (text: string, style: CellStyle = {}) => {
    cells.push({ address: `A${r}`, value: text, style: { wrap: true, ...style } });
    merges.push(`A${r}:H${r}`);
    r++;
  };
  const table = (headers: string[], rows: (string | number | undefined)[][]) => {
    headers.forEach((h, i) =>
      cells.push({ address: `${columnLetter(i)}${r}`, value: h, style: HEADER })
    );
    r++;
    for (const row of rows) {
      row.forEach((v, i) =>
        cells.push({
          address: `${columnLetter(i)}${r}`,
          value: v,
          style: typeof v === "number" ? { ...BORDERED, hAlign: "center" } : TEXT,
        })
      );
      r++;
    }
  };
  line(STATUS_SHEET.toUpperCase(), { bold: true, fontSize: 13 });
  line(periodLine(result), { italic: true });
  const expectedText = result.expected
    ? `Danh sách phải nộp: ${result.expected.length} đơn vị; chưa nộp: ${result.missing.length}.`
    : "Không có danh sách đơn vị phải nộp (--expected): không xác định được đơn vị chưa nộp.";
  line(
    `Đã tổng hợp: ${unitsSummary(result)}. Tệp cần xác nhận: ${result.toConfirm.length}. Tệp bị loại: ${result.excluded.length}. Đơn vị gửi nhiều lần: ${result.duplicates.length}. Số liệu không được cộng: ${result.notSummed.length}. ${expectedText}`,
    { numFmt: "@" }
  );
  r++;
  if (result.toConfirm.length > 0) {
    line(`CẦN XÁC NHẬN: ${result.toConfirm.length} tệp chưa được tổng hợp`, {
      bold: true,
      fill: RED,
    });
    const question = { unit: "Đơn vị", period: "Kỳ báo cáo", value: "Giá trị" };
    table(
      ["STT", "Tệp", "Cần xác nhận", "Tệp ghi", "Có thể là", "Lý do"],
      result.toConfirm.map((c, i) => [
        i + 1,
        c.file,
        question[c.question],
        c.detected ?? "",
        c.candidates.join("; "),
        c.reason,
      ])
    );
    r++;
  }

  const dup = new Map(result.duplicates.map((d) => [d.kept, d]));
  line(`1. Đơn vị đã tổng hợp (${result.units.length})`, { bold: true });
  table(
    [
      "STT",
      "Đơn vị",
      "Loại biểu mẫu",
      "Tệp",
      "Ngày của tệp",
      "Chỉ tiêu đã nhập",
      "Số lỗi",
      "Số cảnh báo",
      "Ghi chú",
    ],
    result.units.map((u, i) => {
      const notes: string[] = [];
      if (u.expected === false) notes.push("Không có trong danh sách đơn vị phải nộp.");
      const d = dup.get(u.file);
      if (d) notes.push(`Gửi ${d.dropped.length + 1} tệp; dùng tệp này.`);
      if (u.errors > 0) notes.push("Có lỗi: xem kết quả kiểm tra của tệp.");
      const blank = emptyFormsNote(u.emptyForms);
      if (blank) notes.push(blank);
      return [
        i + 1,
        u.unit,
        u.formSetName,
        u.file,
        dateText(u),
        `${u.filled}/${u.total}`,
        u.errors,
        u.warnings,
        notes.join(" "),
      ];
    })
  );
  r++;
  line(`2. Đơn vị chưa nộp (${result.missing.length})`, { bold: true });
  if (!result.expected) line(expectedText, { italic: true });
  else {
    table(
      ["STT", "Đơn vị", "Ghi chú"],
      result.expected
        .filter((e) => !e.received)
        .map((e, i) => [
          i + 1,
          e.name,
          e.excludedFiles.length
            ? `Có tệp bị loại: ${e.excludedFiles.join(", ")}`
            : "Chưa nhận được tệp.",
        ])
    );
  }
  r++;
  line(`3. Tệp bị loại (${result.excluded.length})`, { bold: true });
  table(
    ["STT", "Tệp", "Đơn vị", "Lý do"],
    result.excluded.map((x, i) => [i + 1, x.file, x.unit ?? "", x.reason])
  );
  r++;
  line(`4. Đơn vị gửi nhiều lần (${result.duplicates.length})`, { bold: true });
  table(
    ["STT", "Đơn vị", "Tệp được dùng", "Tệp bỏ qua", "Lý do"],
    result.duplicates.map((d, i) => [i + 1, d.unit, d.kept, d.dropped.join(", "), d.reason])
  );
  r++;
  line(`5. Số liệu không được cộng (${result.notSummed.length})`, { bold: true });
  if (result.notSummed.length === 0) {
    line("Không có giá trị nào bị bỏ khỏi tổng.", { italic: true });
  } else {
    line(
      "Các giá trị này có lỗi (không đọc được, không hợp với loại chỉ tiêu, hoặc không rõ nghĩa): không được cộng; đơn vị được tính là chưa có số liệu ở dòng đó.",
      { italic: true }
    );
    table(
      ["STT", "Đơn vị", "Tệp", "Ô", "Chỉ tiêu", "Lý do"],
      result.notSummed.map((n, i) => [i + 1, n.unit, n.file, n.cell ?? "", n.key, n.reason])
    );
  }
  if (result.unexpected.length > 0) {
    r++;
    line(`6. Đơn vị không có trong danh sách phải nộp (${result.unexpected.length})`, {
      bold: true,
    });
    table(
      ["STT", "Đơn vị"],
      result.unexpected.map((u, i) => [i + 1, u])
    );
  }
  const tableFindings = [result.target, ...result.totals].flatMap((t) =>
    t.findings.map((f) => ({ t, f }))
  );
  r++;
  line(`Kiểm tra số liệu sau tổng hợp (${tableFindings.length})`, { bold: true });
  if (tableFindings.length === 0)
    line("Các quy tắc của biểu mẫu đều thỏa trên số liệu đã tổng hợp.", { italic: true });
  else {
    const sev = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" };
    table(
      ["STT", "Bảng", "Ô", "Mức", "Nội dung"],
      tableFindings.map(({ t, f }, i) => [i + 1, t.title, f.cell ?? "", sev[f.severity], f.message])
    );
  }
  return {
    name: STATUS_SHEET,
    form: 0,
    columns: [6, 36, 22, 34, 22, 11, 9, 11, 50],
    cells,
    merges,
    validations: [],
    conditionalFormats: [],
    valueCells: [],
    headerRow: 2,
    lastRow: r - 1,
  };
}
