/**
 * Fake Office.js for tests: an in-memory Excel workbook behind the parts of Office.js that src/excel/ uses.
 * Load it instead of office.js (same globals: Office, Excel, OfficeExtension). Batches behave as in Office.js:
 * proxies queue commands, `context.sync()` runs them in order, loaded properties are readable only after the
 * sync, a failing command rejects the sync (commands before it stay applied), APIs above the configured
 * ExcelApi version fail with ApiNotFound, change events arrive asynchronously after the sync that caused them.
 *
 * Options, read once at load: `window.__FAKE_EXCEL_OPTIONS__ = { version: "1.8", sheets: { "Sheet1": [[…]] } }`
 * or the page URL's `?excelApi=1.8`. Test helpers live on `window.__fakeExcel` (see the bottom of this file).
 */
(function (root) {
  "use strict";

  // ---------------------------------------------------------------- addresses

  const MAX_ROWS = 1048576;
  const MAX_COLS = 16384;

  function colIndex(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }

  function colLetter(i) {
    let n = i + 1;
    let s = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }

  function a1(r, c) {
    return colLetter(c) + (r + 1);
  }

  /** `D20`, `A1:E5`, `A:E`, `6:6` → 0-based rectangle. */
  function parseArea(text) {
    const parts = String(text).replace(/\$/g, "").toUpperCase().split(":");
    if (parts.length > 2) return null;
    const one = (p) => {
      let m = /^([A-Z]{1,3})(\d{1,7})$/.exec(p);
      if (m) return { r: Number(m[2]) - 1, c: colIndex(m[1]), kind: "cell" };
      m = /^([A-Z]{1,3})$/.exec(p);
      if (m) return { c: colIndex(m[1]), kind: "col" };
      m = /^(\d{1,7})$/.exec(p);
      if (m) return { r: Number(m[1]) - 1, kind: "row" };
      return null;
    };
    const p = one(parts[0]);
    const q = parts.length === 2 ? one(parts[1]) : p;
    if (!p || !q || p.kind !== q.kind) return null;
    if (p.kind === "col") {
      return { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(p.c, q.c), c1: Math.max(p.c, q.c) };
    }
    if (p.kind === "row") {
      return { r0: Math.min(p.r, q.r), r1: Math.max(p.r, q.r), c0: 0, c1: MAX_COLS - 1 };
    }
    return {
      r0: Math.min(p.r, q.r),
      r1: Math.max(p.r, q.r),
      c0: Math.min(p.c, q.c),
      c1: Math.max(p.c, q.c),
    };
  }

  function areaText(a) {
    const from = a1(a.r0, a.c0);
    const to = a1(a.r1, a.c1);
    return from === to ? from : from + ":" + to;
  }

  function quoteSheet(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
  }

  /** `'Biểu mẫu 3'!D20` → { sheet, area }. */
  function splitAddress(address) {
    const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/.exec(String(address).trim());
    if (!m) return null;
    return { sheet: (m[1] !== undefined ? m[1] : m[2]).replace(/''/g, "'"), area: m[3] };
  }

  function areaSize(a) {
    return { rows: a.r1 - a.r0 + 1, cols: a.c1 - a.c0 + 1 };
  }

  // ---------------------------------------------------------------- errors

  function officeError(code, message, location) {
    const e = new Error(message);
    e.name = "RichApi.Error";
    e.code = code;
    e.debugInfo = { code: code, message: message, errorLocation: location || "" };
    return e;
  }

  class FakeOfficeError extends Error {}

  // ---------------------------------------------------------------- state

  let state;

  function versionParts(v) {
    return String(v)
      .split(".")
      .map((x) => Number(x) || 0);
  }

  function supports(version) {
    const have = versionParts(state.version);
    const need = versionParts(version);
    for (let i = 0; i < Math.max(have.length, need.length); i++) {
      const a = have[i] || 0;
      const b = need[i] || 0;
      if (a !== b) return a > b;
    }
    return true;
  }

  function need(version, what) {
    if (!supports(version)) {
      throw officeError(
        "ApiNotFound",
        "The API you are trying to use could not be found (" +
          what +
          " needs ExcelApi " +
          version +
          ").",
        what
      );
    }
  }

  function newSheet(name) {
    const sheet = {
      id: "{" + String(state.nextId++).padStart(8, "0") + "-FAKE-SHEET}",
      name: name,
      visibility: "Visible",
      protected: false,
      cells: new Map(),
      merges: [],
      validations: [],
      conditionalFormats: [],
      columnWidths: {},
      rowHeights: {},
      freezeRows: 0,
      pageLayout: {},
      printTitleRows: null,
      handlers: [],
    };
    return sheet;
  }

  function reset(options) {
    const opts = options || {};
    state = {
      version: String(opts.version || "1.17"),
      platform: opts.platform || "OfficeOnline",
      sheets: [],
      names: [],
      settings: {},
      nextId: 1,
      syncCount: 0,
      activeId: null,
      selection: null,
      created: new Date(opts.created || "2024-03-01T08:00:00Z"),
      collectionHandlers: { changed: [], added: [], deleted: [] },
      events: [],
      pendingEvents: [],
      // Format changes raise onChanged (default) and events arrive this late (Excel on the web: later than a sync).
      formatEvents: opts.formatEvents !== false,
      calcSuspended: false,
      // Estimated bytes of every sync's request, and the limit (Excel on the web: 5 MB).
      requests: [],
      requestLimit: opts.requestLimit || 5 * 1024 * 1024,
      // [decimal, thousands] as Excel uses them for typing.
      separators: opts.separators || [".", ","],
      calculations: 0,
      // Syncs to fail from now: { in: n syncs, after: k commands } (batches are not transactional).
      failures: [],
      eventDelayMs: opts.eventDelayMs || 0,
    };
    const sheets = opts.sheets || { Sheet1: [] };
    for (const name of Object.keys(sheets)) {
      const s = newSheet(name);
      state.sheets.push(s);
      (sheets[name] || []).forEach((row, r) => {
        (row || []).forEach((v, c) => {
          if (v !== null && v !== undefined && v !== "") typeInto(s, r, c, v);
        });
      });
    }
    if (state.sheets.length === 0) state.sheets.push(newSheet("Sheet1"));
    state.activeId = state.sheets[0].id;
  }

  function keyOf(name) {
    return String(name).toLocaleLowerCase("vi");
  }

  function findSheet(key) {
    const k = keyOf(key);
    return state.sheets.find((s) => s.id === key || keyOf(s.name) === k) || null;
  }

  function sheetByName(name) {
    const s = findSheet(name);
    if (!s) throw new FakeOfficeError("No sheet named " + name);
    return s;
  }

  function cellAt(sheet, r, c, create) {
    const k = r + "," + c;
    let cell = sheet.cells.get(k);
    if (!cell && create) {
      cell = { value: null, formula: null, numberFormat: "General", format: {}, hyperlink: null };
      sheet.cells.set(k, cell);
    }
    return cell || null;
  }

  function cellsIn(sheet, area, create) {
    const out = [];
    const { rows, cols } = areaSize(area);
    if (rows * cols <= 20000) {
      for (let r = area.r0; r <= area.r1; r++) {
        for (let c = area.c0; c <= area.c1; c++) {
          const cell = cellAt(sheet, r, c, create);
          if (cell) out.push({ r: r, c: c, cell: cell });
        }
      }
      return out;
    }
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(",").map(Number);
      if (r >= area.r0 && r <= area.r1 && c >= area.c0 && c <= area.c1)
        out.push({ r: r, c: c, cell: cell });
    }
    return out;
  }

  // ---------------------------------------------------------------- typing semantics

  function excelSerial(y, m, d) {
    return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
  }

  /** What Excel stores when this is typed (or written through `values`) into a cell. */
  function typeInto(sheet, r, c, input) {
    const cell = cellAt(sheet, r, c, true);
    cell.formula = null;
    if (input === null || input === undefined || input === "") {
      cell.value = null;
      return;
    }
    if (typeof input === "number" || typeof input === "boolean") {
      cell.value = input;
      return;
    }
    const s = String(input);
    if (s.startsWith("'")) {
      cell.value = s.slice(1);
      return;
    }
    if (s.startsWith("=") && s.length > 1) {
      cell.formula = s;
      cell.value = null;
      delete cell.stale;
      // Calculation suspended: the result stays as of this write until Excel recalculates.
      if (state.calcSuspended) cell.stale = { value: evaluate(sheet, s, 0) };
      return;
    }
    if (cell.numberFormat === "@") {
      cell.value = s;
      return;
    }
    const t = s.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
      cell.value = Number(t);
      return;
    }
    const pct = /^([+-]?(\d+\.?\d*|\.\d+))%$/.exec(t);
    if (pct) {
      cell.value = Number(pct[1]) / 100;
      if (cell.numberFormat === "General") cell.numberFormat = "0%";
      return;
    }
    if (/^(true|false)$/i.test(t)) {
      cell.value = t.toLowerCase() === "true";
      return;
    }
    const date = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(t);
    if (date) {
      const d = Number(date[1]);
      const m = Number(date[2]);
      const y = date[3]
        ? Number(date[3].length === 2 ? "20" + date[3] : date[3])
        : new Date().getFullYear();
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        cell.value = excelSerial(y, m, d);
        if (cell.numberFormat === "General") cell.numberFormat = "d/m/yyyy";
        return;
      }
    }
    cell.value = s;
  }

  // ---------------------------------------------------------------- formulas

  /**
   * As Excel does to formulas that refer to a sheet: a rename rewrites the references (`to` is the new
   * `'Name'!` prefix), a delete turns them into #REF!.
   */
  function retarget(oldName, to) {
    const esc = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const quoted = "'" + oldName.replace(/'/g, "''") + "'";
    const prefixes = [quoted];
    if (quoteSheet(oldName) === oldName) prefixes.push(oldName);
    const re = new RegExp(
      "(" + prefixes.map(esc).join("|") + ")!(\\$?[A-Z]{1,3}\\$?\\d+(?::\\$?[A-Z]{1,3}\\$?\\d+)?)",
      "gi"
    );
    for (const sheet of state.sheets) {
      for (const cell of sheet.cells.values()) {
        if (!cell.formula) continue;
        cell.formula = cell.formula.replace(re, (_m, _p, ref) =>
          to === null ? "#REF!" : to + ref
        );
      }
    }
  }

  const BLANK = { blank: true };
  const ERR = (e) => ({ error: e });

  function isErr(v) {
    return v && typeof v === "object" && "error" in v;
  }

  function tokenize(src) {
    const tokens = [];
    let i = 0;
    while (i < src.length) {
      const ch = src[i];
      if (/\s/.test(ch)) {
        i++;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        let s = "";
        while (j < src.length) {
          if (src[j] === '"' && src[j + 1] === '"') {
            s += '"';
            j += 2;
          } else if (src[j] === '"') break;
          else s += src[j++];
        }
        tokens.push({ t: "str", v: s });
        i = j + 1;
        continue;
      }
      const ref =
        /^(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/.exec(
          src.slice(i)
        );
      if (ref && !/^[A-Za-z_]+\(/.test(src.slice(i))) {
        const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2];
        tokens.push({ t: "ref", sheet: sheet, area: ref[3] });
        i += ref[0].length;
        continue;
      }
      const num = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(src.slice(i));
      if (num) {
        tokens.push({ t: "num", v: Number(num[0]) });
        i += num[0].length;
        continue;
      }
      const fn = /^([A-Za-z_][A-Za-z0-9_.]*)\s*\(/.exec(src.slice(i));
      if (fn) {
        tokens.push({ t: "fn", v: fn[1].toUpperCase() });
        i += fn[0].length;
        continue;
      }
      const word = /^(TRUE|FALSE)\b/i.exec(src.slice(i));
      if (word) {
        tokens.push({ t: "bool", v: word[1].toUpperCase() === "TRUE" });
        i += word[0].length;
        continue;
      }
      const op = /^(<>|<=|>=|[-+*/^&=<>(),%])/.exec(src.slice(i));
      if (op) {
        tokens.push({ t: "op", v: op[1] });
        i += op[1].length;
        continue;
      }
      throw new FakeOfficeError("Formula token at " + src.slice(i));
    }
    return tokens;
  }

  function evaluate(sheet, formula, depth) {
    if (depth > 50) return ERR("#REF!");
    let tokens;
    try {
      tokens = tokenize(formula.replace(/^=/, ""));
    } catch {
      return ERR("#NAME?");
    }
    let pos = 0;
    const peek = () => tokens[pos];
    const next = () => tokens[pos++];
    const isOp = (v) => peek() && peek().t === "op" && peek().v === v;

    function refValues(tok) {
      const target = tok.sheet ? findSheet(tok.sheet) : sheet;
      if (!target) return ERR("#REF!");
      const area = parseArea(tok.area);
      const out = [];
      for (let r = area.r0; r <= area.r1; r++) {
        for (let c = area.c0; c <= area.c1; c++) out.push(valueOf(target, r, c, depth + 1));
      }
      return { range: out };
    }
    function scalar(v) {
      if (v && v.range) return v.range.length === 1 ? v.range[0] : ERR("#VALUE!");
      return v;
    }
    function num(v) {
      v = scalar(v);
      if (isErr(v)) return v;
      if (v === BLANK) return 0;
      if (typeof v === "number") return v;
      if (typeof v === "boolean") return v ? 1 : 0;
      const n = Number(String(v).trim());
      return String(v).trim() !== "" && !Number.isNaN(n) ? n : ERR("#VALUE!");
    }
    function text(v) {
      v = scalar(v);
      if (isErr(v)) return v;
      if (v === BLANK) return "";
      if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
      return String(v);
    }
    function truthy(v) {
      v = scalar(v);
      if (isErr(v)) return v;
      if (v === BLANK) return false;
      if (typeof v === "string") return ERR("#VALUE!");
      return Boolean(v);
    }
    function compare(a, b, op) {
      a = scalar(a);
      b = scalar(b);
      if (isErr(a)) return a;
      if (isErr(b)) return b;
      if (a === BLANK) a = typeof b === "string" ? "" : typeof b === "boolean" ? false : 0;
      if (b === BLANK) b = typeof a === "string" ? "" : typeof a === "boolean" ? false : 0;
      let d;
      if (typeof a === "string" && typeof b === "string")
        d = a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
      else if (typeof a === typeof b) d = a < b ? -1 : a > b ? 1 : 0;
      else d = typeof a === "number" ? -1 : 1; // numbers sort before text
      return { "=": d === 0, "<>": d !== 0, "<": d < 0, ">": d > 0, "<=": d <= 0, ">=": d >= 0 }[
        op
      ];
    }
    function call(name, args) {
      const flat = (vs) => vs.reduce((acc, v) => acc.concat(v && v.range ? v.range : [v]), []);
      switch (name) {
        case "IF": {
          const c = truthy(args[0]);
          if (isErr(c)) return c;
          return c ? (args.length > 1 ? args[1] : true) : args.length > 2 ? args[2] : false;
        }
        case "AND":
        case "OR": {
          const vals = flat(args).filter((v) => v !== BLANK);
          let acc = name === "AND";
          for (const v of vals) {
            const t = truthy(v);
            if (isErr(t)) return t;
            acc = name === "AND" ? acc && t : acc || t;
          }
          return acc;
        }
        case "NOT": {
          const t = truthy(args[0]);
          return isErr(t) ? t : !t;
        }
        case "ROUND": {
          const x = num(args[0]);
          const d = num(args[1]);
          if (isErr(x)) return x;
          if (isErr(d)) return d;
          const f = Math.pow(10, d);
          return Math.round(x * f + Math.sign(x) * 1e-9) / f;
        }
        case "ABS": {
          const x = num(args[0]);
          return isErr(x) ? x : Math.abs(x);
        }
        case "SUM": {
          let s = 0;
          for (const v of flat(args)) {
            if (isErr(v)) return v;
            if (typeof v === "number") s += v;
          }
          return s;
        }
        case "COUNT":
          return flat(args).filter((v) => typeof v === "number").length;
        case "ISNUMBER":
          return typeof scalar(args[0]) === "number";
        case "LEN": {
          const t = text(args[0]);
          return isErr(t) ? t : t.length;
        }
        case "FIND": {
          const needle = text(args[0]);
          const hay = text(args[1]);
          if (isErr(needle)) return needle;
          if (isErr(hay)) return hay;
          const i = hay.indexOf(needle);
          return i < 0 ? ERR("#VALUE!") : i + 1;
        }
        case "HYPERLINK":
          return args.length > 1 ? scalar(args[1]) : scalar(args[0]);
        default:
          return ERR("#NAME?");
      }
    }
    function primary() {
      const tok = next();
      if (!tok) return ERR("#VALUE!");
      if (tok.t === "num") return tok.v;
      if (tok.t === "str") return tok.v;
      if (tok.t === "bool") return tok.v;
      if (tok.t === "ref") return refValues(tok);
      if (tok.t === "fn") {
        const args = [];
        if (!isOp(")")) {
          for (;;) {
            args.push(comparison());
            if (isOp(",")) next();
            else break;
          }
        }
        next(); // )
        return call(tok.v, args);
      }
      if (tok.t === "op" && tok.v === "(") {
        const v = comparison();
        next();
        return v;
      }
      if (tok.t === "op" && (tok.v === "-" || tok.v === "+")) {
        const v = num(unary());
        return isErr(v) ? v : tok.v === "-" ? -v : v;
      }
      return ERR("#VALUE!");
    }
    function unary() {
      let v = primary();
      if (isOp("%")) {
        next();
        const n = num(v);
        v = isErr(n) ? n : n / 100;
      }
      return v;
    }
    function power() {
      let v = unary();
      while (isOp("^")) {
        next();
        const a = num(v);
        const b = num(unary());
        v = isErr(a) ? a : isErr(b) ? b : Math.pow(a, b);
      }
      return v;
    }
    function product() {
      let v = power();
      while (isOp("*") || isOp("/")) {
        const op = next().v;
        const a = num(v);
        const b = num(power());
        if (isErr(a)) v = a;
        else if (isErr(b)) v = b;
        else if (op === "/" && b === 0) v = ERR("#DIV/0!");
        else v = op === "*" ? a * b : a / b;
      }
      return v;
    }
    function sum() {
      let v = product();
      while (isOp("+") || isOp("-")) {
        const op = next().v;
        const a = num(v);
        const b = num(product());
        v = isErr(a) ? a : isErr(b) ? b : op === "+" ? a + b : a - b;
      }
      return v;
    }
    function concat() {
      let v = sum();
      while (isOp("&")) {
        next();
        const a = text(v);
        const b = text(sum());
        v = isErr(a) ? a : isErr(b) ? b : a + b;
      }
      return v;
    }
    function comparison() {
      let v = concat();
      while (peek() && peek().t === "op" && ["=", "<>", "<", ">", "<=", ">="].includes(peek().v)) {
        const op = next().v;
        v = compare(v, concat(), op);
      }
      return v;
    }
    const result = scalar(comparison());
    return result;
  }

  /** A cell's value as Excel shows it (formulas computed). */
  function valueOf(sheet, r, c, depth) {
    const cell = cellAt(sheet, r, c, false);
    if (!cell) return BLANK;
    if (cell.formula && cell.stale) return cell.stale.value;
    if (cell.formula) return evaluate(sheet, cell.formula, depth || 0);
    return cell.value === null || cell.value === undefined ? BLANK : cell.value;
  }

  function outward(v) {
    if (v === BLANK) return "";
    if (isErr(v)) return v.error;
    return v;
  }

  // ---------------------------------------------------------------- events

  function queueEvent(kind, sheet, extra, fromApi) {
    state.pendingEvents.push({
      kind: kind,
      sheetId: sheet ? sheet.id : null,
      extra: extra || {},
      fromApi: fromApi,
    });
  }

  function eventArgs(ev) {
    const base = { worksheetId: ev.sheetId, source: "Local" };
    if (ev.kind === "changed") {
      base.type = "WorksheetChanged";
      base.address = ev.extra.address;
      base.changeType = "RangeEdited";
      // ExcelApi 1.9: before and after values, for a change of one cell only.
      if (ev.extra.details && supports("1.9")) base.details = Object.assign({}, ev.extra.details);
    } else if (ev.kind === "added") base.type = "WorksheetAdded";
    else base.type = "WorksheetDeleted";
    if (ev.kind === "changed" && supports("1.14"))
      base.triggerSource = ev.fromApi ? "ThisLocalAddin" : "Unknown";
    return base;
  }

  function dispatch(events) {
    if (events.length === 0) return;
    setTimeout(() => {
      for (const ev of events) {
        const args = eventArgs(ev);
        state.events.push(args);
        const handlers = [];
        if (ev.kind === "changed") {
          const sheet = state.sheets.find((s) => s.id === ev.sheetId);
          if (sheet) handlers.push(...sheet.handlers);
          handlers.push(...state.collectionHandlers.changed);
        } else handlers.push(...state.collectionHandlers[ev.kind]);
        for (const h of handlers) {
          try {
            const p = h(args);
            if (p && typeof p.catch === "function") p.catch(() => undefined);
          } catch {
            // A handler's failure does not stop the others (as in Excel).
          }
        }
      }
    }, state.eventDelayMs);
  }

  /** Runs a user action (typing, renaming) and delivers its events. */
  function userAction(fn) {
    state.pendingEvents = [];
    try {
      return fn();
    } finally {
      const events = state.pendingEvents;
      state.pendingEvents = [];
      // Excel recalculates the formulas that depend on what the user changed (roughly: that name a changed cell).
      for (const ev of events) if (ev.kind === "changed") refreshDependents(ev.extra.address);
      dispatch(events);
    }
  }

  function refreshDependents(address) {
    const area = parseArea(address);
    if (!area) return;
    for (const sheet of state.sheets) {
      for (const cell of sheet.cells.values()) {
        if (!cell.stale) continue;
        const refs = cell.formula.toUpperCase().match(/\$?[A-Z]{1,3}\$?\d+/g) || [];
        if (
          refs.some((r) => {
            const p = parseArea(r);
            return p && intersects(p, area);
          })
        )
          delete cell.stale;
      }
    }
  }

  // ---------------------------------------------------------------- request context and proxies

  /**
   * Roughly what a command adds to the request Excel on the web receives (its JSON: ~150 bytes of object
   * paths and action, plus the value); requests over `requestLimit` (5 MB) are refused whole.
   */
  function requestBytes(value) {
    if (value === undefined) return 150;
    const json = JSON.stringify(value);
    return 150 + (json ? json.length : 0);
  }

  class RequestContext {
    constructor() {
      this._queue = [];
      this._bytes = 0;
      this.workbook = new Workbook(this);
    }
    _enqueue(fn, bytes) {
      this._queue.push(fn);
      this._bytes += bytes || 150;
    }
    sync() {
      state.syncCount++;
      const bytes = this._bytes;
      this._bytes = 0;
      state.requests.push(bytes);
      if (bytes > state.requestLimit) {
        this._queue = [];
        return Promise.reject(
          officeError(
            "RequestPayloadSizeLimitExceeded",
            "The request payload size has exceeded the limit.",
            "sync"
          )
        );
      }
      const queue = this._queue;
      this._queue = [];
      state.pendingEvents = [];
      let failure = null;
      const planned = state.failures.find((f) => f.in === 0);
      state.failures = state.failures
        .filter((f) => f !== planned)
        .map((f) => Object.assign({}, f, { in: f.in - 1 }));
      try {
        queue.forEach((fn, i) => {
          if (planned && i === Math.min(planned.after, queue.length - 1))
            throw officeError("GeneralException", "An internal error has occurred.", "sync");
          fn();
        });
      } catch (e) {
        failure = e instanceof FakeOfficeError ? officeError("InvalidArgument", e.message) : e;
      }
      state.calcSuspended = false;
      const events = state.pendingEvents;
      state.pendingEvents = [];
      dispatch(events);
      return Promise.resolve().then(() => {
        if (failure) throw failure;
      });
    }
  }

  function notLoaded(name) {
    return new Error(
      "The property '" +
        name +
        "' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context."
    );
  }

  function parseLoad(arg) {
    if (arg === undefined || arg === null) return [];
    if (typeof arg === "string")
      return arg
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    if (Array.isArray(arg)) return arg.slice();
    if (typeof arg === "object" && arg.select) return parseLoad(arg.select);
    if (typeof arg === "object") return Object.keys(arg).filter((k) => arg[k]);
    return [];
  }

  /** Base proxy: resolves its model object lazily (first command that needs it) and keeps it. */
  class ClientObject {
    constructor(ctx, resolve, nullable) {
      this._ctx = ctx;
      this._resolveFn = resolve;
      this._nullable = Boolean(nullable);
      this._target = undefined;
      this._values = {};
      this._loaded = {};
      this._null = undefined;
    }
    get context() {
      return this._ctx;
    }
    get isNullObject() {
      if (!this._nullable) return false;
      if (this._null === undefined) throw notLoaded("isNullObject");
      return this._null;
    }
    _resolve() {
      if (this._target === undefined) {
        const t = this._resolveFn();
        if (t === null && !this._nullable)
          throw officeError("ItemNotFound", "The requested resource doesn't exist.");
        this._target = t;
      }
      if (this._target === null)
        throw officeError("ItemNotFound", "The requested resource doesn't exist.");
      return this._target;
    }
    _resolveNullable() {
      if (this._target === undefined) this._target = this._resolveFn();
      return this._target;
    }
    _get(name) {
      if (Object.prototype.hasOwnProperty.call(this._loaded, name)) return this._loaded[name];
      if (Object.prototype.hasOwnProperty.call(this._values, name)) return this._values[name];
      throw notLoaded(name);
    }
    _set(name, value, apply) {
      this._values[name] = value;
      this._ctx._enqueue(() => apply(this._resolve(), value), requestBytes(value));
    }
    /** Scalar props this object can load, and how to read them from the target. */
    _readers() {
      return {};
    }
    _navigation() {
      return {};
    }
    load(arg) {
      const props = parseLoad(arg);
      const readers = this._readers();
      const nav = this._navigation();
      for (const p of props) {
        const [head, ...rest] = p.split("/");
        if (rest.length > 0) {
          if (!nav[head]) throw new Error("Cannot load '" + p + "'.");
          nav[head]().load(rest.join("/"));
        } else if (!readers[head] && !nav[head] && head !== "isNullObject") {
          throw new Error("Property '" + head + "' cannot be loaded on this object.");
        }
      }
      const scalars = props.filter((p) => !p.includes("/") && readers[p]);
      const all = props.length === 0;
      this._ctx._enqueue(() => {
        const target = this._nullable ? this._resolveNullable() : this._resolve();
        if (this._nullable) this._null = target === null;
        if (target === null) return;
        const names = all ? Object.keys(readers) : scalars;
        for (const n of names) this._loaded[n] = readers[n](target);
      });
      return this;
    }
    toJSON() {
      return Object.assign({}, this._values, this._loaded);
    }
  }

  /** Queues a check that resolves a nullable proxy, so isNullObject is known after the sync. */
  function trackNull(obj) {
    obj._ctx._enqueue(() => {
      obj._null = obj._resolveNullable() === null;
    });
    return obj;
  }

  function guardWrite(sheet) {
    if (sheet.protected) {
      throw officeError(
        "AccessDenied",
        "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
        "Range"
      );
    }
  }

  // ---- workbook

  class Workbook {
    constructor(ctx) {
      this._ctx = ctx;
      this.worksheets = new WorksheetCollection(ctx);
      this.names = new NamedItemCollection(ctx);
      this.settings = new SettingCollection(ctx);
      this.properties = new DocumentProperties(ctx);
      this.application = new Application(ctx);
    }
    get context() {
      return this._ctx;
    }
  }

  class Application {
    constructor(ctx) {
      this._ctx = ctx;
      this._loaded = {};
    }
    /** ExcelApi 1.11: Excel's separators (the `separators` reset option; default en-US). */
    load(arg) {
      const props = parseLoad(arg);
      this._ctx._enqueue(() => {
        for (const p of props) {
          if (!["decimalSeparator", "thousandsSeparator", "useSystemSeparators"].includes(p))
            throw officeError("InvalidArgument", "Unknown property " + p, "Application.load");
          need("1.11", "Application." + p);
          this._loaded[p] =
            p === "useSystemSeparators" ? true : state.separators[p === "decimalSeparator" ? 0 : 1];
        }
      });
      return this;
    }
    get decimalSeparator() {
      return this._read("decimalSeparator");
    }
    get thousandsSeparator() {
      return this._read("thousandsSeparator");
    }
    _read(p) {
      if (!(p in this._loaded)) throw notLoaded(p);
      return this._loaded[p];
    }
    suspendApiCalculationUntilNextSync() {
      this._ctx._enqueue(() => {
        need("1.6", "Application.suspendApiCalculationUntilNextSync");
        state.calcSuspended = true;
      });
    }
    /** Recalculates every formula (clears what a suspended batch left stale). */
    calculate(type) {
      this._ctx._enqueue(() => {
        if (!["Recalculate", "Full", "FullRebuild"].includes(type))
          throw officeError("InvalidArgument", "Bad calculation type", "Application.calculate");
        for (const sheet of state.sheets)
          for (const cell of sheet.cells.values()) delete cell.stale;
        state.calculations++;
      });
    }
  }

  class DocumentProperties extends ClientObject {
    constructor(ctx) {
      super(ctx, () => state);
    }
    _readers() {
      return {
        creationDate: () => {
          need("1.7", "DocumentProperties");
          return new Date(state.created.getTime());
        },
      };
    }
    get creationDate() {
      return this._get("creationDate");
    }
  }

  // ---- events

  class EventHandlers {
    constructor(ctx, version, register) {
      this._ctx = ctx;
      this._version = version;
      this._register = register;
    }
    add(handler) {
      const result = new EventHandlerResult(this._ctx);
      this._ctx._enqueue(() => {
        need(this._version, "EventHandlers.add");
        result._list = this._register();
        result._list.push(handler);
        result._handler = handler;
      });
      return result;
    }
  }

  class EventHandlerResult {
    constructor(ctx) {
      this.context = ctx;
      this._list = null;
      this._handler = null;
    }
    remove() {
      this.context._enqueue(() => {
        if (!this._list) return;
        const i = this._list.indexOf(this._handler);
        if (i >= 0) this._list.splice(i, 1);
      });
    }
  }

  // ---- worksheets

  class WorksheetCollection extends ClientObject {
    constructor(ctx) {
      super(ctx, () => state);
      this._items = undefined;
      this.onChanged = new EventHandlers(ctx, "1.9", () => state.collectionHandlers.changed);
      this.onAdded = new EventHandlers(ctx, "1.7", () => state.collectionHandlers.added);
      this.onDeleted = new EventHandlers(ctx, "1.7", () => state.collectionHandlers.deleted);
    }
    get items() {
      if (this._items === undefined) throw notLoaded("items");
      return this._items;
    }
    load(arg) {
      const props = parseLoad(arg);
      const nested = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
      const wantsItems = props.length === 0 || props.includes("items") || nested.length > 0;
      if (wantsItems) {
        this._ctx._enqueue(() => {
          this._items = state.sheets.map((s) => {
            const ws = new Worksheet(this._ctx, () => s);
            ws._target = s;
            const readers = ws._readers();
            const names = nested.length > 0 ? nested : Object.keys(readers);
            for (const n of names) {
              if (!readers[n]) throw new FakeOfficeError("Cannot load items/" + n);
              ws._loaded[n] = readers[n](s);
            }
            return ws;
          });
        });
      }
      return this;
    }
    getItem(key) {
      return new Worksheet(this._ctx, () => findSheet(key));
    }
    getItemOrNullObject(key) {
      const ws = new Worksheet(
        this._ctx,
        () => {
          need("1.4", "WorksheetCollection.getItemOrNullObject");
          return findSheet(key);
        },
        true
      );
      return trackNull(ws);
    }
    getActiveWorksheet() {
      return new Worksheet(
        this._ctx,
        () => state.sheets.find((s) => s.id === state.activeId) || null
      );
    }
    add(name) {
      const ws = new Worksheet(this._ctx, () => ws._target);
      this._ctx._enqueue(() => {
        let n = name;
        if (n === undefined || n === null || n === "") {
          let i = state.sheets.length + 1;
          while (findSheet("Sheet" + i)) i++;
          n = "Sheet" + i;
        }
        checkSheetName(n, null);
        const s = newSheet(n);
        state.sheets.push(s);
        ws._target = s;
        queueEvent("added", s, {}, true);
      });
      return ws;
    }
  }

  function checkSheetName(name, self) {
    if (
      typeof name !== "string" ||
      name.length === 0 ||
      name.length > 31 ||
      /[[\]:*?/\\]/.test(name) ||
      /^'|'$/.test(name)
    ) {
      throw officeError(
        "InvalidArgument",
        "The argument is invalid or missing or has an incorrect format.",
        "Worksheet.name"
      );
    }
    if (keyOf(name) === "history")
      throw officeError("InvalidArgument", "History is a reserved name.", "Worksheet.name");
    const other = findSheet(name);
    if (other && other !== self) {
      throw officeError(
        "ItemAlreadyExists",
        "A resource with the same name or identifier already exists.",
        "Worksheet.name"
      );
    }
  }

  function visibleCount() {
    return state.sheets.filter((s) => s.visibility === "Visible").length;
  }

  class Worksheet extends ClientObject {
    constructor(ctx, resolve, nullable) {
      super(ctx, resolve, nullable);
      this.onChanged = new EventHandlers(ctx, "1.7", () => this._resolve().handlers);
      this.freezePanes = new FreezePanes(this);
      this.pageLayout = new PageLayout(this);
      this.protection = new WorksheetProtection(this);
    }
    _readers() {
      return {
        id: (s) => s.id,
        name: (s) => s.name,
        visibility: (s) => s.visibility,
        position: (s) => state.sheets.indexOf(s),
      };
    }
    get id() {
      return this._get("id");
    }
    get name() {
      return this._get("name");
    }
    set name(v) {
      this._set("name", v, (s, value) => {
        checkSheetName(value, s);
        retarget(s.name, quoteSheet(value) + "!");
        s.name = value;
      });
    }
    get visibility() {
      return this._get("visibility");
    }
    set visibility(v) {
      this._set("visibility", v, (s, value) => {
        if (!["Visible", "Hidden", "VeryHidden"].includes(value))
          throw officeError("InvalidArgument", "Bad visibility");
        if (value !== "Visible" && s.visibility === "Visible" && visibleCount() <= 1) {
          throw officeError(
            "InvalidOperation",
            "A workbook must contain at least one visible worksheet.",
            "Worksheet.visibility"
          );
        }
        s.visibility = value;
        if (value !== "Visible" && state.activeId === s.id) {
          const v2 = state.sheets.find((x) => x.visibility === "Visible");
          state.activeId = v2 ? v2.id : null;
        }
      });
    }
    get position() {
      return this._get("position");
    }
    set position(v) {
      this._set("position", v, (s, value) => {
        const i = state.sheets.indexOf(s);
        state.sheets.splice(i, 1);
        state.sheets.splice(Math.max(0, Math.min(value, state.sheets.length)), 0, s);
      });
    }
    getRange(address) {
      return new Range(this._ctx, () => {
        const s = this._resolve();
        if (address === undefined || address === null || address === "") {
          return { sheet: s, area: { r0: 0, r1: MAX_ROWS - 1, c0: 0, c1: MAX_COLS - 1 } };
        }
        const area = parseArea(address);
        if (!area)
          throw officeError("InvalidArgument", "Bad address " + address, "Worksheet.getRange");
        return { sheet: s, area: area };
      });
    }
    _usedArea(s, valuesOnly) {
      let area = null;
      for (const [k, cell] of s.cells) {
        const used = valuesOnly
          ? cell.formula || (cell.value !== null && cell.value !== undefined && cell.value !== "")
          : true;
        if (!used) continue;
        const [r, c] = k.split(",").map(Number);
        if (!area) area = { r0: r, r1: r, c0: c, c1: c };
        else {
          area.r0 = Math.min(area.r0, r);
          area.r1 = Math.max(area.r1, r);
          area.c0 = Math.min(area.c0, c);
          area.c1 = Math.max(area.c1, c);
        }
      }
      return area;
    }
    getUsedRange(valuesOnly) {
      return new Range(this._ctx, () => {
        const s = this._resolve();
        return { sheet: s, area: this._usedArea(s, valuesOnly) || { r0: 0, r1: 0, c0: 0, c1: 0 } };
      });
    }
    getUsedRangeOrNullObject(valuesOnly) {
      const r = new Range(
        this._ctx,
        () => {
          need("1.4", "Worksheet.getUsedRangeOrNullObject");
          const s = this._resolve();
          const area = this._usedArea(s, valuesOnly);
          return area ? { sheet: s, area: area } : null;
        },
        true
      );
      return trackNull(r);
    }
    activate() {
      this._ctx._enqueue(() => {
        const s = this._resolve();
        if (s.visibility !== "Visible")
          throw officeError(
            "InvalidOperation",
            "Cannot activate a hidden sheet.",
            "Worksheet.activate"
          );
        state.activeId = s.id;
      });
    }
    delete() {
      this._ctx._enqueue(() => {
        const s = this._resolve();
        if (s.visibility === "Visible" && visibleCount() <= 1) {
          throw officeError(
            "InvalidOperation",
            "A workbook must contain at least one visible worksheet.",
            "Worksheet.delete"
          );
        }
        state.sheets.splice(state.sheets.indexOf(s), 1);
        retarget(s.name, null);
        if (state.activeId === s.id) {
          const v = state.sheets.find((x) => x.visibility === "Visible");
          state.activeId = v ? v.id : null;
        }
        if (state.selection && state.selection.sheetId === s.id) state.selection = null;
        queueEvent("deleted", s, {}, true);
      });
    }
    /** ExcelApi 1.7: a copy named “Name (2)” at the end (or after this sheet), references inside kept. */
    copy(positionType) {
      const ref = { sheet: null };
      const copyProxy = new Worksheet(this._ctx, () => {
        if (!ref.sheet) throw officeError("ItemNotFound", "The copy does not exist.");
        return ref.sheet;
      });
      this._ctx._enqueue(() => {
        need("1.7", "Worksheet.copy");
        const s = this._resolve();
        let n = 2;
        while (findSheet(s.name + " (" + n + ")")) n++;
        const c = newSheet(s.name + " (" + n + ")");
        for (const [k, cell] of s.cells) c.cells.set(k, JSON.parse(JSON.stringify(cell)));
        for (const key of ["merges", "validations", "conditionalFormats"])
          c[key] = JSON.parse(JSON.stringify(s[key]));
        Object.assign(c.columnWidths, s.columnWidths);
        Object.assign(c.rowHeights, s.rowHeights);
        c.visibility = s.visibility;
        const at = positionType === "After" ? state.sheets.indexOf(s) + 1 : state.sheets.length;
        state.sheets.splice(at, 0, c);
        ref.sheet = c;
        queueEvent("added", c, {}, true);
      });
      return copyProxy;
    }
  }

  class WorksheetProtection extends ClientObject {
    constructor(ws) {
      super(ws._ctx, () => ws._resolve());
    }
    _readers() {
      return { protected: (s) => s.protected };
    }
    get protected() {
      return this._get("protected");
    }
    protect() {
      this._ctx._enqueue(() => {
        this._resolve().protected = true;
      });
    }
    unprotect() {
      this._ctx._enqueue(() => {
        this._resolve().protected = false;
      });
    }
  }

  class FreezePanes {
    constructor(ws) {
      this._ws = ws;
    }
    freezeRows(count) {
      this._ws._ctx._enqueue(() => {
        need("1.7", "WorksheetFreezePanes.freezeRows");
        this._ws._resolve().freezeRows = count;
      });
    }
    unfreeze() {
      this._ws._ctx._enqueue(() => {
        need("1.7", "WorksheetFreezePanes.unfreeze");
        this._ws._resolve().freezeRows = 0;
      });
    }
  }

  class PageLayout {
    constructor(ws) {
      this._ws = ws;
      const props = [
        "orientation",
        "paperSize",
        "leftMargin",
        "rightMargin",
        "topMargin",
        "bottomMargin",
        "headerMargin",
        "footerMargin",
        "zoom",
        "centerHorizontally",
      ];
      for (const p of props) {
        Object.defineProperty(this, p, {
          enumerable: true,
          get: () => {
            throw notLoaded(p);
          },
          set: (v) => {
            this._ws._ctx._enqueue(() => {
              need("1.9", "PageLayout." + p);
              this._ws._resolve().pageLayout[p] = v;
            });
          },
        });
      }
    }
    setPrintTitleRows(address) {
      this._ws._ctx._enqueue(() => {
        need("1.9", "PageLayout.setPrintTitleRows");
        this._ws._resolve().printTitleRows = address;
      });
    }
  }

  // ---- ranges

  class Range extends ClientObject {
    constructor(ctx, resolve, nullable) {
      super(ctx, resolve, nullable);
      this.format = new RangeFormat(this);
      this.dataValidation = new DataValidation(this);
      this.conditionalFormats = new ConditionalFormatCollection(this);
    }
    _readers() {
      const grid = (fn) => (t) => {
        const { rows, cols } = areaSize(t.area);
        if (rows * cols > 2000000)
          throw officeError("ResponsePayloadSizeLimitExceeded", "Response too large.");
        const out = [];
        for (let r = 0; r < rows; r++) {
          const line = [];
          for (let c = 0; c < cols; c++) line.push(fn(t.sheet, t.area.r0 + r, t.area.c0 + c));
          out.push(line);
        }
        return out;
      };
      return {
        address: (t) => quoteSheet(t.sheet.name) + "!" + areaText(t.area),
        rowIndex: (t) => t.area.r0,
        columnIndex: (t) => t.area.c0,
        rowCount: (t) => areaSize(t.area).rows,
        columnCount: (t) => areaSize(t.area).cols,
        values: grid((s, r, c) => outward(valueOf(s, r, c, 0))),
        formulas: grid((s, r, c) => {
          const cell = cellAt(s, r, c, false);
          if (!cell) return "";
          if (cell.formula) return cell.formula;
          return cell.value === null || cell.value === undefined ? "" : cell.value;
        }),
        numberFormat: grid((s, r, c) => {
          const cell = cellAt(s, r, c, false);
          return cell ? cell.numberFormat : "General";
        }),
      };
    }
    get address() {
      return this._get("address");
    }
    get rowIndex() {
      return this._get("rowIndex");
    }
    get columnIndex() {
      return this._get("columnIndex");
    }
    get rowCount() {
      return this._get("rowCount");
    }
    get columnCount() {
      return this._get("columnCount");
    }
    get values() {
      return this._get("values");
    }
    set values(v) {
      this._set("values", v, (t, value) => writeGrid(t, value, "values"));
    }
    get formulas() {
      return this._get("formulas");
    }
    set formulas(v) {
      this._set("formulas", v, (t, value) => writeGrid(t, value, "formulas"));
    }
    get numberFormat() {
      return this._get("numberFormat");
    }
    set numberFormat(v) {
      this._set("numberFormat", v, (t, value) => writeGrid(t, value, "numberFormat"));
    }
    set hyperlink(v) {
      this._set("hyperlink", v, (t, value) => {
        need("1.7", "Range.hyperlink");
        guardWrite(t.sheet);
        for (const x of cellsIn(t.sheet, t.area, true)) x.cell.hyperlink = Object.assign({}, value);
        if (value && value.textToDisplay !== undefined) {
          for (const x of cellsIn(t.sheet, t.area, true))
            typeInto(t.sheet, x.r, x.c, "'" + value.textToDisplay);
        }
      });
    }
    get hyperlink() {
      return this._get("hyperlink");
    }
    merge(across) {
      this._ctx._enqueue(() => {
        const t = this._resolve();
        guardWrite(t.sheet);
        if (across) {
          for (let r = t.area.r0; r <= t.area.r1; r++)
            t.sheet.merges.push(areaText({ r0: r, r1: r, c0: t.area.c0, c1: t.area.c1 }));
        } else t.sheet.merges.push(areaText(t.area));
      });
    }
    unmerge() {
      this._ctx._enqueue(() => {
        const t = this._resolve();
        t.sheet.merges = t.sheet.merges.filter((m) => !intersects(parseArea(m), t.area));
      });
    }
    clear(applyTo) {
      this._ctx._enqueue(() => {
        const t = this._resolve();
        guardWrite(t.sheet);
        const what = applyTo || "All";
        for (const x of cellsIn(t.sheet, t.area, false)) {
          if (what === "All" || what === "Contents") {
            x.cell.value = null;
            x.cell.formula = null;
          }
          if (what === "All" || what === "Formats") {
            x.cell.format = {};
            x.cell.numberFormat = "General";
          }
          if (what === "All" || what === "Hyperlinks") x.cell.hyperlink = null;
        }
        if (what === "All" || what === "Contents")
          queueEvent("changed", t.sheet, { address: areaText(t.area) }, true);
      });
    }
    select() {
      this._ctx._enqueue(() => {
        const t = this._resolve();
        if (state.activeId !== t.sheet.id) {
          throw officeError(
            "InvalidSelection",
            "The current selection is invalid for this operation.",
            "Range.select"
          );
        }
        state.selection = { sheetId: t.sheet.id, area: t.area };
      });
    }
  }

  function writeGrid(t, value, kind) {
    guardWrite(t.sheet);
    const { rows, cols } = areaSize(t.area);
    const grid = Array.isArray(value)
      ? value
      : Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
    if (grid.length !== rows || grid.some((line) => !Array.isArray(line) || line.length !== cols)) {
      throw officeError(
        "InvalidArgument",
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        "Range." + kind
      );
    }
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = grid[r][c];
        if (v === null || v === undefined) continue; // null leaves the cell as it is
        if (kind === "numberFormat")
          cellAt(t.sheet, t.area.r0 + r, t.area.c0 + c, true).numberFormat = String(v);
        else typeInto(t.sheet, t.area.r0 + r, t.area.c0 + c, v);
      }
    }
    if (kind !== "numberFormat")
      queueEvent("changed", t.sheet, { address: areaText(t.area) }, true);
    else formatChanged(t);
  }

  /** Microsoft: onChanged "occurs when … format or value changes": an API format change raises it too. */
  function formatChanged(t) {
    if (!state.formatEvents) return;
    const extra = { address: areaText(t.area) };
    if (t.area.r0 === t.area.r1 && t.area.c0 === t.area.c1) {
      const v = outward(valueOf(t.sheet, t.area.r0, t.area.c0, 0));
      extra.details = { valueBefore: v, valueAfter: v };
    }
    queueEvent("changed", t.sheet, extra, true);
  }

  /** A format property applied to every cell of the range; read back as one value, or null when mixed. */
  function formatProp(owner, path, name, version) {
    Object.defineProperty(owner, name, {
      enumerable: true,
      get: () => owner._proxy()._get(path + name),
      set: (v) => {
        const rng = owner._range;
        rng._values[path + name] = v;
        rng._ctx._enqueue(() => {
          if (version) need(version, name);
          const t = rng._resolve();
          guardWrite(t.sheet);
          if (name === "columnWidth") {
            for (let c = t.area.c0; c <= t.area.c1; c++) t.sheet.columnWidths[c] = v;
            return;
          }
          if (name === "rowHeight") {
            for (let r = t.area.r0; r <= t.area.r1; r++) t.sheet.rowHeights[r] = v;
            return;
          }
          for (const x of cellsIn(
            t.sheet,
            t.area,
            areaSize(t.area).rows * areaSize(t.area).cols <= 20000
          )) {
            setDeep(x.cell.format, path + name, v);
          }
          formatChanged(t);
        });
      },
    });
  }

  function setDeep(obj, path, v) {
    const parts = path.split(".");
    let o = obj;
    for (let i = 0; i < parts.length - 1; i++) {
      o[parts[i]] = o[parts[i]] || {};
      o = o[parts[i]];
    }
    o[parts[parts.length - 1]] = v;
  }

  function getDeep(obj, path) {
    return path.split(".").reduce((o, p) => (o && p in o ? o[p] : undefined), obj);
  }

  /** Loads format properties (`color`, `bold`…) of a range as one value per property. */
  class FormatPart {
    constructor(range, path, props, defaults) {
      this._range = range;
      this._path = path;
      this._defaults = defaults || {};
      for (const p of props) formatProp(this, path, p);
    }
    _proxy() {
      return this._range;
    }
    load(arg) {
      const props = parseLoad(arg);
      const names = props.length > 0 ? props : Object.keys(this._defaults);
      const rng = this._range;
      rng._ctx._enqueue(() => {
        const t = rng._resolve();
        for (const n of names) {
          const key = this._path + n;
          const vals = new Set();
          for (let r = t.area.r0; r <= Math.min(t.area.r1, t.area.r0 + 999); r++) {
            for (let c = t.area.c0; c <= Math.min(t.area.c1, t.area.c0 + 99); c++) {
              const cell = cellAt(t.sheet, r, c, false);
              const v = cell ? getDeep(cell.format, key) : undefined;
              vals.add(v === undefined ? this._defaults[n] : v);
            }
          }
          rng._loaded[key] = vals.size === 1 ? [...vals][0] : null;
        }
      });
      return this;
    }
  }

  class RangeFill extends FormatPart {
    constructor(range) {
      super(range, "fill.", ["color"], { color: "#FFFFFF" });
    }
    clear() {
      const rng = this._range;
      rng._ctx._enqueue(() => {
        const t = rng._resolve();
        guardWrite(t.sheet);
        for (const x of cellsIn(t.sheet, t.area, false))
          if (x.cell.format.fill) delete x.cell.format.fill;
        formatChanged(t);
      });
    }
  }

  class RangeFont extends FormatPart {
    constructor(range) {
      super(range, "font.", ["name", "size", "bold", "italic", "color", "underline"], {
        name: "Calibri",
        size: 11,
        bold: false,
        italic: false,
        color: "#000000",
        underline: "None",
      });
    }
  }

  class RangeBorder extends FormatPart {
    constructor(range, edge) {
      super(range, "borders." + edge + ".", ["style", "color", "weight"], {
        style: "None",
        color: "#000000",
        weight: "Thin",
      });
    }
  }

  class RangeBorderCollection {
    constructor(range) {
      this._range = range;
    }
    getItem(index) {
      const edges = [
        "EdgeTop",
        "EdgeBottom",
        "EdgeLeft",
        "EdgeRight",
        "InsideVertical",
        "InsideHorizontal",
        "DiagonalDown",
        "DiagonalUp",
      ];
      if (!edges.includes(index)) throw new Error("Unknown border " + index);
      return new RangeBorder(this._range, index);
    }
  }

  class RangeFormat extends FormatPart {
    constructor(range) {
      super(
        range,
        "",
        ["wrapText", "horizontalAlignment", "verticalAlignment", "columnWidth", "rowHeight"],
        {
          wrapText: false,
          horizontalAlignment: "General",
          verticalAlignment: "Bottom",
          rowHeight: 15,
        }
      );
      this.fill = new RangeFill(range);
      this.font = new RangeFont(range);
      this.borders = new RangeBorderCollection(range);
    }
    autofitRows() {
      const rng = this._range;
      rng._ctx._enqueue(() => guardWrite(rng._resolve().sheet));
    }
    autofitColumns() {
      const rng = this._range;
      rng._ctx._enqueue(() => guardWrite(rng._resolve().sheet));
    }
  }

  class DataValidation {
    constructor(range) {
      this._range = range;
      for (const p of ["rule", "prompt", "errorAlert", "ignoreBlanks"]) {
        Object.defineProperty(this, p, {
          enumerable: true,
          get: () => range._get("dataValidation." + p),
          set: (v) => {
            range._values["dataValidation." + p] = v;
            range._ctx._enqueue(() => {
              need("1.8", "DataValidation." + p);
              const t = range._resolve();
              guardWrite(t.sheet);
              const address = areaText(t.area);
              let rec = t.sheet.validations.find((x) => x.address === address);
              if (!rec) {
                rec = { address: address, ignoreBlanks: true };
                t.sheet.validations.push(rec);
              }
              if (p === "rule") checkRule(v);
              rec[p] = JSON.parse(JSON.stringify(v));
            });
          },
        });
      }
    }
    clear() {
      const range = this._range;
      range._ctx._enqueue(() => {
        need("1.8", "DataValidation.clear");
        const t = range._resolve();
        t.sheet.validations = t.sheet.validations.filter(
          (x) => !intersects(parseArea(x.address), t.area)
        );
      });
    }
  }

  function checkRule(rule) {
    const kinds = ["wholeNumber", "decimal", "list", "custom", "textLength", "date", "time"];
    const keys = Object.keys(rule || {});
    if (keys.length !== 1 || !kinds.includes(keys[0]))
      throw officeError(
        "InvalidArgument",
        "A data validation rule needs exactly one type.",
        "DataValidation.rule"
      );
    const body = rule[keys[0]];
    if (keys[0] === "list" && typeof body.source !== "string")
      throw officeError("InvalidArgument", "List source missing.", "DataValidation.rule");
    if (keys[0] === "custom" && !/^=/.test(body.formula))
      throw officeError(
        "InvalidArgument",
        "Custom formula must start with =.",
        "DataValidation.rule"
      );
    if (["wholeNumber", "decimal", "textLength"].includes(keys[0])) {
      if (!body.operator || body.formula1 === undefined)
        throw officeError(
          "InvalidArgument",
          "Operator and formula1 required.",
          "DataValidation.rule"
        );
      if (body.operator === "Between" && body.formula2 === undefined)
        throw officeError("InvalidArgument", "Between needs formula2.", "DataValidation.rule");
    }
  }

  function intersects(a, b) {
    return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
  }

  class ConditionalFormatCollection {
    constructor(range) {
      this._range = range;
    }
    clearAll() {
      const range = this._range;
      range._ctx._enqueue(() => {
        need("1.6", "ConditionalFormatCollection.clearAll");
        const t = range._resolve();
        t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter(
          (x) => !intersects(parseArea(x.address), t.area)
        );
      });
    }
    add(type) {
      const range = this._range;
      const rec = { type: type, formula: null, fill: null, fontColor: null };
      range._ctx._enqueue(() => {
        need("1.6", "ConditionalFormatCollection.add");
        const t = range._resolve();
        guardWrite(t.sheet);
        rec.address = areaText(t.area);
        t.sheet.conditionalFormats.push(rec);
      });
      const later = (fn) => range._ctx._enqueue(() => fn());
      const cf = {
        custom: {
          rule: {},
          format: { fill: {}, font: {} },
        },
      };
      // Setting a property queues the write into the conditional format's record at the next sync.
      const recorded = (owner, name, field) =>
        Object.defineProperty(owner, name, {
          enumerable: true,
          set: (v) => {
            later(() => (rec[field] = v));
          },
          get: () => rec[field],
        });
      recorded(cf.custom.rule, "formula", "formula");
      recorded(cf.custom.format.fill, "color", "fill");
      recorded(cf.custom.format.font, "color", "fontColor");
      return cf;
    }
  }

  // ---- names and settings

  class NamedItemCollection extends ClientObject {
    constructor(ctx) {
      super(ctx, () => state);
      this._items = undefined;
    }
    get items() {
      if (this._items === undefined) throw notLoaded("items");
      return this._items;
    }
    load(arg) {
      const props = parseLoad(arg);
      const nested = props.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
      this._ctx._enqueue(() => {
        need("1.4", "NamedItemCollection");
        this._items = state.names.map((rec) => {
          const item = new NamedItem(this._ctx, () => rec);
          item._target = rec;
          const readers = item._readers();
          for (const n of nested.length > 0 ? nested : Object.keys(readers))
            item._loaded[n] = readers[n](rec);
          return item;
        });
      });
      return this;
    }
    add(name, reference, comment) {
      const item = new NamedItem(this._ctx, () => item._target);
      this._ctx._enqueue(() => {
        need("1.4", "NamedItemCollection.add");
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) {
          throw officeError("InvalidArgument", "The name is not valid.", "NamedItemCollection.add");
        }
        if (state.names.some((n) => n.name.toUpperCase() === String(name).toUpperCase())) {
          throw officeError(
            "ItemAlreadyExists",
            "A resource with the same name or identifier already exists.",
            "NamedItemCollection.add"
          );
        }
        let target;
        if (reference instanceof Range) target = reference._resolve();
        else {
          const parts = splitAddress(String(reference).replace(/^=/, ""));
          const sheet = parts && findSheet(parts.sheet);
          if (!parts || !sheet)
            throw officeError("InvalidReference", "Bad reference", "NamedItemCollection.add");
          target = { sheet: sheet, area: parseArea(parts.area) };
        }
        const rec = {
          name: name,
          sheetId: target.sheet.id,
          area: target.area,
          comment: comment || "",
        };
        state.names.push(rec);
        item._target = rec;
      });
      return item;
    }
  }

  function nameFormula(rec) {
    const sheet = state.sheets.find((s) => s.id === rec.sheetId);
    const abs =
      "$" +
      colLetter(rec.area.c0) +
      "$" +
      (rec.area.r0 + 1) +
      (rec.area.r1 !== rec.area.r0 || rec.area.c1 !== rec.area.c0
        ? ":$" + colLetter(rec.area.c1) + "$" + (rec.area.r1 + 1)
        : "");
    return "=" + (sheet ? quoteSheet(sheet.name) : "#REF") + "!" + abs;
  }

  class NamedItem extends ClientObject {
    _readers() {
      return {
        name: (rec) => rec.name,
        type: () => "Range",
        formula: (rec) => nameFormula(rec),
        value: (rec) => nameFormula(rec).slice(1),
        comment: (rec) => rec.comment,
      };
    }
    get name() {
      return this._get("name");
    }
    get formula() {
      return this._get("formula");
    }
    delete() {
      this._ctx._enqueue(() => {
        const rec = this._resolve();
        const i = state.names.indexOf(rec);
        if (i >= 0) state.names.splice(i, 1);
      });
    }
  }

  class SettingCollection extends ClientObject {
    constructor(ctx) {
      super(ctx, () => state);
    }
    add(key, value) {
      const item = new Setting(this._ctx, () => ({ key: key }));
      this._ctx._enqueue(() => {
        need("1.4", "SettingCollection.add");
        state.settings[key] = JSON.parse(JSON.stringify(value));
      });
      return item;
    }
    getItemOrNullObject(key) {
      const s = new Setting(
        this._ctx,
        () => {
          need("1.4", "SettingCollection.getItemOrNullObject");
          return Object.prototype.hasOwnProperty.call(state.settings, key) ? { key: key } : null;
        },
        true
      );
      return trackNull(s);
    }
    getItem(key) {
      return new Setting(this._ctx, () =>
        Object.prototype.hasOwnProperty.call(state.settings, key) ? { key: key } : null
      );
    }
  }

  class Setting extends ClientObject {
    _readers() {
      return { key: (t) => t.key, value: (t) => state.settings[t.key] };
    }
    get key() {
      return this._get("key");
    }
    get value() {
      return this._get("value");
    }
    delete() {
      this._ctx._enqueue(() => {
        delete state.settings[this._resolve().key];
      });
    }
  }

  // ---------------------------------------------------------------- globals

  function run(a, b) {
    const batch = typeof a === "function" ? a : b;
    let ctx;
    if (typeof a === "function") ctx = new RequestContext();
    else if (a instanceof RequestContext) ctx = a;
    else if (a && a.context instanceof RequestContext) ctx = a.context;
    else ctx = new RequestContext();
    return Promise.resolve().then(() => batch(ctx));
  }

  const enumOf = (list) =>
    list.reduce((o, v) => ((o[v.charAt(0).toLowerCase() + v.slice(1)] = v), o), {});

  const Excel = {
    run: run,
    RequestContext: RequestContext,
    SheetVisibility: enumOf(["Visible", "Hidden", "VeryHidden"]),
    BorderIndex: enumOf([
      "EdgeTop",
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
      "InsideVertical",
      "InsideHorizontal",
      "DiagonalDown",
      "DiagonalUp",
    ]),
    ConditionalFormatType: enumOf([
      "Custom",
      "DataBar",
      "ColorScale",
      "IconSet",
      "TopBottom",
      "PresetCriteria",
      "ContainsText",
      "CellValue",
    ]),
    EventTriggerSource: { unknown: "Unknown", thisLocalAddin: "ThisLocalAddin" },
    ErrorCodes: enumOf([
      "AccessDenied",
      "ApiNotFound",
      "GeneralException",
      "InvalidArgument",
      "InvalidOperation",
      "InvalidReference",
      "InvalidSelection",
      "ItemAlreadyExists",
      "ItemNotFound",
    ]),
  };

  const OfficeExtension = {
    Error: Error,
    ClientRequestContext: RequestContext,
  };

  const readyInfo = () => ({ host: "Excel", platform: state.platform });

  const Office = {
    HostType: {
      Excel: "Excel",
      Word: "Word",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
    context: {
      host: "Excel",
      get platform() {
        return state.platform;
      },
      displayLanguage: "vi-VN",
      contentLanguage: "vi-VN",
      requirements: {
        isSetSupported(name, version) {
          if (name !== "ExcelApi") return false;
          return supports(version === undefined ? "1.1" : String(version));
        },
      },
    },
    onReady(callback) {
      return new Promise((resolve) => {
        setTimeout(() => {
          const info = readyInfo();
          if (typeof callback === "function") callback(info);
          resolve(info);
        }, 0);
      });
    },
  };

  // ---------------------------------------------------------------- test helpers

  function cellRef(address) {
    const p = splitAddress(address);
    if (!p) throw new FakeOfficeError("Bad address " + address);
    const sheet = sheetByName(p.sheet);
    const area = parseArea(p.area);
    if (!area) throw new FakeOfficeError("Bad address " + address);
    return { sheet: sheet, r: area.r0, c: area.c0, area: area };
  }

  const helpers = {
    reset: reset,
    get syncCount() {
      return state.syncCount;
    },
    get version() {
      return state.version;
    },
    setApiVersion(v) {
      state.version = String(v);
    },
    /** The sync `inSyncs` from now (0: the next) fails after running `after` of its commands. */
    failSync(inSyncs, after) {
      state.failures.push({ in: inSyncs, after: after });
    },
    /** Estimated request bytes of every sync since reset. */
    requestSizes() {
      return state.requests.slice();
    },
    /** How many times Application.calculate ran. */
    calculations() {
      return state.calculations;
    },
    /** Types a formula as a user would. */
    setFormula(address, formula) {
      const ref = cellRef(address);
      userAction(() => {
        typeInto(ref.sheet, ref.r, ref.c, formula);
        queueEvent("changed", ref.sheet, { address: a1(ref.r, ref.c) }, false);
      });
    },
    /** Types a value as a user would (fires onChanged, not attributed to the add-in). */
    setValue(address, value) {
      const ref = cellRef(address);
      userAction(() => {
        const valueBefore = outward(valueOf(ref.sheet, ref.r, ref.c, 0));
        typeInto(ref.sheet, ref.r, ref.c, value);
        const valueAfter = outward(valueOf(ref.sheet, ref.r, ref.c, 0));
        queueEvent(
          "changed",
          ref.sheet,
          { address: a1(ref.r, ref.c), details: { valueBefore, valueAfter } },
          false
        );
      });
    },
    /** Pastes a block starting at the address (one change event for the whole block). */
    paste(address, rows) {
      const ref = cellRef(address);
      userAction(() => {
        rows.forEach((line, i) =>
          line.forEach((v, j) => typeInto(ref.sheet, ref.r + i, ref.c + j, v))
        );
        const area = {
          r0: ref.r,
          c0: ref.c,
          r1: ref.r + rows.length - 1,
          c1: ref.c + Math.max(1, ...rows.map((l) => l.length)) - 1,
        };
        queueEvent("changed", ref.sheet, { address: areaText(area) }, false);
      });
    },
    /** The value Excel shows (formulas computed), or null for an empty cell. */
    getValue(address) {
      const ref = cellRef(address);
      const v = outward(valueOf(ref.sheet, ref.r, ref.c, 0));
      return v === "" ? null : v;
    },
    getCell(address) {
      const ref = cellRef(address);
      const cell = cellAt(ref.sheet, ref.r, ref.c, false);
      const validation = ref.sheet.validations.find((v) => {
        const a = parseArea(v.address);
        return ref.r >= a.r0 && ref.r <= a.r1 && ref.c >= a.c0 && ref.c <= a.c1;
      });
      return {
        value: helpers.getValue(address),
        formula: cell && cell.formula ? cell.formula : null,
        numberFormat: cell ? cell.numberFormat : "General",
        fill: cell && cell.format.fill && cell.format.fill.color ? cell.format.fill.color : null,
        font: cell && cell.format.font ? Object.assign({}, cell.format.font) : {},
        format: cell ? JSON.parse(JSON.stringify(cell.format)) : {},
        hyperlink: cell && cell.hyperlink ? Object.assign({}, cell.hyperlink) : null,
        validation: validation ? JSON.parse(JSON.stringify(validation)) : null,
      };
    },
    /** User formatting, e.g. a fill the add-in must not destroy. */
    setFill(address, color) {
      const ref = cellRef(address);
      const cell = cellAt(ref.sheet, ref.r, ref.c, true);
      if (color) cell.format.fill = { color: color };
      else delete cell.format.fill;
    },
    selected() {
      if (!state.selection) return null;
      const sheet = state.sheets.find((s) => s.id === state.selection.sheetId);
      return sheet ? quoteSheet(sheet.name) + "!" + areaText(state.selection.area) : null;
    },
    activeSheet() {
      const s = state.sheets.find((x) => x.id === state.activeId);
      return s ? s.name : null;
    },
    sheets() {
      return state.sheets.map((s, i) => ({
        id: s.id,
        name: s.name,
        visibility: s.visibility,
        position: i,
        protected: s.protected,
      }));
    },
    /** Rows of a sheet as values (formulas computed), trailing blanks trimmed. */
    rows(name) {
      const sheet = sheetByName(name);
      let maxR = -1;
      let maxC = -1;
      for (const k of sheet.cells.keys()) {
        const [r, c] = k.split(",").map(Number);
        maxR = Math.max(maxR, r);
        maxC = Math.max(maxC, c);
      }
      const out = [];
      for (let r = 0; r <= maxR; r++) {
        const line = [];
        for (let c = 0; c <= maxC; c++) {
          const v = outward(valueOf(sheet, r, c, 0));
          line.push(v === "" ? null : v);
        }
        while (line.length && line[line.length - 1] === null) line.pop();
        out.push(line);
      }
      return out;
    },
    sheetInfo(name) {
      const s = sheetByName(name);
      return {
        id: s.id,
        name: s.name,
        visibility: s.visibility,
        protected: s.protected,
        merges: s.merges.slice(),
        validations: JSON.parse(JSON.stringify(s.validations)),
        conditionalFormats: JSON.parse(JSON.stringify(s.conditionalFormats)),
        columnWidths: Object.assign({}, s.columnWidths),
        rowHeights: Object.assign({}, s.rowHeights),
        freezeRows: s.freezeRows,
        pageLayout: JSON.parse(JSON.stringify(s.pageLayout)),
        printTitleRows: s.printTitleRows,
      };
    },
    /** Adds a sheet as a user would (fires onAdded); rows are typed in. */
    addSheet(name, rows) {
      return userAction(() => {
        checkSheetName(name, null);
        const s = newSheet(name);
        state.sheets.push(s);
        (rows || []).forEach((line, r) =>
          (line || []).forEach(
            (v, c) => v !== null && v !== undefined && v !== "" && typeInto(s, r, c, v)
          )
        );
        queueEvent("added", s, {}, false);
        return s.id;
      });
    },
    renameSheet(from, to) {
      const s = sheetByName(from);
      checkSheetName(to, s);
      s.name = to;
    },
    moveSheet(name, position) {
      const s = sheetByName(name);
      state.sheets.splice(state.sheets.indexOf(s), 1);
      state.sheets.splice(position, 0, s);
    },
    deleteSheet(name) {
      const s = sheetByName(name);
      userAction(() => {
        state.sheets.splice(state.sheets.indexOf(s), 1);
        if (state.activeId === s.id)
          state.activeId = state.sheets.length ? state.sheets[0].id : null;
        queueEvent("deleted", s, {}, false);
      });
    },
    protect(name, on) {
      sheetByName(name).protected = on !== false;
    },
    names() {
      return state.names.map((n) => ({ name: n.name, formula: nameFormula(n) }));
    },
    settings() {
      return JSON.parse(JSON.stringify(state.settings));
    },
    /** Event handlers currently registered (per sheet and workbook-wide). */
    handlerCount() {
      const c = state.collectionHandlers;
      return (
        state.sheets.reduce((n, s) => n + s.handlers.length, 0) +
        c.changed.length +
        c.added.length +
        c.deleted.length
      );
    },
    /** Events delivered so far (WorksheetChanged / Added / Deleted arguments). */
    events() {
      return state.events.slice();
    },
  };

  // ---------------------------------------------------------------- install

  function initialOptions() {
    const opts = Object.assign({}, root.__FAKE_EXCEL_OPTIONS__ || {});
    try {
      const search = root.location && root.location.search ? root.location.search : "";
      const m = /[?&]excelApi=([0-9.]+)/.exec(search);
      if (m) opts.version = m[1];
    } catch {
      // No location outside a browser.
    }
    return opts;
  }

  reset(initialOptions());
  root.Office = Office;
  root.Excel = Excel;
  root.OfficeExtension = OfficeExtension;
  root.__fakeExcel = helpers;
})(typeof window !== "undefined" ? window : globalThis);
