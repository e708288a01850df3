import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cart } from "../../src-shared/cart.js";
import {
  counterRequestChannels,
  publicCounterChannels,
  type CounterRequestOutput,
  type StaffSession,
} from "../../src-shared/counter-contract.js";
import type { SessionInfo } from "../../src-shared/contract.js";
import type { Order, Quote } from "../../src-shared/order.js";
import { cartReference } from "../../src-shared/session.js";
import { readAudit } from "../../src-main/staff/staff-audit.js";
import { addStaff, CounterClient, sampleCounterInputs } from "../kit/counter-client.js";
import { snapshotKeyspace } from "../kit/redis-snapshot.js";
import { RawClient, startShell, type Shell } from "../kit/shell-harness.js";

/**
 * The counter terminal over `/counter-ws`, against the whole shell: its gate (nothing from a
 * kiosk connection, nothing but sign-in before sign-in, roles), sign-in and the lockout, the live
 * order queue, payment, and carts edited at the counter while the kiosk watches.
 */

let shell: Shell;
const staff = [
  { name: "Amina", role: "cashier", pin: "4821" },
  { name: "Joseph Okello", role: "manager", pin: "77301955" },
] as const;

beforeAll(async () => {
  shell = await startShell();
  await shell.services.heartbeat.stop(); // its own writes every 15 s are not the gate's
  await addStaff(shell.services, [...staff]);
});
afterAll(async () => {
  await shell?.close();
});

/** Every key but the fleet's heartbeat records. */
async function keyspace() {
  const all = await snapshotKeyspace(shell.redis.client());
  return Object.fromEntries(Object.entries(all).filter(([key]) => !key.startsWith("kiosk:")));
}

async function kioskOrder(quantity = 1): Promise<{ screen: RawClient; order: Order; session: SessionInfo }> {
  const screen = await RawClient.connect(shell.wsUrl);
  const session = await screen.ok<SessionInfo>("session-start");
  await screen.ok("cart-add", { product_id: "42", quantity });
  const quote = await screen.ok<Quote>("checkout-quote");
  const { order } = await screen.ok<{ order: Order }>("order-place", {
    fingerprint: quote.fingerprint,
    idempotency_key: `kiosk-${session.session_id.slice(-12)}`,
    fulfilment: { type: "collection" },
  });
  return { screen, order, session };
}

async function signedIn(who: (typeof staff)[number], terminal = "Till 1"): Promise<CounterClient> {
  const counter = await CounterClient.connect(shell);
  await counter.signIn(who.name, who.pin, terminal);
  return counter;
}

describe("the counter's gate", () => {
  it("refuses every counter request sent over the kiosk's socket, and writes nothing", async () => {
    const kiosk = await RawClient.connect(shell.wsUrl);
    await kiosk.ok("session-start");
    const before = await keyspace();
    for (const channel of counterRequestChannels) {
      const result = await kiosk.request(channel, sampleCounterInputs[channel]);
      expect(result, channel).toMatchObject({ ok: false, error: { code: "invalid_input" } });
      if (!result.ok) expect(result.error.message).toContain("Unknown request");
    }
    expect(await keyspace()).toEqual(before);
    await kiosk.close();
  });

  it("refuses every counter request but sign-in and status before anyone signs in, and writes nothing", async () => {
    const counter = await CounterClient.connect(shell);
    const before = await keyspace();
    for (const channel of counterRequestChannels) {
      if ((publicCounterChannels as readonly string[]).includes(channel)) continue;
      const result = await counter.request(channel, sampleCounterInputs[channel]);
      expect(result, channel).toEqual({ ok: false, error: { code: "forbidden", message: "Sign in first." } });
    }
    expect(await keyspace()).toEqual(before);
    const status = await counter.ok<CounterRequestOutput<"counter-status">>("counter-status");
    expect(status.session).toBeNull();
    // And no kiosk request reaches the kiosk's handlers from a counter socket.
    expect(await counter.request("cart-add", { product_id: "42", quantity: 1 })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: 'Unknown counter request "cart-add".' },
    });
    await counter.close();
  });

  it("lets only a manager cancel or see the day's report", async () => {
    const cashier = await signedIn(staff[0]);
    const { order } = await kioskOrder();
    const refused = await cashier.request("counter-order-cancel", { order: order.number, reason: "test" });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringContaining("manager") },
    });
    expect(await cashier.request("counter-day-report", {})).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    const manager = await signedIn(staff[1], "Office");
    const cancelled = await manager.ok<Order>("counter-order-cancel", {
      order: order.number,
      reason: "customer left",
    });
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancellation: { refund_due: 0, recorded_by: { staff: "Joseph Okello", terminal: "Office" } },
    });
    await Promise.all([cashier.close(), manager.close()]);
  });
});

