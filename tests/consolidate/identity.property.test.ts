import fc from "fast-check";
import { consolidate, type ConsolidationInput } from "../../src/core/consolidate";
import { registerOfRows } from "../../src/core/consolidate/expected";
import { getFormSet } from "../../src/core/forms/catalog";
import { checkSnapshot } from "../../src/core/report";
import { identifySnapshot } from "../../src/core/workbook/recognize";
import type { RawCell } from "../../src/core/values/types";
import type { SheetSnapshot, WorkbookSnapshot } from "../../src/core/workbook/snapshot";

/**
 * Property: for any mix of unit files (snapshots as Excel or ExcelJS give them), each file is merged as its own
 * unit, or excluded, or listed to confirm — never merged into another unit, never dropped silently — and every
 * total is the sum of the usable values of the files kept.
 */

const DEPT = "so-nganh-2024";
const catalog = getFormSet(DEPT);
const UNITS = [
  "Sở Tư pháp",
  "Sở Xây dựng",
  "Sở Y tế",
  "Sở Nội vụ",
  "Sở Tài chính",
  "Sở Khoa học và Công nghệ",
];
const register = registerOfRows([
  ["Tên đơn vị", "Tên khác"],
  ...UNITS.map((u, i) => [u, i === 5 ? "Sở KH&CN" : ""]),
]);
const SEED_TITLE = "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CỦA CÁC SỞ, BAN, NGÀNH";

type UnitShow =
  | "line"
  | "merged-line"
  | "caption"
  | "header-block"
  | "title"
  | "alias"
  | "generic"
  | "none"
  | "unlisted";
type PeriodShow = "line" | "sheet" | "none" | "q2" | "m9" | "conflict";

interface UnitFile {
  unit: number;
  show: UnitShow;
  period: PeriodShow;
  invisible: boolean;
  upper: boolean;
  values: Record<string, number | undefined>;
  /** 1:2.1 typed as 2.835 on English Windows (a count that is not a whole number). */
  bad: boolean;
}

const KEYS = ["1:1", "1:2.1", "1:2.2", "1:4.1"];

const fileArb: fc.Arbitrary<UnitFile> = fc.record({
  unit: fc.integer({ min: 0, max: UNITS.length - 1 }),
  show: fc.constantFrom<UnitShow>(
    "line",
    "merged-line",
    "caption",
    "header-block",
    "title",
    "alias",
    "generic",
    "none",
    "unlisted"
  ),
  period: fc.constantFrom<PeriodShow>("line", "sheet", "none", "q2", "m9", "conflict"),
  invisible: fc.boolean(),
  upper: fc.boolean(),
  values: fc.record(
    Object.fromEntries(
      KEYS.map((k) => [k, fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined })])
    )
  ) as fc.Arbitrary<Record<string, number | undefined>>,
  bad: fc.boolean(),
});

const cell = (value: unknown): RawCell => ({ value: value as RawCell["value"] });

function snapshotOf(f: UnitFile): WorkbookSnapshot {
  let name = UNITS[f.unit];
  if (f.show === "alias") name = "Sở KH&CN";
  if (f.show === "unlisted") name = "Sở Du lịch tỉnh Lai Châu";
  if (f.upper) name = name.toUpperCase();
  if (f.invisible) name = name.normalize("NFD").replace(" ", "\u00a0\u200b");
  const rows: (RawCell | null)[][] = [];
  const merges: string[] = [];
  const line = (text: string, merged = false) => {
    if (merged) {
      // Office.js gives a merged range's value in every cell of it.
      rows.push([cell(text), cell(text), cell(text), cell(text), cell(text)]);
      merges.push(`A${rows.length}:E${rows.length}`);
    } else rows.push([cell(text)]);
  };
  if (f.show === "header-block") {
    line("UBND TỈNH SƠN LA");
    line(name.toUpperCase());
  }
  if (f.show === "caption" || f.show === "generic") line(SEED_TITLE, true);
  if (f.show === "caption") line(`(Kèm theo Báo cáo số 12/BC ngày 10/3/2024 của ${name})`);
  if (f.show === "title") line(`BÁO CÁO SỐ LIỆU CẢI CÁCH HÀNH CHÍNH CỦA ${name}`);
  if (f.show === "line" || f.show === "alias" || f.show === "unlisted")
    line(`Đơn vị báo cáo: ${name}`);
  if (f.show === "merged-line") line(`Đơn vị báo cáo: ${name}`, true);
  if (f.period === "line" || f.period === "conflict") line("Kỳ báo cáo: Quý I năm 2024");
  if (f.period === "q2") line("Kỳ báo cáo: Quý II năm 2024");
  if (f.period === "m9") line("Kỳ báo cáo: 9 tháng năm 2024");
  line("Biểu mẫu 1");
  rows.push(["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"].map(cell));
  for (const row of catalog.form(1).rows) {
    const key = `1:${row.code}`;
    const typed = f.bad && key === "1:2.1" ? 2.835 : f.values[key];
    const code = f.invisible ? `${row.code}\u200b` : row.code;
    rows.push([
      cell(code),
      cell(row.label),
      cell(row.unit ?? ""),
      typed === undefined ? null : cell(typed),
    ]);
  }
  const sheetName =
    f.period === "sheet"
      ? "BM1 Q1-2024"
      : f.period === "conflict"
        ? "BM1 Quý II-2024"
        : "Biểu mẫu 1";
  const sheet: SheetSnapshot = { name: sheetName, rows, merges, visible: true };
  return { sheets: [sheet] };
}

