import { readFileSync } from "fs";
import * as path from "path";
import * as vm from "vm";
import { createHash } from "crypto";
import { parse } from "acorn";

/**
 * The pane's first script: in IE11 (Trident) and Edge Legacy, the webviews of volume-licensed Office up to
 * 2019, it replaces the blank pane with a plain Vietnamese page saying what to use instead. Run here in a
 * JS context that imitates those webviews (their user agents and an ES5-level DOM).
 */

const ROOT = path.join(__dirname, "..");
const TEMPLATE = readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8");
const GUARD = /<script id="old-webview-guard">([\s\S]*?)<\/script>/.exec(TEMPLATE)![1];
const { withCsp } = require("../webpack.config.js") as { withCsp: (html: string) => string };

const AGENTS = {
  ie11: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko",
  edgeLegacy:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  webView2:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  macSafari:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  chrome:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

/** A tiny DOM: elements with children, text, attributes and style; enough for an ES5 script. */
class Node {
  childNodes: Node[] = [];
  attrs: Record<string, string> = {};
  style: Record<string, string> = {};
  id = "";
  constructor(
    readonly tag: string,
    readonly text = ""
  ) {}
  get firstChild(): Node | null {
    return this.childNodes[0] ?? null;
  }
  appendChild(n: Node): Node {
    this.childNodes.push(n);
    return n;
  }
  removeChild(n: Node): Node {
    this.childNodes = this.childNodes.filter((c) => c !== n);
    return n;
  }
  setAttribute(k: string, v: string): void {
    this.attrs[k] = v;
  }
  get textContent(): string {
    return this.text + this.childNodes.map((c) => c.textContent).join("");
  }
  find(pred: (n: Node) => boolean): Node[] {
    return [...(pred(this) ? [this] : []), ...this.childNodes.flatMap((c) => c.find(pred))];
  }
}

function runGuard(userAgent: string, readyState = "loading") {
  const body = new Node("body");
  body.appendChild(new Node("div")).id = "container";
  const listeners: Record<string, () => void> = {};
  const win: Record<string, unknown> = {
    navigator: { userAgent },
    location: { href: "https://cchc.example.gov.vn/addin/taskpane.html?_host_Info=Excel" },
    document: {
      readyState,
      body: readyState === "loading" ? null : body,
      createElement: (tag: string) => new Node(tag),
      createTextNode: (text: string) => new Node("#text", text),
      addEventListener: (type: string, f: () => void) => (listeners[type] = f),
    },
  };
  win.window = win;
  vm.runInNewContext(GUARD, win);
  if (listeners.DOMContentLoaded) {
    (win.document as { body: Node }).body = body;
    listeners.DOMContentLoaded();
  }
  return { body, flagged: win.cchcOldWebview === true };
}

test("the guard is ES5: it parses as ECMAScript 5", () => {
  expect(() => parse(GUARD, { ecmaVersion: 5 })).not.toThrow();
});

test.each([
  ["IE11 (Trident)", AGENTS.ie11, "loading"],
  ["Edge Legacy", AGENTS.edgeLegacy, "loading"],
  ["Edge Legacy, page already parsed", AGENTS.edgeLegacy, "interactive"],
])("%s: a plain Vietnamese page says what to use instead", (_n, ua, state) => {
  const { body, flagged } = runGuard(ua, state);
  expect(flagged).toBe(true);
  const text = body.textContent;
  expect(text).toContain("Excel này không chạy được ngăn Biểu mẫu CCHC");
  expect(text).toContain("trang kiểm tra");
  expect(text).toContain("tệp mẫu .xlsx");
  expect(text).toContain("Microsoft 365, Excel 2021 trở lên");
  const links = body.find((n) => n.tag === "a").map((a) => a.attrs.href);
  expect(links).toEqual([
    "https://cchc.example.gov.vn/addin/kiem-tra.html",
    "https://cchc.example.gov.vn/addin/help.html",
  ]);
  // The old container is gone; a bundle that still runs renders out of sight.
  expect(body.find((n) => n.id === "container")).toHaveLength(0);
  const root = body.find((n) => n.id === "root");
  expect(root).toHaveLength(1);
  expect(root[0].style.display).toBe("none");
});

test.each([
  ["WebView2 (Microsoft 365)", AGENTS.webView2],
  ["Safari (Mac)", AGENTS.macSafari],
  ["Chrome (Excel on the web)", AGENTS.chrome],
])("%s: the guard does nothing", (_n, ua) => {
  const { body, flagged } = runGuard(ua);
  expect(flagged).toBe(false);
  expect(body.childNodes.map((n) => n.id)).toEqual(["container"]);
});

describe("Content-Security-Policy", () => {
  const html = withCsp(TEMPLATE);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1];
  const directive = (name: string) =>
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `));

  test("comes before every script", () => {
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
  });

  test("scripts only from the add-in's origin, the Office CDN and the guard (by its hash)", () => {
    const hash = createHash("sha256").update(GUARD, "utf8").digest("base64");
    expect(directive("script-src")).toBe(
      `script-src 'self' https://appsforoffice.microsoft.com 'sha256-${hash}'`
    );
    expect(csp).not.toContain("unsafe-eval");
  });

  test("no connections elsewhere, no plugins, no forms", () => {
    expect(directive("connect-src")).toBe("connect-src 'self'");
    expect(directive("default-src")).toBe("default-src 'self'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("form-action")).toBe("form-action 'none'");
  });

  test("a page with its own policy gets exactly one", () => {
    const twice = withCsp(html);
    expect(twice.match(/Content-Security-Policy" content/g)).toHaveLength(1);
  });
});
