import fc from "fast-check";
import { getFormSet } from "../../src/core/forms/catalog";
import { valueKey } from "../../src/core/forms/schema";
import {
  builtInMap,
  consolidate,
  consolidationJson,
  consolidationSheets,
  type ConsolidationInput,
  type ConsolidationResult,
} from "../../src/core/consolidate";
import { DEPT, LOCAL, PROVINCE, unitInput, unitReport } from "../helpers/units";
import type { TypedValue } from "../helpers/workbooks";

type Values = Record<string, TypedValue>;
interface GenUnit {
  set: string;
  values: Values;
}

/** Random values for every numeric row of a set; each may be blank. */
function valuesArb(setId: string): fc.Arbitrary<Values> {
  const fields: Record<string, fc.Arbitrary<TypedValue | undefined>> = {};
  for (const { form, row } of getFormSet(setId).valueRows()) {
    const key = valueKey(form, row.code);
    const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
    if (row.kind === "count") fields[key] = opt(fc.nat({ max: 5000 }));
    else if (row.kind === "enum")
      fields[key] = opt(fc.constantFrom(...row.options!.map((o) => o.code)));
    else if (row.kind === "pair")
      fields[key] = opt(fc.tuple(fc.nat(40), fc.nat(40)).map(([a, b]) => `${a}/${b}`));
    else if (row.kind === "percent") fields[key] = opt(fc.constantFrom(0, 37.5, 50, 100));
  }
  return fc.record(fields).map((r) => {
    const out: Values = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
    return out;
  });
}

const unitsArb: fc.Arbitrary<GenUnit[]> = fc.array(
  fc.oneof(
    valuesArb(DEPT).map((values) => ({ set: DEPT, values })),
    valuesArb(LOCAL).map((values) => ({ set: LOCAL, values }))
  ),
  { minLength: 1, maxLength: 6 }
);

const inputsOf = (units: GenUnit[]): ConsolidationInput[] =>
  units.map((u, i) => unitInput(u.set, `Đơn vị ${i + 1}`, u.values));

/** Reads a map reference against the generated values, independently of the engine. */
function numberAt(u: GenUnit, ref: string, form: number): number | undefined {
  const m = /^([a-z0-9-]+):(?:BM([1-7]):)?([^@]+)(?:@([ab]))?$/.exec(ref)!;
  if (m[1] !== u.set) return undefined;
  const v = u.values[`${m[2] ?? form}:${m[3]}`];
  if (m[4]) {
    if (typeof v !== "string") return undefined;
    const [a, b] = v.split("/").map(Number);
    return m[4] === "a" ? a : b;
  }
  return typeof v === "number" ? v : undefined;
}

