import ExcelJS from "exceljs";
import { workbookBytes } from "../../src/cli/consolidate";
import {
  consolidate,
  consolidationJson,
  readUnitInput,
  type ConsolidationInput,
  type ConsolidationResult,
} from "../../src/core/consolidate";
import { DEPT, LOCAL, generatedWorkbook, handmadeUnitWorkbook } from "../helpers/units";
import type { TypedValue } from "../helpers/workbooks";

const PERIOD = "2024-Q1";
const Q1_TEXT = "Quý I năm 2024";

const tuPhap: Record<string, TypedValue> = {
  "1:1": 4,
  "1:6": 1,
  "1:6.1": 150,
  "1:6.2": 1,
  "3:3.1.1": 200,
  "3:3.1.2": 190,
  "4:2.1": 40,
  "4:2.2": 38,
};
const yTe: Record<string, TypedValue> = {
  "1:1": 3,
  "1:6": 0,
  "1:6.1": 0,
  "3:3.1": "99,97%",
  "3:3.1.1": "9.709",
  "3:3.1.2": 9706,
  "4:2.1": 50,
  "1:5.3": "=1+1",
};
const maiSon: Record<string, TypedValue> = {
  "1:1": 10,
  "1:6": 1,
  "1:6.1": 300,
  "1:6.2": 2,
  "3:2.1.1": 4622,
  "3:2.1.2": 4575,
  "3:2.2.1": 28977,
  "3:2.2.2": 28860,
  "4:2.1": 100,
  "7:3.1.1": 1,
  "7:3.1.2.1": 20,
  "7:3.1.2.2": 18,
};
const yenChau: Record<string, TypedValue> = {
  "1:1": 6,
  "1:6": 0,
  "3:2.1.1": 1000,
  "3:2.1.2": 1000,
  "4:2.1": 80,
  "7:3.1.1": 0,
  "7:3.1.2.1": 15,
  "7:3.1.2.2": 15,
};

interface Cells {
  [sheet: string]: Record<string, unknown>;
}

/** Every non-empty cell of a workbook: values, and formulas as `{ formula }`. */
async function cellsOf(bytes: Uint8Array): Promise<Cells> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Cells = {};
  wb.eachSheet((ws) => {
    const cells: Record<string, unknown> = {};
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        cells[cell.address] =
          v && typeof v === "object" && "formula" in (v as object)
            ? { formula: (v as { formula: string }).formula }
            : v;
      })
    );
    out[ws.name] = cells;
  });
  return out;
}

