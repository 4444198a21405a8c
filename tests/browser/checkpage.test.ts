/**
 * The checking page (dist/kiem-tra.html) in real Chromium, without Office.js: files checked as the pane's
 * pre-send check does, the findings downloaded as .xlsx, last period's file, the template, consolidation
 * downloaded, opened from a folder on disk (file://). Nothing leaves 127.0.0.1; the CSP refuses it anyway.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import seeds from "../fixtures/seed-values.json";
import { getFormSet } from "../../src/core/forms/catalog";
import {
  checkWorkbookBytes,
  previousFindings,
  sendVerdict,
  withPreviousFindings,
  type UnitReport,
} from "../../src/core/report";
import { loadWorkbook } from "../../src/core/xlsx/read";
import { filledTemplate, handmadeWorkbook, type TypedValue } from "../helpers/workbooks";
import {
  BUILD_TIMEOUT_MS,
  describeInBrowser,
  ensurePaneBuilt,
  launchBrowser,
  ROOT,
  serve,
  SLOW,
  type StaticServer,
} from "./harness";
import { runAxe, waitForText } from "./pageHelpers";

jest.setTimeout(4 * SLOW);

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));

interface PageSession {
  context: BrowserContext;
  page: Page;
  /** Every request the page made (none may leave 127.0.0.1 or be Office.js). */
  requests: string[];
  external: string[];
  pageErrors: string[];
}

function isLocal(url: string): boolean {
  const u = new URL(url);
  if (["data:", "blob:", "about:", "file:"].includes(u.protocol)) return true;
  return u.hostname === "127.0.0.1";
}

async function openCheckPage(browser: Browser, url: string, width = 1280): Promise<PageSession> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: "vi-VN",
    viewport: { width, height: 900 },
  });
  const page = await context.newPage();
  const s: PageSession = { context, page, requests: [], external: [], pageErrors: [] };
  await context.route("**/*", async (route) => {
    const u = route.request().url();
    s.requests.push(u);
    if (isLocal(u)) {
      await route.continue();
      return;
    }
    s.external.push(u);
    await route.abort("blockedbyclient");
  });
  page.on("pageerror", (e) => s.pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") s.pageErrors.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) s.pageErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  await page.getByRole("tab", { name: "Kiểm tra tệp" }).waitFor({ timeout: SLOW });
  return s;
}

