import { getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { buildLayout } from "../../src/core/workbook/layout";
import { createExcelPort } from "../../src/excel/port";
import { ExcelPortError } from "../../src/excel/errors";
import { departmentLayout, fake, syncsOf } from "./fake";

/**
 * Excel rejects through the Stop alert what it cannot parse by its own separators, so examples in prompts
 * and alerts follow them: from Excel itself on ExcelApi 1.11+, otherwise examples valid everywhere.
 */

const BM1 = "Biểu mẫu 1";

/** Whether `cell` (`D9`) lies in `range` (`D9` or `D8:D12`, one column). */
function covers(range: string, cell: string): boolean {
  const [from, to = from] = range.split(":");
  const parse = (a: string) => /^([A-Z]+)(\d+)$/.exec(a);
  const [f, t, c] = [parse(from), parse(to), parse(cell)];
  if (!f || !t || !c || f[1] !== c[1] || t[1] !== c[1]) return false;
  return Number(f[2]) <= Number(c[2]) && Number(c[2]) <= Number(t[2]);
}

function validationAt(sheet: string, address: string) {
  const v = fake
    .sheetInfo(sheet)
    .validations.find((x) => covers(x.address, address)) as unknown as {
    prompt: { message: string };
    errorAlert: { message: string };
  };
  return { prompt: v.prompt.message, alert: v.errorAlert.message };
}

/** A count row of Biểu mẫu 1 and a percent row of Biểu mẫu 3. */
const COUNT = "D9";
const PERCENT = "D16";
const BM3 = "Biểu mẫu 3";

test.each([
  ["English Windows", [".", ","] as [string, string], "1,234", "99.87"],
  ["Vietnamese Windows", [",", "."] as [string, string], "1.234", "99,87"],
])("%s: examples in Excel's separators", async (_n, separators, count, percent) => {
  fake.reset({ version: "1.17", separators });
  await createExcelPort().insertForms(departmentLayout(), "new");
  expect(validationAt(BM1, COUNT).prompt).toContain(`ví dụ ${count}`);
  expect(validationAt(BM1, COUNT).alert).toContain(`ví dụ ${count}.`);
  expect(validationAt(BM3, PERCENT).prompt).toContain(`ví dụ ${percent} `);
  expect(validationAt(BM3, PERCENT).alert).toContain(`ví dụ ${percent}.`);
});

test("without ExcelApi 1.11: examples valid with any separators", async () => {
  fake.reset({ version: "1.9", separators: [",", "."] });
  await createExcelPort().insertForms(departmentLayout(), "new");
  expect(validationAt(BM1, COUNT).prompt).toContain("ví dụ 1234.");
  expect(validationAt(BM3, PERCENT).prompt).toContain("ví dụ 99 ");
});

test("the template file (no Excel to ask) has examples valid with any separators", () => {
  const layout = buildLayout(getFormSet("so-nganh-2024"), {
    unit: "Sở Tư pháp",
    period: parsePeriodId("2024-Q1")!,
  });
  const texts = layout.sheets.flatMap((s) =>
    s.validations.flatMap((v) => [v.prompt.text, v.error.text])
  );
  expect(texts.some((t) => t.includes("ví dụ 1234"))).toBe(true);
  expect(texts.some((t) => t.includes("ví dụ 99 "))).toBe(true);
  expect(texts.join(" ")).not.toMatch(/ví dụ \d+[.,]\d/);
});

test("error alerts are cut at Excel's 225 characters, prompts at 255", async () => {
  fake.reset({ version: "1.9" }); // no separators to ask for: the texts go in as given
  const layout = departmentLayout();
  const v = layout.sheets[0].validations[0];
  v.error.text = "Lỗi ".repeat(100);
  v.prompt.text = "Gợi ý ".repeat(100);
  await createExcelPort().insertForms(layout, "new");
  const got = validationAt(BM1, v.address);
  expect(got.alert.length).toBe(225);
  expect(got.alert.endsWith("…")).toBe(true);
  expect(got.prompt.length).toBe(255);
});

describe("port.separators(): Excel's separators for the pane's hints", () => {
  test("below ExcelApi 1.11: undefined, without asking Excel", async () => {
    fake.reset({ version: "1.9", separators: [",", "."] });
    const port = createExcelPort();
    let got: unknown = "unset";
    expect(
      await syncsOf(async () => {
        got = await port.separators();
      })
    ).toBe(0);
    expect(got).toBeUndefined();
  });

  test.each([
    ["English Windows", ".", ","],
    ["Vietnamese Windows", ",", "."],
  ])("%s on ExcelApi 1.11: one sync, then cached", async (_n, decimal, thousands) => {
    fake.reset({ version: "1.11", separators: [decimal, thousands] });
    const port = createExcelPort();
    let got: unknown;
    expect(
      await syncsOf(async () => {
        got = await port.separators();
      })
    ).toBe(1);
    expect(got).toEqual({ decimal, thousands });
    expect(await syncsOf(() => port.separators())).toBe(0);
    expect(await port.separators()).toEqual({ decimal, thousands });
  });

  test("an unusable pair from Excel (same sign twice) is undefined", async () => {
    fake.reset({ version: "1.17", separators: [",", ","] });
    expect(await createExcelPort().separators()).toBeUndefined();
  });

  test("a failed read rejects with a Vietnamese message and is asked again next time", async () => {
    fake.reset({ version: "1.17", separators: [",", "."] });
    const port = createExcelPort();
    fake.failSync(0, 0);
    const err = await port.separators().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelPortError);
    expect((err as ExcelPortError).message).toContain("đọc dấu phân cách số của Excel");
    expect(await port.separators()).toEqual({ decimal: ",", thousands: "." });
  });

  test("inserting forms learns them on the way: no extra sync after", async () => {
    fake.reset({ version: "1.17", separators: [",", "."] });
    const port = createExcelPort();
    await port.insertForms(departmentLayout(), "new");
    expect(await syncsOf(() => port.separators())).toBe(0);
    expect(await port.separators()).toEqual({ decimal: ",", thousands: "." });
  });
});
