/**
 * Checkout in a real browser: from the assistant to an order the counter takes payment for. The
 * built `npm run web` server, a private redis-server, the offline assistant and the machine's
 * Chromium; `kioskctl` records the payment from outside, as the counter's staff would, and the
 * kiosk shows it live. Every new screen is photographed in both orientations and checked with
 * axe-core and for 48 px targets.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appRoot } from "../../src-main/config/config.js";
import { orientations, screenshot, screenshotDir, type Orientation } from "../kit/browser.js";
import { runKioskctl } from "../kit/kioskctl-process.js";
import {
  checkScreen,
  say,
  sessionIdOf,
  start,
  startKioskRig,
  visible,
  type KioskRig,
} from "../kit/kiosk-page.js";

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig();
});
afterEach(() => rig.pages.closeAll());
afterAll(() => rig?.stop());

const kioskctl = (args: string[]) =>
  runKioskctl([path.join(appRoot, "dist", "cli", "kioskctl.mjs")], args, {
    REDIS_URL: rig.redis.url,
    USER: "sarah",
  });

/** "Place order" must be on screen without scrolling, in both orientations, keyboard open or not. */
async function expectPlaceOrderInView(page: Page): Promise<void> {
  const original = page.viewportSize();
  for (const orientation of Object.keys(orientations) as Orientation[]) {
    const size = orientations[orientation];
    await page.setViewportSize(size);
    await page.evaluate(
      "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))",
    );
    const box = await page.getByRole("button", { name: "Place order" }).boundingBox();
    expect(box, `"Place order" in ${orientation}`).not.toBeNull();
    expect(box!.y, `"Place order" top in ${orientation}`).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, `"Place order" bottom in ${orientation}`).toBeLessThanOrEqual(size.height);
  }
  if (original) await page.setViewportSize(original);
}

describe("checkout in a browser", () => {
  it("from 'I want 2 balloon bouquets' and 'I'd like to pay' to a delivered-to-an-address order, paid at the counter, seen live", async () => {
    const page = await rig.pages.open();
    await start(page);
    await say(page, "I want 2 balloon bouquets");
    await visible(page.getByRole("button", { name: "Cart, 2 items" }), 20_000);
    // "I'd like to pay": the assistant answers with a card whose button opens checkout.
    await say(page, "I'd like to pay");
    const offer = page.getByRole("region", { name: "Check out" });
    await visible(offer, 20_000);
    await checkScreen(page, "chat-checkout-offered");
    await offer.getByRole("button", { name: "Check out" }).click();

    // The quote: today's prices.
    await visible(page.getByRole("heading", { name: "Check your order" }));
    await visible(page.getByRole("list", { name: "Items in your order" }).getByText("2 × Balloon Bouquet"));
    await checkScreen(page, "checkout-review");
    await page.getByRole("button", { name: "Continue" }).click();

    // How to receive it: collection is the default; choose a delivery option.
    await visible(page.getByRole("heading", { name: "How would you like to receive it?" }));
    expect(await page.getByRole("radio", { name: /Collect at the counter/ }).isChecked()).toBe(true);
    await checkScreen(page, "checkout-receive");
    await page.getByRole("radio", { name: /Kampala central, same day/ }).check();
    await visible(page.getByRole("group", { name: "Delivery address" }));

    // The phone typed on the on-screen keypad, by touch.
    await page.getByRole("textbox", { name: "Phone number" }).tap();
    const keypad = page.getByRole("group", { name: "Keyboard for phone number" });
    await visible(keypad);
    for (const key of "+256 701 618576") {
      await keypad.getByRole("button", { name: key === " " ? "Space" : key, exact: true }).tap();
    }
    await expectPlaceOrderInView(page);
    await checkScreen(page, "checkout-details");

    // The rest with a physical keyboard alone: Tab from field to field.
    await page.getByRole("textbox", { name: "Your name" }).focus();
    await page.keyboard.type("Nakato");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Kololo");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Plot 12 Acacia Avenue");
    expect(await page.getByRole("textbox", { name: "Area" }).inputValue()).toBe("Kololo");
    await visible(page.getByText("UGX 130,000"));
    await expectPlaceOrderInView(page);

    // A double tap places one order.
    const place = page.getByRole("button", { name: "Place order" });
    await place.tap();
    await place.tap({ force: true }).catch(() => undefined);
    const number = page.locator(".order-number");
    await visible(number);
    const orderNumber = (await number.textContent())!.trim();
    expect(orderNumber).toMatch(/^K-\d{3}$/);
    await visible(page.getByRole("img", { name: `QR code of order ${orderNumber}` }));
    await visible(page.getByText("Pay UGX 130,000 at the counter"));
    await visible(page.getByRole("status").getByText("Placed"));
    await visible(page.getByRole("button", { name: "Cart, 0 items" }));
    const sessionId = await sessionIdOf(page);
    const orders = await rig.client.zrange(`orders:day:${await dayOf(orderNumber)}`, 0, -1);
    expect(orders).toHaveLength(1);
    expect(await rig.client.hget(`order:${orders[0]}`, "session_id")).toBe(sessionId);
    await checkScreen(page, "checkout-confirmation");

    // The counter takes the money: the kiosk shows "Paid" without a reload.
    await page.evaluate("window.__notReloaded = true");
    const paid = await kioskctl(["order", "pay", orderNumber, "--method", "cash", "--tendered", "150000"]);
    expect(paid.code, paid.stderr).toBe(0);
    await visible(page.getByRole("status").getByText("Paid", { exact: true }), 5_000);
    expect(await page.evaluate("window.__notReloaded === true")).toBe(true);
    await checkScreen(page, "checkout-paid");

    // The receipt: on screen, and printed to PDF by Chromium with the print stylesheet.
    await page.getByRole("button", { name: "Receipt" }).click();
    const receipt = page.getByRole("article", { name: `Receipt ${orderNumber}` });
    await visible(receipt);
    await visible(receipt.getByText("Kampala Party & Gifts"));
    await visible(receipt.getByText(/Paid UGX\s130,000 by cash: UGX\s150,000 tendered, UGX\s20,000 change/));
    await checkScreen(page, "receipt");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "receipt-print", "portrait");
    mkdirSync(screenshotDir, { recursive: true });
    const pdf = await page.pdf({
      path: path.join(screenshotDir, "receipt.pdf"),
      width: "80mm",
      printBackground: true,
    });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.emulateMedia({ media: "screen" });

    await page.getByRole("button", { name: "Back to your order" }).click();
    await page.getByRole("button", { name: "Done" }).click();
    await visible(page.getByRole("button", { name: "Start", exact: true }));
    // The next customer's session is opened just after the welcome screen shows.
    await expect
      .poll(() => page.evaluate('window.localStorage.getItem("kiosk.session_id")'))
      .toMatch(/^session-/);
    expect(await sessionIdOf(page)).not.toBe(sessionId);
  });

  it("a web-channel line added between the quote and the tap: 'Your cart changed', a new quote, then one order", async () => {
    const page = await rig.pages.open("", "landscape");
    await start(page);
    await say(page, "I want 2 balloon bouquets");
    await visible(page.getByRole("button", { name: "Cart, 2 items" }), 20_000);
    await page.getByRole("button", { name: "Cart, 2 items" }).click();
    await page.getByRole("button", { name: "Checkout Now" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await visible(page.getByRole("heading", { name: "How would you like to receive it?" }));

    // The web site adds a line as Django does: plain commands, no announcement.
    const sessionId = await sessionIdOf(page);
    await rig.client
      .multi()
      .sadd(`cart:${sessionId}:items`, "12_web")
      .hset(`cart:${sessionId}:item:12_web`, {
        product_id: "12",
        name: "Sunflower Bunch",
        price: "1",
        quantity: "1",
        configuration: "{}",
        image_url: "/catalog-images/sunflowers.svg",
        category_id: "1",
      })
      .exec();
    await page.getByRole("button", { name: "Place order" }).click();
    await visible(page.getByRole("alert").getByText("Your cart changed: please check it again."));
    await visible(page.getByRole("list", { name: "Items in your order" }).getByText("1 × Sunflower Bunch"));
    await checkScreen(page, "checkout-changed");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Place order" }).click();
    await visible(page.locator(".order-number"));
    // The catalog's price, not the web line's UGX 1.
    await visible(page.getByText(/Pay UGX\s\d{3},000 at the counter/));
  });
});

