import fc from "fast-check";
import { ROW_KINDS, rowSchema, type RowDef, type RowKind } from "../../src/core/forms/schema";
import {
  decimalsOf,
  formatVietnameseNumber,
  parseVietnameseNumber,
  spellVietnameseInteger,
} from "../../src/core/values/number";
import { IMPOSSIBLE_DATE, parseCell } from "../../src/core/values/parse";
import type { CellValue, ParsedCell, RawCell } from "../../src/core/values/types";

const YES_NO = [
  { code: 0, label: "Không" },
  { code: 1, label: "Có" },
];
const SURVEY = [
  { code: 0, label: "Trực tuyến" },
  { code: 1, label: "Phát phiếu" },
  { code: 2, label: "Kết hợp" },
];
const PROGRESS = [
  { code: 0, label: "Chưa" },
  { code: 1, label: "Đang làm" },
  { code: 2, label: "Hoàn thành" },
];

function row(kind: RowKind, options?: { code: number; label: string }[]): RowDef {
  const opts = kind === "enum" ? (options ?? YES_NO) : undefined;
  return rowSchema.parse({
    code: "1",
    label: "Chỉ tiêu",
    kind,
    ...(opts ? { options: opts } : {}),
  });
}

function parse(
  value: RawCell["value"],
  kind: RowKind,
  extra: Partial<RawCell> & { options?: typeof YES_NO } = {}
) {
  const { options, ...rest } = extra;
  return parseCell({ value, ...rest }, row(kind, options));
}

function num(p: ParsedCell): Extract<CellValue, { kind: "number" }> {
  expect(p.value.kind).toBe("number");
  return p.value as Extract<CellValue, { kind: "number" }>;
}

function rules(p: ParsedCell): string[] {
  return p.issues.map((i) => i.rule);
}

describe("parseVietnameseNumber", () => {
  test.each<[string, number, number, boolean]>([
    ["1.234", 1234, 0, false],
    ["3.989.325,00", 3989325, 2, false],
    ["454.142,00", 454142, 2, false],
    ["33,3", 33.3, 1, false],
    ["11,11", 11.11, 2, false],
    ["40,47", 40.47, 2, false],
    ["02", 2, 0, false],
    ["0", 0, 0, false],
    ["100", 100, 0, false],
    ["99,87%", 99.87, 2, true],
    ["98,98%", 98.98, 2, true],
    ["30,8%", 30.8, 1, true],
    ["52,19%", 52.19, 2, true],
    ["0%", 0, 0, true],
    ["99,87 %", 99.87, 2, true],
    ["1 234", 1234, 0, false],
    ["1\u00a0234", 1234, 0, false],
    ["1\u202f234\u202f567,5", 1234567.5, 1, false],
    ["  1.234  ", 1234, 0, false],
    ["\u00a012\u00a0", 12, 0, false],
    ["-5", -5, 0, false],
    ["+5", 5, 0, false],
    ["-1.234,5", -1234.5, 1, false],
    ["\u22123", -3, 0, false],
    ["-0", 0, 0, false],
    ["99.6%", 99.6, 1, true],
    ["11.03%", 11.03, 2, true],
    ["99.6", 99.6, 1, false],
    ["1.2345", 1.2345, 4, false],
    ["0.9987", 0.9987, 4, false],
    ["4575", 4575, 0, false],
    ["28977", 28977, 0, false],
    ["28860", 28860, 0, false],
    ["2.835", 2835, 0, false],
    ["9.909", 9909, 0, false],
    ["27.015", 27015, 0, false],
    ["1.145", 1145, 0, false],
    ["43.597", 43597, 0, false],
    ["39.488", 39488, 0, false],
    ["26.091", 26091, 0, false],
    ["1.234.567", 1234567, 0, false],
    ["4,751", 4.751, 3, false],
    ["0,5", 0.5, 1, false],
    ["23,46", 23.46, 2, false],
    ["78,26%", 78.26, 2, true],
    ["341.608,615", 341608.615, 3, false],
    ["1152", 1152, 0, false],
    ["3.674", 3674, 0, false],
  ])("%j → %d (decimals %d, percent %s)", (text, value, decimals, percent) => {
    const r = parseVietnameseNumber(text);
    expect(r).not.toBeNull();
    expect(r!.value).toBeCloseTo(value, 10);
    expect(Object.is(r!.value, -0)).toBe(false);
    expect(r!.decimals).toBe(decimals);
    expect(r!.percent).toBe(percent);
  });

  test.each([
    "",
    "   ",
    "abc",
    "1,2,3",
    "1,234,567",
    "1.23.4",
    "12.345.6",
    "1,234.5",
    "0.123",
    "01.234",
    "12 34",
    "1e5",
    "5,",
    ",5",
    ".5",
    "5.",
    "%",
    "134,3%%",
    "+-5",
    "5-",
    "1/2",
    "0/0",
    "19/19=100%",
    "Bằng 11,384% kế hoạch vốn giao",
    "Đang xử lý",
    "NaN",
    "Infinity",
    "0x10",
    "1".repeat(400),
  ])("%j → null", (text) => {
    expect(parseVietnameseNumber(text)).toBeNull();
  });
});

