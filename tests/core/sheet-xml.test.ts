import { cleanSheet, measureSheet, rangeArea } from "../../src/core/xlsx/sheet";

// The guard's sheet XML step on its own: what it measures and what it rewrites.

const wrap = (rows: string) =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

test("number cells whose text is not a decimal number become text cells; others are untouched", () => {
  const xml = wrap(
    '<row r="1"><c r="A1" s="1"/><c r="B1"><v>0x10</v></c><c r="C1" t="n"><v>1e400</v></c><c r="D1"><v>12.5</v></c>' +
      '<c r="E1" t="s"><v>3</v></c><c r="F1"><f>A1/B1</f><v>1,5</v></c><c r="G1"><v>-1.5E-3</v></c></row>'
  );
  const out = cleanSheet(xml).xml;
  expect(out).toContain('<c r="A1" s="1"/>');
  expect(out).toContain('<c r="B1" t="str"><v>0x10</v></c>');
  expect(out).toContain('<c r="C1" t="str"><v>1e400</v></c>');
  expect(out).toContain('<c r="D1"><v>12.5</v></c>');
  expect(out).toContain('<c r="E1" t="s"><v>3</v></c>');
  expect(out).toContain('<c r="F1" t="str"><f>A1/B1</f><v>1,5</v></c>');
  expect(out).toContain('<c r="G1"><v>-1.5E-3</v></c>');
});

test("validations, column spans and drawings go; merges too large for a form go, others stay", () => {
  const xml = wrap('<row r="1"><c r="A1"><v>1</v></c></row>')
    .replace("<sheetData>", '<cols><col min="1" max="16384"/></cols><sheetData>')
    .replace(
      "</worksheet>",
      '<mergeCells count="2"><mergeCell ref="A1:E1"/><mergeCell ref="A2:XFD1048576"/></mergeCells>' +
        '<dataValidations count="1"><dataValidation sqref="A1:A1048576"><formula1>0</formula1></dataValidation></dataValidations>' +
        '<drawing r:id="rId1"/><legacyDrawing r:id="rId2"/></worksheet>'
    );
  const { xml: out, mergedCells } = cleanSheet(xml);
  expect(out).not.toMatch(/<cols|dataValidation|drawing|legacyDrawing|A2:XFD/);
  expect(out).toContain('<mergeCell ref="A1:E1"/>');
  expect(mergedCells).toBe(5);
});

test("the extent is measured on the bytes and stops at the first limit passed", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  expect(
    measureSheet(enc(wrap('<row r="7" spans="1:3"><c r="C7"><v>1</v></c></row>')), "S", 1e6)
  ).toEqual({
    extent: { cells: 1, lastRow: 7, lastColumn: 3 },
  });
  expect(
    measureSheet(enc(wrap('<x:row r="6000"><x:c r="A6000"/></x:row>')), "S", 1e6).problem
  ).toMatch(/^Trang “S” có dữ liệu tới dòng 6\.000/);
  expect(measureSheet(enc(wrap('<row r="1"><c r="IW1"/></row>')), "S", 1e6).problem).toMatch(
    /tới cột IW, quá giới hạn 256 cột/
  );
  // Rows without r count on from the last one.
  expect(measureSheet(enc(wrap("<row><c/></row><row><c/></row>")), "S", 1e6).extent).toEqual({
    cells: 2,
    lastRow: 2,
    lastColumn: 0,
  });
  expect(
    measureSheet(enc(wrap('<row r="1"><c r="A1"/><c r="B1"/><c r="C1"/></row>')), "S", 2).problem
  ).toMatch(/cả sổ làm việc có hơn 2 ô/);
});

test("range areas", () => {
  expect(rangeArea("A1:E3")).toBe(15);
  expect(rangeArea("$B$2")).toBe(1);
  expect(rangeArea("A1:XFD1048576")).toBe(16384 * 1048576);
  expect(rangeArea("nonsense")).toBe(0);
});
