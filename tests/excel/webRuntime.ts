import { readFileSync } from "fs";
import * as path from "path";
import * as vm from "vm";

/**
 * Microsoft's Excel-on-the-web runtime (`@microsoft/office-js/dist/excel-web-16.00.js`) run in a Node `vm`
 * with a captured XMLHttpRequest: every `ctx.sync()` goes out as the JSON body the runtime itself builds, so
 * its size is the real request size. A small responder answers the few reads the port needs (the sheet
 * list, added sheets, defined names) so batches run to the end.
 */

const RUNTIME = path.join(
  __dirname,
  "../../node_modules/@microsoft/office-js/dist/excel-web-16.00.js"
);
const URL = "https://excel.invalid/";

interface ObjectPath {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[] };
}

interface Action {
  Id: number;
  ActionType: number;
  ObjectPathId: number;
}

interface Body {
  Actions: Action[];
  ObjectPaths: Record<string, ObjectPath>;
}

/** ObjectPathType and ActionType values of the RichApi wire format. */
const PATH_PROPERTY = 4;
const PATH_METHOD = 3;
const ACTION_QUERY = 2;

export interface WebRuntime {
  /** `Excel` with `run` bound to the captured transport (what the port calls). */
  Excel: typeof Excel;
  /** Body of every request, in order (see `bytes` for its size). */
  requests: string[];
  /** Sheets the responder knows (added by batches). */
  sheets: { id: string; name: string }[];
}

/** Request size in bytes, as sent (UTF-8). */
export function bytes(body: string): number {
  return Buffer.byteLength(body, "utf8");
}

export function loadWebRuntime(): WebRuntime {
  const requests: string[] = [];
  const sheets: { id: string; name: string }[] = [];
  let nextId = 1;

  const respond = (body: Body): unknown => {
    const results: { ActionId: number; Value: unknown }[] = [];
    const pathOf = (id: number) => body.ObjectPaths[String(id)];
    const added = new Map<number, { id: string; name: string }>();
    // Sheets added in this batch exist once the batch ran: number them in path order.
    for (const p of Object.values(body.ObjectPaths)) {
      const parent = p.ParentObjectPathId ? pathOf(p.ParentObjectPathId) : undefined;
      if (p.ObjectPathType === PATH_METHOD && p.Name === "Add" && parent?.Name === "Worksheets") {
        const sheet = { id: `{sheet-${nextId++}}`, name: String(p.ArgumentInfo?.Arguments?.[0]) };
        sheets.push(sheet);
        added.set(p.Id, sheet);
      }
    }
    for (const a of body.Actions) {
      if (a.ActionType !== ACTION_QUERY) continue;
      const p = pathOf(a.ObjectPathId);
      let value: unknown = {};
      if (p?.ObjectPathType === PATH_PROPERTY && p.Name === "Worksheets") {
        value = {
          _Items: sheets.map((s) => ({ Id: s.id, Name: s.name, Visibility: "Visible" })),
        };
      } else if (p?.ObjectPathType === PATH_PROPERTY && p.Name === "Names") {
        value = { _Items: [] };
      } else if (p?.ObjectPathType === PATH_PROPERTY && p.Name === "Application") {
        value = { DecimalSeparator: ".", ThousandsSeparator: "," };
      } else if (p && added.has(p.Id)) {
        const s = added.get(p.Id)!;
        value = { Id: s.id, Name: s.name, Visibility: "Visible" };
      }
      results.push({ ActionId: a.Id, Value: value });
    }
    return { Results: results };
  };

  class CapturedXhr {
    status = 0;
    responseText = "";
    onload: (() => void) | undefined;
    onerror: (() => void) | undefined;
    open(): void {}
    setRequestHeader(): void {}
    getAllResponseHeaders(): string {
      return "";
    }
    send(body: string): void {
      requests.push(body);
      const reply = JSON.stringify(respond(JSON.parse(body) as Body));
      setTimeout(() => {
        this.status = 200;
        this.responseText = reply;
        this.onload?.();
      }, 0);
    }
  }

  const noop = () => undefined;
  const doc = {
    addEventListener: noop,
    readyState: "complete",
    getElementsByTagName: () => [],
    createElement: () => ({ style: {}, setAttribute: noop, appendChild: noop }),
  };
  const win: Record<string, unknown> = {
    setTimeout,
    clearTimeout,
    console,
    XMLHttpRequest: CapturedXhr,
    navigator: { userAgent: "node" },
    location: { href: URL },
    document: doc,
    addEventListener: noop,
  };
  win.window = win;
  win.self = win;
  const context = vm.createContext(win);
  vm.runInContext(readFileSync(RUNTIME, "utf8"), context, { filename: "excel-web-16.00.js" });
  const real = context.Excel as typeof Excel;
  type Batch = (ctx: Excel.RequestContext) => Promise<unknown>;
  const run = (a: unknown, b?: unknown) => {
    const batch = (typeof a === "function" ? a : b) as Batch;
    return real.run(new real.RequestContext(URL), batch);
  };
  const excel = Object.assign(Object.create(real) as object, { run }) as typeof Excel;
  return { Excel: excel, requests, sheets };
}