describe("formatVietnameseNumber", () => {
  test.each<[number, number | undefined, string]>([
    [39488, undefined, "39.488"],
    [90.575, 3, "90,575"],
    [1234567.891, undefined, "1.234.567,891"],
    [-1234.5, undefined, "-1.234,5"],
    [-1234.5, 2, "-1.234,50"],
    [0, undefined, "0"],
    [-0, undefined, "0"],
    [-0.0000001, undefined, "0"],
    [-0.004, 2, "0,00"],
    [123, undefined, "123"],
    [1000, undefined, "1.000"],
    [0.1 + 0.2, undefined, "0,3"],
    [1.005, 2, "1,01"],
    [99.995, 2, "100,00"],
    [0.9987 * 100, undefined, "99,87"],
    [1 / 3, undefined, "0,333333"],
    [2 / 3, 2, "0,67"],
    [1e21, undefined, "1.000.000.000.000.000.000.000"],
    [1.5e-7, 8, "0,00000015"],
    [1.5e-7, undefined, "0"],
    [4751, 0, "4.751"],
    [4.751, undefined, "4,751"],
    [100, 1, "100,0"],
  ])("%d with %s decimals → %j", (n, d, expected) => {
    expect(formatVietnameseNumber(n, d)).toBe(expected);
  });

  test("does not depend on the machine's locale", () => {
    expect(formatVietnameseNumber(1234567.5)).toBe("1.234.567,5");
    expect(formatVietnameseNumber(1234567.5)).toBe(
      new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 6 }).format(1234567.5)
    );
  });

  test("non-finite numbers", () => {
    expect(formatVietnameseNumber(NaN)).toBe("NaN");
    expect(formatVietnameseNumber(Infinity)).toBe("∞");
    expect(formatVietnameseNumber(-Infinity)).toBe("-∞");
  });
});

describe("decimalsOf", () => {
  test.each<[number, number]>([
    [0.9987 * 100, 2],
    [99.87, 2],
    [100, 0],
    [0, 0],
    [-0, 0],
    [0.1 + 0.2, 1],
    [33.3, 1],
    [4.751, 3],
    [-12.25, 2],
    [1e-7, 7],
    [1.5e-7, 8],
    [1e21, 0],
    [NaN, 0],
    [Infinity, 0],
  ])("%d → %d", (n, d) => {
    expect(decimalsOf(n)).toBe(d);
  });
});