describe("signing in", () => {
  it("locks a name after five wrong PINs, says so, logs and audits each attempt", async () => {
    await shell.services.staff.add("Grace", "cashier", "1234");
    const counter = await CounterClient.connect(shell);
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await counter.request("counter-sign-in", { name: "grace", pin: "9999" }));
    expect(answers.slice(0, 4).map((a) => !a.ok && a.error.code)).toEqual([
      "forbidden",
      "forbidden",
      "forbidden",
      "forbidden",
    ]);
    expect(answers[3]).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("1 more try") },
    });
    expect(answers[4]).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringContaining("Grace is locked") },
    });
    // The right PIN does not open a locked name either.
    expect(await counter.request("counter-sign-in", { name: "Grace", pin: "1234" })).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringMatching(/locked\. Try again in 5 minutes/) },
    });
    const audit = (await readAudit(shell.redis.client())).filter((e) => e.staff?.toLowerCase() === "grace");
    expect(audit.map((e) => e.action)).toEqual([
      ...Array(4).fill("sign-in-failed"),
      "sign-in-locked",
      "sign-in-locked",
    ]);
    expect(shell.logs.filter((l) => l.includes("sign-in-failed") && l.includes('"grace"'))).toHaveLength(4);
    // A manager's new PIN lifts it.
    await shell.services.staff.setPin("Grace", "5678");
    await counter.signIn("Grace", "5678");
    await counter.close();
  });

  it("signs in (name in any case), tells the session, signs out, and an unknown name reads like a wrong PIN", async () => {
    const counter = await CounterClient.connect(shell);
    expect(await counter.request("counter-sign-in", { name: "Nobody", pin: "0000" })).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringMatching(/^Wrong name or PIN/) },
    });
    const session = await counter.ok<StaffSession>("counter-sign-in", { name: "amina", pin: "4821" });
    expect(session).toMatchObject({ name: "Amina", role: "cashier", idle_timeout_seconds: 600 });
    expect(session.terminal.length).toBeGreaterThan(0);
    await counter.signIn("Joseph Okello", "77301955", "Till 3");
    await counter.ok("counter-sign-out");
    expect(await counter.request("counter-queue")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const trail = (await readAudit(shell.redis.client())).filter((e) => e.terminal === "Till 3");
    expect(trail.map((e) => [e.action, e.staff])).toEqual([
      ["sign-in", "Joseph Okello"],
      ["sign-out", "Joseph Okello"],
    ]);
    const handOver = (await readAudit(shell.redis.client())).filter(
      (e) => e.detail === "Joseph Okello signed in on this screen",
    );
    expect(handOver).toMatchObject([{ action: "sign-out", staff: "Amina" }]);
    await counter.close();
  });

  it("signs out a screen whose staff member was removed, at its next request", async () => {
    await shell.services.staff.add("Temp", "cashier", "2468");
    const counter = await CounterClient.connect(shell);
    await counter.signIn("Temp", "2468");
    await shell.services.staff.remove("Temp");
    expect(await counter.request("counter-queue")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await counter.waitForEvent("counter-signed-out", (e) => e.reason === "staff_removed");
    await counter.close();
  });
});

