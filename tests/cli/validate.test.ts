import { execFileSync } from "child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import seeds from "../fixtures/seed-values.json";
import { runCli } from "../helpers/cli";
import { filledTemplate, handmadeWorkbook } from "../helpers/workbooks";

const run = runCli;

let dir: string;
const p = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cchc-cli-"));
  const fixtures = path.join(__dirname, "..", "fixtures", "bad");
  writeFileSync(p("van-ban.xlsx"), "Đây là một tệp văn bản, không phải bảng tính.\n");
  const good = await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", {
    "4:3.1": 25,
    "4:3.2": 20,
  });
  writeFileSync(p("tot.xlsx"), good);
  writeFileSync(p("bi-cat.xlsx"), good.slice(0, Math.floor(good.length / 2)));
  copyFileSync(path.join(fixtures, "bao-cao-cu.xls"), p("doi-ten-tu-xls.xlsx"));
  copyFileSync(path.join(fixtures, "bang-tinh.ods"), p("doi-ten-tu-ods.xlsx"));
  copyFileSync(path.join(fixtures, "mat-khau.xlsx"), p("mat-khau.xlsx"));
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet("Sheet1");
  writeFileSync(p("rong.xlsx"), new Uint8Array(await empty.xlsx.writeBuffer()));
  const foreign = new ExcelJS.Workbook();
  const ws = foreign.addWorksheet("Lương");
  ws.addRows([
    ["STT", "Họ và tên", "Lương"],
    [1, "Nguyễn Văn A", 5000000],
  ]);
  writeFileSync(p("la.xlsx"), new Uint8Array(await foreign.xlsx.writeBuffer()));
  writeFileSync(
    p("loi.xlsx"),
    await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", { "4:3.1": 25, "4:3.2": 33 })
  );
  writeFileSync(p("tay.xlsx"), await handmadeWorkbook("so-nganh-2024", seeds.department));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cchc validate: bad input", () => {
  it.each([
    ["van-ban.xlsx", /không phải tệp Excel/i],
    ["bi-cat.xlsx", /bị hỏng hoặc không đầy đủ/],
    ["doi-ten-tu-xls.xlsx", /Excel 97–2003 \(\.xls\)/],
    ["doi-ten-tu-ods.xlsx", /OpenDocument \(\.ods\)/],
    ["mat-khau.xlsx", /bảo vệ bằng mật khẩu/],
    ["rong.xlsx", /Không tìm thấy bảng biểu mẫu/],
    ["la.xlsx", /Không tìm thấy bảng biểu mẫu/],
    ["khong-co.xlsx", /Không tìm thấy tệp/],
  ])("%s: exit 2 with a Vietnamese reason naming the file", async (name, reason) => {
    const r = await run(["validate", p(name)]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${p(name)}: KHÔNG ĐỌC ĐƯỢC`);
    expect(r.out).toMatch(reason);
    expect(r.out + r.err).not.toMatch(/\n\s+at /); // no stack trace
    const j = await run(["validate", "--json", p(name)]);
    const parsed = JSON.parse(j.out);
    expect(parsed.files[0]).toEqual({
      file: p(name),
      ok: false,
      error: expect.stringMatching(reason),
    });
  });

  it("reads every other file when one is unreadable", async () => {
    const r = await run([
      "validate",
      "--json",
      p("van-ban.xlsx"),
      p("tot.xlsx"),
      p("mat-khau.xlsx"),
    ]);
    expect(r.code).toBe(2);
    const files = JSON.parse(r.out).files;
    expect(files.map((f: { ok: boolean }) => f.ok)).toEqual([false, true, false]);
    expect(files[1].values["4:3.1"]).toBe(25);
  });
});

describe("cchc validate: reports", () => {
  it("exits 0 for a clean file and prints where set, unit and period came from", async () => {
    const r = await run(["validate", p("tot.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Bộ biểu mẫu: Sở, ban, ngành (so-nganh-2024) — theo thông tin trong tệp"
    );
    expect(r.out).toContain("Đơn vị: Sở Tư pháp");
    expect(r.out).toContain("Kỳ báo cáo: Quý I năm 2024");
    expect(r.out).toContain("0 lỗi");
    // What was entered, and whether it is ready to send: blank forms are not "0 lỗi, send it".
    expect(r.out).toMatch(/Số liệu: Đã nhập \d+\/\d+ chỉ tiêu/);
    expect(r.out).toMatch(/Chưa nên gửi: Biểu mẫu [\d, ]+ chưa có số liệu nào/);
  });

  it("exits 1 when a file has an error finding, naming sheet and cell", async () => {
    const r = await run(["validate", p("loi.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/LỖI \['Biểu mẫu 4'!D\d+\] BM4 dòng 3\.2: .*33\D.*25/);
  });

  it("prints the documented JSON shape", async () => {
    const r = await run(["validate", "--json", p("loi.xlsx")]);
    const f = JSON.parse(r.out).files[0];
    expect(f).toMatchObject({
      file: p("loi.xlsx"),
      ok: true,
      formSet: "so-nganh-2024",
      unit: "Sở Tư pháp",
      period: "2024-Q1",
    });
    expect(f.values).toEqual({ "4:3.1": 25, "4:3.2": 33 });
    expect(f.completeness).toMatchObject({ filled: 2, forms: expect.any(Array) });
    expect(f.completeness.forms[3]).toMatchObject({ form: 4, filled: 2 });
    expect(f.findings).toContainEqual(
      expect.objectContaining({
        severity: "error",
        form: 4,
        row: "3.2",
        rule: expect.any(String),
        message: expect.stringContaining("33"),
        cell: expect.stringMatching(/^'Biểu mẫu 4'!D\d+$/),
        // structured fields next to the message
        type: "compare",
        op: "<=",
        operands: [
          expect.objectContaining({ role: "left", code: "3.2", value: 33, printed: "33" }),
          expect.objectContaining({ role: "right", code: "3.1", value: 25, printed: "25" }),
        ],
        difference: 8,
        detail: expect.any(String),
      })
    );
  });

  it("takes unit and period from options when the workbook does not say", async () => {
    const r = await run([
      "validate",
      "--json",
      "--unit",
      "Sở KH&CN",
      "--period",
      "2024-Y",
      p("tay.xlsx"),
    ]);
    const f = JSON.parse(r.out).files[0];
    expect(f.formSet).toBe("so-nganh-2024");
    expect(f.how).toEqual({ formSet: "content", unit: "option", period: "option" });
    expect(f.unit).toBe("Sở KH&CN");
    expect(f.period).toBe("2024-Y");
  });

  it("rejects a malformed period", async () => {
    const r = await run(["validate", "--period", "quy1", p("tot.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Kỳ báo cáo “quy1” không hợp lệ/);
  });
});

describe("cchc validate --previous", () => {
  const values = { "5:3": 5, "5:3.1": 2, "5:3.2": 3, "6:6": 1, "4:3.1": 25, "4:3.2": 20 };
  beforeAll(async () => {
    writeFileSync(
      p("ky-truoc.xlsx"),
      await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", values)
    );
    writeFileSync(
      p("ky-nay.xlsx"),
      await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-H1", {
        ...values,
        "5:3": 4,
        "5:3.1": 1,
      })
    );
    writeFileSync(
      p("ky-nay-loi.xlsx"),
      await filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-H1", { ...values, "4:3.2": 33 })
    );
  });

  it("warns about a lũy kế row that fell, with both periods; warnings keep exit 0", async () => {
    const r = await run(["validate", "--previous", p("ky-truoc.xlsx"), p("ky-nay.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `So với báo cáo kỳ trước: ${p("ky-truoc.xlsx")} (Sở Tư pháp, Quý I năm 2024)`
    );
    expect(r.out).toMatch(
      /CẢNH BÁO \['Biểu mẫu 5'!D\d+\] BM5 dòng 3\.1: .*: 1 \(6 tháng đầu năm 2024\) < 2 \(Quý I năm 2024\)\.? \(bm5\.prev\.3\.1\)/
    );
    expect(r.out).toMatch(
      /BM5 dòng 3: .*: 4 \(6 tháng đầu năm 2024\) < 5 \(Quý I năm 2024\)\.? \(bm5\.prev\.3\)/
    );
    expect(r.out).toContain("0 lỗi, 2 cảnh báo");
    const plain = await run(["validate", p("ky-nay.xlsx")]);
    expect(plain.out).not.toContain("bm5.prev");
  });

  it("compares every file with the one previous report; only errors give exit 1", async () => {
    const r = await run([
      "validate",
      "--json",
      "--previous",
      p("ky-truoc.xlsx"),
      p("ky-nay.xlsx"),
      p("ky-nay-loi.xlsx"),
      p("tot.xlsx"),
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.previous).toEqual({
      file: p("ky-truoc.xlsx"),
      ok: true,
      formSet: "so-nganh-2024",
      unit: "Sở Tư pháp",
      period: "2024-Q1",
    });
    const [now, withError, samePeriod] = out.files;
    expect(now.findings).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        form: 5,
        row: "3.1",
        rule: "bm5.prev.3.1",
        message: expect.stringContaining("1 (6 tháng đầu năm 2024) < 2 (Quý I năm 2024)"),
        cell: expect.stringMatching(/^'Biểu mẫu 5'!D\d+$/),
      })
    );
    expect(now.counts).toEqual({ errors: 0, warnings: 2, infos: 0 });
    expect(withError.counts.errors).toBe(1);
    expect(withError.findings.some((f: { rule: string }) => f.rule.includes("prev"))).toBe(false);
    // tot.xlsx is itself a Quý I report: the comparison is refused, with the reason
    expect(samePeriod.findings).toContainEqual(
      expect.objectContaining({
        severity: "info",
        rule: "previous.not-comparable",
        message: expect.stringContaining("không trước kỳ của báo cáo này (Quý I năm 2024)"),
      })
    );
  });

  it.each([
    ["van-ban.xlsx", /không phải tệp Excel/i],
    ["khong-co-ky-truoc.xlsx", /Không tìm thấy tệp/],
  ])(
    "an unreadable previous report (%s) gives exit 2, naming it; the files are still checked",
    async (name, reason) => {
      const r = await run(["validate", "--previous", p(name), p("ky-nay.xlsx")]);
      expect(r.code).toBe(2);
      expect(r.out).toContain(`Báo cáo kỳ trước ${p(name)}: KHÔNG ĐỌC ĐƯỢC — `);
      expect(r.out).toMatch(reason);
      expect(r.out).toContain("Kỳ báo cáo: 6 tháng đầu năm 2024");
      expect(r.out).not.toContain("So với báo cáo kỳ trước");
      const j = JSON.parse(
        (await run(["validate", "--json", "--previous", p(name), p("ky-nay.xlsx")])).out
      );
      expect(j.previous).toEqual({
        file: p(name),
        ok: false,
        error: expect.stringMatching(reason),
      });
      expect(j.files[0]).toMatchObject({ ok: true, counts: { errors: 0, warnings: 0 } });
    }
  );
});

describe("cchc template", () => {
  it("creates a template and never overwrites an existing file without --force", async () => {
    const out = p("mau.xlsx");
    const first = await run([
      "template",
      "--set",
      "tinh-2024",
      "--unit",
      "UBND tỉnh Sơn La",
      "--period",
      "2024-Q1",
      "-o",
      out,
    ]);
    expect(first.code).toBe(0);
    const before = readFileSync(out);
    const second = await run([
      "template",
      "--set",
      "tinh-2024",
      "--unit",
      "Khác",
      "--period",
      "2024-Q1",
      "-o",
      out,
    ]);
    expect(second.code).toBe(2);
    expect(second.err).toMatch(/đã có; không ghi đè/);
    expect(readFileSync(out).equals(before)).toBe(true);
    const forced = await run([
      "template",
      "--set",
      "tinh-2024",
      "--unit",
      "Khác",
      "--period",
      "2024-Q1",
      "-o",
      out,
      "--force",
    ]);
    expect(forced.code).toBe(0);
  });

  it("rejects an unknown form set with the list of known ones", async () => {
    const r = await run([
      "template",
      "--set",
      "xyz",
      "--unit",
      "A",
      "--period",
      "2024-Q1",
      "-o",
      p("x.xlsx"),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Không có bộ biểu mẫu "xyz"/);
    expect(existsSync(p("x.xlsx"))).toBe(false);
  });
});

describe("the installed cchc command", () => {
  const bin = path.join(__dirname, "..", "..", "bin", "cchc.js");
  const built = existsSync(path.join(__dirname, "..", "..", "lib", "cli", "main.js"));
  (built || process.env.CI ? it : it.skip)(
    "runs from bin/cchc.js with the documented exit codes",
    () => {
      let code = 0;
      try {
        execFileSync(process.execPath, [bin, "validate", p("loi.xlsx")], { stdio: "pipe" });
      } catch (e) {
        code = (e as { status: number }).status;
      }
      expect(code).toBe(1);
    }
  );
});