describe("spellVietnameseInteger", () => {
  test.each<[number, string]>([
    [0, "không"],
    [1, "một"],
    [5, "năm"],
    [10, "mười"],
    [11, "mười một"],
    [15, "mười lăm"],
    [21, "hai mươi mốt"],
    [24, "hai mươi tư"],
    [55, "năm mươi lăm"],
    [105, "một trăm linh năm"],
    [110, "một trăm mười"],
    [1000, "một nghìn"],
    [1005, "một nghìn không trăm linh năm"],
    [4000, "bốn nghìn"],
    [4751, "bốn nghìn bảy trăm năm mươi mốt"],
    [1234567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"],
    [1000000, "một triệu"],
    [2000000000, "hai tỷ"],
    [1500000000000, "một nghìn năm trăm tỷ"],
    [-3, "âm ba"],
  ])("%d → %s", (n, words) => {
    expect(spellVietnameseInteger(n)).toBe(words);
  });
});

describe("parseCell: blank", () => {
  test.each(ROW_KINDS.map((k) => [k]))("%s: blank is not zero", (kind) => {
    for (const value of [null, undefined, "", "   ", "\u00a0", "\t\n"]) {
      const p = parse(value, kind);
      expect(p.value).toEqual({ kind: "blank" });
      expect(p.issues).toEqual([]);
    }
  });

  test("a formula without a cached value is blank", () => {
    expect(parse(null, "count", { formula: "SUM(D5:D7)" }).value).toEqual({ kind: "blank" });
  });
});

describe("parseCell: count", () => {
  test.each<[RawCell["value"], number]>([
    [0, 0],
    [35, 35],
    ["35", 35],
    ["1.234", 1234],
    ["02", 2],
    ["01", 1],
    ["09", 9],
    ["4575", 4575],
    ["28977", 28977],
    ["2.835", 2835],
    ["43.597", 43597],
    ["1 234", 1234],
    [" 196 ", 196],
    [-0, 0],
  ])("%j → %d", (value, expected) => {
    const p = parse(value, "count");
    expect(num(p).value).toBe(expected);
    expect(Object.is(num(p).value, -0)).toBe(false);
    expect(num(p).decimals).toBe(0);
    expect(p.issues).toEqual([]);
    if (typeof value === "string") expect(num(p).raw).toBe(value);
    else expect(num(p).raw).toBeUndefined();
  });

  test("4,751 is kept as a number with an error suggesting 4.751", () => {
    const p = parse("4,751", "count");
    expect(num(p).value).toBe(4.751);
    expect(num(p).decimals).toBe(3);
    expect(num(p).raw).toBe("4,751");
    expect(p.issues).toEqual([
      {
        severity: "error",
        rule: "kind.count",
        message:
          "Số lượng phải là số nguyên không âm: 4,751 (nếu là bốn nghìn bảy trăm năm mươi mốt, hãy gõ 4751; Excel tiếng Việt: 4.751, tiếng Anh: 4,751)",
      },
    ]);
  });

  test("a stored 4.751 gets the same suggestion", () => {
    const p = parse(4.751, "count");
    expect(num(p).value).toBe(4.751);
    expect(num(p).decimals).toBe(3);
    expect(p.issues[0].message).toBe(
      "Số lượng phải là số nguyên không âm: 4,751 (nếu là bốn nghìn bảy trăm năm mươi mốt, hãy gõ 4751; Excel tiếng Việt: 4.751, tiếng Anh: 4,751)"
    );
  });

  test("other non-whole counts: error without a thousands suggestion", () => {
    const p = parse("2,5", "count");
    expect(num(p).value).toBe(2.5);
    expect(p.issues).toEqual([
      {
        severity: "error",
        rule: "kind.count",
        message: "Số lượng phải là số nguyên không âm: 2,5",
      },
    ]);
    expect(rules(parse(0.5, "count"))).toEqual(["kind.count"]);
  });

  test("4,000: whole but most likely four thousand → warning", () => {
    const p = parse("4,000", "count");
    expect(num(p).value).toBe(4);
    expect(p.issues).toEqual([
      {
        severity: "warning",
        rule: "kind.count",
        message:
          "Số lượng có phần thập phân: 4,000 (nếu là bốn nghìn, hãy gõ 4000; Excel tiếng Việt: 4.000, tiếng Anh: 4,000)",
      },
    ]);
  });

  test("negative → kind.negative", () => {
    for (const value of [-3, "-3"]) {
      const p = parse(value, "count");
      expect(num(p).value).toBe(-3);
      expect(p.issues).toEqual([
        { severity: "error", rule: "kind.negative", message: "Số lượng không được âm: -3" },
      ]);
    }
    expect(parse(-1234, "count").issues[0].message).toBe("Số lượng không được âm: -1.234");
  });

  test("formula noise on a whole count is removed", () => {
    const p = parse(0.1 * 30, "count", { formula: "D5*30" });
    expect(num(p).value).toBe(3);
    expect(num(p).decimals).toBe(0);
    expect(p.issues).toEqual([]);
  });

  test("formula cells parse their stored value", () => {
    expect(num(parse(60, "count", { formula: "D5+D6" })).value).toBe(60);
    expect(rules(parse("#DIV/0!", "count", { formula: "D5/D6" }))).toEqual(["value.unparseable"]);
    expect(parse("#DIV/0!", "count").issues[0].message).toBe("Ô báo lỗi công thức: #DIV/0!");
  });

  test("a cached #DIV/0! on a ratio is 0/0: blank with an info, never an error", () => {
    const p = parse("#DIV/0!", "percent", { formula: 'IF(D8=0,"",D9/D8)' });
    expect(p.value).toEqual({ kind: "blank" });
    expect(p.issues).toEqual([
      {
        severity: "info",
        rule: "value.div-zero",
        message:
          'Công thức chia cho 0 (công thức =IF(D8=0,"",D9/D8)): tỷ lệ không xác định (0/0), để trống.',
      },
    ]);
  });

  test("other cached errors are errors showing the formula; a cached 0 on a ratio is 0", () => {
    for (const e of ["#REF!", "#VALUE!", "#N/A"]) {
      const p = parse(e, "percent", { formula: "D9/D8*100" });
      expect(p.value.kind).toBe("invalid");
      expect(p.issues[0]).toMatchObject({
        severity: "error",
        rule: "value.unparseable",
        message: `Ô báo lỗi công thức: ${e} (công thức =D9/D8*100)`,
      });
    }
    expect(parse("#REF!", "pair", { formula: "A1" }).issues[0].message).toBe(
      "Ô báo lỗi công thức: #REF! (công thức =A1)"
    );
    expect(num(parse(0, "percent", { formula: "D9/D8*100" })).value).toBe(0);
  });

  test("English thousands in a count: unparseable, with a hint", () => {
    const p = parse("4,751,000", "count");
    expect(p.value).toEqual({ kind: "invalid", raw: "4,751,000", reason: p.issues[0].message });
    expect(p.issues[0].message).toBe(
      "Không đọc được số lượng: “4,751,000” (nếu là bốn triệu bảy trăm năm mươi mốt nghìn, hãy gõ 4.751.000)"
    );
  });

  test("a % sign in a count row is not read", () => {
    const p = parse("5%", "count");
    expect(p.value.kind).toBe("invalid");
    expect(p.issues).toEqual([
      {
        severity: "error",
        rule: "value.unparseable",
        message: "Hàng này không phải tỷ lệ nên không dùng dấu %: “5%”",
      },
    ]);
  });
});

describe("parseCell: unparseable values in number rows", () => {
  test.each<[string, RowKind]>([
    ["Bằng 11,384% kế hoạch vốn giao", "percent"],
    ["Bằng 11,384% kế hoạch vốn giao, bằng 15,361%[?] kế hoạch vốn đã phân bổ chi tiết", "money"],
    ["abc", "count"],
    ["abc", "decimal"],
    ["Đang xử lý", "count"],
    ["Còn 06/23 nhiệm vụ đang trong thời hạn giải quyết", "count"],
    ["Trong đó: 1.737 TTHC cấp tỉnh và 428[?] TTHC của cơ quan ngành dọc", "count"],
    ["(Từ 01/01/2024-13/3/2024[?])", "count"],
    ["134,3%%", "percent"],
    ["1.23.4", "decimal"],
    ["1,2,3", "money"],
    ["79/86", "percent"],
    ["0/0", "count"],
  ])("%j in a %s row", (text, kind) => {
    const p = parse(text, kind);
    expect(p.value).toEqual({ kind: "invalid", raw: text, reason: expect.any(String) });
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0].severity).toBe("error");
    expect(p.issues[0].rule).toBe("value.unparseable");
    const quoted = text.length > 80 ? `${text.slice(0, 77)}…` : text;
    expect(p.issues[0].message).toContain(`“${quoted}”`);
  });

  test("message wording", () => {
    expect(parse("Bằng 11,384% kế hoạch vốn giao", "percent").issues[0].message).toBe(
      "Không đọc được tỷ lệ: “Bằng 11,384% kế hoạch vốn giao”"
    );
    expect(parse("abc", "decimal").issues[0].message).toBe("Không đọc được số: “abc”");
    expect(parse("abc", "money").issues[0].message).toBe("Không đọc được số tiền: “abc”");
  });

  test.each<[RowKind]>([["count"], ["percent"], ["decimal"], ["money"], ["enum"]])(
    "booleans are invalid in a %s row",
    (kind) => {
      for (const b of [true, false]) {
        const p = parse(b, kind);
        expect(p.value.kind).toBe("invalid");
        expect(p.issues).toHaveLength(1);
        expect(p.issues[0].severity).toBe("error");
      }
      if (kind !== "enum") expect(parse(true, kind).issues[0].rule).toBe("value.unparseable");
    }
  );

  test.each<[number]>([[NaN], [Infinity], [-Infinity]])("%d is invalid in number rows", (n) => {
    for (const kind of ["count", "percent", "decimal", "money", "enum", "pair"] as RowKind[]) {
      const p = parse(n, kind);
      expect(p.value.kind).toBe("invalid");
      expect(p.issues[0].severity).toBe("error");
    }
  });

  test("a date in a count row is invalid", () => {
    const p = parse(new Date(Date.UTC(2024, 3, 4)), "count");
    expect(p.value).toEqual({ kind: "invalid", raw: "04/04/2024", reason: expect.any(String) });
    expect(p.issues[0].message).toBe(
      "Excel đã đổi giá trị thành ngày tháng (04/04/2024), không phải số"
    );
  });

  test("long texts are shortened in the message but kept whole in raw", () => {
    const text = `Ghi chú ${"rất dài ".repeat(30)}`;
    const p = parse(text, "count");
    expect(p.value).toMatchObject({ kind: "invalid", raw: text });
    expect(p.issues[0].message.length).toBeLessThan(120);
    expect(p.issues[0].message).toContain("…”");
  });
});

