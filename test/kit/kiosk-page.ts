import type { Redis } from "ioredis";
import type { Browser, BrowserContext, Page } from "playwright";
import { expect } from "vitest";
import { startTestRedis, type TestRedis } from "./redis.js";
import { startKioskServer, type KioskServer } from "./kiosk-server.js";
import {
  orientations,
  screenshot,
  seriousAxeViolations,
  launchChromium,
  MIN_TARGET_PX,
  smallTouchTargets,
  type AxeFinding,
  type Orientation,
} from "./browser.js";

/**
 * Kiosk screens in a real browser, for the e2e suites: each page in its own browser context (so
 * its own storage and session), with errors thrown in the page and loads the Content-Security-Policy
 * blocked collected, so that every test can fail on them afterwards (`closeAll`).
 */
export class KioskPages {
  private readonly contexts: BrowserContext[] = [];
  private readonly pageErrors: string[] = [];
  /** Anything the page tried to load that the Content-Security-Policy blocked (e.g. a data: favicon). */
  private readonly cspViolations: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: () => string,
  ) {}

  /** A fresh kiosk (its own browser storage, so its own session) at the given size. */
  async open(query = "", orientation: Orientation = "portrait"): Promise<Page> {
    const page = await this.prepare(orientation);
    await page.goto(`${this.baseUrl()}/${query}`);
    return page;
  }

  /** A fresh page not yet opened on the kiosk, for a test that routes it first. */
  async prepare(orientation: Orientation = "portrait"): Promise<Page> {
    // A touch screen, as a kiosk has: taps are real touch events.
    const context = await this.browser.newContext({ viewport: orientations[orientation], hasTouch: true });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => this.pageErrors.push(error.message));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) this.cspViolations.push(message.text());
    });
    return page;
  }

  /** For afterEach: closes this test's pages and fails on anything the pages threw or had blocked. */
  async closeAll(): Promise<void> {
    await Promise.all(this.contexts.splice(0).map((c) => c.close()));
    expect(this.pageErrors.splice(0), "errors thrown in the page").toEqual([]);
    expect(this.cspViolations.splice(0), "loads the Content-Security-Policy blocked").toEqual([]);
  }
}

/**
 * Photographs the screen in both orientations and runs axe on each; then puts the page back in
 * the orientation it was in. Fails on any serious or critical accessibility finding, and on any
 * control smaller than a finger's target.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  const findings: Record<string, AxeFinding[]> = {};
  const smallTargets: Record<string, string[]> = {};
  for (const orientation of Object.keys(orientations) as Orientation[]) {
    await page.setViewportSize(orientations[orientation]);
    // Two frames, so the layout for the new size is painted. Page code is a string here: this
    // file is type-checked without the DOM's types.
    await page.evaluate(
      "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))",
    );
    await screenshot(page, name, orientation);
    const violations = await seriousAxeViolations(page);
    if (violations.length) findings[orientation] = violations;
    const small = await smallTouchTargets(page);
    if (small.length) smallTargets[orientation] = small;
  }
  if (original) await page.setViewportSize(original);
  expect(findings, `axe-core serious/critical findings on the ${name} screen`).toEqual({});
  expect(smallTargets, `controls under ${MIN_TARGET_PX} px on the ${name} screen`).toEqual({});
}

export async function sessionIdOf(page: Page): Promise<string> {
  const id = (await page.evaluate('window.localStorage.getItem("kiosk.session_id")')) as string | null;
  expect(id).toMatch(/^session-[0-9a-f-]{36}$/);
  return id!;
}

/** From the welcome screen to the assistant, as a customer does with "Start". */
export async function start(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Shopping assistant" }).isVisible()).toBe(true);
}

export async function say(page: Page, message: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(message);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

/** Waits until the locator is visible (Playwright's own waiting, with a clear failure). */
export async function visible(locator: ReturnType<Page["getByRole"]>, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout });
}

/** What a browser suite runs against: a private Redis, the built web server on it, Chromium. */
export interface KioskRig {
  redis: TestRedis;
  /** A client of that Redis, to look at what the kiosk wrote or write as the web channel would. */
  client: Redis;
  server: KioskServer;
  pages: KioskPages;
  /** Stops all of it (a Redis a test already stopped included). */
  stop(): Promise<void>;
}

export async function startKioskRig(env: Record<string, string> = {}): Promise<KioskRig> {
  const redis = await startTestRedis();
  const server = await startKioskServer({ redisUrl: redis.url, env });
  const browser = await launchChromium();
  return {
    redis,
    client: redis.client(),
    server,
    pages: new KioskPages(browser, () => server.url),
    async stop() {
      await browser.close();
      await server.stop();
      await redis.stop();
    },
  };
}
