import * as fs from "fs";
import * as path from "path";
import {
  attentionLines,
  consolidate,
  consolidationJson,
  readUnitInput,
  type ConsolidationInput,
  type ConsolidationResult,
} from "../../src/core/consolidate";
import { registerOfBytes } from "../../src/core/consolidate/expected";
import type { UnitRegister } from "../../src/core/consolidate/types";
import { runCli } from "../helpers/cli";
import { describeWith, OPENPYXL, SOFFICE } from "../helpers/tools";
import { corpusDir, manifest, type CorpusEntry } from "./corpus";

const describeCorpus = describeWith(OPENPYXL, SOFFICE);

jest.setTimeout(300_000);

const DEPT = "so-nganh-2024";
const LOCAL = "dia-phuong-2024";

let dir: string;
let entries: CorpusEntry[];
let inputs: ConsolidationInput[];
let register: UnitRegister;
let result: ConsolidationResult;

const file = (name: string) => path.join(dir, "lo", name);
const entry = (name: string) => entries.find((e) => e.file === name)!;

beforeAll(async () => {
  if (!(OPENPYXL && SOFFICE) && !process.env.CI) return;
  dir = corpusDir();
  entries = manifest(dir);
  inputs = [];
  for (const e of entries) {
    inputs.push(await readUnitInput(e.file, new Uint8Array(fs.readFileSync(file(e.file)))));
  }
  register = await registerOfBytes(
    "register.csv",
    new Uint8Array(fs.readFileSync(path.join(dir, "register.csv")))
  );
  result = consolidate(inputs, { period: "2024-Q1", register });
});

