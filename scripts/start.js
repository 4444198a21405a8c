#!/usr/bin/env node
/**
 * `npm start` on any machine.
 * - Desktop Excel and office-addin-debugging present: sideloads the add-in into desktop Excel, as before.
 * - Otherwise: the development server (https with office-addin-dev-certs; http on localhost when no
 *   certificate can be had), then prints the addresses of the pane and of the checking page, and how to
 *   sideload manifest.xml into Excel on the web.
 * Environment: CCHC_DESKTOP_EXCEL=0|1 overrides the detection of desktop Excel; CCHC_PORT the port (3000,
 * the port in manifest.xml); CCHC_HTTP=1 skips https.
 */
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const PORT = Number(process.env.CCHC_PORT || 3000);
const HOST = "localhost";

/** Where desktop Excel is installed by Microsoft 365 / Office 2016+ installers. */
function desktopExcelPath() {
  if (process.platform === "darwin") {
    const app = "/Applications/Microsoft Excel.app";
    return fs.existsSync(app) ? app : undefined;
  }
  if (process.platform !== "win32") return undefined;
  const roots = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"]].filter(Boolean);
  for (const root of roots) {
    for (const sub of ["Microsoft Office\\root\\Office16", "Microsoft Office\\Office16"]) {
      const exe = path.join(root, sub, "EXCEL.EXE");
      if (fs.existsSync(exe)) return exe;
    }
  }
  return undefined;
}

function debuggingCli() {
  const bin = path.join(
    ROOT,
    "node_modules",
    ".bin",
    process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging"
  );
  return fs.existsSync(bin) ? bin : undefined;
}

function hasDesktopExcel() {
  const forced = process.env.CCHC_DESKTOP_EXCEL;
  if (forced === "0") return false;
  if (forced === "1") return true;
  return desktopExcelPath() !== undefined;
}

function sideloadDesktop(cli) {
  console.log(
    "Có Excel trên máy tính này: nạp ngăn Biểu mẫu CCHC vào Excel (office-addin-debugging)."
  );
  const child = spawn(cli, ["start", MANIFEST, ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => process.exit(code ?? 1));
}

/**
 * Trusted localhost certificates: the ones office-addin-dev-certs made before, or new ones where it can
 * install its CA (on Linux that needs sudo, so only from a terminal). Undefined with the reason otherwise.
 */
async function certificates() {
  if (process.env.CCHC_HTTP === "1") return { reason: "CCHC_HTTP=1" };
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch {
    return { reason: "chưa cài office-addin-dev-certs (npm install)" };
  }
  const canInstall = process.platform !== "linux" || Boolean(process.stdin.isTTY);
  try {
    const defaults = require("office-addin-dev-certs/lib/defaults");
    const made = fs.existsSync(defaults.localhostCertificatePath);
    if (!made && !canInstall) {
      return {
        reason:
          "chưa có chứng chỉ localhost, và cài chứng chỉ cần sudo trong cửa sổ dòng lệnh (chạy: npx office-addin-dev-certs install)",
      };
    }
    const o = await devCerts.getHttpsServerOptions();
    return { options: { ca: o.ca, key: o.key, cert: o.cert } };
  } catch (e) {
    return { reason: `không tạo được chứng chỉ (${e instanceof Error ? e.message : String(e)})` };
  }
}

function printAddresses(origin, https, reason, why) {
  const lines = [
    "",
    "Biểu mẫu CCHC đang chạy (máy chủ phát triển, chỉ trên máy này):",
    `  Ngăn trong Excel:    ${origin}/taskpane.html`,
    `  Trang kiểm tra tệp:  ${origin}/kiem-tra.html`,
    "",
    `${why}, nên không tự nạp ngăn vào Excel.`,
  ];
  if (!https) {
    lines.push(
      `Máy chủ chạy bằng http vì ${reason}.`,
      "Trang kiểm tra tệp dùng được ngay; Excel (cả Excel trên web) chỉ nạp ngăn qua https: hãy tạo chứng",
      "chỉ bằng `npx office-addin-dev-certs install` rồi chạy lại `npm start`, sau đó:"
    );
  }
  if (PORT !== 3000) lines.push(`(manifest.xml trỏ tới cổng 3000, không phải cổng ${PORT}.)`);
  lines.push(
    "Nạp ngăn vào Excel trên web:",
    "  1. Mở https://excel.cloud.microsoft, mở một sổ làm việc (trên cùng máy tính này).",
    "  2. Trang đầu (Home) › Phần bổ trợ (Add-ins) › Thêm phần bổ trợ (More Add-ins) ›",
    "     Tải lên phần bổ trợ của tôi (Upload My Add-in) › chọn tệp:",
    `     ${MANIFEST}`,
    "  3. Bấm nút Biểu mẫu CCHC trên thẻ Trang đầu.",
    "",
    "Nhấn Ctrl+C để dừng."
  );
  console.log(lines.join("\n"));
}

async function serveDev(why) {
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const makeConfig = require(path.join(ROOT, "webpack.config.js"));
  const config = await makeConfig({}, { mode: "development" });
  config.mode = "development";
  // Served from memory: nothing to write into dist/ (a production build's bundle-stats.json stays as it is).
  config.plugins = config.plugins.filter((p) => p.constructor.name !== "EntryStatsPlugin");
  const certs = await certificates();
  const https = Boolean(certs.options);
  const devServer = {
    ...config.devServer,
    host: HOST,
    port: PORT,
    server: https ? { type: "https", options: certs.options } : { type: "http" },
    // The first build's stats are enough; keep the console for the addresses.
    client: { logging: "warn", overlay: false },
    devMiddleware: { stats: "errors-warnings" },
    open: false,
  };
  const compiler = webpack(config);
  const origin = `${https ? "https" : "http"}://${HOST}:${PORT}`;
  let printed = false;
  compiler.hooks.done.tap("cchc-start", (stats) => {
    if (stats.hasErrors()) {
      console.error(stats.toString({ all: false, errors: true, colors: false }));
      return;
    }
    if (!printed) {
      printed = true;
      printAddresses(origin, https, certs.reason, why);
    }
  });
  const server = new WebpackDevServer(devServer, compiler);
  const stop = () => {
    server.stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    await server.start();
  } catch (e) {
    const busy = e && e.code === "EADDRINUSE";
    console.error(
      busy
        ? `Cổng ${PORT} đang được dùng (có thể npm start đang chạy ở cửa sổ khác). Dừng nó, hoặc đặt CCHC_PORT.`
        : `Không khởi động được máy chủ: ${e instanceof Error ? e.message : String(e)}`
    );
    process.exit(1);
  }
}

const cli = debuggingCli();
const desktop = hasDesktopExcel();
if (cli && desktop) sideloadDesktop(cli);
else
  serveDev(
    desktop
      ? "Có Excel trên máy nhưng chưa có gói office-addin-debugging (npm install office-addin-debugging)"
      : "Không thấy Excel cài trên máy tính này"
  ).catch((e) => {
    console.error(e instanceof Error ? e.stack || e.message : String(e));
    process.exit(1);
  });
