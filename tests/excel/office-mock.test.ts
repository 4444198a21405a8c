import { OfficeMockObject } from "office-addin-mock";
import { OfficeApp } from "office-addin-manifest";

// office-addin-mock only needs the OfficeApp enum from office-addin-manifest, whose dependency tree ships an
// ES-module-only package Jest cannot load untransformed.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
}));
import type { Finding } from "../../src/core/rules/types";
import type { SheetLayout } from "../../src/core/workbook/layout";
import { createExcelPort } from "../../src/excel/port";
import { ExcelPortError } from "../../src/excel/errors";
import { MARK_FILLS } from "../../src/excel/findings";
import { departmentLayout } from "./fake";

/**
 * The port's Office.js calls, checked on office-addin-mock objects (Microsoft's unit-test double): properties
 * are readable only after load + sync, so a missing load or sync fails the test.
 */

type Any = Record<string, any>;

interface SheetSpec {
  id: string;
  name: string;
  rows?: unknown[][];
}

interface Harness {
  syncs: () => number;
  /** Every range the port asked for, by `Sheet!A1`. */
  ranges: { at: string; mock: Any }[];
  names: string[];
  added: string[];
  handlers: ((args: Any) => Promise<void>)[];
  calls: string[];
  failNextSync: (e: unknown) => void;
}

/** Excel and Office globals built from OfficeMockObject, as in Microsoft's unit-testing guide. */
function install(
  maxVersion: number,
  sheets: SheetSpec[] = [{ id: "s1", name: "Sheet1" }]
): Harness {
  const created: OfficeMockObject[] = [];
  const track = <T extends OfficeMockObject>(m: T): T => {
    created.push(m);
    return m;
  };
  let syncs = 0;
  let failure: unknown;
  const h: Harness = {
    syncs: () => syncs,
    ranges: [],
    names: [],
    added: [],
    handlers: [],
    calls: [],
    failNextSync: (e) => {
      failure = e;
    },
  };
  const range = (sheet: string, address: string, rows: unknown[][] = [[""]]): Any => {
    const m = track(
      new OfficeMockObject(
        {
          address,
          values: rows,
          formulas: rows,
          numberFormat: rows.map((r) => r.map(() => "General")),
          rowIndex: 0,
          columnIndex: 0,
          format: {
            fill: {
              color: "#FFFFFF",
              clear() {
                h.calls.push(`clear ${sheet}!${address}`);
              },
            },
            font: {},
            borders: {
              getItem: (edge: string) => track(new OfficeMockObject({ edge }, OfficeApp.Excel)),
            },
          },
          dataValidation: {},
          conditionalFormats: {
            add: (type: string) =>
              track(
                new OfficeMockObject(
                  { type, custom: { rule: {}, format: { fill: {}, font: {} } } },
                  OfficeApp.Excel
                )
              ),
          },
          merge() {
            h.calls.push(`merge ${sheet}!${address}`);
          },
          select() {
            h.calls.push(`select ${sheet}!${address}`);
          },
          clear() {
            h.calls.push(`clear-all ${sheet}!${address}`);
          },
        },
        OfficeApp.Excel
      )
    ) as Any;
    m.isNullObject = false;
    h.ranges.push({ at: `${sheet}!${address}`, mock: m });
    return m;
  };
  const worksheet = (spec: SheetSpec): Any =>
    track(
      new OfficeMockObject(
        {
          id: spec.id,
          name: spec.name,
          visibility: "Visible",
          position: 0,
          getRange: (address?: string) => range(spec.name, address ?? "(all)"),
          getUsedRangeOrNullObject: () => range(spec.name, "used", spec.rows ?? [["x"]]),
          activate() {
            h.calls.push(`activate ${spec.name}`);
          },
          delete() {
            h.calls.push(`delete ${spec.name}`);
          },
          freezePanes: {
            freezeRows(n: number) {
              h.calls.push(`freeze ${spec.name} ${n}`);
            },
          },
          pageLayout: {
            setPrintTitleRows(rows: string) {
              h.calls.push(`printTitles ${spec.name} ${rows}`);
            },
          },
          protection: { protected: false },
          onChanged: {
            add: (handler: (args: Any) => Promise<void>) => {
              h.handlers.push(handler);
              return { context: excel.context, remove: () => h.calls.push("remove") };
            },
          },
        },
        OfficeApp.Excel
      )
    ) as Any;
  const books = sheets.map(worksheet);
  const byKey = (key: string) =>
    books.find((w) => w.id === key || w.name === key) ?? worksheet({ id: key, name: key });
  const handlerOf = (handler: (args: Any) => Promise<void>) => {
    h.handlers.push(handler);
    return { context: excel.context, remove: () => h.calls.push("remove") };
  };
  const excel: Any = new OfficeMockObject(
    {
      context: {
        workbook: {
          worksheets: {
            load() {
              // Collection items: the mock has no navigation loads, so each item loads its own scalars.
              (this as Any).items = books;
              for (const w of books) w.load("id,name,visibility,position");
              return this;
            },
            getItem: (key: string) => byKey(key),
            add: (name: string) => {
              h.added.push(name);
              const w = worksheet({ id: `new-${h.added.length}`, name });
              books.push(w);
              return w;
            },
            onChanged: { add: handlerOf },
            onAdded: { add: handlerOf },
            onDeleted: { add: handlerOf },
          },
          names: {
            load() {
              (this as Any).items = [];
              return this;
            },
            add: (name: string) => {
              h.names.push(name);
              return {};
            },
          },
          settings: {
            add: (key: string, value: string) => h.calls.push(`setting ${key}=${value}`),
            getItemOrNullObject: (key: string) => {
              const m = track(
                new OfficeMockObject({ key, value: key === "có" ? "giá trị" : "" }, OfficeApp.Excel)
              ) as Any;
              m.isNullObject = key !== "có";
              return m;
            },
          },
          properties: { creationDate: new Date("2024-05-02T03:04:05Z") },
          application: {
            // Vietnamese regional settings (ExcelApi 1.11 properties).
            decimalSeparator: ",",
            thousandsSeparator: ".",
            suspendApiCalculationUntilNextSync() {
              h.calls.push("suspend");
            },
            calculate(type: string) {
              h.calls.push(`calculate ${type}`);
            },
          },
        },
        async sync() {
          syncs++;
          if (failure) {
            const e = failure;
            failure = undefined;
            throw e;
          }
          const { properties, application } = excel.context.workbook;
          for (const m of [...created, properties, application]) await m.sync();
          for (let i = 0; i < 20; i++) await Promise.resolve();
        },
      },
      async run(a: unknown, b?: unknown) {
        const batch = (typeof a === "function" ? a : b) as (ctx: unknown) => Promise<unknown>;
        return batch((this as Any).context);
      },
    },
    OfficeApp.Excel
  );
  const office = new OfficeMockObject(
    {
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) =>
            name === "ExcelApi" && Number(version.split(".")[1]) <= maxVersion,
        },
      },
    },
    OfficeApp.Excel
  );
  const g = globalThis as Any;
  g.Excel = excel;
  g.Office = office;
  return h;
}

