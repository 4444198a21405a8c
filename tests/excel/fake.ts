import { getFormSet } from "../../src/core/forms/catalog";
import { parsePeriodId } from "../../src/core/period";
import { buildLayout, type WorkbookLayout } from "../../src/core/workbook/layout";

/** Installs tests/browser/fake-office.js (the same double the Chromium tests use) on globalThis. */
require("../browser/fake-office.js");

export interface FakeCell {
  value: string | number | boolean | null;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  font: Record<string, unknown>;
  hyperlink: { documentReference?: string; textToDisplay?: string } | null;
  validation: { rule: Record<string, unknown> } | null;
}

export interface FakeExcel {
  reset(opts?: {
    version?: string;
    sheets?: Record<string, unknown[][]>;
    platform?: string;
    /** Format changes raise onChanged (default true). */
    formatEvents?: boolean;
    /** Delay before events are delivered (ms). */
    eventDelayMs?: number;
    /** Refuse requests above this many estimated bytes (default 5 MB, as Excel on the web). */
    requestLimit?: number;
    /** Excel's [decimal, thousands] separators (default [".", ","]). */
    separators?: [string, string];
  }): void;
  readonly syncCount: number;
  setApiVersion(v: string): void;
  setValue(address: string, value: unknown): void;
  paste(address: string, rows: unknown[][]): void;
  getValue(address: string): string | number | boolean | null;
  getCell(address: string): FakeCell;
  setFill(address: string, color: string | null): void;
  selected(): string | null;
  activeSheet(): string | null;
  sheets(): {
    id: string;
    name: string;
    visibility: string;
    position: number;
    protected: boolean;
  }[];
  rows(name: string): (string | number | boolean | null)[][];
  sheetInfo(name: string): {
    id: string;
    visibility: string;
    merges: string[];
    validations: { address: string; rule: Record<string, unknown> }[];
    conditionalFormats: { address: string; formula: string; fill: string }[];
    columnWidths: Record<string, number>;
    /** By 0-based row. */
    rowHeights: Record<string, number>;
    freezeRows: number;
    pageLayout: Record<string, unknown>;
    printTitleRows: string | null;
  };
  addSheet(name: string, rows?: unknown[][]): string;
  renameSheet(from: string, to: string): void;
  moveSheet(name: string, position: number): void;
  deleteSheet(name: string): void;
  protect(name: string, on?: boolean): void;
  names(): { name: string; formula: string }[];
  settings(): Record<string, unknown>;
  handlerCount(): number;
  events(): { type: string; worksheetId: string; triggerSource?: string }[];
  /** The sync `inSyncs` from now (0: the next) fails after running `after` of its commands. */
  failSync(inSyncs: number, after: number): void;
  /** Estimated request bytes of every sync since reset. */
  requestSizes(): number[];
  /** How many times Application.calculate ran. */
  calculations(): number;
  /** Types a formula as a user would. */
  setFormula(address: string, formula: string): void;
}

export const fake = (globalThis as unknown as { __fakeExcel: FakeExcel }).__fakeExcel;

export function departmentLayout(unit = "Sở Tư pháp", period = "2024-Q1"): WorkbookLayout {
  return buildLayout(getFormSet("so-nganh-2024"), {
    unit,
    period: parsePeriodId(period)!,
    created: "2024-03-10T08:00:00.000Z",
  });
}

/** Syncs spent by `fn`. */
export async function syncsOf(fn: () => Promise<unknown>): Promise<number> {
  const before = fake.syncCount;
  await fn();
  return fake.syncCount - before;
}

/** Lets queued microtasks and zero-delay timers run (real timers). */
export function settle(ms = 5): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