describe("parseCell: percent", () => {
  test.each<[string, number, number]>([
    ["99,87%", 99.87, 2],
    ["98,98%", 98.98, 2],
    ["30,8%", 30.8, 1],
    ["52,19%", 52.19, 2],
    ["0%", 0, 0],
    ["99,87", 99.87, 2],
    ["23,46", 23.46, 2],
    ["100", 100, 0],
    ["11,48", 11.48, 2],
    ["91,84", 91.84, 2],
    ["0", 0, 0],
    ["33,3", 33.3, 1],
    ["11,11", 11.11, 2],
    ["40,47", 40.47, 2],
    ["99.6%", 99.6, 1],
    ["11.03%", 11.03, 2],
    ["78,26%", 78.26, 2],
  ])("%j → %d", (text, value, decimals) => {
    const p = parse(text, "percent");
    expect(num(p)).toEqual({ kind: "number", value, decimals, raw: text });
    expect(p.issues).toEqual([]);
  });

  test.each<[string, number, number]>([
    ["19/19=100%", 19, 19],
    ["12/12=100%", 12, 12],
    ["116/116 = 100%", 116, 116],
    ["0/0=0%", 0, 0],
  ])("%j → value with its fraction", (text, a, b) => {
    const p = parse(text, "percent");
    expect(num(p)).toEqual({
      kind: "number",
      value: a === 0 ? 0 : 100,
      decimals: 0,
      fraction: { a, b },
      raw: text,
    });
    expect(p.issues).toEqual([]);
  });

  test("a stored number with % in numFmt is a fraction of 1", () => {
    const p = parse(0.9987, "percent", { numFmt: "0.00%" });
    expect(num(p)).toEqual({ kind: "number", value: 99.87, decimals: 2 });
    expect(p.issues).toEqual([]);
    expect(num(parse(1, "percent", { numFmt: "0%" })).value).toBe(100);
    expect(num(parse(0.308, "percent", { numFmt: "0.0%" })).value).toBe(30.8);
  });

  test("a % inside quotes in numFmt is a literal, not a percent format", () => {
    expect(num(parse(99.87, "percent", { numFmt: '0.00" %"' })).value).toBe(99.87);
    expect(num(parse(99.87, "percent", { numFmt: "0.00\\%" })).value).toBe(99.87);
  });

  test("a stored number without % is already in percent points", () => {
    expect(num(parse(99.87, "percent", { numFmt: "General" }))).toEqual({
      kind: "number",
      value: 99.87,
      decimals: 2,
    });
    expect(num(parse(100, "percent"))).toEqual({ kind: "number", value: 100, decimals: 0 });
  });

  test.each<[RawCell["value"], string | undefined, string]>([
    ["134,3%", undefined, "Tỷ lệ phải từ 0 đến 100%: 134,3%"],
    [150, undefined, "Tỷ lệ phải từ 0 đến 100%: 150"],
    [1.5, "0%", "Tỷ lệ phải từ 0 đến 100%: 150%"],
    ["-5", undefined, "Tỷ lệ phải từ 0 đến 100%: -5"],
  ])("%j out of range", (value, numFmt, message) => {
    const p = parse(value, "percent", numFmt ? { numFmt } : {});
    expect(p.value.kind).toBe("number");
    expect(p.issues).toEqual([{ severity: "error", rule: "kind.percent", message }]);
  });
});