/** Whether the port assigned the property (the mock keeps an error string in properties never set or loaded). */
function assigned(mock: Any, key: string): boolean {
  const v: unknown = mock[key];
  return v !== undefined && !(typeof v === "string" && v.startsWith("Error, "));
}

const BM1 = "'Biểu mẫu 1'";

describe("capabilities", () => {
  test("each feature follows its requirement set; missing ones are listed in Vietnamese", () => {
    install(7);
    const port = createExcelPort();
    expect(port.capabilities()).toEqual({
      events: true,
      dataValidation: false,
      conditionalFormats: true,
      namedItems: true,
      sheetImport: false,
      api19: false,
      hyperlinks: true,
    });
    expect(port.unavailableFeatures()).toEqual([
      expect.stringContaining("Data Validation") as unknown as string,
      expect.stringContaining("Thiết lập in") as unknown as string,
    ]);
    install(20);
    expect(createExcelPort().unavailableFeatures()).toEqual([]);
  });
});

describe("insertForms on office-addin-mock", () => {
  test("ExcelApi 1.7: two syncs, no data validation touched, the skip reported", async () => {
    const h = install(7);
    const port = createExcelPort();
    const layout = departmentLayout();
    const report = await port.insertForms(layout, "new");
    expect(h.syncs()).toBe(2);
    expect(h.added).toEqual([...layout.sheets.map((s) => s.name), "CCHC_META"]);
    expect(h.ranges.some((r) => assigned(r.mock.dataValidation, "rule"))).toBe(false);
    expect(report.skipped[0]).toContain("ExcelApi 1.8");
    const cf = h.ranges.filter((r) => r.at.startsWith("Biểu mẫu 1!") && r.mock.conditionalFormats);
    expect(cf.length).toBeGreaterThan(0);
    expect(h.names).toHaveLength(layout.sheets.reduce((n, s) => n + s.valueCells.length, 0));
    expect(h.calls).toContain("freeze Biểu mẫu 1 6");
    expect(h.calls.some((c) => c.startsWith("printTitles"))).toBe(false);
  });

  test("ExcelApi 1.9: validation written from the layout's rules", async () => {
    const h = install(9);
    const layout = departmentLayout();
    await createExcelPort().insertForms(layout, "new");
    const withRule = h.ranges.filter((r) => assigned(r.mock.dataValidation, "rule"));
    expect(withRule).toHaveLength(layout.sheets.reduce((n, s) => n + s.validations.length, 0));
    const first = withRule.find((r) => r.at === "Biểu mẫu 1!D7")!.mock.dataValidation;
    expect(first.rule).toEqual({ wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect(first.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
    expect(h.calls).toContain("printTitles Biểu mẫu 1 $6:$6");
  });

  test("an Excel error becomes a Vietnamese ExcelPortError", async () => {
    const h = install(9);
    const port = createExcelPort();
    h.failNextSync(
      Object.assign(new Error("The cell or chart you're trying to change is protected."), {
        code: "InvalidOperation",
      })
    );
    const err = await port.insertForms(departmentLayout(), "new").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelPortError);
    expect((err as ExcelPortError).code).toBe("AccessDenied");
    expect((err as Error).message).toContain("Trang tính đang được bảo vệ");
  });
});

describe("reads, marks and selection on office-addin-mock", () => {
  test("readSnapshot loads before reading, in two syncs cold and one warm", async () => {
    const h = install(17, [
      {
        id: "s1",
        name: "Biểu mẫu 1",
        rows: [
          ["TT", "Chỉ tiêu"],
          ["1", "x"],
        ],
      },
    ]);
    const port = createExcelPort();
    const snap = await port.readSnapshot();
    expect(h.syncs()).toBe(2);
    expect(snap.sheets[0].rows[1][0]).toEqual({ value: "1", numFmt: "General" });
    expect(snap.modified?.toISOString()).toBe("2024-05-02T03:04:05.000Z");
    await port.readSnapshot();
    expect(h.syncs()).toBe(3);
  });

  test("highlight: one sync, fills the cell, records the fill it had, clears it afterwards", async () => {
    const h = install(17, [{ id: "s1", name: "Biểu mẫu 1" }]);
    const port = createExcelPort();
    await port.readSnapshot();
    const before = h.syncs();
    const f: Finding = {
      severity: "error",
      form: 1,
      row: "2",
      rule: "r",
      message: "m",
      cell: `${BM1}!D8`,
    };
    const state = await port.highlight([f], { addresses: [] });
    expect(h.syncs() - before).toBe(1);
    const d8 = h.ranges.filter((r) => r.at === "Biểu mẫu 1!D8").map((r) => r.mock.format.fill);
    expect(d8.some((fill) => fill.color === MARK_FILLS.error && assigned(fill, "color"))).toBe(
      true
    );
    expect(state).toEqual({
      addresses: [`${BM1}!D8`],
      marks: [{ sheetId: "s1", sheet: "Biểu mẫu 1", cell: "D8", fill: null }],
    });
    await port.highlight([], state);
    expect(h.syncs() - before).toBe(2);
    expect(h.calls).toContain("clear Biểu mẫu 1!D8");
  });

  test("select activates the sheet and selects the cell in one sync", async () => {
    const h = install(4, [{ id: "s1", name: "Biểu mẫu 1" }]);
    await createExcelPort().select(`${BM1}!D20`);
    expect(h.syncs()).toBe(1);
    expect(h.calls).toEqual(["activate Biểu mẫu 1", "select Biểu mẫu 1!D20"]);
  });

  test("settings: a value is read after load and sync; a null object is undefined", async () => {
    install(4);
    const port = createExcelPort();
    await expect(port.loadSetting("có")).resolves.toBe("giá trị");
    await expect(port.loadSetting("không")).resolves.toBeUndefined();
  });

  test("separators: ExcelApi 1.11 loads them and reads after one sync; 1.9 does not ask", async () => {
    let h = install(11);
    let port = createExcelPort();
    await expect(port.separators()).resolves.toEqual({ decimal: ",", thousands: "." });
    expect(h.syncs()).toBe(1);
    await port.separators();
    expect(h.syncs()).toBe(1);
    h = install(9);
    port = createExcelPort();
    await expect(port.separators()).resolves.toBeUndefined();
    expect(h.syncs()).toBe(0);
  });

  test("writeSheets: two syncs for one sheet and for twenty", async () => {
    const h = install(17);
    const sheet = (name: string): SheetLayout => ({
      name,
      form: 0,
      columns: [10],
      cells: [{ address: "A1", value: name }],
      merges: [],
      validations: [],
      conditionalFormats: [],
      valueCells: [],
      headerRow: 0,
      lastRow: 1,
    });
    const port = createExcelPort();
    await port.writeSheets([sheet("Một")]);
    expect(h.syncs()).toBe(2);
    const names = await port.writeSheets(Array.from({ length: 20 }, (_, i) => sheet(`Trang ${i}`)));
    expect(h.syncs()).toBe(4);
    expect(names).toHaveLength(20);
  });
});

describe("events on office-addin-mock", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("workbook-wide onChanged: bursts collapse, the add-in's own changes are ignored", async () => {
    const h = install(17);
    const port = createExcelPort();
    const handler = jest.fn();
    const off = await port.onChange(handler, 300);
    expect(h.handlers).toHaveLength(3); // onChanged, onAdded, onDeleted
    const changed = h.handlers[0];
    await changed({ triggerSource: "Unknown" });
    await changed({ triggerSource: "Unknown" });
    await changed({ triggerSource: "ThisLocalAddin" });
    await jest.advanceTimersByTimeAsync(299);
    expect(handler).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(handler).toHaveBeenCalledTimes(1);
    await changed({ triggerSource: "ThisLocalAddin" });
    await jest.advanceTimersByTimeAsync(1000);
    expect(handler).toHaveBeenCalledTimes(1);
    await off();
    expect(h.calls.filter((c) => c === "remove")).toHaveLength(3);
  });
});
