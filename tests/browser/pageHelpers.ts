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

/** Waits until Fluent's open/close animations have ended (a spinner's endless turning is not waited for). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity)
  );
}

/**
 * Clicks the middle of an element with the mouse, as a person does (nothing is dispatched to it directly),
 * once what moves has stopped moving.
 */
export async function clickAt(locator: Locator): Promise<void> {
  await settled(locator.page());
  // To the middle of the pane, as a person scrolls: never under the sticky status bar at the top.
  await locator.evaluate((el) => el.scrollIntoView({ block: "center", inline: "nearest" }));
  await settled(locator.page());
  const box = await locator.boundingBox();
  if (!box) throw new Error(`clickAt: ${String(locator)} is not visible`);
  await locator.page().mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** How far the page scrolls sideways (0 when nothing overflows the pane's width). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    // Negative while a modal dialog hides the scroll bar: nothing overflows then either.
    return Math.max(0, el.scrollWidth - el.clientWidth);
  });
}

/** Badges and buttons whose text does not fit their box, as `text (scrollWidth > clientWidth)`. */
export function overflowingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".fui-Badge, button, [role=tab], [role=option]")]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.innerText.trim()} (${el.scrollWidth} > ${el.clientWidth})`)
  );
}

/**
 * Whether a person sees the element: nothing opaque lies over its middle. A dialog's backdrop that dims
 * (a background with alpha below 1) lets it show through; a white layer over the pane does not.
 */
export function showsThrough(locator: Locator): Promise<{ visible: boolean; covers: string[] }> {
  return locator.evaluate((target) => {
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return { visible: false, covers: ["(no box)"] };
    const stack = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    const covers: string[] = [];
    for (const el of stack) {
      if (el === target || target.contains(el)) return { visible: covers.length === 0, covers };
      if (el.contains(target)) continue;
      const bg = getComputedStyle(el).backgroundColor;
      const m = /rgba?\(([^)]+)\)/.exec(bg);
      const alpha = m ? (m[1].split(",")[3] === undefined ? 1 : Number(m[1].split(",")[3])) : 0;
      if (alpha >= 1) covers.push(`${el.tagName.toLowerCase()}.${el.className} ${bg}`);
    }
    return { visible: false, covers: covers.length > 0 ? covers : ["(not at its own position)"] };
  });
}

/** Text of the visible buttons drawn as primary (webLightTheme's brand background, #0F6CBD). */
export function primaryButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button")]
      .filter(
        (b) =>
          b.offsetParent !== null && getComputedStyle(b).backgroundColor === "rgb(15, 108, 189)"
      )
      .map((b) => b.innerText.trim())
  );
}