describe("consolidation of real unit workbooks", () => {
  let files: [string, Uint8Array][];
  let inputs: ConsolidationInput[];
  let result: ConsolidationResult;
  const values = () => consolidationJson(result).values as Record<string, number | string>;

  beforeAll(async () => {
    const tuPhapNew = await generatedWorkbook(DEPT, "Sở Tư pháp", PERIOD, tuPhap, {
      modified: new Date("2024-03-12T03:00:00Z"),
      notes: { "1:1": "=SUM(A1:A3)", "3:3.1.1": "Gồm 12 hồ sơ liên thông" },
    });
    files = [
      ["so-tu-phap.xlsx", tuPhapNew],
      [
        "so-tu-phap-ban-cu.xlsx",
        await generatedWorkbook(
          DEPT,
          "Sở Tư pháp",
          PERIOD,
          { ...tuPhap, "1:1": 99 },
          {
            modified: new Date("2024-03-01T03:00:00Z"),
          }
        ),
      ],
      [
        "so-y-te.xlsx",
        await handmadeUnitWorkbook(DEPT, "Sở Y tế", Q1_TEXT, yTe, {
          notes: { "1:1": "Chỉ thị 01" },
        }),
      ],
      ["mai-son.xlsx", await generatedWorkbook(LOCAL, "UBND huyện Mai Sơn", PERIOD, maiSon)],
      ["yen-chau.xlsx", await handmadeUnitWorkbook(LOCAL, "UBND huyện Yên Châu", Q1_TEXT, yenChau)],
      [
        "so-tai-chinh-q3.xlsx",
        await generatedWorkbook(DEPT, "Sở Tài chính", "2024-Q3", { "1:1": 50 }),
      ],
      ["hong.xlsx", tuPhapNew.slice(0, Math.floor(tuPhapNew.length / 2))],
    ];
    inputs = await Promise.all(files.map(([name, bytes]) => readUnitInput(name, bytes)));
    result = consolidate(inputs, {
      period: PERIOD,
      expected: [
        "Sở Tư pháp",
        "Sở Y tế",
        "Sở Tài chính",
        "UBND huyện Mai Sơn",
        "UBND huyện Yên Châu",
      ],
    });
  });

  it("recognises generated and hand-made workbooks of both unit sets", () => {
    const seen = inputs.map((i) =>
      i.report.ok ? [i.file, i.report.formSet, i.report.unit, i.report.period] : [i.file]
    );
    expect(seen).toEqual([
      ["so-tu-phap.xlsx", DEPT, "Sở Tư pháp", PERIOD],
      ["so-tu-phap-ban-cu.xlsx", DEPT, "Sở Tư pháp", PERIOD],
      ["so-y-te.xlsx", DEPT, "Sở Y tế", PERIOD],
      ["mai-son.xlsx", LOCAL, "UBND huyện Mai Sơn", PERIOD],
      ["yen-chau.xlsx", LOCAL, "UBND huyện Yên Châu", PERIOD],
      ["so-tai-chinh-q3.xlsx", DEPT, "Sở Tài chính", "2024-Q3"],
      ["hong.xlsx"],
    ]);
    const handmadeLocal = inputs[4].report;
    expect(handmadeLocal.ok && handmadeLocal.how.formSet).toBe("content");
  });

  it("sums known numbers, recomputes ratios and counts answers across both sets", () => {
    const v = values();
    expect(v["1:1"]).toBe(4 + 3 + 10 + 6);
    expect(v["1:6.1"]).toBe(450);
    expect(v["1:6"]).toBe(2);
    expect(result.target.rows.find((r) => r.key === "1:6")?.answers?.units).toEqual([
      "Sở Tư pháp",
      "UBND huyện Mai Sơn",
    ]);
    expect(v["3:3.1.1"]).toBe(9909);
    expect(v["3:3.1.2"]).toBe(9896);
    expect(v["3:3.1"]).toBe(99.87);
    expect(v["3:3.2.1"]).toBe(5622);
    expect(v["3:3.2"]).toBe(99.16);
    expect(v["3:3.3"]).toBe(99.6);
    expect(v["4:2.1"]).toBe(270);
    expect(v["7:5.1.2"]).toBe(50);
    expect(v["7:5.1.3"]).toBe(94.29);
  });

  it("reports the duplicate, the other period and the corrupt file, and consolidates the rest", () => {
    expect(result.units.map((u) => u.file)).toEqual([
      "so-tu-phap.xlsx",
      "so-y-te.xlsx",
      "mai-son.xlsx",
      "yen-chau.xlsx",
    ]);
    expect(result.duplicates).toEqual([
      {
        unit: "Sở Tư pháp",
        kept: "so-tu-phap.xlsx",
        dropped: ["so-tu-phap-ban-cu.xlsx"],
        reason:
          "Đơn vị gửi 2 tệp; giữ tệp mới nhất so-tu-phap.xlsx (ngày lưu ghi trong tệp 12/03/2024 10:00), bỏ so-tu-phap-ban-cu.xlsx (ngày lưu ghi trong tệp 01/03/2024 10:00).",
        // A choice by date needs no action: the cause is the whole reason.
        cause:
          "Đơn vị gửi 2 tệp; giữ tệp mới nhất so-tu-phap.xlsx (ngày lưu ghi trong tệp 12/03/2024 10:00), bỏ so-tu-phap-ban-cu.xlsx (ngày lưu ghi trong tệp 01/03/2024 10:00).",
        choice: "date",
        candidates: [
          { file: "so-tu-phap-ban-cu.xlsx", date: "2024-03-01T03:00:00.000Z", errors: 0 },
          { file: "so-tu-phap.xlsx", date: "2024-03-12T03:00:00.000Z", errors: 0 },
        ],
      },
    ]);
    expect(result.excluded.map((x) => [x.file, x.cause])).toEqual([
      ["hong.xlsx", "unreadable"],
      ["so-tai-chinh-q3.xlsx", "period"],
    ]);
    expect(result.excluded[0].reason).toContain("bị hỏng");
    expect(result.missing).toEqual(["Sở Tài chính"]);
    expect(result.expected?.find((e) => e.name === "Sở Tài chính")?.excludedFiles).toEqual([
      "so-tai-chinh-q3.xlsx",
    ]);
  });

  it("gathers the units' Ghi chú with their names", () => {
    expect(result.target.rows.find((r) => r.key === "1:1")?.notes).toEqual([
      { unit: "Sở Tư pháp", text: "=SUM(A1:A3)" },
      { unit: "Sở Y tế", text: "Chỉ thị 01" },
    ]);
    expect(result.target.rows.find((r) => r.key === "3:3.1.1")?.notes).toEqual([
      { unit: "Sở Tư pháp", text: "Gồm 12 hồ sơ liên thông" },
    ]);
  });

  it("consolidates hand-made workbooks like generated ones", async () => {
    const generated = await Promise.all([
      generatedWorkbook(DEPT, "Sở Y tế", PERIOD, yTe).then((b) => readUnitInput("a.xlsx", b)),
      generatedWorkbook(LOCAL, "UBND huyện Mai Sơn", PERIOD, maiSon).then((b) =>
        readUnitInput("b.xlsx", b)
      ),
    ]);
    const handmade = await Promise.all([
      handmadeUnitWorkbook(DEPT, "Sở Y tế", Q1_TEXT, yTe).then((b) => readUnitInput("a.xlsx", b)),
      handmadeUnitWorkbook(LOCAL, "UBND huyện Mai Sơn", Q1_TEXT, maiSon).then((b) =>
        readUnitInput("b.xlsx", b)
      ),
    ]);
    const pick = (r: ConsolidationResult) => {
      const { values, reported, manual, answers, totals } = consolidationJson(r);
      return { values, reported, manual, answers, totals };
    };
    const g = pick(consolidate(generated, { period: PERIOD }));
    const h = pick(consolidate(handmade, { period: PERIOD }));
    expect(h).toEqual(g);
    expect(Object.keys(g.values as object).length).toBeGreaterThan(10);
  });

  it("gives identical JSON and sheets on a second run, and writes unit text as text", async () => {
    const again = consolidate(
      await Promise.all(files.map(([name, bytes]) => readUnitInput(name, bytes))),
      {
        period: PERIOD,
        expected: [
          "Sở Tư pháp",
          "Sở Y tế",
          "Sở Tài chính",
          "UBND huyện Mai Sơn",
          "UBND huyện Yên Châu",
        ],
      }
    );
    expect(JSON.stringify(consolidationJson(again))).toBe(
      JSON.stringify(consolidationJson(result))
    );
    const created = "2024-03-20T02:00:00.000Z";
    const first = await cellsOf(await workbookBytes(result, { created }));
    const second = await cellsOf(await workbookBytes(again, { created }));
    expect(second).toEqual(first);
    expect(Object.keys(first)).toEqual([
      "Biểu mẫu 1",
      "Biểu mẫu 2",
      "Biểu mẫu 3",
      "Biểu mẫu 4",
      "Biểu mẫu 5",
      "Biểu mẫu 6",
      "Biểu mẫu 7",
      "Tổng hợp các sở, ban, ngành",
      "Tổng hợp UBND cấp huyện, cấp xã",
      "Chi tiết — Sở, ban, ngành",
      "Chi tiết UBND cấp huyện, cấp xã",
      "Tình hình nộp báo cáo",
      "CCHC_META",
    ]);
    const bm1 = first["Biểu mẫu 1"];
    expect(bm1.D7).toBe(23);
    expect(bm1.E7).toBe(4);
    expect(bm1.G7).toBe("Sở Tư pháp: =SUM(A1:A3)\nSở Y tế: Chỉ thị 01");
    expect(bm1.D9).toBeUndefined(); // 2.1, typed by hand
    expect(String(bm1.F9)).toMatch(/^Nhập tay/);
    expect(bm1.D8).toEqual({ formula: 'IF(COUNT(D10,D9)<2,"",IF(D9=0,"",ROUND(D10/D9*100,2)))' });
    // the per-unit breakdown traces each provincial number
    const detail = first["Chi tiết — Sở, ban, ngành"];
    expect(Object.values(detail)).toEqual(
      expect.arrayContaining(["Sở Tư pháp", "Sở Y tế", "so-y-te.xlsx", 9709])
    );
    // One detail sheet per unit set: each sheet's header row names only its own units.
    expect(Object.values(detail)).not.toContain("UBND huyện Mai Sơn");
    expect(detail.A1).toBe("CHI TIẾT THEO ĐƠN VỊ");
    expect(first["Chi tiết UBND cấp huyện, cấp xã"].A1).toBe("CHI TIẾT THEO ĐƠN VỊ");
    expect(Object.values(first["Chi tiết UBND cấp huyện, cấp xã"])).toContain("UBND huyện Mai Sơn");
    // The notes each unit wrote stand in the detail sheet, one cell each, under the row they annotate.
    expect(Object.values(detail)).toEqual(expect.arrayContaining(["Ghi chú", "Chỉ thị 01"]));
    // a unit's unreadable text is copied as text, not as a formula
    expect(Object.values(detail)).toContain("=1+1");
    for (const sheet of Object.values(first)) {
      for (const [address, v] of Object.entries(sheet)) {
        if (v && typeof v === "object" && "formula" in v)
          expect([address, (v as { formula: string }).formula]).toEqual([
            address,
            expect.stringMatching(/^IF\(COUNT\(/),
          ]);
      }
    }
    const status = Object.values(first["Tình hình nộp báo cáo"]).join("\n");
    expect(status).toContain("so-tai-chinh-q3.xlsx");
    expect(status).toContain("Sở Tài chính");
    expect(status).toContain("bị hỏng");
    // How much each unit entered, and the forms it left blank (blank is not 0).
    expect(status).toContain("Chỉ tiêu đã nhập");
    expect(status).toMatch(/\b\d+\/\d+\b/);
    expect(status).toMatch(/Biểu mẫu [\d, ]+ để trống hoàn toàn\./);
  });
});
