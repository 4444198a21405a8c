import { parseArea } from "./names";

type Area = NonNullable<ReturnType<typeof parseArea>>;

/** A range the add-in changed: change events on it until `until` are its echo. */
interface OwnRange {
  sheetId: string;
  /** null: the whole sheet. */
  area: Area | null;
  until: number;
}

/** How long a marked cell's echo may take to arrive (Excel on the web can be slow). */
export const CELL_ECHO_MS = 10_000;
/** The same for whole sheets the add-in wrote: shorter, so the officer's first typing is not taken for it. */
export const SHEET_ECHO_MS = 3_000;

/** `details` of a one-cell change (ExcelApi 1.9). */
interface ChangeDetail {
  valueBefore?: unknown;
  valueAfter?: unknown;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (
    a === b ||
    ((a === undefined || a === null || a === "") && (b === undefined || b === null || b === ""))
  );
}

function overlaps(a: Area, b: Area): boolean {
  return (
    a.from.row0 <= b.to.row0 &&
    b.from.row0 <= a.to.row0 &&
    a.from.col0 <= b.to.col0 &&
    b.from.col0 <= a.to.col0
  );
}

/**
 * Tells the add-in's own writes from the user's. With ExcelApi 1.14 each event says who caused it
 * (`triggerSource`). Before that: events while an own write runs or within `tailMs` after it, and events on
 * ranges the add-in changed (its highlights, the sheets it wrote) for a while after, are its echo. Format
 * changes raise onChanged too, so highlights are recorded by address, never by time alone: the user's edit
 * of another cell right after a highlight still counts.
 */
export class OwnWrites {
  private running = 0;
  private quietUntil = 0;
  private ranges: OwnRange[] = [];
  private lastOwn = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number,
    private readonly tailMs: number,
    private readonly exactSource: boolean
  ) {}

  begin(): void {
    this.running++;
  }

  end(): void {
    this.running = Math.max(0, this.running - 1);
    this.quietUntil = this.now() + this.tailMs;
    this.lastOwn = this.now();
  }

  /** The add-in changed `address` (or the whole sheet) of `sheetId`. */
  touched(sheetId: string, address?: string, ms = address ? CELL_ECHO_MS : SHEET_ECHO_MS): void {
    const area = address ? parseArea(address) : null;
    if (address && !area) return;
    this.ranges.push({ sheetId, area, until: this.now() + ms });
    this.lastOwn = this.now();
  }

  /** Whether the add-in changed anything within `ms` before now. */
  recent(ms: number): boolean {
    return this.now() - this.lastOwn < ms;
  }

  isOwn(args: object | undefined): boolean {
    const source = args && "triggerSource" in args ? String(args.triggerSource) : "";
    if (this.exactSource && source) return source === "ThisLocalAddin";
    if (this.running > 0 || this.now() < this.quietUntil) return true;
    // ExcelApi 1.9 tells a one-cell change's values: a change that left the value alone is a format
    // change (a mark's echo, or the user's formatting) and needs no check; a changed value is the user's.
    const details =
      args && "details" in args ? (args.details as ChangeDetail | undefined) : undefined;
    if (details && typeof details === "object" && "valueAfter" in details) {
      return sameValue(details.valueBefore, details.valueAfter);
    }
    const now = this.now();
    this.ranges = this.ranges.filter((r) => r.until > now);
    const sheetId =
      args && "worksheetId" in args && typeof args.worksheetId === "string" ? args.worksheetId : "";
    if (!sheetId || this.ranges.length === 0) return false;
    const address =
      args && "address" in args && typeof args.address === "string" ? args.address : "";
    const area = address ? parseArea(address.replace(/\$/g, "")) : null;
    const hit = this.ranges.findIndex(
      (r) => r.sheetId === sheetId && (r.area === null || (area !== null && overlaps(r.area, area)))
    );
    if (hit < 0) return false;
    // A marked cell echoes once per change: the officer's next edit of that cell is theirs.
    if (this.ranges[hit].area !== null) this.ranges.splice(hit, 1);
    return true;
  }
}

/**
 * Backstop against a re-check loop the echo rules miss (an echo with no address, or later than expected):
 * after `limit` checks in a row each set off only by events that came within `nearMs` of the add-in's own
 * change, such events no longer set off a check at once: a catch-up check runs once they have been quiet
 * for `CATCH_UP_MS`, doubling each time (subscription.ts), so the last edit is always checked; an event later
 * than `nearMs` after the add-in's last change ends it.
 */
export const CATCH_UP_MS = 5_000;

export class RunawayGuard {
  private streak = 0;
  private burstNear = true;

  constructor(
    private readonly limit = 5,
    readonly nearMs = 15_000
  ) {}

  get tripped(): boolean {
    return this.streak >= this.limit;
  }

  /** A change taken as the user's; returns whether it may set off a check. */
  change(nearOwn: boolean): boolean {
    if (!nearOwn) {
      this.streak = 0;
      this.burstNear = false;
      return true;
    }
    return !this.tripped;
  }

  /** A check fires for the changes since the last one. */
  fired(): void {
    this.streak = this.burstNear ? this.streak + 1 : 0;
    this.burstNear = true;
  }
}

/** Collapses a burst of calls into one call `ms` after the last. */
export class Debouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly ms: number,
    private readonly fire: () => void
  ) {}

  poke(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      try {
        this.fire();
      } catch {
        // The handler's own errors are its business; the feed keeps running.
      }
    }, this.ms);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