describeCorpus("realistic corpus (openpyxl, re-saved by LibreOffice)", () => {
  it("has at least 30 varied files, every one read", () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(inputs.filter((i) => !i.report.ok).map((i) => i.file)).toEqual([]);
    expect(register.units).toHaveLength(29);
    expect(register.units.find((u) => u.code === "SVHTTDL")).toEqual({
      name: "Sở Văn hóa, Thể thao và Du lịch",
      code: "SVHTTDL",
      type: "so-nganh",
      aliases: ["Sở VHTTDL", "Sở VH, TT và DL"],
    });
  });

  it("accounts for every file exactly once: merged, excluded or to confirm, never dropped silently", () => {
    const merged = result.units.map((u) => u.file);
    const dropped = result.duplicates.flatMap((d) => d.dropped);
    const excluded = result.excluded.map((x) => x.file);
    const confirm = result.toConfirm.map((c) => c.file);
    const all = [...merged, ...dropped, ...excluded, ...confirm].sort();
    expect(all).toEqual(entries.map((e) => e.file).sort());
    expect(dropped).toEqual([]);
  });

  it("merges each unit file as its register unit, with the values typed, exactly", () => {
    const included = entries.filter((e) => !e.outcome);
    expect(result.units.map((u) => u.file).sort()).toEqual(included.map((e) => e.file).sort());
    for (const e of included) {
      const u = result.units.find((x) => x.file === e.file)!;
      expect([e.file, u.unit, u.formSet]).toEqual([e.file, e.unit, e.set]);
      for (const [key, typed] of Object.entries(e.values)) {
        const v = u.values[key];
        if (e.not_summed?.includes(key)) {
          expect([e.file, key, v]).toEqual([e.file, key, undefined]);
          continue;
        }
        expect([e.file, key, v?.kind === "number" ? v.value : v]).toEqual([e.file, key, typed]);
      }
      // Ratio formulas recalculated by LibreOffice: their cached values are read.
      if (e.entry !== "text-vi") {
        const ratio = u.values["1:2"];
        const expected = Math.round((e.values["1:2.2"] / e.values["1:2.1"]) * 10000) / 100;
        expect([e.file, ratio?.kind === "number" ? ratio.value : ratio]).toEqual([
          e.file,
          expected,
        ]);
      }
    }
  });

  it("never takes the seed-003 annex title for a unit: two departments carrying it are two units", () => {
    const a = result.units.find((u) => u.file === "phu-luc-1.xlsx")!;
    const b = result.units.find((u) => u.file === "phu-luc-2.xlsx")!;
    expect([a.unit, a.provenance?.unit]).toEqual(["Sở Xây dựng", "unit-line"]);
    expect([b.unit, b.provenance?.unit]).toEqual(["Sở Khoa học và Công nghệ", "caption"]);
    expect(result.units.some((u) => /các sở/i.test(u.unit))).toBe(false);
    const generic = result.toConfirm.find((c) => c.file === "so-cong-thuong.xlsx")!;
    expect(generic.question).toBe("unit");
    expect(generic.reason).toContain(
      "Tệp chỉ ghi “CÁC SỞ, BAN, NGÀNH”, là tên chung, không phải tên một đơn vị."
    );
  });

  it("says where each unit came from and how its name matched the register", () => {
    const prov = (f: string) => {
      const u = result.units.find((x) => x.file === f)!;
      return [u.provenance?.unit, u.provenance?.match, u.writtenAs];
    };
    expect(prov("bao-cao-q1.xlsx")).toEqual(["header-block", "name", "SỞ Y TẾ"]);
    expect(prov("vhttdl.xlsx")).toEqual(["unit-line", "other-name", "Sở VHTTDL"]);
    expect(prov("tai-chinh.xlsx")).toEqual(["unit-line", "no-diacritics", "So Tai chinh"]);
    expect(prov("noi-vu.xlsx")).toEqual(["unit-line", "name", undefined]);
    expect(prov("mai-son.xlsx")).toEqual([
      "header-block",
      "no-diacritics",
      "ỦY BAN NHÂN DÂN HUYỆN MAI SƠN",
    ]);
    expect(prov("yen-chau.xlsx")).toEqual(["title", "name", "UBND HUYỆN YÊN CHÂU"]);
    expect(prov("ngoai-vu.xlsx")).toEqual(["caption", "name", undefined]);
    expect(prov("bql-kcn.xlsx")).toEqual([
      "unit-line",
      "no-diacritics",
      "Ban Quản lý các khu công nghiệp tỉnh Sơn La",
    ]);
    expect(result.units.find((u) => u.file === "tin-hoc.xlsx")?.provenance?.period).toBe(
      "sheet-name"
    );
  });

  it("lists files whose unit is unknown, generic, unlisted or contradictory to confirm, with candidates", () => {
    const confirm = entries.filter((e) => e.outcome === "confirm-unit");
    for (const e of confirm) {
      const c = result.toConfirm.find((x) => x.file === e.file)!;
      expect([e.file, c.question, c.candidates]).toEqual([e.file, "unit", e.candidates]);
      expect(c.reason).toContain(`--assign "${e.file}=Tên đơn vị"`);
    }
    // A unit listed as missing says which file to confirm may be its own.
    expect(result.expected?.find((e) => e.name === "Sở Công Thương")).toMatchObject({
      received: false,
      toConfirmFiles: ["hai-ten.xlsx", "so-cong-thuong.xlsx"],
    });
    expect(result.toConfirm.find((c) => c.file === "so-ngoai-tinh.xlsx")?.reason).toContain(
      "Tệp ghi đơn vị “Sở Du lịch tỉnh Lai Châu”, không có trong danh sách đơn vị."
    );
  });

  it("excludes Quý II, 9 tháng, 6 tháng cuối năm and Quý III files naming their period", () => {
    for (const e of entries.filter((x) => x.outcome === "excluded")) {
      const x = result.excluded.find((y) => y.file === e.file)!;
      expect([e.file, x.cause]).toEqual([e.file, "period"]);
      expect(x.reason).toContain(e.reason!);
    }
    expect(result.excluded.find((x) => x.file === "thanh-tra-q2.xlsx")?.reason).toBe(
      "Tệp ghi kỳ Quý II năm 2024 (Biểu mẫu 1, dòng 2: “Kỳ báo cáo: Quý II năm 2024”). Quý II không phải kỳ báo cáo CCHC; báo cáo 6 tháng đầu năm gồm cả Quý II (các kỳ báo cáo CCHC là Quý I, 6 tháng đầu năm, Quý III và năm). Không tổng hợp vào kỳ Quý I năm 2024."
    );
  });

  it("asks about a file stating two periods, and assumes the period only for a file stating none", () => {
    const c = result.toConfirm.find((x) => x.file === "ttt-hai-ky.xlsx")!;
    expect([c.question, c.candidates]).toEqual(["period", ["Quý I năm 2024", "Quý II năm 2024"]]);
    const assumed = result.findings
      .filter((f) => f.rule === "consolidate.period-assumed")
      .map((f) => f.file);
    expect(assumed).toEqual(entries.filter((e) => e.assumed).map((e) => e.file));
  });

  it("reads a visible form before a hidden old copy, and says when only a hidden copy exists", () => {
    const u = result.units.find((x) => x.file === "nong-nghiep.xlsx")!;
    expect(u.values["1:1"]).toMatchObject({ value: entry("nong-nghiep.xlsx").values["1:1"] });
    const input = inputs.find((i) => i.file === "nong-nghiep.xlsx")!;
    const notes = input.report.ok ? input.report.findings.map((f) => f.rule) : [];
    expect(notes).toContain("structure.duplicate-form");
  });

  it("gives a text summary of what the officer must look at", () => {
    const lines = attentionLines(result);
    expect(lines[0]).toBe("CẦN XÁC NHẬN — 4 tệp chưa được tổng hợp:");
    expect(lines).toContain(
      "Số liệu không được cộng (có lỗi; đơn vị được tính là chưa có số liệu ở dòng đó): 2"
    );
    expect(lines.find((l) => l.startsWith("  - so-cong-thuong.xlsx:"))).toMatch(
      /--assign "so-cong-thuong\.xlsx=Tên đơn vị"\. Có thể là: Sở Công Thương\.$/
    );
  });

  it("never sums a count typed 2.835 on English Windows, and lists it", () => {
    expect(result.notSummed.map((n) => [n.file, n.unit, n.key, n.cell])).toEqual([
      ["ke-hoach.xlsx", "Sở Kế hoạch và Đầu tư", "3:3.1", "'Biểu mẫu 3'!D17"],
      ["ke-hoach.xlsx", "Sở Kế hoạch và Đầu tư", "3:3.1.1", "'Biểu mẫu 3'!D18"],
    ]);
    expect(result.notSummed[1].reason).toMatch(/^Số lượng phải là số nguyên không âm: 2,835 \(/);
  });

  it("totals every set over the included units' usable values", () => {
    const totals = (set: string, key: string) => {
      const t = result.totals.find((x) => x.formSet === set)!;
      const v = t.rows.find((r) => r.key === key)!.value;
      return v.kind === "number" ? v.value : undefined;
    };
    const sum = (set: string, key: string) =>
      entries
        .filter((e) => !e.outcome && e.set === set && !e.not_summed?.includes(key))
        .reduce((s, e) => s + e.values[key], 0);
    expect(totals(DEPT, "1:1")).toBe(189);
    expect(totals(DEPT, "3:3.1.1")).toBe(20254);
    expect(totals(DEPT, "3:3.1.2")).toBe(21652);
    expect(totals(LOCAL, "1:1")).toBe(sum(LOCAL, "1:1"));
    for (const key of ["1:1", "1:2.1", "1:2.2", "3:3.1.1", "3:3.1.2"]) {
      expect([key, totals(DEPT, key)]).toEqual([key, sum(DEPT, key)]);
    }
    // The ratio counts only units with both parts: the department whose 3.1.1 is unusable is left out.
    const both = entries.filter((e) => !e.outcome && e.set === DEPT && !e.not_summed);
    const num = both.reduce((s, e) => s + e.values["3:3.1.2"], 0);
    const den = both.reduce((s, e) => s + e.values["3:3.1.1"], 0);
    expect(totals(DEPT, "3:3.1")).toBe(Math.round((num / den) * 10000) / 100);
    expect(totals(DEPT, "3:3.1")!).toBeLessThanOrEqual(100);
  });

  it("resolves the officer's answers: --assign merges a file as the unit, --keep picks a unit's file", () => {
    const r = consolidate(inputs, {
      period: "2024-Q1",
      register,
      assignments: { "so-cong-thuong.xlsx": "Sở Công Thương", "hai-ten.xlsx": "Sở Tư pháp" },
      keep: ["thu-muc/hai-ten.xlsx"], // by its base name
    });
    const ct = r.units.find((u) => u.file === "so-cong-thuong.xlsx")!;
    expect([ct.unit, ct.provenance?.unit]).toEqual(["Sở Công Thương", "assigned"]);
    expect(r.duplicates).toEqual([
      expect.objectContaining({
        unit: "Sở Tư pháp",
        kept: "hai-ten.xlsx",
        dropped: ["so-tu-phap.xlsx"],
        choice: "keep",
      }),
    ]);
    expect(r.toConfirm.map((c) => c.file)).toEqual(["so-ngoai-tinh.xlsx", "ttt-hai-ky.xlsx"]);
  });
});

