import { hostileCorpus, type HostileCase } from "../../bench/hostile-files";
import { checkWorkbookBytes, type FileReport } from "../../src/core/report";
import { filledTemplate } from "../helpers/workbooks";

// Every case of the hostile corpus is either refused with its Vietnamese reason or read exactly as the good
// file it was made from; none crashes, none is read partly. Memory and time are in `npm run bench`.

let base: Uint8Array;
let baseReport: FileReport;
let corpus: Record<string, HostileCase>;

beforeAll(async () => {
  base = await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {
    "1:1.1": 12,
    "4:3.1": 25,
    "4:3.2": 20,
  });
  baseReport = await checkWorkbookBytes("tot.xlsx", base);
  corpus = hostileCorpus(base);
});

test("the base file is read", () => {
  expect(baseReport.ok).toBe(true);
  if (baseReport.ok) expect(baseReport.values["4:3.1"]).toBe(25);
});

const cases = [
  "defined-name-whole-sheet",
  "defined-name-five-columns",
  "validation-whole-sheet",
  "merge-whole-sheet",
  "columns-huge-span",
  "pivot-external-controls",
  "near-limits-291000-cells",
  "million-rows",
  "far-cell",
  "wide-columns",
  "unclosed-tags",
  "bomb-450mb",
  "bomb-3gb",
  "bomb-450mb-lying-size",
  "entries-25000",
  "shared-strings-400000",
  "sheet-part-missing",
];

test.each(cases)("%s", async (name) => {
  const c = corpus[name];
  expect(c).toBeDefined();
  const report = await checkWorkbookBytes(`${name}.xlsx`, c.bytes);
  if (c.expect === "refused") {
    expect(report.ok).toBe(false);
    if (!report.ok) {
      expect(report.error).toMatch(c.reason!);
      expect(report.error).toMatch(/tệp không được đọc|hỏng|không có trang tính/);
    }
  } else {
    expect(report.ok).toBe(true);
    if (report.ok && baseReport.ok) {
      expect(report.values).toEqual(baseReport.values);
      expect(report.unit).toBe("Sở Tư pháp");
    }
  }
});

test("the names the sheet problems give are the sheet's own", async () => {
  const report = await checkWorkbookBytes("x.xlsx", corpus["million-rows"].bytes);
  expect(!report.ok && report.error).toMatch(/^Trang “Biểu mẫu 1” có dữ liệu tới dòng 5\.001/);
});