/** Types seed values as an officer would (tests/core/seeds.test.ts does the same). */
function typeAsOfficer(printed: Record<string, string>): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [key, text] of Object.entries(printed)) {
    out[key] = /^[1-9]\d*$|^0$/.test(text) && key.length % 2 === 0 ? Number(text) : text;
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** axe-core evaluated in the page (the CSP rightly refuses an inline script tag), then the shared run. */
async function axe(page: Page) {
  const present = await page.evaluate(() => "axe" in window);
  if (!present) {
    await page.evaluate(
      fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8")
    );
  }
  return runAxe(page);
}

describeInBrowser("the checking page (kiem-tra.html) in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let dist: string;
  let dir: string;
  let session: PageSession | undefined;
  const files: Record<string, string> = {};
  let seedReport: UnitReport;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-checkpage-"));
    const write = async (name: string, bytes: Uint8Array | Promise<Uint8Array>) => {
      files[name] = path.join(dir, name);
      fs.writeFileSync(files[name], await bytes);
    };
    // The provincial seed (Quý I/2024), with two mistakes: BM3 1.4 typed 2.853 (its parts sum to 2.835),
    // and BM7 6.4 printed 91,84 where 39.488 / 43.597 is 90,57 % (as in the real report).
    const values = typeAsOfficer(seeds.province);
    values["3:1.4"] = "2.853";
    values["7:6.4"] = 91.84;
    const handmade = path.join(dir, "handmade", "tinh-quy-1.xlsx");
    fs.mkdirSync(path.dirname(handmade));
    fs.writeFileSync(
      handmade,
      await handmadeWorkbook("tinh-2024", values, {
        titleLines: [
          "BIỂU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH QUÝ I NĂM 2024 CỦA ỦY BAN NHÂN DÂN TỈNH SƠN LA",
        ],
        twoRowHeader: true,
      })
    );
    files["tinh-quy-1.xlsx"] = path.join(dir, "tinh-quy-1.xlsx");
    if (SOFFICE) {
      // Saved again by LibreOffice, as an officer's office suite would.
      execFileSync(
        SOFFICE,
        ["--headless", "--norestore", "--convert-to", "xlsx", "--outdir", dir, handmade],
        { stdio: "pipe", timeout: 120000, env: { ...process.env, HOME: dir } }
      );
    } else {
      fs.copyFileSync(handmade, files["tinh-quy-1.xlsx"]);
    }
    const r = await checkWorkbookBytes(
      "tinh-quy-1.xlsx",
      new Uint8Array(fs.readFileSync(files["tinh-quy-1.xlsx"]))
    );
    if (!r.ok) throw new Error(r.error);
    seedReport = r;

    await write(
      "so-tu-phap.xlsx",
      filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-Q1", { "5:3.1": 2, "5:3.2": 3, "5:3": 5 })
    );
    await write(
      "so-tu-phap-6-thang.xlsx",
      filledTemplate("so-nganh-2024", "Sở Tư pháp", "2024-H1", { "5:3.1": 1, "5:3.2": 4, "5:3": 5 })
    );
    await write(
      "so-y-te.xlsx",
      filledTemplate("so-nganh-2024", "Sở Y tế", "2024-Q1", { "5:3.1": 1, "5:3.2": 1, "5:3": 2 })
    );
    await write("hong.xlsx", new TextEncoder().encode("đây không phải là tệp Excel"));
    dist = await ensurePaneBuilt();
    server = await serve(dist);
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
    if (!s) return;
    await s.context.close();
    expect(s.external).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(s.requests.filter((u) => /office(\.debug)?\.js/i.test(u))).toEqual([]);
  });

  async function open(width?: number): Promise<Page> {
    session = await openCheckPage(browser, `${server.origin}/kiem-tra.html`, width);
    return session.page;
  }

  const result = (page: Page, file: string) =>
    page.getByTestId("file-result").filter({ has: page.getByRole("heading", { name: file }) });

  test("the built page needs no Office.js and carries a CSP that keeps scripts and connections on its own origin", async () => {
    const html = fs.readFileSync(path.join(dist, "kiem-tra.html"), "utf8");
    expect(html).not.toMatch(/office\.js/i);
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'self'");
    const page = await open();
    expect(await page.evaluate(() => "Office" in window)).toBe(false);
    // Even a script that tried could not send anything: the browser refuses before any request is made.
    const refused = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        violations.push(`${e.effectiveDirective} ${e.blockedURI}`)
      );
      try {
        await fetch("https://example.com/thu");
        return ["sent"];
      } catch {
        await new Promise((r) => setTimeout(r, 100));
        return violations;
      }
    });
    expect(refused).toEqual(["connect-src https://example.com/thu"]);
    // The browser refused it before any request: the router never saw it.
    expect(session!.external).toEqual([]);
    session!.pageErrors = session!.pageErrors.filter((e) => !/example\.com/.test(e));
  });

  test("the provincial seed with typed mistakes shows the pre-send report and the BM3 1.4 sum and BM7 6.4 ratio findings", async () => {
    const page = await open();
    await page.getByTestId("check-files-input").setInputFiles([files["tinh-quy-1.xlsx"]]);
    const card = result(page, "tinh-quy-1.xlsx");
    await card.waitFor({ timeout: SLOW });
    const text = await card.innerText();
    expect(text).toContain(`Chưa nên gửi: còn ${seedReport.counts.errors} lỗi cần sửa.`);
    expect(text).toContain(seedReport.formSetName);
    expect(text).toContain("ỦY BAN NHÂN DÂN TỈNH SƠN LA");
    expect(text).toContain("Quý I năm 2024");
    expect(text).toContain("theo nội dung các trang");

    const sum = seedReport.findings.find(
      (f) => f.form === 3 && f.row === "1.4" && f.rule.includes("sum")
    );
    const ratio = seedReport.findings.find(
      (f) => f.form === 7 && f.row === "6.4" && f.rule.includes("ratio")
    );
    expect(sum?.message).toContain("2.853");
    expect(ratio?.message).toContain("90,57");
    for (const f of [sum!, ratio!]) {
      const item = card.locator(`[data-cell="${f.cell}"]`).filter({ hasText: f.message });
      await item.waitFor({ timeout: SLOW });
      const sheet = f.cell!.slice(0, f.cell!.lastIndexOf("!")).replace(/'/g, "");
      expect(await item.innerText()).toContain(
        `Dòng ${f.row} · ${sheet}, ô ${f.cell!.slice(f.cell!.lastIndexOf("!") + 1)}`
      );
    }
    // Every finding the core gives is shown, grouped by form.
    expect(await card.locator("[data-severity]").count()).toBe(seedReport.findings.length);
    await card.getByRole("heading", { name: /^Biểu mẫu 3 — / }).waitFor();
    await card.getByRole("heading", { name: /^Biểu mẫu 7 — / }).waitFor();

    // The findings download as "Kết quả kiểm tra"; the officer's file is unchanged.
    const before = fs.readFileSync(files["tinh-quy-1.xlsx"]);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: SLOW }),
      card.getByRole("button", { name: "Tải kết quả kiểm tra .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Kết quả kiểm tra - tinh-quy-1.xlsx");
    const saved = path.join(dir, "ket-qua.xlsx");
    await download.saveAs(saved);
    const wb = await loadWorkbook(new Uint8Array(fs.readFileSync(saved)));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Kết quả kiểm tra"]);
    const ws = wb.getWorksheet("Kết quả kiểm tra")!;
    const messages: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 4) messages.push(String(row.getCell(5).value));
    });
    expect(messages).toEqual(seedReport.findings.map((f) => f.message));
    expect(fs.readFileSync(files["tinh-quy-1.xlsx"]).equals(before)).toBe(true);
    // The file's own form set, unit and period fill the template form.
    expect(await page.getByLabel("Tên đơn vị báo cáo").inputValue()).toBe(
      "ỦY BAN NHÂN DÂN TỈNH SƠN LA"
    );
  });

  test("several files at once, a bad one with its reason, and last period's file for lũy kế rows", async () => {
    const page = await open();
    await page
      .getByTestId("check-files-input")
      .setInputFiles([files["so-tu-phap-6-thang.xlsx"], files["hong.xlsx"]]);
    await waitForText(page.getByRole("heading", { name: /^Kết quả kiểm tra/ }), /\(2 tệp\)/);
    await waitForText(result(page, "hong.xlsx"), /Không kiểm tra được tệp này\./);
    const current = await checkWorkbookBytes(
      "so-tu-phap-6-thang.xlsx",
      new Uint8Array(fs.readFileSync(files["so-tu-phap-6-thang.xlsx"]))
    );
    const previous = await checkWorkbookBytes(
      "so-tu-phap.xlsx",
      new Uint8Array(fs.readFileSync(files["so-tu-phap.xlsx"]))
    );
    if (!current.ok || !previous.ok) throw new Error("fixtures");
    const catalog = getFormSet(current.formSet);
    const compared = withPreviousFindings(current, previous, catalog);
    const extra = previousFindings(current, previous, catalog);
    // 5:3.1 is lũy kế: 1 in 6 tháng after 2 in Quý I is a fall.
    expect(extra.map((f) => `${f.form}:${f.row}`)).toEqual(["5:3.1"]);
    const card = result(page, "so-tu-phap-6-thang.xlsx");
    await waitForText(card, new RegExp(escape(sendVerdict(current).text)));
    expect(await card.locator("[data-severity]").count()).toBe(current.findings.length);

    await page.getByTestId("previous-file-input").setInputFiles([files["so-tu-phap.xlsx"]]);
    await waitForText(
      page.getByTestId("previous-report"),
      /so-tu-phap\.xlsx \(Sở Tư pháp, Quý I năm 2024\)/
    );
    await waitForText(card, new RegExp(escape(sendVerdict(compared).text)));
    await card
      .locator(`[data-cell="${extra[0].cell}"]`)
      .filter({ hasText: extra[0].message })
      .waitFor({ timeout: SLOW });
    expect(await card.locator("[data-severity]").count()).toBe(compared.findings.length);

    await page.getByRole("button", { name: "Bỏ so sánh" }).click();
    await waitForText(card, new RegExp(escape(sendVerdict(current).text)));
    expect(await card.locator("[data-severity]").count()).toBe(current.findings.length);
  });

  test("a dropped file is checked, and a file picked again replaces its earlier result", async () => {
    const page = await open();
    const bytes = fs.readFileSync(files["so-y-te.xlsx"]).toString("base64");
    await page.getByTestId("check-drop-zone").evaluate((zone, b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], "so-y-te.xlsx"));
      zone.dispatchEvent(
        new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true })
      );
    }, bytes);
    await waitForText(result(page, "so-y-te.xlsx"), /Sở Y tế/);
    await page.getByTestId("check-files-input").setInputFiles([files["so-y-te.xlsx"]]);
    await waitForText(page.getByRole("heading", { name: /^Kết quả kiểm tra/ }), /\(1 tệp\)/);
    expect(await page.getByTestId("file-result").count()).toBe(1);
  });

  test("Tải tệp mẫu .xlsx gives the same template as cchc template, for the chosen set, unit and period", async () => {
    const page = await open();
    await page.getByLabel("Tên đơn vị báo cáo").fill("Sở Tư pháp");
    await page.getByRole("spinbutton", { name: "Kỳ báo cáo: năm" }).fill("2024");
    await page.getByRole("spinbutton", { name: "Kỳ báo cáo: năm" }).press("Tab");
    await page.getByRole("radio", { name: "6 tháng" }).check();
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: SLOW }),
      page.getByRole("button", { name: "Tải tệp mẫu .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      "Biểu mẫu CCHC - Sở Tư pháp - 6 tháng đầu năm 2024.xlsx"
    );
    const saved = path.join(dir, "mau.xlsx");
    await download.saveAs(saved);
    const report = await checkWorkbookBytes("mau.xlsx", new Uint8Array(fs.readFileSync(saved)));
    expect(report).toMatchObject({
      ok: true,
      formSet: "so-nganh-2024",
      unit: "Sở Tư pháp",
      period: "2024-H1",
      how: { formSet: "metadata", unit: "metadata", period: "metadata" },
    });
  });

  test("Tổng hợp: several unit files consolidate and the workbook downloads, with no Excel to write into", async () => {
    const page = await open();
    await page.getByRole("tab", { name: "Tổng hợp" }).click();
    await page
      .getByTestId("unit-files-input")
      .setInputFiles([files["so-tu-phap.xlsx"], files["so-y-te.xlsx"], files["hong.xlsx"]]);
    await waitForText(
      page.getByTestId("consolidation-summary"),
      /^2 đơn vị được tổng hợp; 1 tệp bị loại; 0 tệp trùng\.$/
    );
    expect(await page.getByRole("button", { name: "Ghi kết quả tổng hợp" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Lưu danh sách" }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: SLOW }),
      page.getByRole("button", { name: "Tải tệp tổng hợp .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Tổng hợp CCHC - Quý I năm 2024.xlsx");
    const saved = path.join(dir, "tong-hop.xlsx");
    await download.saveAs(saved);
    const report = await checkWorkbookBytes(
      "tong-hop.xlsx",
      new Uint8Array(fs.readFileSync(saved))
    );
    expect(report).toMatchObject({ ok: true, formSet: "tinh-2024", period: "2024-Q1" });
    expect(report.ok && report.values["5:3"]).toBe(7);
  });

  test("axe reports no violation, at 320 px and on a desktop window, with findings shown", async () => {
    for (const width of [320, 1280]) {
      const page = await open(width);
      expect(await axe(page)).toEqual([]);
      await page.getByTestId("check-files-input").setInputFiles([files["tinh-quy-1.xlsx"]]);
      await result(page, "tinh-quy-1.xlsx").waitFor({ timeout: SLOW });
      expect(await axe(page)).toEqual([]);
      // Nothing wider than the window.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.getByRole("tab", { name: "Tổng hợp" }).click();
      await page.getByRole("button", { name: "Chọn tệp .xlsx…" }).waitFor();
      expect(await axe(page)).toEqual([]);
      const s = session!;
      session = undefined;
      await s.context.close();
      expect(s.external).toEqual([]);
      expect(s.pageErrors).toEqual([]);
    }
  });

  test("keyboard: the file picker and the tabs are reached with Tab and work with Enter and the arrows", async () => {
    const page = await open();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("tab");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Chọn tệp .xlsx…" }).waitFor();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    const chooser = page.waitForEvent("filechooser", { timeout: SLOW });
    await page.getByRole("button", { name: "Chọn tệp .xlsx cần kiểm tra…" }).focus();
    await page.keyboard.press("Enter");
    await (await chooser).setFiles([files["so-tu-phap.xlsx"]]);
    await result(page, "so-tu-phap.xlsx").waitFor({ timeout: SLOW });
  });

  test("opened from a folder on disk (file://) it checks files too", async () => {
    const page = (session = await openCheckPage(
      browser,
      pathToFileURL(path.join(dist, "kiem-tra.html")).href
    )).page;
    await page.getByTestId("check-files-input").setInputFiles([files["so-y-te.xlsx"]]);
    const card = result(page, "so-y-te.xlsx");
    await waitForText(card, /Sở Y tế/);
    expect(await card.innerText()).toContain("Quý I năm 2024");
    // The lazily loaded writers load from disk too.
    const [findings] = await Promise.all([
      page.waitForEvent("download", { timeout: SLOW }),
      card.getByRole("button", { name: "Tải kết quả kiểm tra .xlsx" }).click(),
    ]);
    expect(findings.suggestedFilename()).toBe("Kết quả kiểm tra - so-y-te.xlsx");
    const [template] = await Promise.all([
      page.waitForEvent("download", { timeout: SLOW }),
      page.getByRole("button", { name: "Tải tệp mẫu .xlsx" }).click(),
    ]);
    const saved = path.join(dir, "mau-file.xlsx");
    await template.saveAs(saved);
    const report = await checkWorkbookBytes("mau.xlsx", new Uint8Array(fs.readFileSync(saved)));
    expect(report).toMatchObject({ ok: true, unit: "Sở Y tế", period: "2024-Q1" });
  });
});
