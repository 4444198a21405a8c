import { createHash } from "crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { parse } from "acorn";

/**
 * The pane's page as a production build emits it (minified by HtmlWebpackPlugin), built with a tiny entry
 * instead of the whole pane: Office.js from Microsoft's CDN, the old-webview guard first and still ES5, and a
 * Content-Security-Policy before every script whose hash is that of the guard as served.
 */

const ROOT = path.join(__dirname, "..");
const webpack = require("webpack") as (
  c: unknown,
  cb: (e: Error | null, s: unknown) => void
) => void;
const HtmlWebpackPlugin = require("html-webpack-plugin") as new (o: unknown) => unknown;
const { CspPlugin, OFFICE_CDN } = require("../webpack.config.js") as {
  CspPlugin: new () => unknown;
  OFFICE_CDN: string;
};

let html = "";
let dir = "";

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cchc-page-"));
  writeFileSync(path.join(dir, "entry.js"), "document.title = document.title;\n");
  await new Promise<void>((resolve, reject) =>
    webpack(
      {
        mode: "production",
        context: ROOT,
        entry: path.join(dir, "entry.js"),
        output: { path: path.join(dir, "dist"), filename: "taskpane.[contenthash:8].js" },
        plugins: [
          new HtmlWebpackPlugin({
            filename: "taskpane.html",
            template: path.join(ROOT, "src/taskpane/taskpane.html"),
            scriptLoading: "defer",
            templateParameters: { cchc: { officeJs: OFFICE_CDN } },
          }),
          new CspPlugin(),
        ],
      },
      (err, stats) => {
        const s = stats as { hasErrors(): boolean; toString(): string } | undefined;
        if (err || !s || s.hasErrors()) reject(err ?? new Error(s?.toString()));
        else resolve();
      }
    )
  );
  html = readFileSync(path.join(dir, "dist", "taskpane.html"), "utf8");
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("loads Office.js from the CDN, after the guard", () => {
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
  expect(scripts[0]).toContain("old-webview-guard");
  expect(scripts[1]).toContain(`src=${OFFICE_CDN}`);
  expect(html).not.toContain("src=office.js");
});

test("the minified guard is still ES5, and the policy allows exactly it", () => {
  const guard = /<script id=old-webview-guard>([\s\S]*?)<\/script>/.exec(html)![1];
  expect(() => parse(guard, { ecmaVersion: 5 })).not.toThrow();
  const hash = createHash("sha256").update(guard, "utf8").digest("base64");
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1];
  expect(csp).toContain(`script-src 'self' https://appsforoffice.microsoft.com 'sha256-${hash}'`);
  expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
});
