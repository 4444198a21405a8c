import { existsSync, readFileSync, readdirSync } from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { imageSize } from "image-size";

/** The add-in manifest, checked offline (`npm run validate` asks Microsoft's service and needs the network). */

const ROOT = path.join(__dirname, "..");
const XML = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const DEV_BASE = "https://localhost:3000/";

/** Child order of OfficeApp (TaskPaneApp), from Microsoft's OfficeAppManifestV1_1.xsd. */
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
];
const OFFICE_APP_REQUIRED = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "DefaultSettings",
  "Permissions",
];

/** Child orders inside VersionOverrides, from TaskPaneAppVersionOverridesV1_0.xsd and OfficeAppBasicTypesV1_0.xsd. */
const ORDERS: Record<string, string[]> = {
  VersionOverrides: [
    "Description",
    "Requirements",
    "Hosts",
    "Resources",
    "WebApplicationInfo",
    "EquivalentAddins",
    "VersionOverrides",
  ],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  GetStarted: ["Title", "Description", "LearnMoreUrl"],
  Group: ["Label", "Icon", "Control"],
  Control: ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  Action: ["TaskpaneId", "SourceLocation", "Title"],
  Resources: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"],
};

/** Which resource list a `resid` must point into, by the referring element. */
const RESOURCE_KIND: Record<string, string> = {
  "bt:Image": "bt:Images",
  SourceLocation: "bt:Urls",
  LearnMoreUrl: "bt:Urls",
  FunctionFile: "bt:Urls",
  Label: "bt:ShortStrings",
  Title: "bt:ShortStrings",
  Description: "bt:LongStrings",
};

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

function toNodes(items: Record<string, unknown>[]): Node[] {
  const out: Node[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ":@")!;
    if (name === "#text" || name === "#comment" || name === "?xml") continue;
    const kids = item[name] as Record<string, unknown>[];
    const text = kids
      .filter((k) => "#text" in k)
      .map((k) => String(k["#text"]))
      .join("");
    out.push({
      name,
      attrs: (item[":@"] as Record<string, string>) ?? {},
      children: toNodes(kids),
      text,
    });
  }
  return out;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
});
const officeApp = toNodes(parser.parse(XML) as Record<string, unknown>[]).find(
  (n) => n.name === "OfficeApp"
)!;
const versionOverrides = officeApp.children.find((n) => n.name === "VersionOverrides")!;

function walk(node: Node, fn: (n: Node, parent: Node | undefined) => void, parent?: Node): void {
  fn(node, parent);
  for (const c of node.children) walk(c, fn, node);
}

function checkOrder(children: Node[], order: string[], where: string): void {
  let last = -1;
  for (const c of children) {
    const i = order.indexOf(c.name);
    expect({ where, element: c.name, known: i >= 0 }).toEqual({
      where,
      element: c.name,
      known: true,
    });
    expect({ where, element: c.name, inOrder: i >= last }).toEqual({
      where,
      element: c.name,
      inOrder: true,
    });
    last = i;
  }
}

function resources(): Map<string, { kind: string; value: string }> {
  const res = versionOverrides.children.find((n) => n.name === "Resources")!;
  const out = new Map<string, { kind: string; value: string }>();
  for (const list of res.children) {
    for (const item of list.children) {
      expect(out.has(item.attrs.id)).toBe(false);
      out.set(item.attrs.id, { kind: list.name, value: item.attrs.DefaultValue });
    }
  }
  return out;
}

function localFile(url: string): string {
  expect(url.startsWith(DEV_BASE)).toBe(true);
  return path.join(ROOT, url.slice(DEV_BASE.length));
}