describe("parseCell: decimal and money", () => {
  test("decimal: any number", () => {
    expect(num(parse("-12,5", "decimal"))).toEqual({
      kind: "number",
      value: -12.5,
      decimals: 1,
      raw: "-12,5",
    });
    expect(num(parse(-12.25, "decimal"))).toEqual({ kind: "number", value: -12.25, decimals: 2 });
    expect(parse(-12.25, "decimal").issues).toEqual([]);
  });

  test.each<[string, number, number]>([
    ["3.989.325,00", 3989325, 2],
    ["454.142,00", 454142, 2],
    ["341.608,615", 341608.615, 3],
    ["0", 0, 0],
  ])("money %j → %d", (text, value, decimals) => {
    const p = parse(text, "money");
    expect(num(p)).toEqual({ kind: "number", value, decimals, raw: text });
    expect(p.issues).toEqual([]);
  });

  test("negative money", () => {
    const p = parse(-1500.5, "money");
    expect(num(p).value).toBe(-1500.5);
    expect(p.issues).toEqual([
      { severity: "error", rule: "kind.negative", message: "Số tiền không được âm: -1.500,5" },
    ]);
  });

  test("English-style money gets a hint", () => {
    expect(parse("1,234.56", "money").issues[0].message).toBe(
      "Không đọc được số tiền: “1,234.56” (nếu viết theo kiểu tiếng Anh, hãy gõ 1.234,56)"
    );
  });
});

