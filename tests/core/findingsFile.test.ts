import { checkWorkbookBytes } from "../../src/core/report";
import type { Finding } from "../../src/core/rules/types";
import { loadWorkbook } from "../../src/core/xlsx/read";
import { writeFindingsFile } from "../../src/core/xlsx/findingsFile";

const FINDINGS: Finding[] = [
  {
    severity: "error",
    form: 3,
    row: "1.4",
    rule: "sum",
    message: "Tổng 1.4 = 2.853 nhưng 1.4.1 + 1.4.2 + 1.4.3 = 2.835",
    cell: "BM3!D8",
  },
  { severity: "warning", form: 7, row: "6.4", rule: "ratio", message: "Tỷ lệ 91,84% …" },
];

describe("the findings as an .xlsx of their own", () => {
  it("holds one sheet “Kết quả kiểm tra”: title, counts, then one row per finding", async () => {
    const bytes = await writeFindingsFile(
      FINDINGS,
      "Kết quả kiểm tra — Sở Tư pháp",
      new Date(2024, 2, 20, 9, 5)
    );
    const wb = await loadWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Kết quả kiểm tra"]);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").value).toBe("Kết quả kiểm tra — Sở Tư pháp");
    expect(ws.getCell("A2").value).toBe(
      "Lập lúc 20/03/2024 09:05: 1 lỗi, 1 cảnh báo, 0 thông tin."
    );
    const row = (r: number) => [1, 2, 3, 4, 5].map((c) => ws.getCell(r, c).value);
    expect(row(4)).toEqual(["Mức độ", "Biểu mẫu", "Dòng", "Ô", "Nội dung"]);
    expect(row(5)).toEqual(["Lỗi", 3, "1.4", "BM3!D8", FINDINGS[0].message]);
    expect(row(6)).toEqual(["Cảnh báo", 7, "6.4", "", FINDINGS[1].message]);
  });

  it("is never read as a unit's report (no CCHC metadata, no forms)", async () => {
    const report = await checkWorkbookBytes(
      "ket-qua.xlsx",
      await writeFindingsFile(FINDINGS, "Kết quả kiểm tra")
    );
    expect(report.ok).toBe(false);
  });
});
