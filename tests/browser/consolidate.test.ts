/**
 * The "Tổng hợp" tab in real Chromium: unit files picked with the file input or dropped, read in the browser
 * (xlsx and consolidation loaded on demand), the units table, the expected-unit list kept in the workbook,
 * and the consolidated sheets written into Excel (the fake).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { checkWorkbookBytes } from "../../src/core/report";
import { META_SHEET } from "../../src/core/workbook/metadata";
import { filledTemplate, handmadeWorkbook } from "../helpers/workbooks";
import {
  BUILD_TIMEOUT_MS,
  closeSession,
  describeInBrowser,
  ensurePaneBuilt,
  fakeExcel,
  launchBrowser,
  openPane,
  serve,
  SLOW,
  type PaneSession,
  type StaticServer,
} from "./harness";
import { clickAt, runAxe, waitForText } from "./pageHelpers";
import { SAME_DAY, withWorkbookDate } from "./paneSteps";

jest.setTimeout(3 * SLOW);

/** The annex title of seed 003: it names "the departments" in general, not one unit. */
const SEED_TITLE = "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ CỦA CÁC SỞ, BAN, NGÀNH";
/** Label of the province's BM5 row 3 (sum of the departments' 5:3). */
const BM5_ROW3 = /^Số lượng lãnh đạo quản lý được tuyển chọn, bổ nhiệm thông qua thi tuyển/;

