/**
 * Task pane build. `npm run build` (production) replaces https://localhost:3000/ in the manifest with
 * $ADDIN_URL (an https URL ending in /), as Microsoft's yo office template does; `npm run dev-server` serves
 * dist/ over https on port 3000 with office-addin-dev-certs.
 *
 * Office.js: production pages load it from Microsoft's CDN (what Microsoft and AppSource require);
 * `OFFICE_JS=self npm run build` copies @microsoft/office-js into dist/ and loads it from the add-in's own
 * origin, for closed networks. Development builds always self-host (the browser tests serve a fake there).
 *
 * Every page gets a Content-Security-Policy (CspPlugin): scripts only from the add-in's origin, the Office
 * CDN and the page's own inline scripts (by hash); connections only to the add-in's origin.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const PORT = 3000;
const STATS_FILE = "bundle-stats.json";
const OFFICE_CDN_ORIGIN = "https://appsforoffice.microsoft.com";
const OFFICE_CDN = `${OFFICE_CDN_ORIGIN}/lib/1/hosted/office.js`;
/** Pages that never load Office.js. */
const NO_OFFICE_PAGES = new Set(["kiem-tra.html"]);

/** Where the pages load Office.js from: the CDN in production unless OFFICE_JS=self. */
function officeJsSource(dev) {
  const mode = (process.env.OFFICE_JS || "").trim().toLowerCase();
  if (mode && mode !== "self" && mode !== "cdn") {
    throw new Error(`OFFICE_JS phải là “self” hoặc “cdn” (đang là “${process.env.OFFICE_JS}”).`);
  }
  return dev || mode === "self" ? "office.js" : OFFICE_CDN;
}

/**
 * The policy; `inline` are the sha256 sources of the page's own inline scripts. A page that loads no Office.js
 * (the checking page) gets no Office CDN either.
 */
function contentSecurityPolicy(inline, office = true) {
  const cdn = office ? ` ${OFFICE_CDN_ORIGIN}` : "";
  return [
    "default-src 'self'",
    `script-src 'self'${cdn} ${inline.join(" ")}`.trim(),
    // Fluent UI (Griffel) inserts its styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    `frame-src 'self'${cdn}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/** Puts the policy into a page, right after its charset (before any script), with its inline scripts' hashes. */
function withCsp(html, office = true) {
  const inline = [];
  const re = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi;
  for (let m; (m = re.exec(html));) {
    if (/\ssrc\s*=/i.test(m[1] || "")) continue;
    inline.push(`'sha256-${crypto.createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(inline, office)}">`;
  const cleaned = html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/gi, "");
  const charset = /<meta charset=[^>]*>/i.exec(cleaned);
  if (charset) {
    const at = charset.index + charset[0].length;
    return cleaned.slice(0, at) + meta + cleaned.slice(at);
  }
  return cleaned.replace(/<head[^>]*>/i, (h) => h + meta);
}

/**
 * Adds the policy to every HTML page of the build, as the very last step (after HtmlWebpackPlugin has emitted
 * and minified the pages, so the hashes are those of the scripts as served).
 */
class CspPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("CspPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "CspPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith(".html")) continue;
            const html = withCsp(assets[name].source().toString(), !NO_OFFICE_PAGES.has(name));
            compilation.updateAsset(name, new sources.RawSource(html));
          }
        }
      );
    });
  }
}

/** The production base URL: $ADDIN_URL with a trailing slash; must be https. */
function productionUrl() {
  const raw = (process.env.ADDIN_URL || "").trim();
  if (!raw) return undefined;
  const url = raw.endsWith("/") ? raw : `${raw}/`;
  if (!/^https:\/\//i.test(url)) {
    throw new Error(`ADDIN_URL phải là địa chỉ https (đang là “${raw}”).`);
  }
  return url;
}

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}

/** Writes the taskpane entry's initial files for scripts/bundle-size.js. */
class EntryStatsPlugin {
  apply(compiler) {
    compiler.hooks.done.tap("EntryStatsPlugin", (stats) => {
      const json = stats.toJson({ all: false, entrypoints: true, chunkGroupAuxiliary: false });
      const out = {};
      for (const [name, ep] of Object.entries(json.entrypoints || {})) {
        out[name] = ep.assets.map((a) => (typeof a === "string" ? a : a.name));
      }
      const dir = compiler.options.output.path;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, STATS_FILE), JSON.stringify({ entrypoints: out }, null, 2));
    });
  }
}

const config = async (env, options) => {
  const dev = options.mode === "development";
  const prodUrl = dev ? undefined : productionUrl();
  if (!dev && !prodUrl) {
    console.warn(
      `ADDIN_URL is not set: dist/manifest.xml keeps ${DEV_URL}. Set ADDIN_URL=https://… for a deployable build.`
    );
  }
  const baseUrl = prodUrl || DEV_URL;
  const officeJs = officeJsSource(dev);
  const selfHosted = officeJs === "office.js";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      // The checking page (no Office.js): the same checks and consolidation for officers outside Excel.
      "kiem-tra": "./src/checkpage/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      // csv-parse's Node build needs Buffer; the browser build has the same API.
      alias: { "csv-parse/sync$": "csv-parse/browser/esm/sync" },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              // ES modules keep dynamic import() as separate chunks; ES2017 also parses in Edge Legacy.
              compilerOptions: { module: "esnext", target: "es2017", sourceMap: dev },
            },
          },
        },
        {
          test: /\.(png|jpe?g|gif|ico|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        templateParameters: { cchc: { officeJs } },
      }),
      new HtmlWebpackPlugin({
        filename: "kiem-tra.html",
        template: "./src/checkpage/kiem-tra.html",
        chunks: ["kiem-tra"],
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          // Office.js from our own origin (development, tests, OFFICE_JS=self); debug builds are not needed.
          ...(selfHosted
            ? [
                {
                  from: "node_modules/@microsoft/office-js/dist",
                  to: ".",
                  globOptions: { ignore: ["**/*.debug.js"] },
                  // Already minified by Microsoft: keep Terser off them (and the build fast).
                  info: { minimized: true },
                },
              ]
            : []),
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev || !prodUrl ? content : content.toString().split(DEV_URL).join(baseUrl);
            },
          },
        ],
      }),
      new EntryStatsPlugin(),
      new CspPlugin(),
    ],
    performance: {
      hints: false,
    },
    devServer: {
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist") },
      server: {
        type: "https",
        options: env && env.WEBPACK_SERVE ? await httpsOptions() : {},
      },
      port: PORT,
    },
  };
};

module.exports = config;
module.exports.OFFICE_CDN = OFFICE_CDN;
module.exports.officeJsSource = officeJsSource;
module.exports.withCsp = withCsp;
module.exports.CspPlugin = CspPlugin;
