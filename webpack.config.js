/**
 * Task pane build. `npm run build` (production) replaces https://localhost:3000/ in the manifest with
 * $ADDIN_URL (an https URL ending in /), as Microsoft's yo office template does; `npm run dev-server` serves
 * dist/ over https on port 3000 with office-addin-dev-certs.
 */
const fs = require("fs");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_URL = "https://localhost:3000/";
const PORT = 3000;
const STATS_FILE = "bundle-stats.json";

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

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const prodUrl = dev ? undefined : productionUrl();
  if (!dev && !prodUrl) {
    console.warn(
      `ADDIN_URL is not set: dist/manifest.xml keeps ${DEV_URL}. Set ADDIN_URL=https://… for a deployable build.`
    );
  }
  const baseUrl = prodUrl || DEV_URL;
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
      }),
      new HtmlWebpackPlugin({
        filename: "kiem-tra.html",
        template: "./src/checkpage/kiem-tra.html",
        chunks: ["kiem-tra"],
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          // Office.js served from our own origin (no internet in tests); debug builds are not needed.
          {
            from: "node_modules/@microsoft/office-js/dist",
            to: ".",
            globOptions: { ignore: ["**/*.debug.js"] },
            // Already minified by Microsoft: keep Terser off them (and the build fast).
            info: { minimized: true },
          },
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