describeInBrowser("the Tổng hợp tab in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let session: PaneSession | undefined;
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-units-"));
    const write = async (name: string, bytes: Uint8Array | Promise<Uint8Array>) => {
      files[name] = path.join(dir, name);
      fs.writeFileSync(files[name], await bytes);
    };
    await write(
      "so-tu-phap.xlsx",
      filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", { "5:3.1": 2, "5:3.2": 3, "5:3": 5 })
    );
    // One error: 3 ≠ 1 + 1.
    await write(
      "so-y-te.xlsx",
      withWorkbookDate(
        filledTemplate("so-nganh-2024", "Sở Y tế", "2024-Q1", { "5:3.1": 1, "5:3.2": 1, "5:3": 3 }),
        SAME_DAY
      )
    );
    await write(
      "so-y-te-gui-lai.xlsx",
      withWorkbookDate(
        filledTemplate("so-nganh-2024", "Sở Y tế", "2024-Q1", { "5:3.1": 1, "5:3.2": 1, "5:3": 2 }),
        SAME_DAY
      )
    );
    await write(
      "so-noi-vu-6-thang.xlsx",
      filledTemplate("so-nganh-2024", "Sở Nội vụ", "2024-H1", { "5:3.1": 4 })
    );
    await write(
      "ubnd-moc-chau.xlsx",
      filledTemplate("dia-phuong-2024", "UBND huyện Mộc Châu", "2024-Q1", {})
    );
    await write("hong.xlsx", new TextEncoder().encode("đây không phải là tệp Excel"));
    // A handmade file whose only unit text is the seed-003 annex title.
    await write(
      "bao-cao-cchc-quy-1.xlsx",
      handmadeWorkbook(
        "so-nganh-2024",
        { "5:3.1": 2, "5:3.2": 3, "5:3": 5 },
        { titleLines: [SEED_TITLE, "Kỳ báo cáo: Quý I năm 2024"] }
      )
    );
    // Two files of one unit with the same workbook date; the first has an error (3 ≠ 1 + 1).
    await write(
      "so-xay-dung.xlsx",
      withWorkbookDate(
        filledTemplate("so-nganh-2024", "Sở Xây dựng", "2024-Q1", {
          "5:3.1": 1,
          "5:3.2": 1,
          "5:3": 3,
        }),
        SAME_DAY
      )
    );
    await write(
      "so-xay-dung-ban-2.xlsx",
      withWorkbookDate(
        filledTemplate("so-nganh-2024", "Sở Xây dựng", "2024-Q1", {
          "5:3.1": 1,
          "5:3.2": 0,
          "5:3": 1,
        }),
        SAME_DAY
      )
    );
    // A count typed as 2.835 on English Excel: the number 2.835, not a count.
    await write(
      "so-cong-thuong.xlsx",
      filledTemplate("so-nganh-2024", "Sở Công Thương", "2024-Q1", {
        "5:3.1": 2.835,
        "5:3.2": 1,
      })
    );
    // The unit register as an Excel sheet: name, code, other names.
    const reg = new ExcelJS.Workbook();
    const ws = reg.addWorksheet("Danh sách");
    ws.addRows([
      ["Tên đơn vị", "Mã", "Tên khác"],
      ["Sở Tư pháp", "STP", ""],
      ["Sở Khoa học và Công nghệ", "SKHCN", "Sở KH&CN"],
    ]);
    await write("don-vi.xlsx", new Uint8Array(await reg.xlsx.writeBuffer()));
    await write(
      "so-khcn.xlsx",
      filledTemplate("so-nganh-2024", "Sở KH&CN", "2024-Q1", { "5:3.1": 1 })
    );
    const csv = path.join(dir, "units.csv");
    fs.writeFileSync(csv, "\uFEFFTên đơn vị\nSở Tư pháp\nSở Xây dựng\n");
    files["units.csv"] = csv;
    const distDir = await ensurePaneBuilt();
    server = await serve(distDir);
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

  /** The province's BM5 row 3 as written into the workbook (the fake). */
  async function writtenBm5Row3(page: Page): Promise<unknown> {
    const rows = await fakeExcel<unknown[][]>(page, "rows", "Biểu mẫu 5");
    const line = rows.find((r) => r.some((v) => typeof v === "string" && BM5_ROW3.test(v)));
    return line?.find((v) => typeof v === "number");
  }

  async function writeResult(page: Page): Promise<void> {
    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    await waitForText(page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."), /Biểu mẫu 5/);
  }

  async function openTab(init?: string): Promise<Page> {
    session = await openPane(browser, server.origin, { init });
    const page = session.page;
    await page.getByRole("tab", { name: "Tổng hợp" }).click();
    await page.getByRole("button", { name: "Chọn tệp .xlsx…" }).waitFor();
    return page;
  }

  /** Rows of the units list as their text (unit, badge, file and counts, details) and status attribute. */
  async function unitRows(page: Page): Promise<{ status: string; text: string }[]> {
    return page
      .getByTestId("units-table")
      .locator("li[data-status]")
      .evaluateAll((rows) =>
        rows.map((r) => ({
          status: r.getAttribute("data-status") ?? "",
          text: (r as HTMLElement).innerText.replace(/\s+/g, " ").trim(),
        }))
      );
  }

  test("picked files are read with a progress bar and listed with their status, errors and warnings", async () => {
    const page = await openTab();
    await page
      .getByLabel("Mỗi dòng một đơn vị")
      .fill("Sở Tư pháp\nSở Y tế\nSở Tài chính\nSở Nội vụ");
    // Record whether a progress bar was ever shown while reading.
    await page.evaluate(() => {
      const w = window as unknown as { __sawProgress: boolean };
      w.__sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector("[role=progressbar]")) w.__sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page
      .getByTestId("unit-files-input")
      .setInputFiles(
        [
          "so-tu-phap.xlsx",
          "so-y-te.xlsx",
          "so-y-te-gui-lai.xlsx",
          "so-noi-vu-6-thang.xlsx",
          "ubnd-moc-chau.xlsx",
          "hong.xlsx",
        ].map((f) => files[f])
      );
    const summary = page.getByTestId("consolidation-summary");
    // Mộc Châu is not on the list: never merged in silence. The two Sở Y tế files carry the same date.
    await waitForText(
      summary,
      /^1 tệp cần xác nhận \(chưa tổng hợp\); 2 đơn vị được tổng hợp; 2 tệp bị loại; 1 tệp trùng \(1 đơn vị cần xác nhận tệp được giữ\); 2 đơn vị chưa nộp\.$/
    );
    expect(
      await page.evaluate(() => (window as unknown as { __sawProgress: boolean }).__sawProgress)
    ).toBe(true);
    expect(await page.locator("[role=progressbar]").count()).toBe(0);
    // The period came from the first readable file.
    expect(await page.getByRole("radio", { name: "Quý I", exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("spinbutton", { name: "Kỳ tổng hợp: năm" }).inputValue()).toBe(
      "2024"
    );

    const rows = await unitRows(page);
    const row = (re: RegExp) => rows.filter((r) => re.test(r.text));
    expect(row(/^Sở Tư pháp Đã tổng hợp so-tu-phap\.xlsx/)).toEqual([
      {
        status: "included",
        // Only BM5 was filled: the other forms are flagged, since blank is not 0.
        text: expect.stringMatching(
          /so-tu-phap\.xlsx · 0 lỗi, 0 cảnh báo Biểu mẫu 1, 2, 3, 4, 6, 7 để trống hoàn toàn\./
        ),
      },
    ]);
    expect(row(/^UBND huyện Mộc Châu/)).toEqual([
      {
        status: "confirm",
        text: expect.stringMatching(
          /^UBND huyện Mộc Châu Cần xác nhận ubnd-moc-chau\.xlsx · 0 lỗi, 0 cảnh báo Tệp ghi đơn vị “UBND huyện Mộc Châu”, không có trong danh sách đơn vị\./
        ),
      },
    ]);
    // The pane's sentences point to its own controls, not to the command line.
    for (const r of rows) expect(r.text).not.toMatch(/--assign|--keep|chạy lại lệnh/);
    expect(
      await page.getByRole("combobox", { name: "Tệp “ubnd-moc-chau.xlsx” là của đơn vị" }).count()
    ).toBe(1);
    // Same date: the file without errors is kept for now, and the officer is asked to confirm.
    const yTe = row(/^Sở Y tế/);
    expect(yTe).toEqual([
      {
        status: "duplicate",
        text: expect.stringMatching(
          /^Sở Y tế Trùng so-y-te\.xlsx · 1 lỗi, 0 cảnh báo CẦN XÁC NHẬN/
        ),
      },
      {
        status: "included",
        text: expect.stringMatching(
          /^Sở Y tế Đã tổng hợp so-y-te-gui-lai\.xlsx · 0 lỗi, 0 cảnh báo CẦN XÁC NHẬN: .*ít lỗi nhất/
        ),
      },
    ]);
    // What needs the officer comes first: to confirm, excluded, duplicate, missing, then the consolidated units.
    expect(rows.map((r) => r.status)).toEqual([
      "confirm",
      "excluded",
      "excluded",
      "duplicate",
      "missing",
      "missing",
      "included",
      "included",
    ]);
    expect(row(/so-noi-vu-6-thang\.xlsx/)).toEqual([
      {
        status: "excluded",
        text: expect.stringMatching(/Bị loại.*6 tháng đầu năm 2024.*Quý I năm 2024/),
      },
    ]);
    expect(row(/hong\.xlsx/)).toEqual([
      { status: "excluded", text: expect.stringMatching(/Bị loại.*Không phải tệp Excel \.xlsx/) },
    ]);
    expect(row(/^Sở Tài chính/)).toEqual([
      { status: "missing", text: expect.stringMatching(/Chưa nộp/) },
    ]);
    // Sở Nội vụ sent a file for another period only: not received for this one.
    expect(row(/^Sở Nội vụ Chưa nộp/)).toHaveLength(1);

    // Only files without errors: the file with an error is left out (whichever Sở Y tế file was kept).
    await page.getByRole("switch", { name: "Chỉ tổng hợp các tệp không có lỗi" }).click();
    await waitForText(summary, /được tổng hợp; \d tệp bị loại/);
    const strictRows = await unitRows(page);
    for (const r of strictRows.filter((x) => x.status === "included"))
      expect(r.text).toMatch(/ · 0 lỗi/);

    // Another period: the 6-month file is the one that counts now.
    await page.getByRole("switch", { name: "Chỉ tổng hợp các tệp không có lỗi" }).click();
    await page.getByRole("radio", { name: "6 tháng" }).check();
    await waitForText(summary, /^1 đơn vị được tổng hợp;/);
    expect((await unitRows(page)).filter((r) => r.status === "included")[0].text).toMatch(
      /^Sở Nội vụ/
    );
    // The pane reads each file once: changing the period did not read them again.
    expect(await page.getByTestId("read-progress").count()).toBe(0);
    expect(await runAxe(page)).toEqual([]);
  });

  test("a list saved in the workbook earlier is there when the pane opens", async () => {
    // The workbook holds the setting before the pane starts: written through the fake's Office.js API while
    // Office.onReady is still pending.
    const saved = "Sở Tư pháp\nUBND huyện Mộc Châu";
    const init = `
      let office;
      Object.defineProperty(window, "Office", {
        configurable: true,
        get() { return office; },
        set(v) {
          const ready = v.onReady.bind(v);
          v.onReady = (cb) => ready().then(async (info) => {
            await Excel.run(async (ctx) => {
              ctx.workbook.settings.add("cchc.expectedUnits", ${JSON.stringify(saved)});
              await ctx.sync();
            });
            if (cb) cb(info);
            return info;
          });
          office = v;
        },
      });`;
    const page = await openTab(init);
    const list = page.getByLabel("Mỗi dòng một đơn vị");
    await page.waitForFunction(
      (want) => (document.querySelector("textarea") as HTMLTextAreaElement | null)?.value === want,
      saved
    );
    expect(await list.inputValue()).toBe(saved);
    await page.getByTestId("unit-files-input").setInputFiles([files["so-tu-phap.xlsx"]]);
    await waitForText(
      page.getByTestId("consolidation-summary"),
      /^1 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng; 1 đơn vị chưa nộp\.$/
    );
  });

  test("the expected-unit list is saved in the workbook and can be imported from units.csv", async () => {
    const page = await openTab();
    await page.getByTestId("expected-file-input").setInputFiles(files["units.csv"]);
    await waitForText(page.getByText(/^Đã nhập 2 đơn vị/), /từ “units\.csv”/);
    expect(await page.getByLabel("Mỗi dòng một đơn vị").inputValue()).toBe(
      "Sở Tư pháp\nSở Xây dựng"
    );
    await page.getByRole("button", { name: "Lưu danh sách" }).click();
    await waitForText(page.getByText(/^Đã lưu/), /^Đã lưu 2 đơn vị vào sổ làm việc\.$/);
    const settings = await fakeExcel<Record<string, unknown>>(page, "settings");
    expect(settings["cchc.expectedUnits"]).toBe("Sở Tư pháp\nSở Xây dựng");
  });

  test("a dropped file is read like a picked one, and the result is written as new sheets", async () => {
    const page = await openTab();
    const bytes = fs.readFileSync(files["so-tu-phap.xlsx"]).toString("base64");
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([data], "so-tu-phap.xlsx", {
          type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
      );
      const zone = document.querySelector("[data-testid=drop-zone]")!;
      zone.dispatchEvent(
        new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: transfer })
      );
      zone.dispatchEvent(
        new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: transfer })
      );
    }, bytes);
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(summary, /^1 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng\.$/);

    // A user sheet named like an output sheet is never written over.
    await fakeExcel(page, "addSheet", "Biểu mẫu 1", [["số liệu của người dùng"]]);
    await page.getByRole("button", { name: "Ghi kết quả tổng hợp" }).click();
    await waitForText(
      page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."),
      /Tình hình nộp báo cáo/
    );
    const names = (await fakeExcel<{ name: string }[]>(page, "sheets")).map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(["Chi tiết theo đơn vị", "Tình hình nộp báo cáo"])
    );
    expect(await fakeExcel(page, "getValue", "'Biểu mẫu 1'!A1")).toBe("số liệu của người dùng");
    expect(names.filter((n) => n.startsWith("Biểu mẫu 1")).length).toBe(2);
    const detail = JSON.stringify(await fakeExcel(page, "rows", "Chi tiết theo đơn vị"));
    expect(detail).toContain("Sở Tư pháp");
    // The open workbook is the user's: no metadata sheet is written into it.
    expect(names).not.toContain(META_SHEET);
  });

  test("the consolidation downloads as a file of its own that cchc validate recognises by its metadata", async () => {
    const page = await openTab();
    await page
      .getByTestId("unit-files-input")
      .setInputFiles(["so-tu-phap.xlsx", "ubnd-moc-chau.xlsx"].map((f) => files[f]));
    await waitForText(
      page.getByTestId("consolidation-summary"),
      /^2 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng\.$/
    );
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: SLOW }),
      page.getByRole("button", { name: "Tải tệp tổng hợp .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Tổng hợp CCHC - Quý I năm 2024.xlsx");
    const file = path.join(dir, "tong-hop-tai-ve.xlsx");
    await download.saveAs(file);
    const report = await checkWorkbookBytes("tong-hop.xlsx", new Uint8Array(fs.readFileSync(file)));
    expect(report).toMatchObject({
      ok: true,
      formSet: "tinh-2024",
      period: "2024-Q1",
      how: { formSet: "metadata", unit: "metadata", period: "metadata" },
    });
    expect(report.ok && report.values["5:3"]).toBe(5);
    await waitForText(page.getByText(/^Đã tạo tệp tổng hợp/), /bấm vào đây để tải/);
    // Nothing was written into the open workbook.
    const names = (await fakeExcel<{ name: string }[]>(page, "sheets")).map((s) => s.name);
    expect(names).toEqual(["Sheet1"]);
  });

  test("a person works through the list: opens a unit's findings, filters, removes one file", async () => {
    const page = await openTab();
    await page
      .getByTestId("unit-files-input")
      .setInputFiles(["so-tu-phap.xlsx", "so-y-te.xlsx", "hong.xlsx"].map((f) => files[f]));
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(summary, /^2 đơn vị được tổng hợp; 1 tệp bị loại; 0 tệp trùng\.$/);

    // Sở Y tế's "1 lỗi" opens to the finding, its cell said in words.
    const yTe = page.locator('li[data-file="so-y-te.xlsx"]');
    await waitForText(yTe, /so-y-te\.xlsx · 1 lỗi, 0 cảnh báo/);
    await clickAt(yTe.getByRole("button", { name: "Xem lỗi, cảnh báo" }));
    await waitForText(yTe, /\(3\) là 3, nhưng .*= 1 \+ 1 = 2 \(lệch 1\)\. \(Biểu mẫu 5, ô D\d+\)/);

    // The filter is a drop-down a mouse can open.
    await clickAt(page.getByTestId("units-filter"));
    await clickAt(page.getByRole("option", { name: "Đã tổng hợp (2)" }));
    expect(await unitRows(page).then((r) => r.map((x) => x.status))).toEqual([
      "included",
      "included",
    ]);
    await clickAt(page.getByTestId("units-filter"));
    await clickAt(page.getByRole("option", { name: /^Tất cả/ }));

    // One file leaves the consolidation; the others are not read again.
    await clickAt(page.getByRole("button", { name: "Bỏ tệp hong.xlsx" }));
    await waitForText(summary, /^2 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng\.$/);
    await clickAt(page.getByRole("button", { name: "Bỏ tệp so-y-te.xlsx" }));
    await waitForText(summary, /^1 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng\.$/);
    expect(await page.getByRole("button", { name: "Bỏ hết 1 tệp" }).count()).toBe(1);
  });

  test("writing again asks to replace the earlier consolidation sheets and never adds “(2)” copies", async () => {
    const page = await openTab();
    await page.getByTestId("unit-files-input").setInputFiles([files["so-tu-phap.xlsx"]]);
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(summary, /^1 đơn vị được tổng hợp;/);
    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    await waitForText(page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."), /Biểu mẫu 1/);
    const first = (await fakeExcel<{ name: string }[]>(page, "sheets")).map((x) => x.name);
    expect(first).toEqual(
      expect.arrayContaining(["Sheet1", "Biểu mẫu 1", "Tình hình nộp báo cáo"])
    );

    // A change of the inputs makes the written sheets out of date.
    await clickAt(page.getByRole("switch", { name: "Chỉ tổng hợp các tệp không có lỗi" }));
    await page.getByTestId("written-stale").waitFor({ timeout: SLOW });
    expect(await page.getByText(/^Đã ghi \d+ trang mới\./).count()).toBe(0);

    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    const dialog = page.getByRole("alertdialog", { name: "Sổ làm việc đã có kết quả tổng hợp" });
    await dialog.waitFor({ timeout: SLOW });
    await waitForText(dialog, /“Biểu mẫu 1”.*“Tình hình nộp báo cáo”/);
    await clickAt(dialog.getByRole("button", { name: "Thay kết quả cũ" }));
    await waitForText(page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."), /Biểu mẫu 1/);
    const again = (await fakeExcel<{ name: string }[]>(page, "sheets")).map((x) => x.name);
    expect([...again].sort()).toEqual([...first].sort());
    expect(again.filter((n) => / \(\d+\)$/.test(n))).toEqual([]);
  });

  test("typing in the expected-unit list consolidates once the typing stops, not per key", async () => {
    const page = await openTab();
    await page.getByTestId("unit-files-input").setInputFiles([files["so-tu-phap.xlsx"]]);
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(summary, /^1 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng\.$/);
    // Record every name a "Chưa nộp" row shows while typing.
    await page.evaluate(() => {
      const w = window as unknown as { __missingSeen: string[] };
      w.__missingSeen = [];
      new MutationObserver(() => {
        for (const li of document.querySelectorAll('li[data-status="missing"]')) {
          const name =
            (li.firstElementChild?.firstElementChild as HTMLElement | null)?.innerText.trim() ?? "";
          if (!w.__missingSeen.includes(name)) w.__missingSeen.push(name);
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await clickAt(page.getByLabel("Mỗi dòng một đơn vị"));
    // Keys back to back, as a quick typist: a pause of 400 ms (the debounce) between two keys would count as
    // typing that stopped.
    await page.keyboard.type("Sở Tài chính");
    await waitForText(summary, /1 đơn vị chưa nộp\.$/);
    expect(
      await page.evaluate(() => (window as unknown as { __missingSeen: string[] }).__missingSeen)
    ).toEqual(["Sở Tài chính"]);
  });

  test("a file naming no unit is asked about first; the unit the officer picks is consolidated and counted", async () => {
    const page = await openTab();
    await clickAt(page.getByLabel("Mỗi dòng một đơn vị"));
    await page.keyboard.type("Sở Tư pháp\nSở Tài chính");
    await page
      .getByTestId("unit-files-input")
      .setInputFiles(["so-tu-phap.xlsx", "bao-cao-cchc-quy-1.xlsx"].map((f) => files[f]));
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(
      summary,
      /^1 tệp cần xác nhận \(chưa tổng hợp\); 1 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng; 1 đơn vị chưa nộp\.$/
    );
    const first = (await unitRows(page))[0];
    expect(first.status).toBe("confirm");
    expect(first.text).toMatch(
      /^CÁC SỞ, BAN, NGÀNH Cần xác nhận bao-cao-cchc-quy-1\.xlsx · 0 lỗi, 0 cảnh báo Tệp không ghi tên đơn vị .*là tên chung, không phải tên một đơn vị\..* Chọn đơn vị cho tệp ở ô bên dưới\. Tệp “bao-cao-cchc-quy-1\.xlsx” là của đơn vị Bỏ tệp$/
    );
    // Not merged yet: the province's total is Sở Tư pháp's alone.
    await writeResult(page);
    expect(await writtenBm5Row3(page)).toBe(5);

    await clickAt(
      page.getByRole("combobox", { name: "Tệp “bao-cao-cchc-quy-1.xlsx” là của đơn vị" })
    );
    await clickAt(page.getByRole("option", { name: "Sở Tài chính" }));
    await waitForText(
      summary,
      /^2 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng; 0 đơn vị chưa nộp\.$/
    );
    const picked = (await unitRows(page)).filter((r) => r.status === "included");
    expect(picked.map((r) => r.text.split(" Đã tổng hợp ")[0]).sort()).toEqual([
      "Sở Tài chính",
      "Sở Tư pháp",
    ]);
    expect(picked.find((r) => r.text.startsWith("Sở Tài chính"))!.text).toMatch(
      /^Sở Tài chính Đã tổng hợp bao-cao-cchc-quy-1\.xlsx · 0 lỗi, 0 cảnh báo Đơn vị do bạn chọn cho tệp này\./
    );
    expect(await runAxe(page)).toEqual([]);
    // The earlier sheets are out of date; written again they count the file as Sở Tài chính's: 5 + 5.
    await page.getByTestId("written-stale").waitFor({ timeout: SLOW });
    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    const dialog = page.getByRole("alertdialog", { name: "Sổ làm việc đã có kết quả tổng hợp" });
    await clickAt(dialog.getByRole("button", { name: "Thay kết quả cũ" }));
    await waitForText(page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."), /Biểu mẫu 5/);
    expect(await writtenBm5Row3(page)).toBe(10);
    const detail = JSON.stringify(await fakeExcel(page, "rows", "Chi tiết theo đơn vị"));
    expect(detail).toContain("Sở Tài chính");
  });

  test("two files of one unit with the same date: the choice is shown loudly and the officer keeps the other", async () => {
    const page = await openTab();
    await page
      .getByTestId("unit-files-input")
      .setInputFiles(["so-xay-dung.xlsx", "so-xay-dung-ban-2.xlsx"].map((f) => files[f]));
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(
      summary,
      /^1 đơn vị được tổng hợp; 0 tệp bị loại; 1 tệp trùng \(1 đơn vị cần xác nhận tệp được giữ\)\.$/
    );
    // The kept file (no errors) and the dropped one (1 error) both say it needs a confirmation, in warning colour.
    const kept = page.locator('li[data-file="so-xay-dung-ban-2.xlsx"]');
    const dropped = page.locator('li[data-file="so-xay-dung.xlsx"]');
    expect(await kept.getAttribute("data-status")).toBe("included");
    expect(await dropped.getAttribute("data-status")).toBe("duplicate");
    await waitForText(kept.locator("[data-alert]"), /^CẦN XÁC NHẬN: .*tạm giữ vì ít lỗi nhất/);
    await waitForText(
      dropped.locator("[data-alert]"),
      /^CẦN XÁC NHẬN: .*đã tạm giữ so-xay-dung-ban-2\.xlsx \(không có lỗi\), bỏ so-xay-dung\.xlsx \(1 lỗi\)\. Để giữ tệp khác: bấm “Dùng tệp này” ở tệp đó\.$/
    );
    await writeResult(page);
    expect(await writtenBm5Row3(page)).toBe(1);

    await clickAt(dropped.getByRole("button", { name: "Dùng tệp này" }));
    await waitForText(summary, /^1 đơn vị được tổng hợp; 0 tệp bị loại; 1 tệp trùng\.$/);
    expect(await page.locator('li[data-file="so-xay-dung.xlsx"]').getAttribute("data-status")).toBe(
      "included"
    );
    expect(
      await page.locator('li[data-file="so-xay-dung-ban-2.xlsx"]').getAttribute("data-status")
    ).toBe("duplicate");
    expect(await page.locator("[data-alert]").count()).toBe(0);
    await clickAt(page.getByRole("button", { name: "Ghi kết quả tổng hợp" }));
    const dialog = page.getByRole("alertdialog", { name: "Sổ làm việc đã có kết quả tổng hợp" });
    await clickAt(dialog.getByRole("button", { name: "Thay kết quả cũ" }));
    await waitForText(page.getByText(/^Đã ghi \d+ trang mới\./).locator(".."), /Biểu mẫu 5/);
    // The officer's file is the one counted, error and all: 3.
    expect(await writtenBm5Row3(page)).toBe(3);
  });

  test("a count stored as the number 2.835 is shown in its unit's row as not summed", async () => {
    const page = await openTab();
    await page
      .getByTestId("unit-files-input")
      .setInputFiles(["so-cong-thuong.xlsx", "so-tu-phap.xlsx"].map((f) => files[f]));
    await waitForText(
      page.getByTestId("consolidation-summary"),
      /^2 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng\.$/
    );
    const row = page.locator('li[data-file="so-cong-thuong.xlsx"]');
    await waitForText(
      row.locator("[data-alert]"),
      /^Không cộng vào tổng: Biểu mẫu 5, dòng 3\.1 \(Biểu mẫu 5, ô D\d+\): Số lượng phải là số nguyên không âm: 2,835/
    );
    // The filter "Cần xem" keeps it.
    await clickAt(page.getByTestId("units-filter"));
    await clickAt(page.getByRole("option", { name: /^Cần xem/ }));
    expect(
      (await unitRows(page)).map((r) => r.text.split(" ")[0] + " " + r.text.split(" ")[1])
    ).toContain("Sở Công");
  });

  test("the register imported from an .xlsx brings other names: a file written “Sở KH&CN” is that unit", async () => {
    const page = await openTab();
    await page.getByTestId("expected-file-input").setInputFiles(files["don-vi.xlsx"]);
    await waitForText(
      page.getByText(/^Đã nhập 2 đơn vị/),
      /^Đã nhập 2 đơn vị \(kèm mã, loại, tên khác\) từ “don-vi\.xlsx”\./
    );
    expect(await page.getByLabel("Mỗi dòng một đơn vị").inputValue()).toBe(
      "Sở Tư pháp\nSở Khoa học và Công nghệ"
    );
    await page.getByTestId("unit-files-input").setInputFiles([files["so-khcn.xlsx"]]);
    const summary = page.getByTestId("consolidation-summary");
    await waitForText(
      summary,
      /^1 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng; 1 đơn vị chưa nộp\.$/
    );
    const included = (await unitRows(page)).filter((r) => r.status === "included");
    expect(included.map((r) => r.text)).toEqual([
      expect.stringMatching(/^Sở Khoa học và Công nghệ Đã tổng hợp so-khcn\.xlsx/),
    ]);
    // Typing one more name keeps the other names of the imported ones.
    await clickAt(page.getByLabel("Mỗi dòng một đơn vị"));
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\nSở Tài chính");
    await waitForText(
      summary,
      /^1 đơn vị được tổng hợp; 0 tệp bị loại; 0 tệp trùng; 2 đơn vị chưa nộp\.$/
    );
    // Saved in the workbook: the names, and the register beside them.
    await clickAt(page.getByRole("button", { name: "Lưu danh sách" }));
    await waitForText(page.getByText(/^Đã lưu/), /^Đã lưu 3 đơn vị vào sổ làm việc\.$/);
    const settings = await fakeExcel<Record<string, string>>(page, "settings");
    expect(settings["cchc.expectedUnits"]).toBe(
      "Sở Tư pháp\nSở Khoa học và Công nghệ\nSở Tài chính"
    );
    expect(JSON.parse(settings["cchc.unitRegister"])).toEqual({
      units: [
        { name: "Sở Tư pháp", code: "STP", aliases: [] },
        { name: "Sở Khoa học và Công nghệ", code: "SKHCN", aliases: ["Sở KH&CN"] },
        { name: "Sở Tài chính", aliases: [] },
      ],
    });
  });
});
