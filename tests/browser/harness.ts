/**
 * Browser test harness: builds the task pane once (webpack, development mode), serves it from 127.0.0.1,
 * and opens it in Debian's Chromium with tests/browser/fake-office.js in place of office.js.
 * Nothing is fetched from the internet: every other request is refused and recorded, and tests fail on it.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FAKE_OFFICE = path.join(__dirname, "fake-office.js");

/** Generous: a cold webpack build of React and Fluent UI on a 2-core machine. */
export const BUILD_TIMEOUT_MS = 8 * 60 * 1000;
export const SLOW = 60 * 1000;

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

/** Hash of everything the bundle is made from: a changed source means a new build, an unchanged one none. */
function sourceHash(): string {
  const h = createHash("sha256");
  const files = [
    ...listFiles(path.join(ROOT, "src")),
    ...listFiles(path.join(ROOT, "assets")),
    ...["webpack.config.js", "package-lock.json", "tsconfig.json", "manifest.xml"].map((f) =>
      path.join(ROOT, f)
    ),
  ];
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    h.update(path.relative(ROOT, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest("hex").slice(0, 16);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function runWebpack(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const child = spawn(
      process.execPath,
      [cli, "--mode", "development", "--output-path", outDir, "--no-stats-colors"],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "development" },
        stdio: ["ignore", "pipe", "pipe"],
      }
    );
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`webpack failed (exit ${code}):\n${log.slice(-6000)}`));
    });
  });
}

/** Builds of earlier sources (about 50 MB each) go once a newer one exists and they are an hour old. */
function removeOldBuilds(keep: string): void {
  const tmp = path.dirname(keep);
  for (const name of fs.readdirSync(tmp)) {
    const dir = path.join(tmp, name);
    if (!/^cchc-pane-[0-9a-f]{16}$/.test(name) || dir === keep) continue;
    const st = fs.statSync(path.join(dir, ".complete"), { throwIfNoEntry: false });
    if (st && Date.now() - st.mtimeMs > 60 * 60 * 1000)
      fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The built pane's folder. Built at most once for a given source (several test files and workers share it):
 * the first caller builds under a lock, the others wait for its `.complete` mark.
 */
export async function ensurePaneBuilt(): Promise<string> {
  const outDir = path.join(os.tmpdir(), `cchc-pane-${sourceHash()}`);
  const done = path.join(outDir, ".complete");
  const lock = `${outDir}.lock`;
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  while (!fs.existsSync(done)) {
    let owner = false;
    try {
      fs.mkdirSync(lock);
      owner = true;
    } catch {
      // A lock left by a killed run is taken over once it is older than any real build.
      const st = fs.statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > BUILD_TIMEOUT_MS)
        fs.rmSync(lock, { recursive: true, force: true });
    }
    if (owner) {
      try {
        fs.rmSync(outDir, { recursive: true, force: true });
        await runWebpack(outDir);
        fs.writeFileSync(done, new Date().toISOString());
        removeOldBuilds(outDir);
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the pane build in ${outDir}`);
    await sleep(500);
  }
  return outDir;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".map": "application/json",
  ".xml": "application/xml",
};

export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/** A tiny static server on 127.0.0.1 (random port). `/office.js` is the fake Office.js. */
export async function serve(dir: string): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let rel = decodeURIComponent(url.pathname);
    if (rel === "/") rel = "/taskpane.html";
    const file = rel === "/office.js" ? FAKE_OFFICE : path.join(dir, path.normalize(rel));
    if (file !== FAKE_OFFICE && !file.startsWith(dir + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Calls a helper of the fake Excel (`window.__fakeExcel`) in the page. */
export function fakeExcel<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([name, params]) => {
      const helpers = (window as unknown as { __fakeExcel: Record<string, unknown> }).__fakeExcel;
      const f = helpers[name as string];
      if (typeof f !== "function") return f as T;
      return (f as (...a: unknown[]) => T).apply(helpers, params as unknown[]);
    },
    [fn, args] as const
  );
}

/** Script for OpenOptions.init: the fake starts with these options (ExcelApi version, sheets). */
export function fakeOptions(opts: {
  version?: string;
  sheets?: Record<string, unknown[][]>;
}): string {
  return `window.__FAKE_EXCEL_OPTIONS__ = ${JSON.stringify(opts)};`;
}

/**
 * Browser tests run where Debian's Chromium is installed, and always in CI (.ci/run installs it): elsewhere
 * they are skipped with a note rather than failing for want of a browser.
 */
export const describeInBrowser: jest.Describe =
  fs.existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip;

if (!fs.existsSync(CHROMIUM) && !process.env.CI) {
  console.warn(`${CHROMIUM} not found: browser tests skipped (apt-get install chromium).`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export interface PaneSession {
  page: Page;
  /** Requests to anywhere but 127.0.0.1 (refused). A test fails if there is one. */
  external: string[];
  /** Uncaught errors and failed promise rejections in the page, console errors, failed local requests. */
  pageErrors: string[];
}

/**
 * Closes a test's page and fails the test if the pane asked for anything outside 127.0.0.1 or logged an
 * error. For afterEach.
 */
export async function closeSession(s: PaneSession | undefined): Promise<void> {
  if (!s) return;
  await s.page.context().close();
  expect(s.external).toEqual([]);
  expect(s.pageErrors).toEqual([]);
}

export interface OpenOptions {
  /** Run before any page script: configure the fake (e.g. an older Excel). */
  init?: string;
  /** The pane's size, e.g. `{ width: 320, height: 700 }` as Excel's task pane; Playwright's default otherwise. */
  viewport?: { width: number; height: number };
}

function isLocal(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:") return true;
    return u.hostname === "127.0.0.1";
  } catch {
    return false;
  }
}

/** Opens the pane in a fresh page with the fake Office.js; resolves when the app has rendered. */
export async function openPane(
  browser: Browser,
  origin: string,
  opts: OpenOptions = {}
): Promise<PaneSession> {
  const context = await browser.newContext({
    acceptDownloads: true,
    locale: "vi-VN",
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
  });
  const page = await context.newPage();
  const external: string[] = [];
  const pageErrors: string[] = [];
  const fake = fs.readFileSync(FAKE_OFFICE);
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (/\/office(\.debug)?\.js(\?.*)?$/i.test(new URL(url).pathname)) {
      await route.fulfill({
        status: 200,
        contentType: "text/javascript; charset=utf-8",
        body: fake,
      });
      return;
    }
    if (isLocal(url)) {
      await route.continue();
      return;
    }
    external.push(url);
    await route.abort("blockedbyclient");
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  if (opts.init) await page.addInitScript(opts.init);
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("tab", { name: "Nhập liệu & kiểm tra" }).waitFor({ timeout: SLOW });
  return { page, external, pageErrors };
}