describe("parseCell: enum", () => {
  test.each<[RawCell["value"], number]>([
    [0, 0],
    [1, 1],
    ["0", 0],
    ["1", 1],
    ["01", 1],
    ["00", 0],
    ["Có", 1],
    ["có", 1],
    ["CÓ", 1],
    ["Co", 1],
    ["Không", 0],
    ["không", 0],
    ["khong", 0],
    ["KHONG", 0],
    [" Có ", 1],
    ["1 (Có)", 1],
    ["0 - Không", 0],
  ])("yes/no %j → %d", (value, code) => {
    const p = parse(value, "enum");
    expect(num(p).value).toBe(code);
    expect(num(p).decimals).toBe(0);
    expect(p.issues).toEqual([]);
    if (typeof value === "string") expect(num(p).raw).toBe(value);
  });

  test.each<[string, number]>([
    ["Trực tuyến", 0],
    ["truc tuyen", 0],
    ["phát phiếu", 1],
    ["Kết hợp", 2],
    ["2", 2],
    ["02", 2],
  ])("survey %j → %d", (value, code) => {
    expect(num(parse(value, "enum", { options: SURVEY })).value).toBe(code);
  });

  test("labels are matched whole: Chưa vs Đang làm vs Hoàn thành", () => {
    expect(num(parse("chưa", "enum", { options: PROGRESS })).value).toBe(0);
    expect(num(parse("dang lam", "enum", { options: PROGRESS })).value).toBe(1);
    expect(num(parse("Hoàn thành", "enum", { options: PROGRESS })).value).toBe(2);
    expect(parse("Chưa có", "enum", { options: PROGRESS }).value.kind).toBe("invalid");
  });

  test("a code is read before a label: `2` is code 2, `2 cấp` is the label of 1", () => {
    const levels = [
      { code: 0, label: "Chưa có" },
      { code: 1, label: "2 cấp" },
      { code: 2, label: "3 cấp" },
    ];
    expect(num(parse("2", "enum", { options: levels })).value).toBe(2);
    expect(num(parse("2 cấp", "enum", { options: levels })).value).toBe(1);
    expect(num(parse("chua co", "enum", { options: levels })).value).toBe(0);
  });

  test.each<[RawCell["value"]]>([
    [2],
    ["2"],
    [-1],
    [0.5],
    ["0,5"],
    ["1%"],
    ["có lẽ"],
    ["x"],
    [true],
    ["1 (Không)"],
  ])("%j is not a code", (value) => {
    const p = parse(value, "enum");
    expect(p.value.kind).toBe("invalid");
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0]).toMatchObject({ severity: "error", rule: "kind.enum" });
    expect(p.issues[0].message).toContain("chỉ nhận 0 (Không) hoặc 1 (Có)");
  });

  test("message lists every code", () => {
    expect(parse(2, "enum").issues[0].message).toBe(
      "Mã không hợp lệ: “2”; chỉ nhận 0 (Không) hoặc 1 (Có)"
    );
    expect(parse("5", "enum", { options: SURVEY }).issues[0].message).toBe(
      "Mã không hợp lệ: “5”; chỉ nhận 0 (Trực tuyến), 1 (Phát phiếu) hoặc 2 (Kết hợp)"
    );
  });
});

