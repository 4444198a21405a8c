/**
 * Tells the add-in's own writes from the user's. With ExcelApi 1.14 each event says who caused it
 * (`triggerSource`); before that, events arriving while an own write runs, or within `tailMs` after it, are
 * taken as its echo (Excel delivers them after the sync that caused them).
 */
export class OwnWrites {
  private running = 0;
  private quietUntil = 0;

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
  }

  isOwn(args: object | undefined): boolean {
    const source = args && "triggerSource" in args ? String(args.triggerSource) : "";
    if (this.exactSource && source) return source === "ThisLocalAddin";
    return this.running > 0 || this.now() < this.quietUntil;
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
