import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import {
  parseAssignmentLines,
  parseAssignOption,
  assignmentsOf,
  decodeText,
} from "../../src/cli/assignments";
import { exitCode } from "../../src/cli/consolidate";
import { terminalText, vietnameseCsvMessage } from "../../src/cli/io";
import { confirmLines, summaryText } from "../../src/cli/summary";
import { consolidate } from "../../src/core/consolidate";
import { runCli } from "../helpers/cli";
import { DEPT, generatedWorkbook } from "../helpers/units";

describe("assignments", () => {
  test("lines `tệp;đơn vị`, tab or `=`; commas stay in the unit name; header, blanks and # skipped", () => {
    const text =
      "tệp;đơn vị\n# ghi chú\n\na.xlsx;Sở Văn hóa, Thể thao và Du lịch\nb.xlsx\tSở Y tế\n c.xlsx = UBND xã Chiềng Sinh \n";
    expect(parseAssignmentLines("pc.csv", text)).toEqual([
      ["a.xlsx", "Sở Văn hóa, Thể thao và Du lịch"],
      ["b.xlsx", "Sở Y tế"],
      ["c.xlsx", "UBND xã Chiềng Sinh"],
    ]);
  });

  test("a line without separator names the file and the line", () => {
    expect(() => parseAssignmentLines("pc.csv", "a.xlsx;Sở Y tế\na.xlsx Sở Y tế\n")).toThrow(
      "Tệp phân công pc.csv, dòng 2: không thấy dấu “;”"
    );
  });

  test("UTF-16 with BOM and UTF-8 with BOM decode; other bytes do not", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[..."a;b"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeText(utf16)).toBe("a;b");
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
    expect(decodeText(new Uint8Array([0xc3, 0x28]))).toBeUndefined();
  });

  test("--assign FILE=UNIT, keyed by the unit file as given", () => {
    expect(parseAssignOption("x.xlsx=Sở A=B")).toEqual(["x.xlsx", "Sở A=B"]);
    expect(() => parseAssignOption("x.xlsx")).toThrow("--assign “x.xlsx” không đúng dạng");
    const inputs = ["don-vi/a.xlsx", "b.xlsx"];
    expect(assignmentsOf([["./don-vi/a.xlsx", "Sở Y tế"]], inputs)).toEqual({
      "don-vi/a.xlsx": "Sở Y tế",
    });
    expect(() => assignmentsOf([["c.xlsx", "Sở Y tế"]], inputs)).toThrow(
      "--assign: tệp “c.xlsx” không có trong các tệp được tổng hợp."
    );
    expect(() =>
      assignmentsOf(
        [
          ["b.xlsx", "Sở Y tế"],
          ["b.xlsx", "Sở Nội vụ"],
        ],
        inputs
      )
    ).toThrow("được gán cho hai đơn vị");
  });
});