/** What should happen to a file: its unit's name when merged, else why not. */
function outcome(f: UnitFile): "excluded" | "confirm-period" | "confirm-unit" | string {
  if (f.period === "q2" || f.period === "m9") return "excluded";
  if (f.period === "conflict") return "confirm-period";
  if (f.show === "generic" || f.show === "none" || f.show === "unlisted") return "confirm-unit";
  return f.show === "alias" ? "Sở Khoa học và Công nghệ" : UNITS[f.unit];
}

function inputOf(f: UnitFile, i: number): ConsolidationInput {
  const file = `tep-${i}.xlsx`;
  const snapshot = snapshotOf(f);
  return {
    file,
    report: checkSnapshot(file, snapshot),
    identity: identifySnapshot(snapshot, file),
  };
}

describe("identity and totals over any mix of unit files (property-based)", () => {
  it("merges each file as its own unit or says why not, and totals only the usable values kept", () => {
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 8 }), (files) => {
        const inputs = files.map(inputOf);
        const r = consolidate(inputs, { period: "2024-Q1", register });
        const byFile = new Map(files.map((f, i) => [`tep-${i}.xlsx`, f]));
        // Every file accounted for exactly once.
        const merged = r.units.map((u) => u.file);
        const dropped = r.duplicates.flatMap((d) => d.dropped);
        const accounted = [
          ...merged,
          ...dropped,
          ...r.excluded.map((x) => x.file),
          ...r.toConfirm.map((c) => c.file),
        ].sort();
        expect(accounted).toEqual([...byFile.keys()].sort());
        for (const [file, f] of byFile) {
          const want = outcome(f);
          if (want === "excluded") {
            expect(r.excluded.find((x) => x.file === file)?.cause).toBe("period");
          } else if (want === "confirm-period" || want === "confirm-unit") {
            expect(r.toConfirm.find((c) => c.file === file)?.question).toBe(
              want === "confirm-period" ? "period" : "unit"
            );
          } else {
            const u = r.units.find((x) => x.file === file);
            const d = r.duplicates.find((x) => x.dropped.includes(file) || x.kept === file);
            // Never merged into another unit.
            expect(u?.unit ?? d?.unit).toBe(want);
          }
        }
        // One file per unit.
        expect(new Set(r.units.map((u) => u.unit)).size).toBe(r.units.length);
        // Totals: the sum over the kept files of their usable values.
        const table = r.totals.find((t) => t.formSet === DEPT);
        for (const key of KEYS) {
          let sum = 0;
          let any = false;
          for (const u of r.units) {
            const f = byFile.get(u.file)!;
            const v = f.bad && key === "1:2.1" ? undefined : f.values[key];
            if (v !== undefined) {
              sum += v;
              any = true;
            }
          }
          const row = table?.rows.find((x) => x.key === key);
          const got = row?.value.kind === "number" ? row.value.value : undefined;
          expect([key, got]).toEqual([key, any ? sum : undefined]);
        }
        // Without a register, generic names and files naming no unit are still never merged.
        const bare = consolidate(inputs, { period: "2024-Q1" });
        for (const [file, f] of byFile) {
          if (outcome(f) === "excluded" || outcome(f) === "confirm-period") continue;
          const asked = bare.toConfirm.some((c) => c.file === file && c.question === "unit");
          expect([file, f.show, asked]).toEqual([
            file,
            f.show,
            f.show === "generic" || f.show === "none",
          ]);
        }
        for (const u of r.units) {
          const f = byFile.get(u.file)!;
          if (f.bad)
            expect(r.notSummed.some((n) => n.file === u.file && n.key === "1:2.1")).toBe(true);
        }
      }),
      { numRuns: 150 }
    );
  });
});
