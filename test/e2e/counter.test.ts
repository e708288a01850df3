/**
 * The counter terminal in a real browser: the machine's Chromium driving the built `npm run web`
 * server at /counter, with a private redis-server, staff added with kioskctl, and kiosks beside
 * it (a kiosk's own WebSocket placing an order, and a kiosk page whose cart the counter edits).
 * Locators are roles and names, as a screen reader (and a cashier) finds things. Every counter
 * screen is photographed at 1280x800 and 1920x1080 into test-results/screenshots/ and checked
 * with axe-core.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { Order, Quote } from "../../src-shared/order.js";
import { cartReference } from "../../src-shared/session.js";
import { addStaff, checkCounterScreen, deskSizes, signIn } from "../kit/counter-page.js";
import { say, sessionIdOf, start, startKioskRig, visible, type KioskRig } from "../kit/kiosk-page.js";
import { RawClient } from "../kit/shell-harness.js";

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig({ KIOSK_ID: "counter-1" });
  for (const member of [
    { name: "Amina", role: "cashier", pin: "4321" },
    { name: "Joseph", role: "cashier", pin: "9876" },
    { name: "Grace", role: "manager", pin: "2468" },
  ] as const)
    await addStaff(rig.redis.url, member);
});
afterEach(() => rig.pages.closeAll());
afterAll(() => rig?.stop());

const counterUrl = () => `${rig.server.url}/counter`;

async function openCounter(size: keyof typeof deskSizes = "1280x800") {
  const page = await rig.pages.prepare("landscape");
  await page.setViewportSize(deskSizes[size]);
  await page.goto(counterUrl());
  await visible(page.getByRole("heading", { name: "Sign in" }));
  return page;
}

/** A kiosk that places an order for two balloon bouquets over its own WebSocket (the kiosk contract). */
async function kioskPlacesOrder(): Promise<{ kiosk: RawClient; order: Order }> {
  const kiosk = await RawClient.connect(`${rig.server.url.replace(/^http/, "ws")}/ws`, rig.server.url);
  await kiosk.ok("session-start");
  await kiosk.ok("cart-add", { product_id: "42", quantity: 2 });
  const quote = await kiosk.ok<Quote>("checkout-quote");
  const { order } = await kiosk.ok<{ order: Order }>("order-place", {
    fingerprint: quote.fingerprint,
    idempotency_key: randomUUID(),
    fulfilment: { type: "collection" },
    contact: { name: "Nakato" },
  });
  return { kiosk, order };
}