describe("manifest.xml", () => {
  test("is well-formed XML", () => {
    expect(XMLValidator.validate(XML)).toBe(true);
    expect(officeApp.attrs["xsi:type"]).toBe("TaskPaneApp");
  });

  test("OfficeApp children follow the schema order and the required ones are there", () => {
    checkOrder(officeApp.children, OFFICE_APP_ORDER, "OfficeApp");
    const names = officeApp.children.map((c) => c.name);
    for (const r of OFFICE_APP_REQUIRED) expect(names).toContain(r);
    expect(new Set(names).size).toBe(names.length);
  });

  test("VersionOverrides and its parts follow the schema order", () => {
    expect(versionOverrides.attrs).toMatchObject({
      xmlns: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
      "xsi:type": "VersionOverridesV1_0",
    });
    let checked = 0;
    walk(versionOverrides, (n) => {
      const order = ORDERS[n.name];
      if (!order) return;
      checkOrder(n.children, order, n.name);
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(Object.keys(ORDERS).length);
  });

  test("a Home-tab button labelled “Biểu mẫu CCHC” opens the task pane", () => {
    const res = resources();
    let button: Node | undefined;
    let tab: Node | undefined;
    walk(versionOverrides, (n, parent) => {
      if (n.name === "Control" && n.attrs["xsi:type"] === "Button") button = n;
      if (n.name === "OfficeTab" && parent?.attrs["xsi:type"] === "PrimaryCommandSurface") tab = n;
    });
    expect(tab?.attrs.id).toBe("TabHome");
    const label = button!.children.find((c) => c.name === "Label")!.attrs.resid;
    expect(res.get(label)?.value).toBe("Biểu mẫu CCHC");
    const action = button!.children.find((c) => c.name === "Action")!;
    expect(action.attrs["xsi:type"]).toBe("ShowTaskpane");
    const url = action.children.find((c) => c.name === "SourceLocation")!.attrs.resid;
    expect(res.get(url)?.value).toBe(`${DEV_BASE}taskpane.html`);
    const source = officeApp.children.find((c) => c.name === "DefaultSettings")!.children[0];
    expect(source.attrs.DefaultValue).toBe(`${DEV_BASE}taskpane.html`);
  });

  test("requires ExcelApi 1.4 and nothing more (richer features are checked at run time)", () => {
    const req = officeApp.children.find((c) => c.name === "Requirements")!;
    const sets = req.children.find((c) => c.name === "Sets")!.children;
    expect(sets.map((s) => s.attrs)).toEqual([{ Name: "ExcelApi", MinVersion: "1.4" }]);
    expect(officeApp.children.find((c) => c.name === "Hosts")!.children[0].attrs.Name).toBe(
      "Workbook"
    );
  });

  test("every resid resolves to a resource of the right kind, and every resource is used", () => {
    const res = resources();
    const used = new Set<string>();
    walk(versionOverrides, (n) => {
      const id = n.attrs.resid;
      if (id === undefined) return;
      const want = RESOURCE_KIND[n.name];
      expect({ element: n.name, resid: id, kind: res.get(id)?.kind }).toEqual({
        element: n.name,
        resid: id,
        kind: want,
      });
      used.add(id);
    });
    expect([...res.keys()].filter((k) => !used.has(k))).toEqual([]);
  });

  test("strings fit the schema's lengths (short 125, long 250) and overrides are Vietnamese locale", () => {
    const limits: Record<string, number> = { "bt:ShortStrings": 125, "bt:LongStrings": 250 };
    walk(versionOverrides, (n, parent) => {
      const limit = parent && limits[parent.name];
      if (!limit) return;
      expect(n.attrs.DefaultValue.length).toBeLessThanOrEqual(limit);
      for (const o of n.children) {
        expect(o.attrs.Locale).toBe("vi-VN");
        expect(o.attrs.Value.length).toBeLessThanOrEqual(limit);
      }
    });
    const display = officeApp.children.find((c) => c.name === "DisplayName")!;
    const description = officeApp.children.find((c) => c.name === "Description")!;
    expect(display.attrs.DefaultValue.length).toBeLessThanOrEqual(125);
    expect(description.attrs.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  test("every URL is https", () => {
    const urls: string[] = [];
    walk(officeApp, (n) => {
      for (const [k, v] of Object.entries(n.attrs)) {
        if (!k.startsWith("xmlns") && /:\/\//.test(v)) urls.push(v);
      }
      if (/:\/\//.test(n.text)) urls.push(n.text.trim());
    });
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
  });

  test("every icon exists at its stated size", () => {
    const res = resources();
    const icons: { url: string; size: number }[] = [
      { url: officeApp.children.find((c) => c.name === "IconUrl")!.attrs.DefaultValue, size: 32 },
      {
        url: officeApp.children.find((c) => c.name === "HighResolutionIconUrl")!.attrs.DefaultValue,
        size: 64,
      },
    ];
    walk(versionOverrides, (n) => {
      if (n.name === "bt:Image" && n.attrs.resid) {
        icons.push({ url: res.get(n.attrs.resid)!.value, size: Number(n.attrs.size) });
      }
    });
    expect(icons.length).toBeGreaterThanOrEqual(8);
    for (const icon of icons) {
      const file = localFile(icon.url);
      expect(existsSync(file)).toBe(true);
      const dim = imageSize(readFileSync(file));
      expect({
        file: path.basename(file),
        type: dim.type,
        width: dim.width,
        height: dim.height,
      }).toEqual({
        file: path.basename(file),
        type: "png",
        width: icon.size,
        height: icon.size,
      });
    }
  });

  test("the icon set in assets/ is complete (16, 32, 64, 80, 128 px) and the other URLs exist", () => {
    const pngs = readdirSync(path.join(ROOT, "assets")).filter((f) => f.endsWith(".png"));
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngs).toContain(`icon-${size}.png`);
      const dim = imageSize(readFileSync(path.join(ROOT, "assets", `icon-${size}.png`)));
      expect([dim.width, dim.height]).toEqual([size, size]);
    }
    expect(existsSync(path.join(ROOT, "assets", "help.html"))).toBe(true);
    expect(existsSync(path.join(ROOT, "src", "taskpane", "taskpane.html"))).toBe(true);
  });
});

describe("webpack production manifest", () => {
  type Config = {
    plugins: { patterns?: { from: string; transform?: (c: Buffer) => string | Buffer }[] }[];
  };
  const load = async (url: string | undefined): Promise<Config> => {
    const saved = process.env.ADDIN_URL;
    if (url === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = url;
    try {
      const factory = require("../webpack.config.js") as (
        env: unknown,
        o: unknown
      ) => Promise<Config>;
      return await factory({}, { mode: "production" });
    } finally {
      if (saved === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = saved;
    }
  };
  const transformOf = (config: Config) =>
    config.plugins.flatMap((p) => p.patterns ?? []).find((p) => p.from === "manifest.xml")!
      .transform!;

  test("ADDIN_URL replaces https://localhost:3000/ everywhere", async () => {
    const config = await load("https://cchc.example.gov.vn/addin");
    const out = transformOf(config)(Buffer.from(XML)).toString();
    expect(out).not.toContain("localhost");
    expect(out).toContain("https://cchc.example.gov.vn/addin/taskpane.html");
    expect(out).toContain("https://cchc.example.gov.vn/addin/assets/icon-80.png");
  });

  test("a non-https ADDIN_URL is refused", async () => {
    await expect(load("http://cchc.example.gov.vn/")).rejects.toThrow(/https/);
  });
});

describe("webpack: where Office.js comes from", () => {
  type Plugin = {
    patterns?: { from: string }[];
    userOptions?: { filename?: string; templateParameters?: { cchc?: { officeJs?: string } } };
  };
  const build = async (mode: string, officeJs?: string): Promise<Plugin[]> => {
    const saved = process.env.OFFICE_JS;
    if (officeJs === undefined) delete process.env.OFFICE_JS;
    else process.env.OFFICE_JS = officeJs;
    try {
      const factory = require("../webpack.config.js") as (
        env: unknown,
        o: unknown
      ) => Promise<{ plugins: Plugin[] }>;
      return (await factory({}, { mode })).plugins;
    } finally {
      if (saved === undefined) delete process.env.OFFICE_JS;
      else process.env.OFFICE_JS = saved;
    }
  };
  const source = (plugins: Plugin[]) =>
    plugins.find((p) => p.userOptions?.filename === "taskpane.html")!.userOptions!
      .templateParameters!.cchc!.officeJs;
  const copies = (plugins: Plugin[]) =>
    plugins.flatMap((p) => p.patterns ?? []).some((p) => p.from.includes("@microsoft/office-js"));

  test("production loads it from Microsoft's CDN and does not ship a copy", async () => {
    const plugins = await build("production");
    expect(source(plugins)).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(copies(plugins)).toBe(false);
  });

  test("OFFICE_JS=self (closed networks) ships the npm copy and loads it from the add-in's origin", async () => {
    const plugins = await build("production", "self");
    expect(source(plugins)).toBe("office.js");
    expect(copies(plugins)).toBe(true);
  });

  test("development builds load office.js from their own origin (tests serve the fake there)", async () => {
    expect(source(await build("development"))).toBe("office.js");
  });

  test("an unknown OFFICE_JS is refused", async () => {
    await expect(build("production", "internet")).rejects.toThrow(/OFFICE_JS/);
  });

  test("the template loads Office.js from the chosen place, after the old-webview guard", () => {
    const html = readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8");
    const guard = html.indexOf('<script id="old-webview-guard">');
    const office = html.indexOf('<script src="<%= cchc.officeJs %>"></script>');
    expect(guard).toBeGreaterThan(0);
    expect(office).toBeGreaterThan(guard);
  });
});
