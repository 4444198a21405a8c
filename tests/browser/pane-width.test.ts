/**
 * The pane as a person uses it in Excel's narrow task pane (320 and 350 px): mouse clicks at element
 * positions and typing only. Every drop-down and dialog opens and leaves the pane visible; no state scrolls
 * sideways; no badge or button text overflows its box; the findings are on the first screen.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import {
  BUILD_TIMEOUT_MS,
  closeSession,
  describeInBrowser,
  ensurePaneBuilt,
  fakeExcel,
  fakeOptions,
  launchBrowser,
  openPane,
  serve,
  SLOW,
  type PaneSession,
  type StaticServer,
} from "./harness";
import {
  clickAt,
  overflowingLabels,
  primaryButtons,
  showsThrough,
  sidewaysOverflow,
  waitForText,
} from "./pageHelpers";
import {
  EXPECTED_UNITS,
  insertByHand,
  openSection,
  settled,
  typeWrongValues,
  valueCell,
  writeUnitFiles,
} from "./paneSteps";

jest.setTimeout(4 * SLOW);

const HEIGHT = 700;

describeInBrowser.each([320, 350])("the pane at %i px, used with mouse and keyboard", (width) => {
  let server: StaticServer;
  let browser: Browser;
  let session: PaneSession | undefined;
  let dir: string;
  let files: Record<string, string>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-width-"));
    files = await writeUnitFiles(dir);
    server = await serve(await ensurePaneBuilt());
    browser = await launchBrowser();
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    const s = session;
    session = undefined;
    await closeSession(s);
  });

  async function open(init?: string): Promise<Page> {
    session = await openPane(browser, server.origin, { init, viewport: { width, height: HEIGHT } });
    return session.page;
  }

  /** Nothing scrolls sideways and no label spills out of its box. */
  async function expectFits(page: Page, state: string): Promise<void> {
    await settled(page);
    expect({ state, sideways: await sidewaysOverflow(page) }).toEqual({ state, sideways: 0 });
    expect({ state, spills: await overflowingLabels(page) }).toEqual({ state, spills: [] });
  }

  async function expectTabsVisible(page: Page): Promise<void> {
    // Back to the top of the pane, where the tabs are; by id: under a modal dialog they are aria-hidden, yet
    // they must still be seen (dimmed).
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const id of ["#tab-entry", "#tab-consolidate"]) {
      expect(await showsThrough(page.locator(id))).toEqual({
        visible: true,
        covers: [],
      });
    }
  }

  /** The element's top is within the first screen, without scrolling. */
  async function onFirstScreen(locator: Locator): Promise<boolean> {
    const top = await locator.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    return top < HEIGHT;
  }

  test("first open: the insert step comes first and the form-set drop-down opens with a click", async () => {
    const page = await open();
    await page.getByRole("heading", { name: "Chèn biểu mẫu" }).waitFor();
    expect(await onFirstScreen(page.getByRole("button", { name: "Chèn biểu mẫu" }))).toBe(true);
    await expectFits(page, "first open");
    // The help link opens the help page bundled with the pane.
    const help = page.getByRole("link", { name: "Hướng dẫn" });
    const href = await help.evaluate((a) => (a as HTMLAnchorElement).href);
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("Biểu mẫu CCHC — Hướng dẫn nhanh");
    expect(await primaryButtons(page)).toEqual(["Chèn biểu mẫu"]);

    const formSet = page.getByRole("combobox", { name: "Bộ biểu mẫu" });
    await clickAt(formSet);
    const list = page.getByRole("listbox");
    await list.waitFor({ timeout: SLOW });
    await settled(page);
    await expectTabsVisible(page);
    expect(await showsThrough(page.getByRole("heading", { name: "Biểu mẫu CCHC" }))).toEqual({
      visible: true,
      covers: [],
    });
    await expectFits(page, "form-set list open");
    await clickAt(page.getByRole("option", { name: "UBND tỉnh" }));
    await list.waitFor({ state: "hidden" });
    await waitForText(formSet, /^UBND tỉnh$/);
    await clickAt(formSet);
    await clickAt(page.getByRole("option", { name: /^UBND cấp huyện, cấp xã/ }));
    await waitForText(formSet, /^UBND cấp huyện, cấp xã$/);
    // And with the keyboard: Enter opens the list, arrows move, Enter chooses.
    await formSet.focus();
    await page.keyboard.press("Enter");
    await list.waitFor({ timeout: SLOW });
    await page.keyboard.press("Home");
    await page.keyboard.press("Enter");
    await list.waitFor({ state: "hidden" });
    await waitForText(formSet, /^Sở, ban, ngành$/);
  });

  test("after inserting and typing wrong values the findings are on the first screen; the count leads to them", async () => {
    const page = await open();
    await insertByHand(page);
    await typeWrongValues(page);
    const finding = page.locator(`button[data-cell="${valueCell(5, "3")}"]`);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await onFirstScreen(finding)).toBe(true);
    await expectFits(page, "findings");
    // One primary action on the view.
    expect(await primaryButtons(page)).toEqual(["Kiểm tra trước khi gửi"]);

    const summary = page.getByTestId("findings-summary");
    await clickAt(summary.getByRole("button"));
    await page.waitForFunction(() => document.activeElement?.id === "h-findings");

    // The pre-send result belongs to the workbook it checked.
    await clickAt(page.getByRole("button", { name: "Kiểm tra trước khi gửi" }));
    const result = page.getByTestId("presend-result");
    await waitForText(result, /Chưa nên gửi: còn 2 lỗi cần sửa\./);
    await expectFits(page, "pre-send");
    await fakeExcel(page, "setValue", valueCell(3, "1.1"), 12);
    await waitForText(summary, /^1 lỗi, 0 cảnh báo$/);
    await page.getByTestId("presend-stale").waitFor({ timeout: SLOW });
    expect(await result.count()).toBe(0);
    await clickAt(
      page.getByTestId("presend-stale").getByRole("button", { name: "Đóng thông báo" })
    );
    await page.getByTestId("presend-stale").waitFor({ state: "detached" });

    // The rebuild dialog dims the pane instead of hiding it.
    await openSection(page, "Chèn lại hoặc dựng lại biểu mẫu");
    await expectFits(page, "insert section open");
    await clickAt(page.getByRole("button", { name: "Chèn biểu mẫu" }));
    const dialog = page.getByRole("alertdialog", { name: "Sổ làm việc đã có biểu mẫu" });
    await dialog.waitFor({ timeout: SLOW });
    await settled(page);
    await expectTabsVisible(page);
    await expectFits(page, "rebuild dialog");
    await clickAt(dialog.getByRole("button", { name: "Hủy" }));
    await dialog.waitFor({ state: "hidden" });
  });

  test("older Excel: one sentence with Chi tiết, and the insert step still on the first screen", async () => {
    const page = await open(fakeOptions({ version: "1.4" }));
    const notice = page.getByTestId("capability-notice");
    await waitForText(
      notice,
      /^Excel này thiếu một số tính năng; ngăn vẫn kiểm tra được khi bấm Kiểm tra lại\./
    );
    expect(await onFirstScreen(page.getByRole("button", { name: "Chèn biểu mẫu" }))).toBe(true);
    await expectFits(page, "older Excel");
    await clickAt(notice.getByRole("button", { name: "Chi tiết" }));
    await waitForText(notice, /cần ExcelApi 1\.7/);
    await expectFits(page, "older Excel, details");
  });

  test("Tổng hợp: problems first, short badges, nothing sideways, the download message wraps", async () => {
    const page = await open();
    await clickAt(page.getByRole("tab", { name: "Tổng hợp" }));
    await page.getByRole("button", { name: "Chọn tệp .xlsx…" }).waitFor();
    await expectFits(page, "Tổng hợp empty");
    await clickAt(page.getByLabel("Mỗi dòng một đơn vị"));
    await page.keyboard.type(EXPECTED_UNITS.join("\n"));
    await page.getByTestId("unit-files-input").setInputFiles(Object.values(files));
    const summary = page.getByTestId("consolidation-summary");
    // Mộc Châu is not on the list (to confirm); the two Sở Y tế files carry the same date.
    await waitForText(
      summary,
      /^1 tệp cần xác nhận \(chưa tổng hợp\); 3 đơn vị được tổng hợp; 2 tệp bị loại; 1 tệp trùng \(1 đơn vị cần xác nhận tệp được giữ\); 2 đơn vị chưa nộp\.$/
    );
    const statuses = await page
      .getByTestId("units-table")
      .locator("li[data-status]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(statuses).toEqual([
      "confirm",
      "excluded",
      "excluded",
      "duplicate",
      "missing",
      "missing",
      "included",
      "included",
      "included",
    ]);
    await expectFits(page, "Tổng hợp with problems");

    // The unit picker of the file to confirm opens with a click and fits; the pick merges the file.
    const picker = page.getByRole("combobox", {
      name: "Tệp “ubnd-huyen-moc-chau.xlsx” là của đơn vị",
    });
    await clickAt(picker);
    await page.getByRole("listbox").waitFor();
    await expectFits(page, "unit picker open");
    await clickAt(page.getByRole("option", { name: "Sở Tài chính" }));
    await waitForText(
      summary,
      /^4 đơn vị được tổng hợp; 2 tệp bị loại; 1 tệp trùng \(1 đơn vị cần xác nhận tệp được giữ\); 1 đơn vị chưa nộp\.$/
    );
    await expectFits(page, "Tổng hợp after the pick");

    await clickAt(page.getByTestId("units-filter"));
    await page.getByRole("listbox").waitFor();
    await settled(page);
    await expectTabsVisible(page);
    await clickAt(page.getByRole("option", { name: /^Cần xem/ }));

    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    await waitForText(page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."), /Biểu mẫu 1/);
    await expectFits(page, "Tổng hợp written");
    await clickAt(page.getByRole("button", { name: "Tải tệp tổng hợp .xlsx" }));
    await waitForText(page.getByText(/^Đã tạo tệp tổng hợp/), /bấm vào đây để tải/);
    await expectFits(page, "download message");
  });
});
