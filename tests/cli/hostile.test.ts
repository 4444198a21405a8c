import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { strFromU8, strToU8, unzipSync } from "fflate";
import { hostileCorpus, writeZip } from "../../bench/hostile-files";
import { runCli } from "../helpers/cli";
import { DEPT, generatedWorkbook } from "../helpers/units";

// The hostile corpus through the command line: each hostile file is reported unreadable with its Vietnamese
// reason and exit 2, the good file of the same run is still reported; inputs are never overwritten.

let dir: string;
const at = (name: string) => path.join(dir, name);
const refused = [
  "million-rows",
  "bomb-450mb",
  "bomb-3gb",
  "bomb-450mb-lying-size",
  "entries-25000",
  "far-cell",
];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cchc-hostile-"));
  const good = await generatedWorkbook(DEPT, "Sở Nội vụ", "2024-Q1", {
    "1:1": 5,
    "3:3.1.1": 100,
    "3:3.1.2": 98,
  });
  await fs.writeFile(at("tot.xlsx"), good);
  const corpus = hostileCorpus(good);
  for (const name of [...refused, "defined-name-whole-sheet"])
    await fs.writeFile(at(`${name}.xlsx`), corpus[name].bytes);
  // A unit name with escapes as a file stores them (`_x001B_`, which ExcelJS decodes).
  const named = unzipSync(await generatedWorkbook(DEPT, "Sở Xây dựng", "2024-Q1", { "1:1": 2 }));
  const entries = Object.entries(named).map(([name, data]) => ({
    name,
    data: name.endsWith(".xml")
      ? strToU8(
          strFromU8(data)
            .split("Sở Xây dựng")
            .join("Sở_x001B_[2J_x001B_]0;bi-doi-ten_x0007_ Xây dựng")
        )
      : data,
  }));
  await fs.writeFile(at("ten-la.xlsx"), writeZip(entries));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("validate: every hostile file exit 2 with its reason; the good ones are still checked", async () => {
  const files = [
    "tot.xlsx",
    ...refused.map((n) => `${n}.xlsx`),
    "defined-name-whole-sheet.xlsx",
  ].map(at);
  const r = await runCli(["validate", ...files, "--json"]);
  expect(r.code).toBe(2);
  const json = JSON.parse(r.out) as { files: { file: string; ok: boolean; error?: string }[] };
  expect(json.files.map((f) => [path.basename(f.file), f.ok])).toEqual([
    ["tot.xlsx", true],
    ...refused.map((n) => [`${n}.xlsx`, false]),
    ["defined-name-whole-sheet.xlsx", true],
  ]);
  for (const f of json.files.filter((x) => !x.ok)) expect(f.error).toMatch(/tệp không được đọc/);
});

test("consolidate: the good file is consolidated, every hostile one excluded with its reason, exit 2", async () => {
  const files = [
    "tot.xlsx",
    "million-rows.xlsx",
    "bomb-3gb.xlsx",
    "defined-name-whole-sheet.xlsx",
  ].map(at);
  const r = await runCli(["consolidate", ...files, "--period", "2024-Q1", "--json"]);
  expect(r.code).toBe(2);
  const json = JSON.parse(r.out);
  // The defined-name file is a copy of the good one (same unit, same date): both are read, one is kept and
  // the other listed as the unit's second file, for the officer to choose.
  const read = [
    ...json.included.map((u: { file: string }) => u.file),
    ...json.duplicates.flatMap((d: { kept: string; dropped: string[] }) => [d.kept, ...d.dropped]),
  ].map((f: string) => path.basename(f));
  expect(read).toEqual(expect.arrayContaining(["tot.xlsx", "defined-name-whole-sheet.xlsx"]));
  const excluded = json.excluded.map((x: { file: string; reason: string }) => [
    path.basename(x.file),
    x.reason,
  ]);
  expect(excluded).toEqual(
    expect.arrayContaining([
      [
        "million-rows.xlsx",
        expect.stringMatching(/^Trang “Biểu mẫu 1” có dữ liệu tới dòng 5\.001/),
      ],
      ["bomb-3gb.xlsx", expect.stringMatching(/giải nén của tệp vượt 100 MB/)],
    ])
  );
  const text = await runCli([
    "consolidate",
    ...files,
    "--period",
    "2024-Q1",
    "--json",
    "-o",
    at("th.xlsx"),
  ]);
  expect(text.code).toBe(2);
});

