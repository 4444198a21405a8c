/**
 * `npm run screenshots`: a PNG of every state of the pane at 320 px, for a person to look at.
 * Written to $SCREENSHOTS_DIR (default /tmp/cchc-screenshots); `NN-state.png` is the first screen as the
 * officer sees it, `NN-state-full.png` the whole pane. Not part of `npm test` (the name has no `.test`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import {
  BUILD_TIMEOUT_MS,
  closeSession,
  ensurePaneBuilt,
  fakeOptions,
  launchBrowser,
  openPane,
  serve,
  SLOW,
  type PaneSession,
  type StaticServer,
} from "./harness";
import { clickAt, waitForText } from "./pageHelpers";
import {
  EXPECTED_UNITS,
  insertByHand,
  openSection,
  settled,
  typeWrongValues,
  writeUnitFiles,
} from "./paneSteps";

jest.setTimeout(6 * SLOW);

const OUT = process.env.SCREENSHOTS_DIR ?? path.join(os.tmpdir(), "cchc-screenshots");
const VIEWPORT = { width: 320, height: 700 };

describe("screenshots at 320 px", () => {
  let server: StaticServer;
  let browser: Browser;
  let session: PaneSession | undefined;
  let dir: string;
  let files: Record<string, string>;

  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-shots-"));
    files = await writeUnitFiles(dir);
    server = await serve(await ensurePaneBuilt());
    browser = await launchBrowser();
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    console.log(`Screenshots in ${OUT}`);
  });

  afterEach(async () => {
    const s = session;
    session = undefined;
    await closeSession(s);
  });

  async function open(init?: string): Promise<Page> {
    session = await openPane(browser, server.origin, { init, viewport: VIEWPORT });
    return session.page;
  }

  async function shot(page: Page, name: string, full = true): Promise<void> {
    await settled(page);
    await page.screenshot({ path: path.join(OUT, `${name}.png`) });
    if (full) await page.screenshot({ path: path.join(OUT, `${name}-full.png`), fullPage: true });
  }

  test("Nhập liệu & kiểm tra", async () => {
    const page = await open();
    await page.getByRole("heading", { name: "Chèn biểu mẫu" }).waitFor();
    await shot(page, "01-first-open");
    await clickAt(page.getByRole("combobox", { name: "Bộ biểu mẫu" }));
    await page.getByRole("listbox").waitFor();
    await shot(page, "02-form-set-list", false);
    await page.keyboard.press("Escape");
    await insertByHand(page);
    await shot(page, "03-after-insert");
    await typeWrongValues(page);
    await shot(page, "04-findings");
    await clickAt(page.getByRole("button", { name: "Kiểm tra trước khi gửi" }));
    await page.getByTestId("presend-result").waitFor({ timeout: SLOW });
    await page.getByTestId("presend-result").scrollIntoViewIfNeeded();
    await shot(page, "05-pre-send");
    await openSection(page, "Chèn lại hoặc dựng lại biểu mẫu");
    await clickAt(page.getByRole("button", { name: "Chèn biểu mẫu" }));
    await page.getByRole("alertdialog").waitFor({ timeout: SLOW });
    await shot(page, "07-rebuild-dialog", false);
  });

  test("older Excel", async () => {
    const page = await open(fakeOptions({ version: "1.4" }));
    await page.getByTestId("capability-notice").waitFor({ timeout: SLOW });
    await shot(page, "06-older-excel");
    await clickAt(page.getByRole("button", { name: "Chi tiết" }));
    await shot(page, "06-older-excel-details");
  });

  test("Tổng hợp", async () => {
    const page = await open();
    await clickAt(page.getByRole("tab", { name: "Tổng hợp" }));
    await page.getByRole("button", { name: "Chọn tệp .xlsx…" }).waitFor();
    await shot(page, "08-tong-hop-empty");
    await clickAt(page.getByLabel("Mỗi dòng một đơn vị"));
    await page.keyboard.type(EXPECTED_UNITS.join("\n"));
    // Reading slowed down so that the progress can be seen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 20 });
    await page.getByTestId("unit-files-input").setInputFiles(Object.values(files));
    await page.getByTestId("read-progress").waitFor({ timeout: SLOW });
    await page.getByTestId("read-progress").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, "09-tong-hop-loading.png") });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(summary, /đơn vị được tổng hợp/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, "10-tong-hop-problems");
    // The file to confirm, its unit picker open; then the duplicate kept for now.
    await clickAt(page.locator('li[data-status="confirm"]').getByRole("combobox"));
    await page.getByRole("listbox").waitFor({ timeout: SLOW });
    await shot(page, "10a-tong-hop-unit-picker", false);
    await page.keyboard.press("Escape");
    await page.locator('li[data-status="duplicate"]').evaluate((el) => el.scrollIntoView());
    await shot(page, "10b-tong-hop-duplicate", false);
    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    await waitForText(page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."), /Biểu mẫu 1/);
    await page.getByText(/^Đã ghi \d+ trang mới\./).scrollIntoViewIfNeeded();
    await shot(page, "11-tong-hop-written");
    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    await page.getByRole("alertdialog").waitFor({ timeout: SLOW });
    await shot(page, "12-tong-hop-replace-dialog", false);
  });
});
