/**
 * The kiosk as a shop runs it, configured for a model it cannot reach: KIOSK_MODE on, and an
 * OpenAI-compatible server address where nothing listens. The customer still gets an answer
 * (offline), the screen says plainly that the assistant is unreachable, and the kiosk's screen
 * cannot be selected or given a context menu.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src-main/infra/redis-server-process.js";
import { checkScreen, say, start, startKioskRig, visible, type KioskRig } from "../kit/kiosk-page.js";

let rig: KioskRig;

beforeAll(async () => {
  const nothingThere = await freePort();
  rig = await startKioskRig({
    KIOSK_MODE: "true",
    ASSISTANT_MODE: "openai",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: `http://127.0.0.1:${nothingThere}/v1`,
    OPENAI_TIMEOUT_MS: "3000",
  });
});
afterEach(() => rig.pages.closeAll());
afterAll(() => rig?.stop());

describe("a kiosk whose model cannot be reached", () => {
  it("answers offline and says that the assistant is unreachable", async () => {
    const page = await rig.pages.open("", "landscape");
    await start(page);
    await say(page, "I want 2 balloon bouquets");
    await visible(page.getByRole("region", { name: "Added to cart" }), 30_000);
    await visible(page.getByText(/^\(Offline mode\) Added 2 × Balloon Bouquet/));
    const banner = page.getByRole("alert").filter({ hasText: "The assistant is unreachable." });
    await visible(banner, 15_000);
    expect(await banner.textContent()).toContain("You can still browse products and use your cart.");
    await checkScreen(page, "assistant-down");
  });

  it("cannot be selected or given a context menu in kiosk mode", async () => {
    const page = await rig.pages.open();
    await visible(page.getByRole("button", { name: "Start", exact: true }));
    // Page code as strings: this file is type-checked without the DOM's types.
    expect(await page.evaluate("getComputedStyle(document.body).userSelect")).toBe("none");
    expect(
      await page.evaluate(`(() => {
        const menu = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
        document.querySelector("button").dispatchEvent(menu);
        return menu.defaultPrevented;
      })()`),
    ).toBe(true);
  });
});