describe("files to confirm and choices made", () => {
  const result = consolidate([], { period: "2024-Q1" });

  test("printed before the included units, with candidates and the --assign to use; exit 3", () => {
    const r = {
      ...result,
      toConfirm: [
        {
          file: "so.xlsx",
          question: "unit" as const,
          reason: "Tệp chỉ ghi “các sở, ban, ngành”.",
          cause: "Tệp chỉ ghi “các sở, ban, ngành”.",
          candidates: ["Sở Tư pháp", "Sở Xây dựng"],
          detected: "CÁC SỞ, BAN, NGÀNH",
        },
      ],
    };
    expect(confirmLines(r)).toEqual([
      "CẦN XÁC NHẬN — 1 tệp chưa được tổng hợp:",
      "  - so.xlsx: chưa rõ đơn vị — Tệp chỉ ghi “các sở, ban, ngành”. Có thể là: Sở Tư pháp; Sở Xây dựng.",
      "      tệp ghi: CÁC SỞ, BAN, NGÀNH",
      '      để tổng hợp là Sở Tư pháp: --assign "so.xlsx=Sở Tư pháp"',
    ]);
    expect(summaryText(r, undefined).split("\n")[1]).toBe(
      "CẦN XÁC NHẬN — 1 tệp chưa được tổng hợp:"
    );
    expect(exitCode(r)).toBe(3);
    expect(exitCode(result)).toBe(0);
  });

  test("a duplicate kept for fewest errors says so loudly with the --keep to override", () => {
    const r = {
      ...result,
      duplicates: [
        {
          unit: "Sở Y tế",
          kept: "b.xlsx",
          dropped: ["a.xlsx"],
          reason: "cùng ngày",
          choice: "fewest-errors" as const,
          candidates: [
            { file: "a.xlsx", errors: 2 },
            { file: "b.xlsx", errors: 0 },
          ],
        },
      ],
    } as unknown as typeof result;
    const lines = summaryText(r, undefined).split("\n");
    expect(lines.slice(1, 4)).toEqual([
      "CẦN XÁC NHẬN — 1 đơn vị gửi nhiều tệp không phân biệt được bằng ngày:",
      "  - Sở Y tế: ĐÃ TỰ CHỌN b.xlsx (ít lỗi nhất); bỏ a.xlsx.",
      '      nếu cần tệp khác: --keep "a.xlsx"',
    ]);
    // Said once: the later list of duplicates gives the reason only.
    expect(lines.filter((l) => l.includes("--keep"))).toHaveLength(1);
    expect(lines).toContain("  - Sở Y tế: cùng ngày");
  });
});

describe("messages", () => {
  test("csv-parse errors of the units list in Vietnamese with the line", () => {
    expect(
      vietnameseCsvMessage(
        "Không đọc được danh sách đơn vị “ds.csv”: Quote Not Closed: the parsing is finished with an opening quote at line 3"
      )
    ).toBe(
      "Không đọc được danh sách đơn vị “ds.csv”: có dấu ngoặc kép mở mà không đóng ở dòng 3 (hãy mở bằng Excel và lưu lại dạng CSV)."
    );
  });

  test("terminal text keeps letters and line breaks, drops escapes, controls and bidi overrides", () => {
    expect(terminalText("Sở\u001b[31m Y\u001b]0;x\u0007 tế\u202e\u0008\n")).toBe("Sở Y tế\n");
  });

  test("a file's line breaks cannot forge lines of the report", () => {
    const r = consolidate([], { period: "2024-Q1" });
    const forged = {
      ...r,
      excluded: [{ file: "a.xlsx\nĐã nhận đủ 50 đơn vị", reason: "x", cause: "period" }],
    } as unknown as typeof r;
    expect(summaryText(forged, undefined)).toContain("  - a.xlsx Đã nhận đủ 50 đơn vị: x\n");
  });

  test("the CLI passes --assign and --keep through and refuses unknown files", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cchc-assign-"));
    const a = path.join(dir, "a.xlsx");
    await fs.writeFile(a, await generatedWorkbook(DEPT, "Sở Y tế", "2024-Q1", { "1:1": 1 }));
    const ok = await runCli([
      "consolidate",
      a,
      "--period",
      "2024-Q1",
      "--json",
      "--assign",
      `${a}=Sở Y tế`,
      "--keep",
      a,
    ]);
    expect(ok.code).toBe(0);
    const bad = await runCli([
      "consolidate",
      a,
      "--period",
      "2024-Q1",
      "--json",
      "--keep",
      path.join(dir, "z.xlsx"),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--keep: tệp “.*z\.xlsx” không có trong các tệp được tổng hợp/);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

test("usage errors in Vietnamese", async () => {
  const missing = await runCli(["consolidate", "a.xlsx"]);
  expect(missing.code).toBe(2);
  expect(missing.err).toBe("Lỗi: thiếu tùy chọn bắt buộc --period <kỳ>. Xem --help.\n");
  expect((await runCli(["xyz"])).err).toBe(
    "Lỗi: không có lệnh “xyz”. Các lệnh: validate, template, consolidate. Xem --help.\n"
  );
  expect((await runCli(["validate"])).err).toBe("Lỗi: thiếu tệp. Xem --help.\n");
});
