import { thousandsHint } from "../../src/core/findings/hints";
import { getFormSet } from "../../src/core/forms/catalog";
import { checkRawCells } from "../../src/core/rules/engine";
import {
  MESSAGE_BUDGET,
  render,
  TEMPLATE_KEYS,
  type FindingDraft,
} from "../../src/core/findings/render";
import type { FindingOperand, OperandRole } from "../../src/core/findings/types";

const op = (
  role: OperandRole,
  code: string,
  printed?: string,
  extra: Partial<FindingOperand> = {}
): FindingOperand => ({
  role,
  form: 3,
  code,
  ...(printed === undefined ? { missing: "blank" } : { printed, value: 0 }),
  ...extra,
});

const base = { severity: "error", form: 3, row: "1.4", rule: "r" } as const;

/** One sample per template, with the numbers its message must show. */
const SAMPLES: Record<string, { draft: FindingDraft; shows: string[] }> = {
  "sum.mismatch": {
    draft: {
      ...base,
      type: "sum",
      situation: "mismatch",
      difference: 1,
      operands: [
        op("target", "1.4", "2.836", { name: "Tổng số TTHC" }),
        op("part", "1.4.1", "2.165", { name: "cấp tỉnh" }),
        op("part", "1.4.2", "492", { name: "cấp huyện" }),
        op("part", "1.4.3", "178", { name: "cấp xã" }),
      ],
      facts: { computed: "2.835" },
    },
    shows: [
      "Tổng số TTHC (1.4) là 2.836",
      "cấp tỉnh + cấp huyện + cấp xã",
      "2.165 + 492 + 178 = 2.835",
      "lệch 1",
    ],
  },
  "sum.blank": {
    draft: {
      ...base,
      type: "sum",
      situation: "blank",
      operands: [op("target", "1"), op("part", "1.1", "3"), op("part", "1.2", "5")],
      facts: { computed: "8" },
    },
    shows: ["1 để trống", "3 + 5 = 8", "nên ghi 8"],
  },
  "ratio.mismatch": {
    draft: {
      ...base,
      type: "ratio",
      situation: "mismatch",
      operands: [
        op("target", "6.4", "91,84%"),
        op("numerator", "6.4.2", "39.488"),
        op("denominator", "6.4.1", "43.597"),
      ],
      facts: { computed: "90,575%" },
    },
    shows: ["6.4 là 91,84%", "6.4.2 / 6.4.1 = 39.488 / 43.597 = 90,575%"],
  },
  "ratio.blank": {
    draft: {
      ...base,
      type: "ratio",
      situation: "blank",
      operands: [
        op("target", "1", "Bằng 11,384% kế hoạch vốn giao, bằng 15,361%", {
          missing: "unreadable",
        }),
        op("numerator", "1.2", "454.142"),
        op("denominator", "1.1", "3.989.325"),
      ],
      facts: { computed: "11,38%" },
    },
    shows: ["không đọc được", "454.142 / 3.989.325", "nên ghi 11,38%"],
  },
  "compare.broken": {
    draft: {
      ...base,
      type: "compare",
      situation: "broken",
      op: "=",
      operands: [
        op("left", "3.2", "6", { part: "a", name: "số văn bản xin lỗi" }),
        op("right", "3.2", "23", { part: "b", name: "số hồ sơ trễ hẹn" }),
      ],
      facts: { computed: "6|23" },
    },
    shows: [
      "Số văn bản xin lỗi (3.2 số thứ nhất) là 6",
      "khác số hồ sơ trễ hẹn (3.2 số thứ hai) là 23",
    ],
  },
  "between.outside": {
    draft: {
      ...base,
      type: "between",
      situation: "outside",
      operands: [
        op("target", "5.2", "80,25%"),
        op("part", "5.2.1", "90,5%"),
        op("part", "5.2.2", "100%"),
      ],
      facts: { min: "90,5%", max: "100%" },
    },
    shows: ["5.2 là 80,25%", "90,5% – 100%", "5.2.1, 5.2.2"],
  },
  "between.blank": {
    draft: {
      ...base,
      type: "between",
      situation: "blank",
      operands: [op("target", "5.2"), op("part", "5.2.1", "90%"), op("part", "5.2.2", "100%")],
      facts: { min: "90%", max: "100%" },
    },
    shows: ["5.2 để trống", "90% – 100%"],
  },
  "conditional.broken": {
    draft: {
      ...base,
      type: "conditional",
      situation: "broken",
      operands: [op("when", "6", "0"), op("then", "6.2", "1")],
      facts: { requirement: "phải để trống" },
    },
    shows: ["Vì 6 là 0", "6.2 phải để trống (đang là 1)"],
  },
  "not-below-previous.fell": {
    draft: {
      ...base,
      severity: "warning",
      type: "not-below-previous",
      situation: "fell",
      operands: [op("target", "3", "3"), op("previous", "3", "5")],
      facts: { period: "6 tháng đầu năm 2024", previousPeriod: "Quý I năm 2024" },
    },
    shows: ["3 (6 tháng đầu năm 2024) < 5 (Quý I năm 2024)"],
  },
  "fraction.mismatch": {
    draft: {
      ...base,
      severity: "warning",
      type: "fraction",
      situation: "mismatch",
      operands: [op("target", "1.1", "90%")],
      facts: { computed: "19/20 = 95%" },
    },
    shows: ["Tỷ lệ 90%", "19/20 = 95%"],
  },
  "text-number.grouped": {
    draft: {
      ...base,
      severity: "info",
      type: "text-number",
      situation: "grouped",
      operands: Array.from({ length: 12 }, (_, i) => op("cell", `2.${i + 1}`, `1.00${i}`)),
    },
    shows: ["12 ô", "2.1 “1.000”", "thêm"],
  },
};