describeCorpus("charts written by another library (openpyxl, not re-saved)", () => {
  // LibreOffice drops the chart sheet and rewrites the embedded chart, so the files as openpyxl wrote them
  // are the real test of the guarded reader's tolerance of charts and drawings.
  it("reads a workbook with a chart sheet and one with an embedded chart", async () => {
    for (const name of ["quynh-nhai.xlsx", "song-ma.xlsx"]) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, "raw", name)));
      const input = await readUnitInput(name, bytes);
      expect([name, input.report.ok && input.report.unit]).toEqual([name, entry(name).unit]);
    }
  });
});

describeCorpus("the CLI on corpus files", () => {
  it("excludes Quý II and 9 tháng naming the period, and reads a period given only in sheet names", async () => {
    const r = await runCli([
      "consolidate",
      file("thanh-tra-q2.xlsx"),
      file("vp-9-thang.xlsx"),
      file("tin-hoc.xlsx"),
      "--period",
      "2024-Q1",
      "--json",
    ]);
    const json = JSON.parse(r.out) as ReturnType<typeof consolidationJson> & {
      included: { file: string; unit: string }[];
      excluded: { file: string; reason: string; cause: string }[];
    };
    expect(json.included.map((u) => u.unit)).toEqual(["Sở Thông tin và Truyền thông"]);
    const reason = (f: string) => json.excluded.find((x) => x.file.endsWith(f))?.reason;
    expect(reason("thanh-tra-q2.xlsx")).toContain("Quý II không phải kỳ báo cáo CCHC");
    expect(reason("vp-9-thang.xlsx")).toContain(
      "Tệp ghi kỳ 9 tháng năm 2024 (Biểu mẫu 1, dòng 2: “Kỳ báo cáo: 9 tháng năm 2024”). 9 tháng không phải kỳ báo cáo CCHC"
    );
  });
});
