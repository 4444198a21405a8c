import { strFromU8, unzipSync } from "fflate";
import { builtInFormSets, getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { buildLayout } from "../../src/core/workbook/layout";
import { columnIndex } from "../../src/core/workbook/snapshot";
import { writeLayout } from "../../src/core/xlsx/write";

// The written template read back as XML: every value cell without a formula is validated exactly once, and no two
// validation ranges overlap (Excel is stricter than LibreOffice about such files).

function cellsOf(sqref: string): string[] {
  const out: string[] = [];
  for (const part of sqref.trim().split(/\s+/)) {
    const [a, b = a] = part.split(":");
    const p = (s: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(s)!;
      return { col: columnIndex(m[1]), row: Number(m[2]) };
    };
    const from = p(a);
    const to = p(b);
    for (let r = from.row; r <= to.row; r++)
      for (let c = from.col; c <= to.col; c++) out.push(`${c}:${r}`);
  }
  return out;
}

test.each([...builtInFormSets().keys()])(
  "%s: validations written once per range, none overlapping",
  async (id) => {
    const catalog = getFormSet(id);
    const layout = buildLayout(catalog, {
      unit: "Sở Tư pháp",
      period: parsePeriodId(`2024-${catalog.set.periods.includes("Q1") ? "Q1" : "Y"}`)!,
    });
    const files = unzipSync(await writeLayout(layout));
    const workbook = strFromU8(files["xl/workbook.xml"]);
    const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]);
    for (const sheet of layout.sheets) {
      const rid = new RegExp(`<sheet [^>]*name="${sheet.name}"[^>]*r:id="([^"]+)"`).exec(
        workbook
      )![1];
      const target =
        new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
      const xml = strFromU8(files[`xl/${target.replace(/^\/?xl\//, "")}`]);
      const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
      const seen = new Map<string, string>();
      for (const sqref of sqrefs) {
        for (const cell of cellsOf(sqref)) {
          expect(seen.get(cell)).toBeUndefined();
          seen.set(cell, sqref);
        }
      }
      const expected = sheet.valueCells
        .filter((v) => !sheet.cells.find((c) => c.address === v.address)?.formula)
        .map((v) => cellsOf(v.address)[0]);
      for (const cell of expected) expect(seen.has(cell)).toBe(true);
      // Fewer ranges than cells: runs of one kind are one range.
      if (expected.length > 3) expect(sqrefs.length).toBeLessThan(expected.length);
    }
  }
);