describe("message templates", () => {
  it("every template has a sample here", () => {
    expect([...TEMPLATE_KEYS].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [key, { draft, shows }] of Object.entries(SAMPLES)) {
    it(`${key}: numbers first, within ${MESSAGE_BUDGET} characters, with a detail`, () => {
      const { message, detail } = render(draft);
      for (const s of shows) expect(message).toContain(s);
      expect(message.length).toBeLessThanOrEqual(MESSAGE_BUDGET);
      expect(message).toMatch(/^\p{Lu}|^\d/u);
      expect(detail.length).toBeGreaterThan(message.length / 2);
    });
  }

  it("falls back to codes when short names would pass the budget", () => {
    const long = "một tên rất dài của một hàng trong biểu mẫu";
    const draft: FindingDraft = {
      ...SAMPLES["sum.mismatch"].draft,
      operands: SAMPLES["sum.mismatch"].draft.operands!.map((o) => ({ ...o, name: long })),
    };
    const { message } = render(draft);
    expect(message).not.toContain(long);
    expect(message).toContain("1.4.1 + 1.4.2 + 1.4.3 = 2.165 + 492 + 178 = 2.835");
  });

  it("the detail is the rule's own prose when it has one, else the rule from its sides", () => {
    expect(render(SAMPLES["sum.mismatch"].draft, "Tổng bằng các cấp").detail).toMatch(
      /^Tổng bằng các cấp\./
    );
    expect(render(SAMPLES["sum.mismatch"].draft).detail).toMatch(
      /^Quy tắc: 1\.4 = 1\.4\.1 \+ 1\.4\.2 \+ 1\.4\.3\./
    );
  });
});

describe("the thousands hint speaks the officer's Excel", () => {
  it("with a decimal comma (Vietnamese Excel), a decimal point (English Excel), or both ways", () => {
    expect(thousandsHint(4.751, ",")).toBe(
      "nếu là bốn nghìn bảy trăm năm mươi mốt, hãy gõ 4751 hoặc 4.751"
    );
    expect(thousandsHint(4.751, ".")).toBe(
      "nếu là bốn nghìn bảy trăm năm mươi mốt, hãy gõ 4751 hoặc 4,751"
    );
    expect(thousandsHint(2.835)).toBe(
      "nếu là hai nghìn tám trăm ba mươi lăm, hãy gõ 2835; Excel tiếng Việt: 2.835, tiếng Anh: 2,835"
    );
  });

  it("reaches the count finding through checkRawCells", () => {
    const cat = getFormSet("tinh-2024");
    const cells = { "3:1.4.1": { value: "2,835" } };
    const en = checkRawCells(cat, cells, undefined, { decimalSeparator: "." }).findings;
    expect(en.find((f) => f.rule === "kind.count")?.message).toContain("hãy gõ 2835 hoặc 2,835");
    const both = checkRawCells(cat, cells).findings;
    expect(both.find((f) => f.rule === "kind.count")?.message).toContain("tiếng Anh: 2,835");
  });
});
