import {
  type CellStyle,
  definedNameOf,
  type LayoutCell,
  type LayoutValidation,
  NUMBER_FORMATS,
  type SheetLayout,
  type ValueCellRef,
  validationOf,
} from "../workbook/layout";
import { builtInFormSets } from "../forms/catalog";
import { type ConsolidatedRow, type ConsolidationResult, type TableResult } from "./types";
import {
  BORDERED,
  cellValue,
  GREEN,
  GREY,
  headerCells,
  numFmtOf,
  PENDING,
  TABLE_COLUMNS,
  fitLines,
  TEXT,
  YELLOW,
} from "./sheet-style";
import {
  positions,
  TARGET_HEADER_ROW,
  targetSheetName,
  TOTALS_FIRST_ROW,
  totalsSheetName,
} from "./positions";
import { howText, LEGEND, periodLine, unitsSummary } from "./explain";
import { detailPointer } from "./detail-sheet";
import { joinNotes } from "./notes";

/** Renderers of the consolidated tables: the province's Biểu mẫu 1–7 and one totals sheet per unit set. */

export function targetSheet(
  result: ConsolidationResult,
  table: TableResult,
  form: number,
  names: boolean
): SheetLayout {
  const f = table.forms.find((x) => x.number === form) as TableResult["forms"][number];
  const pos = positions(table);
  const detail = detailPointer(result, table.formSet);
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
  const validations: LayoutValidation[] = [];
  for (const r of rows) {
    const rowNumber = pos.row.get(r.key) as number;
    rowCells(cells, r, rowNumber, table, pos, detail);
    manualValidation(validations, table, r, rowNumber);
    if (names && r.kind !== "header") {
      const address = `D${rowNumber}`;
      valueCells.push({ form, code: r.code, address, name: definedNameOf(form, r.code) });
    }
  }
  return {
    name: targetSheetName(form),
    form,
    columns: TABLE_COLUMNS,
    // The “Cách tính” and notes columns make the table wider than a portrait A4 page.
    landscape: true,
    cells,
    merges: ["A1:G1", "A2:G2", "A3:G3", "A4:G4", "A5:G5"],
    validations,
    conditionalFormats: [],
    valueCells,
    headerRow: TARGET_HEADER_ROW,
    lastRow: TARGET_HEADER_ROW + rows.length,
  };
}

export function totalsSheet(result: ConsolidationResult, table: TableResult): SheetLayout {
  const pos = positions(table);
  const detail = detailPointer(result, table.formSet);
  const name = totalsSheetName(table);
  const cells: LayoutCell[] = [
    { address: "A1", value: table.title.toUpperCase(), style: { bold: true, fontSize: 13 } },
    { address: "A2", value: periodLine(result), style: { italic: true } },
    {
      address: "A3",
      value: `Từ ${table.units} đơn vị (xem ${detail}).`,
      style: { italic: true },
    },
    { address: "A4", value: LEGEND, style: { italic: true, fontSize: 9, wrap: true } },
  ];
  const merges = ["A1:G1", "A2:G2", "A3:G3", "A4:G4"];
  const validations: LayoutValidation[] = [];
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
      rowCells(cells, row, r, table, pos, detail);
      manualValidation(validations, table, row, r);
      r++;
    }
    r++;
  }
  return {
    name,
    form: 0,
    columns: TABLE_COLUMNS,
    // The “Cách tính” and notes columns make the table wider than a portrait A4 page.
    landscape: true,
    cells,
    merges,
    validations,
    conditionalFormats: [],
    valueCells: [],
    headerRow: TOTALS_FIRST_ROW + 1,
    lastRow: r - 2,
  };
}

export function rowCells(
  cells: LayoutCell[],
  r: ConsolidatedRow,
  rowNumber: number,
  table: TableResult,
  pos: ReturnType<typeof positions>,
  detail: string
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
    const v =
      r.value.kind === "text"
        ? fitLines(
            r.value.text.split("\n"),
            (left) =>
              `… và ${left} dòng khác không hiện hết (một ô Excel chứa tối đa 32.767 ký tự): xem ${detail}, mỗi đơn vị một ô.`
          )
        : cellValue(r.value);
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
  const notes = joinNotes(r.notes, detail);
  cells.push({ address: at("G"), value: notes || undefined, style: { ...TEXT, fontSize: 10 } });
}

export function pendingFormula(
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

/** A cell left for Sở Nội vụ to type (“nhập tay”) takes the template's data validation for its row. */
function manualValidation(
  out: LayoutValidation[],
  table: TableResult,
  r: ConsolidatedRow,
  rowNumber: number
): void {
  if (r.status !== "manual" || r.kind === "header") return;
  const def = builtInFormSets().get(table.formSet)?.row(r.form, r.code);
  if (def) out.push(validationOf(def, `D${rowNumber}`));
}