describe("the order queue and payment", () => {
  it("shows a kiosk's order live, takes cash with exact change, the kiosk sees Paid, paying twice is refused", async () => {
    const counter = await signedIn(staff[0], "Till 1");
    const queue = await counter.ok<CounterRequestOutput<"counter-queue">>("counter-queue");
    const { screen, order } = await kioskOrder(2);
    const placed = await counter.waitForEvent(
      "counter-order-event",
      (e) => e.order.order_id === order.order_id,
      1_000,
    );
    expect(placed.kind).toBe("placed");
    expect(queue.last_event_id === null || placed.event_id > queue.last_event_id).toBe(true);
    // Found as a scanner types it: the number, or the QR text.
    expect(
      (await counter.ok<Order>("counter-order-find", { query: order.number.toLowerCase() })).order_id,
    ).toBe(order.order_id);
    expect((await counter.ok<Order>("counter-order-find", { query: `order:${order.order_id}` })).number).toBe(
      order.number,
    );

    const short = await counter.request("counter-order-pay", {
      order: order.number,
      payment: { method: "cash", tendered: order.total - 1 },
    });
    expect(short).toMatchObject({
      ok: false,
      error: { code: "not_allowed", message: expect.stringContaining("less than the total") },
    });
    const paid = await counter.ok<Order>("counter-order-pay", {
      order: order.number,
      payment: { method: "cash", tendered: order.total + 7_500 },
    });
    expect(paid.payments).toMatchObject([
      {
        method: "cash",
        amount: order.total,
        change: 7_500,
        recorded_by: { staff: "Amina", terminal: "Till 1" },
      },
    ]);
    await screen.waitForEvent("order-changed", (e) => e.order.status === "paid", 1_000);
    const again = await counter.request("counter-order-pay", {
      order: order.number,
      payment: { method: "card", reference: "SLIP-1" },
    });
    expect(again).toEqual({
      ok: false,
      error: { code: "not_allowed", message: `${order.number} is already paid at Till 1 by Amina.` },
    });

    await counter.ok("counter-order-collected", { order: order.number });
    const audit = (await readAudit(shell.redis.client())).filter((e) => e.order === order.number);
    // The refusals too: the short cash, the second payment.
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([
      ["payment", "refused"],
      ["payment", "ok"],
      ["payment", "refused"],
      ["collected", "ok"],
    ]);
    expect(audit[1]).toMatchObject({ staff: "Amina", role: "cashier", terminal: "Till 1" });
    await Promise.all([counter.close(), screen.close()]);
  });

  it("records one payment when two counters pay the same order at once; the other is told who did", async () => {
    const [a, b] = await Promise.all([signedIn(staff[0], "Till 1"), signedIn(staff[1], "Till 2")]);
    const { order, screen } = await kioskOrder();
    const results = await Promise.all([
      a.request("counter-order-pay", {
        order: order.number,
        payment: { method: "cash", tendered: order.total },
      }),
      b.request("counter-order-pay", {
        order: order.number,
        payment: { method: "mobile_money", reference: "MM-77" },
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok)!;
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/is already paid at Till [12] by (Amina|Joseph Okello)\./) },
    });
    const stored = await shell.services.orders.find(order.number);
    expect(stored.payments).toHaveLength(1);
    await Promise.all([a.close(), b.close(), screen.close()]);
  });

  it("adds up the day: orders, payments by method, cash in the drawer, refunds owed, unpaid", async () => {
    const manager = await signedIn(staff[1], "Office");
    const { order: cashOrder } = await kioskOrder();
    const { order: unpaid } = await kioskOrder(3);
    await manager.ok("counter-order-pay", {
      order: cashOrder.number,
      payment: { method: "cash", tendered: cashOrder.total },
    });
    await manager.ok("counter-order-cancel", { order: cashOrder.number, reason: "wrong colour" });
    const report = await manager.ok<CounterRequestOutput<"counter-day-report">>("counter-day-report", {});
    const orders = await shell.services.orders.list({ date: report.day });
    expect(report.order_count).toBe(orders.length);
    const paidCash = orders
      .flatMap((o) => o.payments)
      .filter((p) => p.method === "cash")
      .reduce((s, p) => s + p.amount, 0);
    expect(report.payments.find((p) => p.method === "cash")!.total).toBe(paidCash);
    expect(report.cancelled.orders).toContainEqual({
      number: cashOrder.number,
      reason: "wrong colour",
      refund_due: cashOrder.total,
      by: "Joseph Okello",
    });
    expect(report.cash_expected).toBe(
      paidCash - orders.filter((o) => o.cancellation).reduce((s, o) => s + o.cancellation!.refund_due, 0),
    );
    expect(report.unpaid.numbers).toContain(unpaid.number);
    expect(report.unpaid.total).toBe(
      orders.filter((o) => o.status === "placed").reduce((s, o) => s + o.total, 0),
    );
    await manager.close();
  });
});

describe("carts at the counter", () => {
  it("finds a kiosk's cart by its reference, and an edit at the counter reaches the kiosk's screen at once", async () => {
    const kiosk = await RawClient.connect(shell.wsUrl);
    const { session_id } = await kiosk.ok<SessionInfo>("session-start");
    await kiosk.ok("cart-add", { product_id: "42", quantity: 1 });
    const counter = await signedIn(staff[0]);
    const found = await counter.ok<CounterRequestOutput<"counter-cart-find">>("counter-cart-find", {
      reference: cartReference(session_id).toLowerCase(),
    });
    expect(found.carts.map((c) => c.session_id)).toEqual([session_id]);
    const opened = await counter.ok<Cart>("counter-cart-open", { session_id });
    const line = opened.items[0]!;
    await counter.ok("counter-cart-set-quantity", { session_id, item_id: line.item_id, quantity: 4 });
    await kiosk.waitForEvent("cart-changed", (e) => e.cart.items[0]?.quantity === 4, 1_000);
    // And the customer's own change reaches the counter.
    await kiosk.ok("cart-update-quantity", { item_id: line.item_id, quantity: 2 });
    await counter.waitForEvent(
      "counter-cart-changed",
      (e) => e.session_id === session_id && e.cart.items[0]?.quantity === 2,
      1_000,
    );
    const audit = (await readAudit(shell.redis.client())).filter((e) => e.cart === session_id);
    expect(audit).toMatchObject([{ action: "cart-set-quantity", staff: "Amina", outcome: "ok" }]);
    await Promise.all([counter.close(), kiosk.close()]);
  });
});
