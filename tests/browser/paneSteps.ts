/**
 * What a person does in the pane, step by step, with the mouse and the keyboard only (shared by the 320/350 px
 * tests and `npm run screenshots`). Excel's side is the fake: values "typed in Excel" go through it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { buildLayout } from "../../src/core/workbook/layout";
import { loadWorkbook } from "../../src/core/xlsx/read";
import { filledTemplate } from "../helpers/workbooks";
import { fakeExcel, SLOW } from "./harness";
import { clickAt, settled, waitForText } from "./pageHelpers";

export { settled } from "./pageHelpers";

const LAYOUT = buildLayout(getFormSet("so-nganh-2024"), {
  unit: "Sở Tư pháp",
  period: parsePeriodId("2024-H1")!,
});

/** `'Biểu mẫu 5'!D12`: the value cell of a row of the Sở, ban, ngành forms. */
export function valueCell(form: number, code: string): string {
  const sheet = LAYOUT.sheets[form - 1];
  const ref = sheet.valueCells.find((v) => v.code === code);
  if (!ref) throw new Error(`no row ${form}:${code}`);
  return `'${sheet.name}'!${ref.address}`;
}

/** Types the unit, the year and the kind of period, then clicks "Chèn biểu mẫu". */
export async function insertByHand(page: Page, unit = "Sở Tư pháp"): Promise<void> {
  await clickAt(page.getByLabel("Tên đơn vị báo cáo"));
  await page.keyboard.type(unit);
  await clickAt(page.getByRole("spinbutton", { name: "Kỳ báo cáo: năm" }));
  await page.keyboard.press("Control+A");
  await page.keyboard.type("2024");
  await page.keyboard.press("Tab");
  await clickAt(page.getByRole("radio", { name: "6 tháng" }));
  await clickAt(page.getByRole("button", { name: "Chèn biểu mẫu" }));
  await waitForText(page.getByTestId("findings-summary"), /^0 lỗi, 0 cảnh báo$/);
}

/** Wrong values typed in Excel: a total that does not add up, and text in a count cell. */
export async function typeWrongValues(page: Page): Promise<void> {
  await fakeExcel(page, "setValue", valueCell(5, "3.1"), 2);
  await fakeExcel(page, "setValue", valueCell(5, "3.2"), 3);
  await fakeExcel(page, "setValue", valueCell(5, "3"), 6);
  await fakeExcel(page, "setValue", valueCell(3, "1.1"), "mười hai");
  await waitForText(page.getByTestId("findings-summary"), /^2 lỗi/);
  await page.locator(`button[data-cell="${valueCell(5, "3")}"]`).waitFor({ timeout: SLOW });
}

/** Opens a closed section below the findings. */
export async function openSection(page: Page, name: string): Promise<void> {
  const header = page.getByRole("button", { name, exact: true });
  if ((await header.getAttribute("aria-expanded")) !== "true") await clickAt(header);
  await settled(page);
}

/** `bytes` saved with `date` as the workbook's own created/modified date (as Excel writes it). */
export async function withWorkbookDate(
  bytes: Uint8Array | Promise<Uint8Array>,
  date: Date
): Promise<Uint8Array> {
  const wb = await loadWorkbook(await bytes, { guarded: false });
  wb.created = date;
  wb.modified = date;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The date both Sở Y tế files carry: the duplicate is decided by errors and the officer is asked. */
export const SAME_DAY = new Date("2024-04-05T08:00:00Z");

/**
 * Unit files for the Tổng hợp states: consolidated ones (one with an error, long names), one not on the list,
 * a duplicate with the same date, another period, a broken file. Returns their paths by name.
 */
export async function writeUnitFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const put = async (name: string, bytes: Uint8Array | Promise<Uint8Array>) => {
    out[name] = path.join(dir, name);
    fs.writeFileSync(out[name], await bytes);
  };
  const q1 = (unit: string, values: Record<string, number>, set = "so-nganh-2024") =>
    filledTemplate(set, unit, "2024-Q1", values);
  await put("so-tu-phap.xlsx", q1("Sở Tư pháp", { "5:3.1": 2, "5:3.2": 3, "5:3": 5 }));
  await put(
    "so-y-te.xlsx",
    withWorkbookDate(q1("Sở Y tế", { "5:3.1": 1, "5:3.2": 1, "5:3": 3 }), SAME_DAY)
  );
  await put(
    "so-y-te-gui-lai.xlsx",
    withWorkbookDate(q1("Sở Y tế", { "5:3.1": 1, "5:3.2": 1, "5:3": 2 }), SAME_DAY)
  );
  await put(
    "so-nong-nghiep-va-phat-trien-nong-thon-bao-cao-quy-1.xlsx",
    q1("Sở Nông nghiệp và Phát triển nông thôn", { "5:3.1": 1, "5:3.2": 0, "5:3": 1 })
  );
  await put("ubnd-huyen-moc-chau.xlsx", q1("UBND huyện Mộc Châu", {}, "dia-phuong-2024"));
  await put(
    "so-noi-vu-6-thang.xlsx",
    filledTemplate("so-nganh-2024", "Sở Nội vụ", "2024-H1", { "5:3.1": 4 })
  );
  await put("hong.xlsx", new TextEncoder().encode("đây không phải là tệp Excel"));
  return out;
}

export const EXPECTED_UNITS = [
  "Sở Tư pháp",
  "Sở Y tế",
  "Sở Nông nghiệp và Phát triển nông thôn",
  "Sở Tài chính",
  "Sở Nội vụ",
];
