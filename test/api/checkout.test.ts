import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestChannels, type SessionInfo } from "../../src-shared/contract.js";
import type { Order, Quote } from "../../src-shared/order.js";
import { RawClient, sleep, startShell, type Shell } from "../kit/shell-harness.js";

/**
 * Checkout through the kiosk's contract over the WebSocket: a screen quotes and places its own
 * cart, reads only its own orders, and hears `order-changed` when the counter records a payment;
 * no staff action exists in this contract.
 */

let shell: Shell;
const cashier = { staff: "Sarah", terminal: "counter-1" };

beforeAll(async () => {
  shell = await startShell();
});
afterAll(async () => {
  await shell?.close();
});

async function customerWithBouquets() {
  const screen = await RawClient.connect(shell.wsUrl);
  const session = await screen.ok<SessionInfo>("session-start");
  await screen.ok("cart-add", { product_id: "42", quantity: 2 });
  return { screen, session };
}

describe("checkout over the kiosk contract", () => {
  it("quotes, places once (a double tap sends the same key), and the placing screen sees 'paid' live", async () => {
    const { screen, session } = await customerWithBouquets();
    const twin = await RawClient.connect(shell.wsUrl);
    await twin.ok("session-resume", session);
    const stranger = await RawClient.connect(shell.wsUrl);
    await stranger.ok("session-start");

    const quote = await screen.ok<Quote>("checkout-quote");
    expect(quote).toMatchObject({ subtotal: 120_000, orderable: true, changes: [] });
    const input = {
      fingerprint: quote.fingerprint,
      idempotency_key: "kiosk-attempt-0001",
      fulfilment: {
        type: "delivery",
        option_id: "kampala-central",
        address: { area: "Kololo", street: "Acacia Avenue" },
      },
      contact: { name: "Nakato", phone: "+256 701 618576" },
    };
    const [first, second] = await Promise.all([
      screen.ok<{ order: Order; created: boolean }>("order-place", input),
      screen.ok<{ order: Order; created: boolean }>("order-place", input),
    ]);
    expect(first.order.order_id).toBe(second.order.order_id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const order = first.order;
    expect(order).toMatchObject({ status: "placed", total: 130_000, contact: { phone: "+256701618576" } });
    expect(await screen.ok<Order>("order-get", { order_id: order.order_id })).toEqual(order);
    // The cart is empty now, on every screen of the session.
    await screen.waitForEvent("cart-changed", (e) => e.cart.items.length === 0);

    // The counter records the payment (the staff side of the same service).
    await shell.services.orders.pay(order.number, { method: "cash", tendered: 150_000 }, cashier);
    for (const client of [screen, twin]) {
      const changed = await client.waitForEvent("order-changed", (e) => e.order.status === "paid");
      expect(changed.order).toMatchObject({ order_id: order.order_id, payments: [{ change: 20_000 }] });
    }
    await sleep(100);
    expect(stranger.eventsOf("order-changed")).toEqual([]);
    await Promise.all([screen.close(), twin.close(), stranger.close()]);
  });

  it("another customer's screen cannot read the order, and is told nothing about it", async () => {
    const { screen } = await customerWithBouquets();
    const quote = await screen.ok<Quote>("checkout-quote");
    const { order } = await screen.ok<{ order: Order }>("order-place", {
      fingerprint: quote.fingerprint,
      idempotency_key: "kiosk-attempt-0002",
    });
    const stranger = await RawClient.connect(shell.wsUrl);
    await stranger.ok("session-start");
    expect(await stranger.request("order-get", { order_id: order.order_id })).toEqual({
      ok: false,
      error: { code: "not_found", message: "We can't find that order." },
    });
    // Without a session at all: refused before any order is read.
    const fresh = await RawClient.connect(shell.wsUrl);
    expect(await fresh.request("order-get", { order_id: order.order_id })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    await Promise.all([screen.close(), stranger.close(), fresh.close()]);
  });

  it("a kiosk has no staff action: paying, readying, collecting or cancelling is not a request it can make", async () => {
    for (const channel of requestChannels) {
      expect(channel).not.toMatch(/pay|ready|collect|deliver|cancel|refund/);
    }
    const { screen } = await customerWithBouquets();
    for (const channel of ["order-pay", "order-cancel", "order-collect", "order-ready", "order-list"]) {
      expect(await screen.request(channel, { number: "K-001", method: "cash" })).toEqual({
        ok: false,
        error: { code: "invalid_input", message: `Unknown request "${channel}".` },
      });
    }
    await screen.close();
  });

  it("a cart changed from the web site between quote and tap is refused in words, and a new quote places", async () => {
    const { screen, session } = await customerWithBouquets();
    const quote = await screen.ok<Quote>("checkout-quote");
    const admin = shell.redis.client();
    await admin.hset(`cart:${session.session_id}:item:45_web`, {
      product_id: "45",
      name: "Happy Birthday Foil Balloon",
      price: "1",
      quantity: "1",
      configuration: "{}",
    });
    await admin.sadd(`cart:${session.session_id}:items`, "45_web");
    expect(
      await screen.request("order-place", {
        fingerprint: quote.fingerprint,
        idempotency_key: "kiosk-attempt-0003",
      }),
    ).toEqual({
      ok: false,
      error: { code: "cart_changed", message: "Your cart changed: please check it again." },
    });
    const again = await screen.ok<Quote>("checkout-quote");
    expect(again.changes).toEqual([expect.objectContaining({ item_id: "45_web", kind: "price_up" })]);
    const placed = await screen.ok<{ order: Order }>("order-place", {
      fingerprint: again.fingerprint,
      idempotency_key: "kiosk-attempt-0004",
    });
    expect(placed.order.total).toBe(132_000);
    await screen.close();
  });

  it("receipt-print answers 'not printed' without a configured printer, for the customer's own order only", async () => {
    const { screen } = await customerWithBouquets();
    const quote = await screen.ok<Quote>("checkout-quote");
    const { order } = await screen.ok<{ order: Order }>("order-place", {
      fingerprint: quote.fingerprint,
      idempotency_key: "kiosk-attempt-0005",
    });
    expect(await screen.ok("receipt-print", { order_id: order.order_id })).toEqual({ printed: false });
    const stranger = await RawClient.connect(shell.wsUrl);
    await stranger.ok("session-start");
    expect(await stranger.request("receipt-print", { order_id: order.order_id })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    await Promise.all([screen.close(), stranger.close()]);
  });
});