describe("the counter terminal in a browser", () => {
  it("locks a name after five wrong PINs and says so", async () => {
    const page = await openCounter();
    await checkCounterScreen(page, "sign-in");
    for (let i = 0; i < 5; i++) {
      await signIn(page, "Joseph", "1111");
      await visible(page.getByRole("alert"));
    }
    await signIn(page, "Joseph", "9876");
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/locked/i);
    await checkCounterScreen(page, "sign-in-locked");
  });

  it("shows a kiosk's order live, opens it by its scanned number, takes cash with change; the kiosk hears it is paid", async () => {
    const page = await openCounter();
    await signIn(page, "Amina", "4321");
    await visible(page.getByRole("heading", { name: "Orders" }));
    await visible(page.getByText("No order is waiting for payment."));

    const { kiosk, order } = await kioskPlacesOrder();
    const placedAt = Date.now();
    const news = page.getByRole("region", { name: "New orders" });
    await visible(news.getByText(`New order ${order.number}`), 5_000);
    const arrivalMs = Date.now() - placedAt;
    console.log(
      `counter e2e: order ${order.number} on the counter's screen ${arrivalMs} ms after order-place answered`,
    );
    await visible(page.getByRole("button", { name: `Open order ${order.number}` }));
    await checkCounterScreen(page, "queue");

    // A USB scanner types the number and presses Enter, with nothing focused.
    await page.locator("body").click({ position: { x: 5, y: 790 } });
    await page.keyboard.type(order.number, { delay: 5 });
    await page.keyboard.press("Enter");
    await visible(page.getByRole("heading", { name: `Order ${order.number}` }));
    await expect.poll(() => news.getByText(`New order ${order.number}`).count()).toBe(0);
    await checkCounterScreen(page, "order");

    await page.getByRole("button", { name: "Take payment" }).click();
    await page.getByRole("radio", { name: "Cash" }).check();
    // 2 x UGX 60,000 = UGX 120,000; the customer hands over 150,000.
    expect(order.total).toBe(120000);
    await page.getByRole("textbox", { name: "Amount tendered" }).fill("100,000");
    await visible(page.getByText("UGX 20,000 short: the amount tendered is less than the total."));
    expect(await page.getByRole("button", { name: "Confirm payment" }).isDisabled()).toBe(true);
    await page.getByRole("textbox", { name: "Amount tendered" }).fill("150,000");
    await expect.poll(() => page.locator("#change-due").textContent()).toMatch(/^Change due\s*UGX\s30,000$/);
    await checkCounterScreen(page, "payment");

    const paidSeen = kiosk.waitForEvent("order-changed", (p) => p.order.status === "paid", 5_000);
    await page.getByRole("button", { name: "Confirm payment" }).click();
    await visible(page.getByText(/Paid in cash\. Change due/));
    const detail = page.getByRole("region", { name: `Order ${order.number}` });
    await visible(detail.getByText("Paid", { exact: true }));
    const paid = await paidSeen;
    expect(paid.order.payments).toMatchObject([
      { method: "cash", amount: 120000, tendered: 150000, change: 30000, recorded_by: { staff: "Amina" } },
    ]);
    await kiosk.close();
    await checkCounterScreen(page, "paid");

    // Handed over: the order leaves "To hand over" for "Done today".
    await page.getByRole("button", { name: "Mark collected" }).click();
    await visible(detail.getByText("Collected", { exact: true }));
  });

  it("a customer checks out on the kiosk's screen, the cashier takes a card payment, and the kiosk's screen says Paid", async () => {
    const kioskPage = await rig.pages.open("", "landscape");
    await start(kioskPage);
    await say(kioskPage, "I want 2 balloon bouquets");
    await visible(kioskPage.getByRole("button", { name: "Cart, 2 items" }), 20_000);
    await kioskPage.getByRole("button", { name: "Cart, 2 items" }).click();
    await kioskPage.getByRole("button", { name: "Checkout Now" }).click();
    await kioskPage.getByRole("button", { name: "Continue" }).click();
    await visible(kioskPage.getByRole("heading", { name: "How would you like to receive it?" }));
    await kioskPage.getByRole("button", { name: "Place order" }).click();
    const numberShown = kioskPage.locator(".order-number");
    await visible(numberShown);
    const number = (await numberShown.textContent())!.trim();
    await visible(kioskPage.getByRole("status").getByText("Placed"));

    const page = await openCounter();
    await signIn(page, "Amina", "4321");
    await visible(page.getByRole("button", { name: `Open order ${number}` }), 5_000);
    // The scanner reads the QR code of the kiosk's confirmation: it holds the order number.
    await page.locator("body").click({ position: { x: 5, y: 790 } });
    await page.keyboard.type(number, { delay: 5 });
    await page.keyboard.press("Enter");
    await visible(page.getByRole("heading", { name: `Order ${number}` }));
    await page.getByRole("button", { name: "Take payment" }).click();
    await page.getByRole("radio", { name: "Card" }).check();
    await page.getByRole("textbox", { name: "Card slip reference" }).fill("SLIP 0042");
    await page.getByRole("button", { name: "Confirm payment" }).click();
    const confirmedAt = Date.now();
    await visible(kioskPage.getByRole("status").getByText("Paid", { exact: true }), 5_000);
    console.log(
      `counter e2e: "Paid" on the kiosk's screen ${Date.now() - confirmedAt} ms after Confirm payment`,
    );
    await kioskPage.close();
  });

  it("edits a customer's cart found by its reference, and the kiosk's screen changes with it", async () => {
    const kioskPage = await rig.pages.open("", "landscape");
    await start(kioskPage);
    await say(kioskPage, "I want 2 balloon bouquets");
    await visible(kioskPage.getByRole("button", { name: "Cart, 2 items" }), 20_000);
    const reference = cartReference(await sessionIdOf(kioskPage));

    const page = await openCounter("1920x1080");
    await signIn(page, "Amina", "4321");
    await visible(page.getByRole("heading", { name: "Orders" }));
    await page.getByRole("searchbox", { name: "Order number, QR code or cart reference" }).fill(reference);
    await page.keyboard.press("Enter");
    await visible(page.getByRole("heading", { name: `Cart ${reference}` }));
    await visible(page.getByText("Balloon Bouquet"));

    await page.getByRole("button", { name: "Increase quantity of Balloon Bouquet" }).click();
    await visible(kioskPage.getByRole("button", { name: "Cart, 3 items" }), 5_000);
    await visible(page.getByText("UGX 180,000").first());

    // And the other way: the customer adds at the kiosk, the counter sees it.
    await say(kioskPage, "add a sunflower bunch");
    await visible(page.getByText("Sunflower Bunch"), 20_000);
    await page.getByRole("button", { name: "Remove Sunflower Bunch" }).click();
    await visible(kioskPage.getByRole("button", { name: "Cart, 3 items" }), 5_000);

    // The cashier adds a product for the customer and places the order from the counter.
    await page.getByRole("searchbox", { name: "Search products" }).fill("party hats");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Add Party Hats" }).click();
    await visible(kioskPage.getByRole("button", { name: "Cart, 4 items" }), 5_000);
    await checkCounterScreen(page, "cart");
    await page.getByRole("button", { name: "Place order" }).click();
    await visible(page.getByRole("button", { name: "Confirm order" }));
    await page.getByRole("button", { name: "Confirm order" }).click();
    await visible(page.getByRole("heading", { name: /^Order K-\d{3}$/ }));
    await visible(page.getByRole("button", { name: "Take payment" }));
    // The ordered lines leave the customer's cart, on the kiosk too.
    await visible(kioskPage.getByRole("button", { name: "Cart, 0 items" }), 5_000);
  });

  it("shows a manager the day report and the shop's kiosks, and signs out", async () => {
    const { kiosk } = await kioskPlacesOrder();
    await kiosk.close();
    const page = await openCounter();
    await signIn(page, "Grace", "2468");
    await visible(page.getByRole("heading", { name: "Orders" }));
    await page.getByRole("button", { name: "Today", exact: true }).click();
    await visible(page.getByRole("heading", { name: /^Day report · \d{4}-\d{2}-\d{2}$/ }));
    await visible(page.getByText("Cash expected in the drawer"));
    await checkCounterScreen(page, "report");

    // The shop's kiosks and counters, from their heartbeats (this server announces itself).
    await page.getByRole("button", { name: "Kiosks", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Kiosks and counters" }));
    await visible(page.getByRole("region", { name: /^\d+ in the shop/ }), 20_000);
    await checkCounterScreen(page, "fleet");

    await page.getByRole("button", { name: "Sign out" }).click();
    await visible(page.getByRole("heading", { name: "Sign in" }));
  });
});