function expectedSum(
  units: GenUnit[],
  refs: string[],
  form: number
): { value?: number; reported: number } {
  let value: number | undefined;
  let reported = 0;
  for (const u of units) {
    const found = refs.map((r) => numberAt(u, r, form)).filter((n): n is number => n !== undefined);
    if (found.length === 0) continue;
    reported++;
    value = (value ?? 0) + found.reduce((a, b) => a + b, 0);
  }
  return { value, reported };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

describe("consolidation engine (property-based, no xlsx)", () => {
  it("sums every summable row over units, recomputes ratios, counts answers, keeps blanks blank", () => {
    const map = builtInMap();
    fc.assert(
      fc.property(unitsArb, (units) => {
        const result = consolidate(inputsOf(units), { period: "2024-Q1" });
        const json = consolidationJson(result) as {
          values: Record<string, number | string>;
          reported: Record<string, number>;
        };
        const row = (key: string) => result.target.rows.find((r) => r.key === key)!;
        for (const e of map.rows) {
          const key = `${e.form}:${e.code}`;
          const s = e.source;
          if (s.type === "sum") {
            const exp = expectedSum(units, s.from, e.form);
            expect(json.values[key]).toBe(exp.value);
            expect(json.reported[key]).toBe(exp.reported);
          } else if (s.type === "count" || s.type === "share") {
            const answered: string[] = [];
            const counted: string[] = [];
            units.forEach((u, i) => {
              const a = s.from.map((r) => numberAt(u, r, e.form)).find((n) => n !== undefined);
              if (a === undefined) return;
              answered.push(`Đơn vị ${i + 1}`);
              if (s.answer?.includes(a)) counted.push(`Đơn vị ${i + 1}`);
            });
            expect([...(row(key).answers?.units ?? [])].sort()).toEqual(counted.sort());
            expect(row(key).reported).toBe(answered.length);
            const value =
              s.type === "count"
                ? counted.length
                : round2((counted.length / answered.length) * 100);
            expect(json.values[key]).toBe(
              answered.length > 0 && (s.type === "share" || s.answer) ? value : undefined
            );
          } else if (s.type === "ratio" && row(key).status === "computed") {
            // The unit rows behind an operand: itself, or the sources of the rows it names when they are sums.
            const behind = (refs: string[]): string[] | undefined => {
              if (/^[a-z]/.test(refs[0])) return refs;
              const out: string[] = [];
              for (const code of refs) {
                const src = map.rows.find((m) => m.form === e.form && m.code === code)?.source;
                if (src?.type !== "sum") return undefined;
                out.push(...src.from);
              }
              return out;
            };
            const numRefs = behind(s.numerator);
            const denRefs = behind(s.denominator);
            // Only units that reported both parts count (blank is not zero).
            const over =
              numRefs && denRefs
                ? units.filter(
                    (u) =>
                      expectedSum([u], numRefs, e.form).value !== undefined &&
                      expectedSum([u], denRefs, e.form).value !== undefined
                  )
                : units;
            const side = (refs: string[]) => {
              const unitRefs = behind(refs);
              return numRefs && denRefs && unitRefs
                ? expectedSum(over, unitRefs, e.form).value
                : (json.values[`${e.form}:${refs[0]}`] as number | undefined);
            };
            const num = side(s.numerator);
            const den = side(s.denominator);
            const expected =
              num !== undefined && den !== undefined && den > 0
                ? round2((num / den) * 100)
                : undefined;
            expect(json.values[key]).toBe(expected);
          } else if (s.type === "total" && row(key).status === "computed") {
            const parts = s.parts.map((p) => json.values[`${e.form}:${p}`] as number | undefined);
            const present = parts.filter((p): p is number => p !== undefined);
            expect(json.values[key]).toBe(
              present.length ? present.reduce((a, b) => a + b, 0) : undefined
            );
          }
        }
        // each unit set's own table: every count row is the sum over that set's units
        for (const t of result.totals) {
          const own = units.filter((u) => u.set === t.formSet);
          for (const r of t.rows) {
            if (r.kind !== "count") continue;
            const exp = expectedSum(own, [`${t.formSet}:${r.code}`], r.form);
            expect(r.value.kind === "number" ? r.value.value : undefined).toBe(exp.value);
            expect(r.reported).toBe(exp.reported);
          }
        }
      }),
      { numRuns: 15 }
    );
  });

  it("gives the same result whatever the order of the inputs, and on a second run", () => {
    const permuted = unitsArb.chain((units) =>
      fc
        .shuffledSubarray([...units.keys()], { minLength: units.length, maxLength: units.length })
        .map((order) => ({ units, order }))
    );
    fc.assert(
      fc.property(permuted, ({ units, order }) => {
        const inputs = inputsOf(units);
        const a = consolidate(inputs, { period: "2024-Q1" });
        const again = consolidate(inputsOf(units), { period: "2024-Q1" });
        const b = consolidate(
          order.map((i) => inputs[i]),
          { period: "2024-Q1" }
        );
        expect(JSON.stringify(consolidationJson(again))).toBe(JSON.stringify(consolidationJson(a)));
        expect(consolidationJson(b)).toEqual(consolidationJson(a));
        expect(consolidationSheets(b)).toEqual(consolidationSheets(a));
      }),
      { numRuns: 10 }
    );
  });
});

const valueOf = (r: ConsolidationResult, key: string) =>
  (consolidationJson(r).values as Record<string, number | string>)[key];
const rowOf = (r: ConsolidationResult, key: string) => r.target.rows.find((x) => x.key === key)!;

describe("consolidation semantics", () => {
  it("recomputes a ratio from the summed parts instead of averaging percentages", () => {
    const r = consolidate(
      [
        unitInput(DEPT, "Sở Tư pháp", { "3:3.1": 50, "3:3.1.1": 100, "3:3.1.2": 50 }),
        unitInput(DEPT, "Sở Y tế", { "3:3.1": 100, "3:3.1.1": 900, "3:3.1.2": 900 }),
      ],
      { period: "2024-Q1" }
    );
    expect(valueOf(r, "3:3.1.1")).toBe(1000);
    expect(valueOf(r, "3:3.1.2")).toBe(950);
    expect(valueOf(r, "3:3.1")).toBe(95); // the average of 50 and 100 would be 75
    expect(rowOf(r, "3:3.1").how).toContain("không lấy trung bình");
  });

  it("keeps blank + blank blank and says how many units reported a row", () => {
    const r = consolidate(
      [
        unitInput(DEPT, "Sở A", { "1:6.1": 0 }),
        unitInput(DEPT, "Sở B", {}),
        unitInput(LOCAL, "UBND huyện C", {}),
      ],
      { period: "2024-Q1" }
    );
    const json = consolidationJson(r) as {
      values: Record<string, unknown>;
      reported: Record<string, number>;
    };
    expect(json.values["1:6.1"]).toBe(0);
    expect(json.reported["1:6.1"]).toBe(1);
    expect("1:1" in json.values).toBe(false);
    expect(json.reported["1:1"]).toBe(0);
    expect(rowOf(r, "1:1").of).toBe(3);
  });

  it("counts the units answering “Có” and names them", () => {
    const r = consolidate(
      [
        unitInput(DEPT, "Sở Nội vụ", { "1:6": 1, "1:6.1": 120, "1:6.2": 0 }),
        unitInput(DEPT, "Sở Tài chính", { "1:6": 0, "1:6.1": 0 }),
        unitInput(LOCAL, "UBND huyện Mai Sơn", { "1:6": 1, "1:6.1": 300, "1:6.2": 2 }),
        unitInput(LOCAL, "UBND huyện Yên Châu", {}),
      ],
      { period: "2024-Q1" }
    );
    expect(valueOf(r, "1:6")).toBe(2);
    const row = rowOf(r, "1:6");
    expect(row.answers?.units).toEqual(["Sở Nội vụ", "UBND huyện Mai Sơn"]);
    expect(row.answers?.groups).toEqual([
      { code: 0, label: "Không", units: ["Sở Tài chính"] },
      { code: 1, label: "Có", units: ["Sở Nội vụ", "UBND huyện Mai Sơn"] },
    ]);
    expect(row.reported).toBe(3);
    expect(valueOf(r, "1:6.1")).toBe(420);
    // 6.2 (survey form) is typed by hand, with who used which form as a reference
    const form = rowOf(r, "1:6.2");
    expect(form.status).toBe("manual");
    expect(form.reference?.answers?.groups.map((g) => g.label)).toEqual(["Trực tuyến", "Kết hợp"]);
  });

  it("computes shares of units (19/19 = 100%) and sums pairs part by part in the department table", () => {
    const r = consolidate(
      [
        unitInput(DEPT, "Sở A", { "4:1.1": 100, "3:3.2": "2/3" }),
        unitInput(DEPT, "Sở B", { "4:1.1": 80, "3:3.2": "0/0" }),
        unitInput(DEPT, "Sở C", { "4:1.1": 100 }),
        unitInput(DEPT, "Sở D", {}),
      ],
      { period: "2024-Q1" }
    );
    expect(valueOf(r, "4:1.1")).toBe(66.67);
    expect(rowOf(r, "4:1.1").answers?.units).toEqual(["Sở A", "Sở C"]);
    const dept = r.totals.find((t) => t.formSet === DEPT)!;
    const pair = dept.rows.find((x) => x.key === "3:3.2")!;
    expect(pair.value).toEqual({ kind: "pair", a: 2, b: 3 });
    expect(pair.reported).toBe(2);
    expect(dept.rows.find((x) => x.key === "4:1.1")!.status).toBe("none");
  });

  it("marks hand-typed rows and the totals and ratios that wait for them", () => {
    const r = consolidate([unitInput(DEPT, "Sở A", { "1:2.1": 10, "1:2.2": 5 })], {
      period: "2024-Q1",
    });
    const json = consolidationJson(r) as {
      manual: string[];
      pending: string[];
      values: Record<string, unknown>;
    };
    expect(json.manual).toEqual(expect.arrayContaining(["1:2.1", "1:2.2", "6:1.1", "6:1.2"]));
    expect(json.pending).toEqual(expect.arrayContaining(["1:2", "6:1", "3:1.4", "4:1.5"]));
    expect("1:2.1" in json.values).toBe(false); // the department's own plan is not the province's
    const sheet = consolidationSheets(r).find((s) => s.name === "Biểu mẫu 1")!;
    const cell = (a: string) => sheet.cells.find((c) => c.address === a);
    // rows: 7 = "1", 8 = "2", 9 = "2.1", 10 = "2.2"
    expect(cell("D9")?.value).toBeUndefined();
    expect(cell("D9")?.style?.fill).toBe("#FFF2CC");
    expect(String(cell("F9")?.value)).toMatch(/^Nhập tay: /);
    // The hand-typed cell takes the template's data validation; computed cells have none.
    expect(sheet.validations.find((v) => v.address === "D9")?.rule).toEqual({
      type: "whole",
      operator: "greaterThanOrEqual",
      formulae: [0],
    });
    expect(sheet.validations.find((v) => v.address === "D7")).toBeUndefined();
    expect(cell("D8")?.formula).toBe('IF(COUNT(D10,D9)<2,"",IF(D9=0,"",ROUND(D10/D9*100,2)))');
  });

  it("counts a unit sent twice once: the newest by the workbook's date, else the file date", () => {
    const older = unitInput(
      DEPT,
      "Sở Y tế",
      { "1:1": 1 },
      { file: "y-te-cu.xlsx", modified: "2024-03-10T02:00:00.000Z" }
    );
    const newer = unitInput(
      DEPT,
      "SỞ Y TẾ",
      { "1:1": 7 },
      { file: "y-te-moi.xlsx", modified: "2024-03-12T10:30:00.000Z" }
    );
    const r = consolidate([newer, older], { period: "2024-Q1" });
    expect(r.units.map((u) => u.file)).toEqual(["y-te-moi.xlsx"]);
    expect(valueOf(r, "1:1")).toBe(7);
    expect(r.duplicates).toHaveLength(1);
    expect(r.duplicates[0]).toMatchObject({ kept: "y-te-moi.xlsx", dropped: ["y-te-cu.xlsx"] });
    expect(r.duplicates[0].reason).toContain("ngày lưu ghi trong tệp 12/03/2024 17:30");

    const a = unitInput(DEPT, "Sở A", { "1:1": 1 }, { file: "a1.xlsx" });
    const b = unitInput(DEPT, "Sở A", { "1:1": 2 }, { file: "a2.xlsx" });
    a.fileDate = new Date("2024-03-13T00:00:00Z");
    b.fileDate = new Date("2024-03-11T00:00:00Z");
    const byFileDate = consolidate([a, b], { period: "2024-Q1" });
    // No date of their own: the file without errors (then the newer file date) is kept, and the officer asked.
    expect(byFileDate.duplicates[0]).toMatchObject({ kept: "a1.xlsx", choice: "fewest-errors" });
    expect(byFileDate.duplicates[0].reason).toContain("ngày sửa tệp");
    expect(byFileDate.duplicates[0].reason).toContain('--keep "a2.xlsx"');
    // The cause is the reason without the way out, which each front end says its own way.
    const { cause, reason } = byFileDate.duplicates[0];
    expect(cause).not.toContain("--keep");
    expect(reason.startsWith(`${cause} `)).toBe(true);
  });

  it("excludes files of another period, of another form set, unreadable or without a unit, and consolidates the rest", () => {
    const inputs: ConsolidationInput[] = [
      unitInput(DEPT, "Sở A", { "1:1": 3 }),
      unitInput(DEPT, "Sở B", { "1:1": 4 }, { period: "2024-Q3", file: "so-b-q3.xlsx" }),
      { file: "tinh.xlsx", report: unitReport(PROVINCE, "UBND tỉnh", "2024-Q1", { "1:1": 85 }) },
      {
        file: "hong.xlsx",
        report: { file: "hong.xlsx", ok: false, error: "Tệp .xlsx bị hỏng hoặc không đầy đủ." },
      },
      { file: "khong-ten.xlsx", report: unitReport(DEPT, undefined, "2024-Q1", { "1:1": 5 }) },
    ];
    const r = consolidate(inputs, { period: "2024-Q1" });
    expect(r.units.map((u) => u.unit)).toEqual(["Sở A"]);
    expect(valueOf(r, "1:1")).toBe(3);
    const reason = (file: string) => r.excluded.find((x) => x.file === file)?.reason;
    expect(reason("so-b-q3.xlsx")).toBe(
      "Tệp thuộc kỳ Quý III năm 2024 (2024-Q3), không phải kỳ tổng hợp Quý I năm 2024 (2024-Q1)."
    );
    expect(reason("tinh.xlsx")).toContain("UBND tỉnh");
    expect(reason("hong.xlsx")).toBe("Tệp .xlsx bị hỏng hoặc không đầy đủ.");
    expect(r.excluded.map((x) => x.cause).sort()).toEqual(["form-set", "period", "unreadable"]);
    expect(r.toConfirm).toEqual([
      expect.objectContaining({ file: "khong-ten.xlsx", question: "unit", candidates: [] }),
    ]);
    expect(r.toConfirm[0].reason).toContain("Tệp không ghi tên đơn vị");
  });

  it("asks about a unit file named only by the province's title, and merges it once assigned", () => {
    const input = unitInput(
      DEPT,
      "ỦY BAN NHÂN DÂN TỈNH SƠN LA",
      { "1:1": 2 },
      { file: "bieu.xlsx" }
    );
    if (input.report.ok) input.report.how.unit = "content";
    const r = consolidate([input], { period: "2024-Q1" });
    expect(r.units).toEqual([]);
    expect(r.toConfirm[0]).toMatchObject({ file: "bieu.xlsx", question: "unit" });
    expect(r.toConfirm[0].reason).toContain("là tên của tỉnh");
    expect(r.toConfirm[0].cause).not.toContain("--assign");
    expect(r.toConfirm[0].reason).toBe(
      `${r.toConfirm[0].cause} Chọn đơn vị cho tệp trong ngăn Tổng hợp, hoặc chạy lại lệnh với --assign "bieu.xlsx=Tên đơn vị".`
    );
    const ok = consolidate([input], {
      period: "2024-Q1",
      assignments: { "bieu.xlsx": "Sở Y tế", "khong-co.xlsx": "Sở Nội vụ" },
      keep: ["bieu.xlsx"],
    });
    expect(ok.units.map((u) => [u.unit, u.provenance?.unit])).toEqual([["Sở Y tế", "assigned"]]);
    // Answers that are not used are said, not ignored.
    expect(
      ok.findings.filter((f) => f.rule.endsWith("-unused")).map((f) => [f.rule, f.file])
    ).toEqual([
      ["consolidate.assignment-unused", "khong-co.xlsx"],
      ["consolidate.keep-unused", "bieu.xlsx"],
    ]);
  });

  it("includes a unit whose file has errors and flags it; strict mode leaves it out", () => {
    const bad = unitInput(DEPT, "Sở Lỗi", { "3:3.1.1": 10, "3:3.1.2": 12 });
    const good = unitInput(DEPT, "Sở Tốt", { "3:3.1.1": 10, "3:3.1.2": 10 });
    expect(bad.report.ok && bad.report.counts.errors).toBeGreaterThan(0);
    const loose = consolidate([bad, good], { period: "2024-Q1" });
    expect(loose.units.map((u) => [u.unit, u.errors > 0])).toEqual([
      ["Sở Lỗi", true],
      ["Sở Tốt", false],
    ]);
    expect(loose.findings.some((f) => f.unit === "Sở Lỗi" && f.severity === "error")).toBe(true);
    expect(valueOf(loose, "3:3.1.2")).toBe(22);
    const strict = consolidate([bad, good], { period: "2024-Q1", strict: true });
    expect(strict.units.map((u) => u.unit)).toEqual(["Sở Tốt"]);
    expect(strict.excluded[0]).toMatchObject({ file: "Sở Lỗi.xlsx", cause: "strict" });
    expect(valueOf(strict, "3:3.1.2")).toBe(10);
  });

  it("matches expected units regardless of case, spacing and Unicode normalisation", () => {
    const decomposed = "Sở Văn hóa, Thể thao và Du lịch".normalize("NFD");
    const r = consolidate(
      [unitInput(DEPT, decomposed, {}), unitInput(LOCAL, "UBND huyện Thuận Châu", {})],
      { period: "2024-Q1", expected: ["SỞ VĂN HÓA,  THỂ THAO VÀ DU LỊCH", "UBND huyện Sốp Cộp"] }
    );
    expect(r.missing).toEqual(["UBND huyện Sốp Cộp"]);
    // A unit not on the list is not merged: the officer confirms which unit it is.
    expect(r.units.map((u) => u.unit)).toEqual(["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"]);
    expect(r.unexpected).toEqual([]);
    expect(r.toConfirm.map((c) => [c.file, c.question, c.detected])).toEqual([
      ["UBND huyện Thuận Châu.xlsx", "unit", "UBND huyện Thuận Châu"],
    ]);
    expect(r.toConfirm[0].reason).toContain("không có trong danh sách đơn vị");
    expect(r.expected?.[0]).toMatchObject({ received: true });
  });

  it("checks the consolidated table with the province's own rules", () => {
    const r = consolidate(
      [
        unitInput(DEPT, "Sở A", { "6:1": 5, "6:2": 1, "6:3": 1, "6:4": 1, "6:5": 2 }),
        unitInput(LOCAL, "UBND huyện B", { "6:1": 3, "6:2": 1 }),
      ],
      { period: "2024-Q1" }
    );
    const f = r.target.findings.find((x) => x.rule === "bm6.sum.2.1");
    expect(f).toMatchObject({ severity: "error", table: PROVINCE, cell: "'Biểu mẫu 6'!D11" });
    expect(f).toMatchObject({ type: "sum", expected: 6, difference: 2 }); // 2.1 = 8, its parts 6
  });

  it("gathers units' Ghi chú with their names and writes unit text as text, never as a formula", () => {
    const r = consolidate(
      [
        unitInput(DEPT, "Sở A", { "1:1": 2 }, { notes: { "1:1": '=HYPERLINK("http://x")' } }),
        unitInput(LOCAL, "UBND huyện B", { "1:1": 3 }, { notes: { "1:1": "Gồm 1 chỉ thị" } }),
      ],
      { period: "2024-Q1" }
    );
    expect(rowOf(r, "1:1").notes).toEqual([
      { unit: "Sở A", text: '=HYPERLINK("http://x")' },
      { unit: "UBND huyện B", text: "Gồm 1 chỉ thị" },
    ]);
    const g7 = consolidationSheets(r)[0].cells.find((c) => c.address === "G7")!;
    expect(g7.value).toBe('Sở A: =HYPERLINK("http://x")\nUBND huyện B: Gồm 1 chỉ thị');
    expect(g7.formula).toBeUndefined();
    expect(g7.style?.numFmt).toBe("@");
  });
});
