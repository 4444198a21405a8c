import {
  expectedUnitsOfBytes,
  notesFromSnapshot,
  oversizeInput,
  parseExpectedUnits,
  readUnitInput,
  unitKey,
} from "../../src/core/consolidate";
import { matchRegister, parseRegister, registerOfBytes } from "../../src/core/consolidate/expected";
import type { UnitRegister } from "../../src/core/consolidate/types";
import type { WorkbookSnapshot } from "../../src/core/workbook/snapshot";
import ExcelJS from "exceljs";

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

describe("files as bytes (shared by the CLI and the task pane)", () => {
  it("reads a CSV list from bytes, naming the file when it is not UTF-8 or has no name", () => {
    const utf8 = new TextEncoder().encode("Tên\nSở Nội vụ\n");
    expect(expectedUnitsOfBytes("dv.csv", utf8)).toEqual(["Sở Nội vụ"]);
    const latin1 = Uint8Array.from([0x54, 0xea, 0x6e, 0x0a, 0x53, 0xf4, 0x0a]);
    expect(() => expectedUnitsOfBytes("dv.csv", latin1)).toThrow(
      "Danh sách đơn vị “dv.csv” không phải văn bản UTF-8 hay UTF-16: hãy lưu lại dạng “CSV UTF-8” hoặc dùng tệp .xlsx."
    );
    expect(() => expectedUnitsOfBytes("dv.csv", new TextEncoder().encode("Tên\n"))).toThrow(
      /^Danh sách đơn vị “dv.csv” không có tên đơn vị nào/
    );
  });

  it("refuses a unit file by its size before reading it, and never throws on bad bytes", async () => {
    const date = new Date("2024-03-10T00:00:00Z");
    expect(oversizeInput("a.xlsx", 1024, date)).toBeUndefined();
    expect(oversizeInput("a.xlsx", 40 * 1048576, date)).toEqual({
      file: "a.xlsx",
      fileDate: date,
      report: {
        file: "a.xlsx",
        ok: false,
        error: "Tệp quá lớn (40 MB); biểu mẫu chỉ cần vài chục KB.",
      },
    });
    const bad = await readUnitInput("b.xlsx", new TextEncoder().encode("không phải Excel"), date);
    expect(bad).toEqual({
      file: "b.xlsx",
      fileDate: date,
      report: {
        file: "b.xlsx",
        ok: false,
        error: "Không phải tệp Excel .xlsx (nội dung không phải định dạng bảng tính).",
      },
    });
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

describe("unit register", () => {
  it("keeps a one-column file's whole line as the name, commas and all", () => {
    expect(parseExpectedUnits("Tên đơn vị\nSở Văn hóa, Thể thao và Du lịch\nSở Y tế\n")).toEqual([
      "Sở Văn hóa, Thể thao và Du lịch",
      "Sở Y tế",
    ]);
    expect(parseExpectedUnits("Sở Văn hóa, Thể thao và Du lịch\r\nSở Nội vụ\r\n")).toEqual([
      "Sở Văn hóa, Thể thao và Du lịch",
      "Sở Nội vụ",
    ]);
  });

  it("reads code, type and other names, from UTF-8 with a mark, UTF-16 and .xlsx", async () => {
    const csv =
      "Tên đơn vị;Mã;Loại;Tên khác\r\nSở Khoa học và Công nghệ;SKHCN;so-nganh;Sở KH&CN|So Khoa hoc va Cong nghe\r\nUBND huyện Mai Sơn;MS;huyen;\r\n";
    const expected: UnitRegister = {
      units: [
        {
          name: "Sở Khoa học và Công nghệ",
          code: "SKHCN",
          type: "so-nganh",
          aliases: ["Sở KH&CN", "So Khoa hoc va Cong nghe"],
        },
        { name: "UBND huyện Mai Sơn", code: "MS", type: "huyen", aliases: [] },
      ],
    };
    expect(parseRegister(csv)).toEqual(expected);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(csv, "utf16le"))]);
    expect(await registerOfBytes("dv.csv", utf16)).toEqual(expected);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Danh sách");
    ws.addRow(["Tên đơn vị", "Mã", "Loại", "Tên khác"]);
    ws.addRow([
      "Sở Khoa học và Công nghệ",
      "SKHCN",
      "so-nganh",
      "Sở KH&CN; So Khoa hoc va Cong nghe",
    ]);
    ws.addRow(["UBND huyện Mai Sơn", "MS", "huyen"]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await registerOfBytes("dv.xlsx", xlsx)).toEqual(expected);
  });

  it("matches names by NFC, invisible characters, case; then without diacritics; then other names", () => {
    const reg = parseRegister(
      "Tên;Tên khác\nSở Khoa học và Công nghệ;Sở KH&CN\nUBND huyện Mai Sơn;\nSở Tư pháp;\nSở Tài chính;\n"
    );
    const m = (name: string) => {
      const r = matchRegister(reg, name);
      return [r.unit?.name, r.how];
    };
    expect(m("SỞ\u00a0TƯ\u200b PHÁP".normalize("NFD"))).toEqual(["Sở Tư pháp", "name"]);
    expect(m("So Tu phap")).toEqual(["Sở Tư pháp", "no-diacritics"]);
    expect(m("ỦY BAN NHÂN DÂN HUYỆN MAI SƠN")).toEqual(["UBND huyện Mai Sơn", "no-diacritics"]);
    expect(m("Sở KH&CN")).toEqual(["Sở Khoa học và Công nghệ", "other-name"]);
    expect(m("Sở Tư pháp tỉnh Sơn La")).toEqual(["Sở Tư pháp", "no-diacritics"]);
    expect(m("Sở Tài nguyên và Môi trường")).toEqual([undefined, undefined]);
    const twice = parseRegister("Tên;Tên khác\nSở A;STC\nSở B;STC\n");
    expect(matchRegister(twice, "STC").ambiguous.map((u) => u.name)).toEqual(["Sở A", "Sở B"]);
  });
});