describe("-o never overwrites an input", () => {
  test.each([[[]], [["--force"]]])("refused with flags %j", async (flags) => {
    const before = await fs.readFile(at("tot.xlsx"));
    for (const output of [
      at("tot.xlsx"),
      path.join(dir, ".", "..", path.basename(dir), "tot.xlsx"),
    ]) {
      const r = await runCli([
        "consolidate",
        at("tot.xlsx"),
        "--period",
        "2024-Q1",
        "-o",
        output,
        ...flags,
      ]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/là một tệp đầu vào .*không ghi đè tệp đầu vào, kể cả khi có --force/);
    }
    expect(await fs.readFile(at("tot.xlsx"))).toEqual(before);
  });

  test("a symbolic link to an input and the units list are refused too", async () => {
    await fs.symlink(at("tot.xlsx"), at("lien-ket.xlsx"));
    await fs.writeFile(at("ds.csv"), "Tên đơn vị\nSở Nội vụ\n");
    for (const output of [at("lien-ket.xlsx"), at("ds.csv")]) {
      const r = await runCli([
        "consolidate",
        at("tot.xlsx"),
        "--period",
        "2024-Q1",
        "--expected",
        at("ds.csv"),
        "-o",
        output,
        "--force",
      ]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/tệp đầu vào/);
    }
    expect((await fs.readFile(at("ds.csv"), "utf8")).startsWith("Tên đơn vị")).toBe(true);
  });
});

test("--json prints its JSON with the write error when -o cannot be written", async () => {
  const blocked = at("khong-phai-thu-muc");
  await fs.writeFile(blocked, "x");
  const r = await runCli([
    "consolidate",
    at("tot.xlsx"),
    "--period",
    "2024-Q1",
    "--json",
    "-o",
    path.join(blocked, "th.xlsx"),
  ]);
  expect(r.code).toBe(2);
  const json = JSON.parse(r.out);
  expect(json.output).toEqual({
    file: path.join(blocked, "th.xlsx"),
    written: false,
    error: expect.stringMatching(
      /^Không ghi được tệp .*: một phần của đường dẫn không phải thư mục\.$/
    ),
  });
  expect(json.included.length).toBe(1);
});

test("a failed write leaves no file and no temporary file behind", async () => {
  const sub = at("chi-doc");
  await fs.mkdir(sub);
  await fs.chmod(sub, 0o500);
  try {
    const r = await runCli([
      "consolidate",
      at("tot.xlsx"),
      "--period",
      "2024-Q1",
      "-o",
      path.join(sub, "th.xlsx"),
    ]);
    if (process.getuid && process.getuid() === 0) return; // root writes anyway
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Không ghi được tệp .*không có quyền truy cập/);
    expect(await fs.readdir(sub)).toEqual([]);
  } finally {
    await fs.chmod(sub, 0o700);
  }
});

test("written output replaces nothing half-way: the file is complete and no temporary file stays", async () => {
  const out = at("tong-hop.xlsx");
  const r = await runCli(["consolidate", at("tot.xlsx"), "--period", "2024-Q1", "-o", out]);
  expect(r.code).toBe(0);
  const again = await runCli([
    "consolidate",
    at("tot.xlsx"),
    "--period",
    "2024-Q1",
    "-o",
    out,
    "--force",
  ]);
  expect(again.code).toBe(0);
  expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  const no = await runCli(["consolidate", at("tot.xlsx"), "--period", "2024-Q1", "-o", out]);
  expect(no.code).toBe(2);
  expect(no.err).toMatch(/đã có; không ghi đè/);
});

test("terminal output carries no escape or control characters from a file; JSON keeps them escaped", async () => {
  const text = await runCli(["consolidate", at("ten-la.xlsx"), "--period", "2024-Q1", "--json"]);
  expect(text.out).toMatch(/\\u001b\[2J/);
  const plain = await runCli(["validate", at("ten-la.xlsx")]);
  // The whole sequences go (clear screen, set title), not only their ESC.
  expect(plain.out).toMatch(/Đơn vị: Sở Xây dựng —/);
  // eslint-disable-next-line no-control-regex
  expect(plain.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  const cons = await runCli([
    "consolidate",
    at("ten-la.xlsx"),
    "--period",
    "2024-Q1",
    "-o",
    at("t2.xlsx"),
  ]);
  // eslint-disable-next-line no-control-regex
  expect(cons.out + cons.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
});

test("a device is not read without end; a file over 30 MB is refused before reading", async () => {
  const r = await runCli(["validate", "/dev/zero", at("tot.xlsx"), "--json"]);
  expect(r.code).toBe(2);
  const json = JSON.parse(r.out);
  expect(json.files[0]).toEqual({
    file: "/dev/zero",
    ok: false,
    error: "Không phải tệp thông thường (thiết bị hoặc ống dẫn).",
  });
  expect(json.files[1].ok).toBe(true);
  const big = at("lon.xlsx");
  await fs.writeFile(big, "");
  await fs.truncate(big, 31 * 1024 * 1024);
  const b = await runCli(["validate", big, "--json"]);
  expect(JSON.parse(b.out).files[0].error).toMatch(/^Tệp quá lớn \(31 MB\)/);
});