describe("checkout when Redis hangs", () => {
  it("Place order while Redis does not answer: says so, keeps the cart; the retry gets the one order", async () => {
    const page = await rig.pages.open();
    await start(page);
    await say(page, "I want 2 balloon bouquets");
    await visible(page.getByRole("button", { name: "Cart, 2 items" }), 20_000);
    await page.getByRole("button", { name: "Cart, 2 items" }).click();
    await page.getByRole("button", { name: "Checkout Now" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await visible(page.getByRole("button", { name: "Place order" }));

    // SIGSTOP: the socket stays open and nothing answers, so the placing script may still run
    // when Redis wakes up, after the kiosk was told "unavailable".
    rig.redis.process.kill("SIGSTOP");
    try {
      await page.getByRole("button", { name: "Place order" }).click();
      // The refusal beside "Place order" (the status banner says "unreachable" on its own).
      const refusal = page.locator(".place-bar").getByRole("alert");
      await visible(refusal, 15_000);
      expect(await refusal.textContent()).toMatch(/unavailable|unreachable|try again/i);
      await visible(page.getByRole("button", { name: "Place order" }));
      await visible(page.getByRole("button", { name: "Cart, 2 items" }));
      await checkScreen(page, "checkout-unavailable");
    } finally {
      rig.redis.process.kill("SIGCONT");
    }
    await visible(page.getByRole("button", { name: "Place order" }));
    await page.getByRole("button", { name: "Place order" }).click();
    await visible(page.locator(".order-number"), 15_000);
    const sessionId = await sessionIdOf(page);
    const placed = [];
    const orderKeys = (await rig.client.keys("order:*")).filter((k) => /^order:[0-9a-f-]{36}$/.test(k));
    for (const key of orderKeys) {
      if ((await rig.client.hget(key, "session_id")) === sessionId) placed.push(key);
    }
    expect(placed).toHaveLength(1);
  });
});

/** The shop's day of an order number, read back from Redis (the number is unique within it). */
async function dayOf(number: string): Promise<string> {
  const orderId = await rig.client.get(`order:number:${number}`);
  return (await rig.client.hget(`order:${orderId}`, "day"))!;
}
