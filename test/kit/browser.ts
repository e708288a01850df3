import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright";
import { appRoot } from "../../src-main/config/config.js";

/** The machine's Chromium, never a downloaded one. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const orientations = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
export type Orientation = keyof typeof orientations;

export const screenshotDir = path.join(appRoot, "test-results", "screenshots");

/** Saves `<name>-<orientation>.png` of the page as it is now. */
export async function screenshot(page: Page, name: string, orientation: Orientation): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}-${orientation}.png`);
  await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
  return file;
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical findings on the page as it is now (the ones we allow none of). */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}

/** The smallest touch target a kiosk offers: 48 CSS px each way (WCAG 2.5.5 asks 44). */
export const MIN_TARGET_PX = 48;

/**
 * Controls on screen smaller than MIN_TARGET_PX in either direction, described for a failure
 * message. Option radios are hidden inside their labels, so the label is what a finger hits.
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  // Page code as a string: this file is type-checked without the DOM's types.
  return (await page.evaluate(`(() => {
    const selector = 'button, a[href], select, textarea, input:not([type="radio"]):not([type="checkbox"]), label:has(> input[type="radio"])';
    const small = [];
    for (const element of document.querySelectorAll(selector)) {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
      if (element.closest('[inert], [aria-hidden="true"], .visually-hidden')) continue;
      if (Math.min(box.width, box.height) < ${MIN_TARGET_PX} - 0.5) {
        const name = element.getAttribute("aria-label") || element.textContent.trim().slice(0, 40);
        small.push(element.tagName.toLowerCase() + ' "' + name + '" ' + Math.round(box.width) + "x" + Math.round(box.height));
      }
    }
    return small;
  })()`)) as string[];
}
