import { useCallback, useEffect, useRef, useState } from "react";
import type { DecimalSeparator } from "../core/findings/hints";
import { getFormSet } from "../core/forms/catalog";
import { checkSnapshot, withPreviousFindings, type UnitReport } from "../core/report";
import { previousMismatch } from "../core/rules/previousFit";
import type { Separators } from "../core/workbook/layout";
import { RecognizeError } from "../core/workbook/recognize";
import type { Capabilities, ExcelPort, HighlightState } from "../excel/contract";
import { describeError } from "./errors";

/** Name under which the open workbook appears in reports. */
export const OPEN_WORKBOOK = "Sổ làm việc đang mở";

export type CheckOutcome =
  | { kind: "report"; report: UnitReport; at: Date }
  | { kind: "no-forms"; message: string; at: Date };

export interface WorkbookCheck {
  /** Result of the last successful check, if any. */
  outcome: CheckOutcome | undefined;
  checking: boolean;
  /** Vietnamese message of the last failed check (cleared by the next success). */
  error: string | undefined;
  /** Live checking on every change (only when Excel has worksheet events). */
  live: boolean;
  setLive: (on: boolean) => void;
  /** Reads the workbook and checks it now; resolves to the outcome, or undefined when it failed. */
  checkNow: () => Promise<CheckOutcome | undefined>;
}

/** Excel's decimal separator when it is one the hints know; otherwise undefined (hints say both ways). */
function decimalOf(sep: Separators | undefined): DecimalSeparator | undefined {
  return sep?.decimal === "," || sep?.decimal === "." ? sep.decimal : undefined;
}

/** Debounce of live checks: typing a value and pressing Enter fires one check, a paste fires one too. */
export const LIVE_DEBOUNCE_MS = 400;

/**
 * The open workbook's check: reads a snapshot through the port, lets the core check it, and marks the cells.
 * Checks never overlap: requests made while one runs are folded into a single re-check after it.
 * With `previous` (last period's report) that fits, lũy kế rows are also checked against it.
 */
export function useWorkbookCheck(
  port: ExcelPort,
  caps: Capabilities,
  previous?: UnitReport
): WorkbookCheck {
  const [outcome, setOutcome] = useState<CheckOutcome | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [live, setLiveState] = useState<boolean>(caps.events);
  const highlight = useRef<HighlightState>({ addresses: [] });
  const queued = useRef<Promise<CheckOutcome | undefined> | null>(null);
  const last = useRef<Promise<unknown>>(Promise.resolve());
  const previousRef = useRef(previous);

  const runOnce = useCallback(async (): Promise<CheckOutcome | undefined> => {
    setChecking(true);
    try {
      // Hints in the officer's Excel separators (cached by the port); not knowing them is no failure.
      const separators = await port.separators().catch(() => undefined);
      const snapshot = await port.readSnapshot();
      let result: CheckOutcome;
      try {
        const checked = checkSnapshot(OPEN_WORKBOOK, snapshot, {
          decimalSeparator: decimalOf(separators),
        });
        // A previous report that does not fit (other unit, period, year) is not used; the pane says why.
        const previous = previousRef.current;
        const report =
          previous && !previousMismatch(checked, previous)
            ? withPreviousFindings(checked, previous, getFormSet(checked.formSet))
            : checked;
        result = { kind: "report", report, at: new Date() };
      } catch (e) {
        if (!(e instanceof RecognizeError)) throw e;
        result = { kind: "no-forms", message: e.message, at: new Date() };
      }
      const findings = result.kind === "report" ? result.report.findings : [];
      highlight.current = await port.highlight(findings, highlight.current);
      setOutcome(result);
      setError(undefined);
      return result;
    } catch (e) {
      setError(describeError(e, "kiểm tra sổ làm việc"));
      return undefined;
    } finally {
      setChecking(false);
    }
  }, [port]);

  const checkNow = useCallback((): Promise<CheckOutcome | undefined> => {
    if (queued.current) return queued.current;
    const next = last.current.then(() => {
      queued.current = null;
      return runOnce();
    });
    queued.current = next;
    last.current = next;
    return next;
  }, [runOnce]);

  // First look at the workbook when the pane opens.
  useEffect(() => {
    void checkNow();
  }, [checkNow]);

  useEffect(() => {
    if (previousRef.current === previous) return;
    previousRef.current = previous;
    void checkNow();
  }, [previous, checkNow]);

  useEffect(() => {
    if (!caps.events || !live) return undefined;
    let unsubscribe: (() => Promise<void>) | undefined;
    let cancelled = false;
    port
      .onChange(() => void checkNow(), LIVE_DEBOUNCE_MS)
      .then(
        (off) => {
          if (cancelled) void off().catch(() => undefined);
          else unsubscribe = off;
        },
        (e: unknown) => setError(describeError(e, "bật kiểm tra tự động"))
      );
    return () => {
      cancelled = true;
      if (unsubscribe) void unsubscribe().catch(() => undefined);
    };
  }, [port, caps.events, live, checkNow]);

  const setLive = useCallback(
    (on: boolean) => {
      setLiveState(on);
      if (on) {
        void checkNow();
        return;
      }
      // Marks left on the sheet would no longer follow the values: take them away.
      const previous = highlight.current;
      last.current = last.current
        .then(() => port.highlight([], previous))
        .then(
          (state) => {
            highlight.current = state;
          },
          (e: unknown) => setError(describeError(e, "bỏ đánh dấu ô"))
        );
    },
    [port, checkNow]
  );

  return { outcome, checking, error, live: caps.events && live, setLive, checkNow };
}
