import * as fs from "node:fs";
import * as path from "node:path";
import type { Locator, Page } from "playwright-core";
import { ROOT, SLOW } from "./harness";

/** Waits until the locator's text matches; fails with the last text seen. */
export async function waitForText(
  locator: Locator,
  pattern: RegExp,
  timeout = SLOW
): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = "";
  for (;;) {
    try {
      last = (await locator.textContent({ timeout: 1000 })) ?? "";
      if (pattern.test(last)) return last;
    } catch {
      // Not there yet.
    }
    if (Date.now() > deadline) {
      const body = await locator
        .page()
        .locator("body")
        .innerText()
        .catch(() => "");
      throw new Error(
        `Text ${pattern} not found; last text: ${JSON.stringify(last.slice(0, 800))}\nPage:\n${body.slice(0, 3000)}`
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * axe-core (from node_modules, never the network) on the page: serious and critical violations only.
 * One known false positive is left out: Fluent UI's focus manager (tabster) puts `aria-hidden` focus
 * sentinels marked `data-tabster-dummy` around TabList, Dialog and Accordion; they only pass focus on, and
 * accessibility checkers exempt them (microsoft/tabster#288, microsoft/accessibility-insights-web#7605).
 * Only those exact elements are exempted, and only for the aria-hidden-focus rule.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const present = await page.evaluate(() => "axe" in window);
  if (!present) {
    // Evaluated through DevTools: the pane's Content-Security-Policy rightly blocks inline script tags.
    const source = fs.readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
    await page.evaluate(source.trim().replace(/;\s*$/, ""));
  }
  // Colours are only final once Fluent's open/close animations have ended.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== "running")
  );
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            opts: unknown
          ) => Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    const sentinel = (target: string[]) => {
      const el = target.length === 1 ? document.querySelector(target[0]) : null;
      return el !== null && el.hasAttribute("data-tabster-dummy");
    };
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes
          .filter((n) => !(v.id === "aria-hidden-focus" && sentinel(n.target)))
          .map((n) => n.target.join(" ")),
      }))
      .filter((v) => v.nodes.length > 0);
  });
}