describe("parseCell: pair", () => {
  test.each<[string, number, number]>([
    ["0/0", 0, 0],
    ["04/04", 4, 4],
    ["12 / 15", 12, 15],
    ["1.234/2.000", 1234, 2000],
    ["67/67", 67, 67],
    ["79/86", 79, 86],
    ["116/116 = 100%", 116, 116],
    ["\u00a006/23 ", 6, 23],
  ])("%j → %d/%d", (text, a, b) => {
    const p = parse(text, "pair");
    expect(p.value).toEqual({ kind: "pair", a, b, raw: text });
    expect(p.issues).toEqual([]);
  });

  test("a date (Excel turned 04/04 into a date) is recovered as day/month", () => {
    const p = parse(new Date(Date.UTC(2024, 3, 4)), "pair");
    expect(p.value).toEqual({ kind: "pair", a: 4, b: 4 });
    expect(p.issues).toEqual([
      {
        severity: "warning",
        rule: "value.date-as-pair",
        message:
          "Excel đã đổi a/b thành ngày 04/04/2024; đã đọc lại là 4/4, hãy kiểm tra và định dạng ô kiểu Văn bản (Text)",
      },
    ]);
  });

  test("a date whose day and month differ is not guessed: both readings, to confirm", () => {
    // 12/02/2024 came from "12/2" typed on Vietnamese Windows or "2/12" on English Windows.
    const p = parse(new Date(Date.UTC(2024, 1, 12)), "pair");
    expect(p.value.kind).toBe("invalid");
    expect(p.issues).toEqual([
      {
        severity: "error",
        rule: "value.date-pair-ambiguous",
        message:
          "Excel đã đổi a/b thành ngày 12/02/2024: cần xác nhận là 12/2 hay 2/12 (tùy máy nhập theo kiểu Việt Nam hay Mỹ); hãy định dạng ô kiểu Văn bản (Text) rồi gõ lại",
      },
    ]);
  });

  test("a date built at local midnight is read in local time", () => {
    expect(parse(new Date(2024, 2, 3), "pair").value).toEqual({ kind: "pair", a: 3, b: 3 });
    expect(rules(parse(new Date(2024, 2, 13), "pair"))).toEqual(["value.date-pair-ambiguous"]);
  });

  test("a date serial with a date numFmt (Office.js) is recovered too", () => {
    // 45386 is 04/04/2024 in Excel's 1900 date system.
    const p = parse(45386, "pair", { numFmt: "dd/mm/yyyy" });
    expect(p.value).toEqual({ kind: "pair", a: 4, b: 4 });
    expect(rules(p)).toEqual(["value.date-as-pair"]);
  });

  test.each<[RawCell["value"], string | undefined]>([
    ["abc", undefined],
    ["1/2/3", undefined],
    ["1,5/2", undefined],
    ["-1/2", undefined],
    ["1/2%", undefined],
    ["/", undefined],
    ["4/", undefined],
    ["5", undefined],
    [5, undefined],
    [5, "General"],
    [0.5, "0.00"],
    [true, undefined],
  ])("%j is not a pair", (value, numFmt) => {
    const p = parse(value, "pair", numFmt ? { numFmt } : {});
    expect(p.value.kind).toBe("invalid");
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0]).toMatchObject({ severity: "error", rule: "kind.pair" });
  });

  test("an impossible date (serial 1e308 in a date cell) is an error at its cell in every kind", () => {
    for (const kind of ["pair", "count", "percent", "text"] as const) {
      expect(rules(parse(new Date(NaN), kind))).toEqual(["value.impossible-date"]);
    }
    const p = parseCell({ value: null, invalid: IMPOSSIBLE_DATE }, row("count"));
    expect(p.issues[0].message).toBe(IMPOSSIBLE_DATE);
  });

  test("pair message", () => {
    expect(parse("abc", "pair").issues[0].message).toBe(
      "Cặp số phải có dạng a/b với a, b là số nguyên không âm (ví dụ 04/04): “abc”"
    );
  });
});

describe("parseCell: text and header", () => {
  test("text is kept as is", () => {
    const text = "  Đang trong thời gian thực hiện thanh tra ";
    expect(parse(text, "text")).toEqual({ value: { kind: "text", text }, issues: [] });
  });

  test("numbers become Vietnamese text", () => {
    expect(parse(1234.5, "text").value).toEqual({ kind: "text", text: "1.234,5" });
    expect(parse(0.9987, "text", { numFmt: "0.00%" }).value).toEqual({
      kind: "text",
      text: "99,87%",
    });
    expect(parse(new Date(Date.UTC(2024, 0, 1)), "text").value).toEqual({
      kind: "text",
      text: "01/01/2024",
    });
    expect(parse(true, "text").value).toEqual({ kind: "text", text: "TRUE" });
  });

  test("a header with a value → warning", () => {
    const p = parse("12", "header");
    expect(p.value).toEqual({ kind: "text", text: "12" });
    expect(p.issues).toEqual([
      {
        severity: "warning",
        rule: "value.header-has-value",
        message: "Hàng tiêu đề không nhận số liệu nhưng ô có giá trị: “12”",
      },
    ]);
    expect(parse(39488, "header").issues[0].message).toContain("“39.488”");
  });
});

describe("parseCell: seed values", () => {
  // Every value of the reference seeds, in a row of the kind it was printed in.
  test.each<[string, RowKind, number]>([
    ["02", "count", 2],
    ["03", "count", 3],
    ["05", "count", 5],
    ["1.145", "count", 1145],
    ["2.165", "count", 2165],
    ["9.896", "count", 9896],
    ["26.091", "count", 26091],
    ["4.622", "count", 4622],
    ["39.488", "count", 39488],
    ["716", "count", 716],
    ["100", "percent", 100],
    ["3.989.325,00", "money", 3989325],
  ])("%j as %s → %d", (text, kind, value) => {
    const p = parse(text, kind);
    expect(num(p).value).toBe(value);
    expect(p.issues).toEqual([]);
  });
});

