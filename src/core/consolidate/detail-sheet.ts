import { DETAIL_SHEET, STATUS_SHEET } from "../workbook/consolidated";
import { type CellStyle, type LayoutCell, type SheetLayout } from "../workbook/layout";
import { columnLetter } from "../workbook/snapshot";
import { type ConsolidationResult, type UnitEntry } from "./types";
import { BORDERED, cellValue, GREY, HEADER, numFmtOf, RED, TEXT } from "./sheet-style";
import { dateText, periodLine } from "./explain";
import {
  fitSheetName,
  MAX_SHEET_NAME,
  sheetKey,
  targetSheetName,
  totalsSheetName,
} from "./positions";
import { META_SHEET } from "../workbook/metadata";
import { capNote } from "./notes";

/** Renderer of “Chi tiết theo đơn vị”: every unit's values side by side. */

/** The unit sets that have a detail sheet: those with units and a totals table. */
function detailSets(result: ConsolidationResult) {
  return result.sets.filter((s) => s.units > 0 && result.totals.some((t) => t.formSet === s.id));
}

/**
 * Names of the detail sheets by set id: one sheet “Chi tiết theo đơn vị” (key undefined) when at most one set has
 * units; else one per set, named by its set (“Chi tiết — Sở, ban, ngành”, “Chi tiết UBND cấp huyện, cấp xã”), within
 * 31 characters, cut between words, unique without case among all sheets of the workbook.
 */
export function detailSheetNames(result: ConsolidationResult): Map<string | undefined, string> {
  const sets = detailSets(result);
  if (sets.length <= 1) return new Map([[undefined, DETAIL_SHEET]]);
  const taken = [
    ...result.target.forms.map((f) => targetSheetName(f.number)),
    ...result.totals.map(totalsSheetName),
    STATUS_SHEET,
    META_SHEET,
  ];
  const used = new Set(taken.map(sheetKey));
  const out = new Map<string | undefined, string>();
  for (const s of sets) {
    const named = [`Chi tiết — ${s.name}`, `Chi tiết ${s.name}`].find(
      (n) => n.length <= MAX_SHEET_NAME
    );
    // Two sets of the same name are told apart by their ids, never by a number.
    const options = [named ?? fitSheetName(`Chi tiết ${s.name}`), fitSheetName(`Chi tiết ${s.id}`)];
    let name = options.find((n) => !used.has(sheetKey(n)));
    for (let i = 2; !name; i++) {
      const n = `${fitSheetName(`Chi tiết ${s.id}`).slice(0, MAX_SHEET_NAME - 4)} ${i}`;
      if (!used.has(sheetKey(n))) name = n;
    }
    used.add(sheetKey(name));
    out.set(s.id, name);
  }
  return out;
}

/** Where a table's units are detailed: `trang “…”` or `các trang “…”, “…”`. */
export function detailPointer(result: ConsolidationResult, formSet?: string): string {
  const names = detailSheetNames(result);
  const own = formSet !== undefined ? names.get(formSet) : undefined;
  const list = own ? [own] : [...names.values()];
  return `${list.length > 1 ? "các trang" : "trang"} ${list.map((n) => `“${n}”`).join(", ")}`;
}

/**
 * One detail sheet per unit set with units (names from `detailSheetNames`): each has one column header row,
 * repeated on every printed page, naming its own units.
 */
export function detailSheets(result: ConsolidationResult): SheetLayout[] {
  const names = detailSheetNames(result);
  if (names.has(undefined)) return [detailSheet(result, undefined, DETAIL_SHEET)];
  return [...names].map(([set, name]) => detailSheet(result, set, name));
}

function detailSheet(
  result: ConsolidationResult,
  only: string | undefined,
  name: string
): SheetLayout {
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
    if (only && set.id !== only) continue;
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
        if (!isHeader) r = noteRow(cells, r, row.key, units);
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
    name,
    form: 0,
    columns: [9, 9, 50, 18, ...Array.from({ length: maxUnits }, () => 16)],
    landscape: maxUnits > 2,
    cells,
    merges,
    validations: [],
    conditionalFormats: [],
    valueCells: [],
    headerRow: firstHeader || 4,
    lastRow: Math.max(r - 1, 3),
  };
}

/** Under a row some units annotated: “Ghi chú” and each unit's own note in its column (the tables gather them). */
function noteRow(cells: LayoutCell[], r: number, key: string, units: UnitEntry[]): number {
  const notes = units.map((u) => u.notes[key]?.trim());
  if (!notes.some(Boolean)) return r;
  cells.push({ address: `C${r}`, value: "Ghi chú", style: { ...BORDERED, italic: true } });
  notes.forEach((text, i) =>
    cells.push({
      address: `${columnLetter(4 + i)}${r}`,
      value: text ? capNote(text) : undefined,
      style: { ...TEXT, fontSize: 9, italic: true },
    })
  );
  return r + 1;
}
