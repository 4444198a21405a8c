import { notesFromSnapshot, parseExpectedUnits, unitKey } from "../../src/core/consolidate";
import type { WorkbookSnapshot } from "../../src/core/workbook/snapshot";

describe("expected-unit list (CSV)", () => {
  it("skips the header and a byte-order mark, keeps the first column", () => {
    const csv = "\uFEFFĐơn vị,Người liên hệ\nSở Nội vụ,Chị Lan\nSở Tài chính,\n";
    expect(parseExpectedUnits(csv)).toEqual(["Sở Nội vụ", "Sở Tài chính"]);
  });

  it("reads quoted names with commas, semicolon or tab files, CRLF and blank lines", () => {
    expect(
      parseExpectedUnits('Tên\r\n"Sở Văn hóa, Thể thao và Du lịch"\r\n\r\nSở Y tế\r\n')
    ).toEqual(["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]);
    expect(parseExpectedUnits("Tên;Mã\nSở Văn hóa, Thể thao và Du lịch;01\n")).toEqual([
      "Sở Văn hóa, Thể thao và Du lịch",
    ]);
    expect(parseExpectedUnits("Tên\tMã\nUBND huyện Mai Sơn\t02\n")).toEqual(["UBND huyện Mai Sơn"]);
  });

  it("drops repeated names, comparing case, spacing and Unicode normalisation", () => {
    const nfd = "UBND huyện Thuận Châu".normalize("NFD");
    const names = parseExpectedUnits(
      `Tên\nUBND huyện Thuận Châu\n${nfd}\n  ubnd  HUYỆN thuận châu \n`
    );
    expect(names).toEqual(["UBND huyện Thuận Châu"]);
    expect(unitKey(nfd)).toBe(unitKey("UBND  HUYỆN Thuận Châu"));
    expect(unitKey(nfd)).not.toBe(unitKey("UBND huyện Thuan Chau"));
  });

  it("returns nothing for a header-only file", () => {
    expect(parseExpectedUnits("Tên đơn vị\n")).toEqual([]);
  });
});

describe("Ghi chú from a snapshot", () => {
  it("reads the note column of each value row, under one- or two-row headers", () => {
    const snapshot: WorkbookSnapshot = {
      sheets: [
        {
          name: "BM1",
          rows: [
            [{ value: "Biểu mẫu 1" }],
            [
              { value: "TT" },
              { value: "Chỉ tiêu thống kê" },
              { value: "Kết quả thống kê" },
              null,
              { value: "Ghi chú" },
            ],
            [null, null, { value: "Đơn vị tính" }, { value: "Số liệu" }],
            [
              { value: "1" },
              { value: "Số văn bản" },
              { value: "Văn bản" },
              { value: 3 },
              { value: "Gồm 1 chỉ thị" },
            ],
            [{ value: "2" }, { value: "Tỷ lệ" }, { value: "%" }, { value: 50 }],
          ],
        },
      ],
    };
    const notes = notesFromSnapshot(snapshot, { addresses: { "1:1": "BM1!D4", "1:2": "BM1!D5" } });
    expect(notes).toEqual({ "1:1": "Gồm 1 chỉ thị" });
  });
});