describe("messages", () => {
  test("never name a row code or a cell address", () => {
    const samples: ParsedCell[] = [
      parse("4,751", "count"),
      parse("-3", "count"),
      parse("abc", "percent"),
      parse("150", "percent"),
      parse(2, "enum"),
      parse("abc", "pair"),
      parse(new Date(Date.UTC(2024, 3, 4)), "pair"),
      parse("x", "header"),
    ];
    for (const p of samples) {
      for (const i of p.issues) {
        expect(i.message).not.toMatch(/Hàng \d|Biểu mẫu|![A-Z]+\d/);
        expect(i.message).toBe(i.message.normalize("NFC"));
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const anyValue: fc.Arbitrary<RawCell["value"]> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.stringMatching(/^[\s\d.,%/=+-]{0,14}$/),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, Number.MIN_VALUE, 1e21, -1e-7),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(null, undefined)
);

const anyNumFmt: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.constantFrom(
    "General",
    "@",
    "0",
    "0.00",
    "0%",
    "0.00%",
    "#,##0",
    "dd/mm/yyyy",
    "m/d/yy",
    "mm-dd-yy",
    "h:mm",
    '"%"0',
    "[Red]0.0%"
  )
);

const anyOptions = fc.uniqueArray(
  fc.record({ code: fc.nat(20), label: fc.string({ minLength: 1 }) }),
  {
    minLength: 2,
    maxLength: 5,
    selector: (o) => o.code,
  }
);

describe("properties", () => {
  test("parseCell never throws, for every kind", () => {
    fc.assert(
      fc.property(
        anyValue,
        anyNumFmt,
        fc.option(fc.string()),
        fc.constantFrom(...ROW_KINDS),
        anyOptions,
        (value, numFmt, formula, kind, options) => {
          const r = rowSchema.parse({
            code: "1",
            label: "x",
            kind,
            ...(kind === "enum" ? { options } : {}),
          });
          const cell: RawCell = { value };
          if (numFmt !== undefined) cell.numFmt = numFmt;
          if (formula !== null) cell.formula = formula;
          const p = parseCell(cell, r);
          expect(p.value).toBeDefined();
          expect(Array.isArray(p.issues)).toBe(true);
          if (p.value.kind === "invalid")
            expect(p.issues.some((i) => i.severity === "error")).toBe(true);
          if (p.value.kind === "number") expect(Number.isFinite(p.value.value)).toBe(true);
          for (const i of p.issues) expect(i.message.length).toBeGreaterThan(0);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("parseVietnameseNumber never throws and returns finite values", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\s\d.,%+-]{0,20}$/)), (s) => {
        const r = parseVietnameseNumber(s);
        if (r) expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 3000 }
    );
  });

  test("format → parse round-trips integers", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger()), (n) => {
        const r = parseVietnameseNumber(formatVietnameseNumber(n));
        expect(r).not.toBeNull();
        expect(r!.value).toBe(n === 0 ? 0 : n);
        expect(r!.decimals).toBe(0);
      })
    );
  });

  test("format → parse round-trips numbers with 0–4 decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), (m, d) => {
        const n = m / 10 ** d;
        const r = parseVietnameseNumber(formatVietnameseNumber(n));
        expect(r).not.toBeNull();
        expect(r!.value).toBe(n === 0 ? 0 : n);
        expect(r!.decimals).toBeLessThanOrEqual(d);
        const fixed = parseVietnameseNumber(formatVietnameseNumber(n, d));
        expect(fixed).not.toBeNull();
        expect(fixed!.value).toBe(n === 0 ? 0 : n);
        expect(fixed!.decimals).toBe(d);
      })
    );
  });

  test("a count typed as n.toLocaleString('vi-VN') gives n", () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeInteger().map(Math.abs)), (n) => {
        const text = n.toLocaleString("vi-VN");
        const p = parseCell({ value: text }, row("count"));
        expect(p.value).toEqual({ kind: "number", value: n, decimals: 0, raw: text });
        expect(p.issues).toEqual([]);
      })
    );
  });

  test("formatVietnameseNumber agrees with Intl vi-VN", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 4 }), (m, d) => {
        const n = m / 10 ** d;
        const intl = new Intl.NumberFormat("vi-VN", {
          minimumFractionDigits: d,
          maximumFractionDigits: d,
        }).format(n);
        expect(formatVietnameseNumber(n, d)).toBe(intl.replace(/\u2212/g, "-"));
      })
    );
  });

  test("decimalsOf matches the decimals of a typed number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), (m, d) => {
        const n = m / 10 ** d;
        const r = parseVietnameseNumber(formatVietnameseNumber(n));
        expect(decimalsOf(n)).toBe(r!.decimals);
      })
    );
  });
});
