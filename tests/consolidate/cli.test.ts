import { getFormSet } from "../../src/core/forms/catalog";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../helpers/cli";
import { DEPT, LOCAL, generatedWorkbook } from "../helpers/units";
import { handmadeWorkbook } from "../helpers/workbooks";

describe("cchc consolidate", () => {
  let dir: string;
  let good: string[];
  let csv: string;
  const at = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "cchc-consolidate-"));
    const files: [string, Uint8Array][] = [
      [
        "so-noi-vu.xlsx",
        await generatedWorkbook(DEPT, "Sở Nội vụ", "2024-Q1", {
          "1:1": 5,
          "3:3.1.1": 100,
          "3:3.1.2": 98,
        }),
      ],
      [
        "so-xay-dung.xlsx",
        await generatedWorkbook(DEPT, "Sở Xây dựng", "2024-Q1", {
          "1:1": 2,
          "3:3.1.1": 50,
          "3:3.1.2": 50,
        }),
      ],
      [
        "moc-chau.xlsx",
        await generatedWorkbook(LOCAL, "UBND huyện Mộc Châu", "2024-Q1", {
          "1:1": 7,
          "1:6": 1,
          "1:6.1": 20,
          "1:6.2": 1,
        }),
      ],
      [
        "loi.xlsx",
        await generatedWorkbook(DEPT, "Sở Công Thương", "2024-Q1", {
          "3:3.1.1": 10,
          "3:3.1.2": 11,
        }),
      ],
    ];
    for (const [name, bytes] of files) await fs.writeFile(at(name), bytes);
    await fs.writeFile(at("hong.xlsx"), "đây không phải tệp Excel");
    good = ["so-noi-vu.xlsx", "so-xay-dung.xlsx", "moc-chau.xlsx"].map(at);
    csv = at("don-vi.csv");
    await fs.writeFile(
      csv,
      '\uFEFFTên đơn vị;Ghi chú\nsở nội vụ;\n"Sở  Xây dựng";x\nUBND huyện Mộc Châu\nUBND huyện Vân Hồ\n'
    );
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("prints the JSON shape, writes the workbook and exits 0 when no unit has errors", async () => {
    const out = at("tong-hop.xlsx");
    const r = await runCli([
      "consolidate",
      ...good,
      "--period",
      "2024-Q1",
      "--expected",
      csv,
      "-o",
      out,
      "--json",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.period).toBe("2024-Q1");
    expect(json.included.map((u: { unit: string; errors: number }) => [u.unit, u.errors])).toEqual([
      ["sở nội vụ", 0], // the register's spelling
      ["Sở Xây dựng", 0],
      ["UBND huyện Mộc Châu", 0],
    ]);
    expect(json.included[0]).toMatchObject({
      file: good[0],
      formSet: DEPT,
      warnings: expect.any(Number),
      filled: expect.any(Number),
      total: [...getFormSet(DEPT).valueRows()].length,
      emptyForms: expect.any(Array),
    });
    expect(json.included[0].filled).toBeGreaterThan(0);
    expect(json.excluded).toEqual([]);
    expect(json.duplicates).toEqual([]);
    expect(json.missing).toEqual(["UBND huyện Vân Hồ"]);
    expect(json.values["1:1"]).toBe(14);
    expect(json.values["3:3.1.1"]).toBe(150);
    expect(json.values["3:3.1"]).toBe(98.67);
    expect(json.values["1:6"]).toBe(1);
    expect(json.reported["1:1"]).toBe(3);
    expect(json.manual).toEqual(expect.arrayContaining(["1:2.1", "6:1.1"]));
    expect(Array.isArray(json.findings)).toBe(true);
    expect(JSON.stringify(json)).not.toMatch(/"(created|generated|timestamp)"/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(out)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Biểu mẫu 1")?.getCell("D7").value).toBe(14);
    expect(wb.getWorksheet("Tình hình nộp báo cáo")).toBeDefined();

    const again = await runCli([
      "consolidate",
      ...good,
      "--period",
      "2024-Q1",
      "--expected",
      csv,
      "-o",
      out,
      "--json",
    ]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("đã có; không ghi đè");
    expect(again.out).toBe("");
  });

  it("exits 1 when an included unit has errors, and --strict leaves it out", async () => {
    const loose = await runCli([
      "consolidate",
      ...good,
      at("loi.xlsx"),
      "--period",
      "2024-Q1",
      "--json",
    ]);
    expect(loose.code).toBe(1);
    const json = JSON.parse(loose.out);
    const bad = json.included.find((u: { unit: string }) => u.unit === "Sở Công Thương");
    expect(bad.errors).toBeGreaterThan(0);
    expect(json.values["3:3.1.2"]).toBe(159);

    const strict = await runCli([
      "consolidate",
      ...good,
      at("loi.xlsx"),
      "--period",
      "2024-Q1",
      "--json",
      "--strict",
    ]);
    expect(strict.code).toBe(1);
    const s = JSON.parse(strict.out);
    expect(s.included).toHaveLength(3);
    expect(s.excluded).toEqual([
      {
        file: at("loi.xlsx"),
        reason: expect.stringContaining("chỉ tổng hợp các tệp không có lỗi"),
        cause: "strict",
        unit: "Sở Công Thương",
        formSet: DEPT,
      },
    ]);
    expect(s.values["3:3.1.2"]).toBe(148);
  });

  it("exits 2 when a file cannot be read, still writing the others with --force", async () => {
    const out = at("tong-hop-2.xlsx");
    await fs.writeFile(out, "cũ");
    const r = await runCli([
      "consolidate",
      ...good,
      at("hong.xlsx"),
      at("khong-co.xlsx"),
      "--period",
      "2024-Q1",
      "-o",
      out,
      "--force",
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("Tổng hợp Quý I năm 2024: 3 đơn vị");
    expect(r.out).toContain(`${at("hong.xlsx")}: Không phải tệp Excel .xlsx`);
    expect(r.out).toContain(`${at("khong-co.xlsx")}: Không tìm thấy tệp.`);
    expect(r.out).toContain(`Đã ghi ${out}.`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(out)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Biểu mẫu 1")?.getCell("D7").value).toBe(14);
  });

  it("rejects usage errors with exit code 2 and documents the exit codes", async () => {
    expect((await runCli(["consolidate", ...good, "--json"])).code).toBe(2);
    const badPeriod = await runCli(["consolidate", ...good, "--period", "2024-Q2", "--json"]);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.err).toContain("Kỳ báo cáo “2024-Q2” không hợp lệ");
    const noOutput = await runCli(["consolidate", ...good, "--period", "2024-Q1"]);
    expect(noOutput.code).toBe(2);
    expect(noOutput.err).toContain("-o");
    const help = await runCli(["consolidate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Mã thoát");
    expect(help.out).toContain("--expected");
  });
});

// Issue 7's acceptance checks through the command, on hand-made files in the official layout.
describe("cchc consolidate: identity, periods and what needs the officer", () => {
  const ANNEX = "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CỦA CÁC SỞ, BAN, NGÀNH";
  const Q1 = "Kỳ báo cáo: Quý I năm 2024";
  const FILES: [string, string[], Record<string, number>, ((f: number) => string)?][] = [
    ["chung.xlsx", [ANNEX, Q1], { "1:1": 1 }],
    ["xay-dung.xlsx", [ANNEX, "Đơn vị báo cáo: Sở Xây dựng", Q1], { "1:1": 2 }],
    [
      "khcn.xlsx",
      [ANNEX, "(Kèm theo Báo cáo số 12/BC ngày 10/3/2024 của Sở Khoa học và Công nghệ)", Q1],
      { "1:1": 3 },
    ],
    [
      "tu-phap-q2.xlsx",
      ["Đơn vị báo cáo: Sở Tư pháp", "Kỳ báo cáo: Quý II năm 2024"],
      { "1:1": 4 },
    ],
    [
      "y-te-9-thang.xlsx",
      ["Đơn vị báo cáo: Sở Y tế", "Kỳ báo cáo: 9 tháng năm 2024"],
      { "1:1": 5 },
    ],
    ["tai-chinh.xlsx", ["Đơn vị báo cáo: Sở Tài chính"], { "1:1": 6 }, (f) => `BM${f} Q1-2024`],
    [
      "noi-vu.xlsx",
      ["Đơn vị báo cáo: Sở Nội vụ", Q1],
      { "1:1": 7, "3:3.1.1": 2.835, "3:3.1.2": 2 },
    ],
  ];
  let dir: string;
  let args: string[];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "cchc-attention-"));
    for (const [name, titleLines, values, sheetName] of FILES) {
      await fs.writeFile(
        path.join(dir, name),
        await handmadeWorkbook(DEPT, values, { titleLines, sheetName })
      );
    }
    args = ["consolidate", "--period", "2024-Q1", ...FILES.map((f) => path.join(dir, f[0]))];
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("prints each thing to confirm once, before the included units; exit 3", async () => {
    const run = await runCli([...args, "-o", path.join(dir, "tong-hop.xlsx")]);
    expect(run.code).toBe(3);
    const lines = run.out.split(`${dir}${path.sep}`).join("").split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "Tổng hợp Quý I năm 2024: 4 đơn vị (4 Sở, ban, ngành).",
      "CẦN XÁC NHẬN — 1 tệp chưa được tổng hợp:",
      '  - chung.xlsx: chưa rõ đơn vị — Tệp không ghi tên đơn vị (dòng “Đơn vị báo cáo: …”, tên cơ quan ở đầu trang, hay chú thích “Kèm theo Báo cáo … của …”). Tệp chỉ ghi “CÁC SỞ, BAN, NGÀNH”, là tên chung, không phải tên một đơn vị. Tên tệp gợi ý “chung”: cần xác nhận. Chọn đơn vị cho tệp trong ngăn Tổng hợp, hoặc chạy lại lệnh với --assign "chung.xlsx=Tên đơn vị". Có thể là: chung.',
      "      tệp ghi: CÁC SỞ, BAN, NGÀNH",
      '      để tổng hợp là chung: --assign "chung.xlsx=chung"',
      "Số liệu không được cộng (có lỗi; đơn vị được tính là chưa có số liệu ở dòng đó): 1",
      "  - noi-vu.xlsx (Sở Nội vụ), Biểu mẫu 3, dòng 3.1.1, ô BM3!D19: Số lượng phải là số nguyên không âm: 2,835 (nếu là hai nghìn tám trăm ba mươi lăm, hãy gõ 2835; Excel tiếng Việt: 2.835, tiếng Anh: 2,835)",
    ]);
    expect(lines).toContain(
      "  - tu-phap-q2.xlsx: Tệp ghi kỳ Quý II năm 2024 (BM1, dòng 4: “Kỳ báo cáo: Quý II năm 2024”). Quý II không phải kỳ báo cáo CCHC; báo cáo 6 tháng đầu năm gồm cả Quý II (các kỳ báo cáo CCHC là Quý I, 6 tháng đầu năm, Quý III và năm). Không tổng hợp vào kỳ Quý I năm 2024."
    );
    expect(lines).toContain(
      "  - y-te-9-thang.xlsx: Tệp ghi kỳ 9 tháng năm 2024 (BM1, dòng 4: “Kỳ báo cáo: 9 tháng năm 2024”). 9 tháng không phải kỳ báo cáo CCHC; báo cáo Quý III chỉ gồm số liệu từ 15/6 đến 14/9 (các kỳ báo cáo CCHC là Quý I, 6 tháng đầu năm, Quý III và năm). Không tổng hợp vào kỳ Quý I năm 2024."
    );
    // Said once: the file to confirm and the value not summed appear on one line each.
    expect(lines.filter((l) => l.includes("chung.xlsx:"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("BM3!D19"))).toHaveLength(1);
  });

  it("carries units with provenance, toConfirm and notSummed in JSON", async () => {
    const run = await runCli([...args, "--json"]);
    expect(run.code).toBe(3);
    const json = JSON.parse(run.out.split(`${dir}${path.sep}`).join(""));
    const units = json.included.map(
      (u: { file: string; unit: string; provenance: { unit: string; period: string } }) => [
        u.file,
        u.unit,
        u.provenance.unit,
        u.provenance.period,
      ]
    );
    expect(units).toEqual([
      ["khcn.xlsx", "Sở Khoa học và Công nghệ", "caption", "title"],
      ["noi-vu.xlsx", "Sở Nội vụ", "unit-line", "title"],
      ["tai-chinh.xlsx", "Sở Tài chính", "unit-line", "sheet-name"],
      ["xay-dung.xlsx", "Sở Xây dựng", "unit-line", "title"],
    ]);
    expect(json.included.some((u: { unit: string }) => /các sở/i.test(u.unit))).toBe(false);
    expect(
      json.toConfirm.map((c: { file: string; question: string; detected: string }) => [
        c.file,
        c.question,
        c.detected,
      ])
    ).toEqual([["chung.xlsx", "unit", "CÁC SỞ, BAN, NGÀNH"]]);
    expect(json.notSummed).toEqual([
      {
        file: "noi-vu.xlsx",
        unit: "Sở Nội vụ",
        formSet: DEPT,
        key: "3:3.1.1",
        cell: "BM3!D19",
        reason:
          "Số lượng phải là số nguyên không âm: 2,835 (nếu là hai nghìn tám trăm ba mươi lăm, hãy gõ 2835; Excel tiếng Việt: 2.835, tiếng Anh: 2,835)",
      },
    ]);
    expect(json.excluded.map((x: { file: string; cause: string }) => [x.file, x.cause])).toEqual([
      ["tu-phap-q2.xlsx", "period"],
      ["y-te-9-thang.xlsx", "period"],
    ]);
    expect(json.values["1:1"]).toBe(2 + 3 + 6 + 7);
  });
});
