import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import type { Order, PlaceOrderInput } from "../../src-shared/order.js";
import { itemIdFor } from "../../src-main/cart/item-id.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import { ORDER_EVENTS_CHANNEL, ORDER_EVENTS_STREAM } from "../../src-main/orders/order-keys.js";
import { OrderService } from "../../src-main/orders/order-service.js";
import { createRedisClient } from "../../src-main/infra/redis-client.js";
import { loadSampleCatalog } from "../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { snapshotKeyspace } from "../kit/redis-snapshot.js";
import { countRoundTrips } from "../kit/round-trips.js";

/**
 * Checkout as a customer and the counter live it, against a real redis-server: the kiosk prices
 * the cart afresh, the customer places it once whatever they tap, and staff take it through its
 * life (pay, ready, collect or deliver, cancel), every refusal writing nothing.
 */

let redis: TestRedis;
let client: Redis;
let raw: Redis;
let catalog: Catalog;
let cart: CartService;
let orders: OrderService;
let now: Date;

const cashier = { staff: "Sarah", terminal: "counter-1" };
const newSession = () => `session-${randomUUID()}`;
const key = () => randomUUID();

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a refusal").toBeInstanceOf(AppError);
  return error as AppError;
}

/** Writes a line as the Django site does: plain HSET and SADD, with whatever price it has. */
async function webChannelLine(
  session: string,
  itemId: string,
  fields: Record<string, string>,
): Promise<void> {
  await raw.hset(`cart:${session}:item:${itemId}`, {
    name: "",
    image_url: "",
    category_id: "",
    configuration: "{}",
    ...fields,
  });
  await raw.sadd(`cart:${session}:items`, itemId);
  await raw.hset(`cart:${session}`, "updated_at", "2025-10-16T10:30:00");
}

async function cartWithTwoBouquets(): Promise<string> {
  const session = newSession();
  await cart.addItem(session, { product_id: "42", quantity: 2 });
  return session;
}

async function placeNow(session: string, extra: Partial<PlaceOrderInput> = {}): Promise<Order> {
  const quote = await orders.quote(session);
  return (await orders.place(session, { fingerprint: quote.fingerprint, idempotency_key: key(), ...extra }))
    .order;
}

beforeAll(async () => {
  redis = await startTestRedis();
  client = createRedisClient(redis.url);
  raw = redis.client();
  catalog = await loadSampleCatalog();
  cart = new CartService({ redis: client, catalog });
  orders = new OrderService({ redis: client, catalog, clock: () => now });
});

afterAll(async () => {
  await client.quit();
  await redis.stop();
});

beforeEach(async () => {
  await raw.flushdb();
  now = new Date("2026-12-02T09:15:00.000Z");
});

describe("the checkout quote prices every line afresh from the catalog", () => {
  it("a cart filled at the kiosk at today's prices quotes unchanged", async () => {
    const session = await cartWithTwoBouquets();
    const quote = await orders.quote(session);
    expect(quote).toMatchObject({
      session_id: session,
      currency: "UGX",
      subtotal: 120_000,
      item_count: 2,
      changes: [],
      orderable: true,
      lines: [{ product_id: "42", name: "Balloon Bouquet", price: 60_000, quantity: 2, line_total: 120_000 }],
      fulfilment: {
        collection: true,
        delivery: [
          { id: "kampala-central", name: "Kampala central, same day", price: 10_000 },
          { id: "greater-kampala", price: 20_000 },
        ],
      },
    });
    expect(quote.fingerprint).toMatch(/^[0-9a-f]{40}-[0-9a-f]{16}$/);
  });

  it("web-channel lines with a stale, absurd or negative price are quoted at the catalog's price, and say so", async () => {
    const session = newSession();
    await webChannelLine(session, "42_stale", { product_id: "42", price: "50000", quantity: "1" });
    await webChannelLine(session, "45_absurd", { product_id: "45", price: "0.0001", quantity: "2" });
    await webChannelLine(session, "43_negative", {
      product_id: "43",
      price: "-35000",
      quantity: "1",
      configuration: '{"colour": "Gold"}',
    });
    const quote = await orders.quote(session);
    expect(quote.lines.map((l) => [l.product_id, l.price, l.quantity, l.line_total])).toEqual([
      ["42", 60_000, 1, 60_000],
      ["45", 12_000, 2, 24_000],
      ["43", 35_000, 1, 35_000],
    ]);
    expect(quote.subtotal).toBe(119_000);
    expect(quote.changes).toEqual(
      expect.arrayContaining([
        {
          item_id: "42_stale",
          kind: "price_up",
          message: "Balloon Bouquet now costs UGX\u00a060,000 each (it was UGX\u00a050,000).",
        },
        expect.objectContaining({
          item_id: "45_absurd",
          kind: "price_up",
          message: expect.stringMatching(/not a price/),
        }),
        expect.objectContaining({ item_id: "43_negative", kind: "price_up" }),
      ]),
    );
    const order = await placeNow(session);
    expect(order.total).toBe(119_000);
    expect(await raw.hget(`order:${order.order_id}`, "total")).toBe("119000");
  });

  it("a price that went down is shown too", async () => {
    const session = newSession();
    await webChannelLine(session, "42_old", { product_id: "42", price: "65000", quantity: "1" });
    expect((await orders.quote(session)).changes).toEqual([
      {
        item_id: "42_old",
        kind: "price_down",
        message: "Balloon Bouquet now costs UGX\u00a060,000 each (it was UGX\u00a065,000).",
      },
    ]);
  });

  it("a product no longer sold, an option no longer made, a sold-out product: not orderable, in plain words", async () => {
    const session = await cartWithTwoBouquets();
    await webChannelLine(session, "999_gone", {
      product_id: "999",
      name: "Glitter Cannon",
      price: "5000",
      quantity: "1",
    });
    await webChannelLine(session, "43_purple", {
      product_id: "43",
      price: "35000",
      quantity: "1",
      configuration: '{"colour":"Purple"}',
    });
    const soldOut = catalog.allProducts().find((p) => !p.available && p.options.length === 0);
    if (soldOut) {
      await webChannelLine(session, `${soldOut.id}_x`, { product_id: soldOut.id, price: "1", quantity: "1" });
    }
    const quote = await orders.quote(session);
    expect(quote.lines.map((l) => l.product_id)).toEqual(["42"]);
    expect(quote.orderable).toBe(true);
    expect(quote.changes).toEqual(
      expect.arrayContaining([
        {
          item_id: "999_gone",
          kind: "no_longer_sold",
          message: "Glitter Cannon is no longer sold, so it cannot be ordered.",
        },
        {
          item_id: "43_purple",
          kind: "option_unavailable",
          message: "Helium Balloon Bunch in Purple is no longer made, so it cannot be ordered.",
        },
      ]),
    );
    if (soldOut) {
      expect(quote.changes).toContainEqual(
        expect.objectContaining({
          kind: "sold_out",
          message: `${soldOut.name} is sold out, so it cannot be ordered.`,
        }),
      );
    }
    // The unorderable lines stay in the cart; the ordered one leaves.
    const order = await placeNow(session);
    expect(order.lines.map((l) => l.product_id)).toEqual(["42"]);
    expect((await raw.smembers(`cart:${session}:items`)).sort()).toEqual(
      ["43_purple", "999_gone", ...(soldOut ? [`${soldOut.id}_x`] : [])].sort(),
    );
  });

  it("a quantity above the per-line maximum is ordered at the maximum, and says so", async () => {
    const session = newSession();
    await webChannelLine(session, "42_many", { product_id: "42", price: "60000", quantity: "150" });
    const quote = await orders.quote(session);
    expect(quote.lines[0]).toMatchObject({ quantity: 99, line_total: 99 * 60_000 });
    expect(quote.changes).toEqual([
      {
        item_id: "42_many",
        kind: "quantity_limit",
        message: "One order line holds at most 99 × Balloon Bouquet: the order has 99 (your cart had 150).",
      },
    ]);
  });

  it("quoting is one round trip and writes nothing", async () => {
    const session = await cartWithTwoBouquets();
    const before = await snapshotKeyspace(raw);
    expect(await countRoundTrips(redis.url, () => orders.quote(session))).toBe(1);
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });
});

describe("placing an order", () => {
  it("writes the whole order in one round trip: number, lines, totals, cart emptied, stream, announcements", async () => {
    const session = await cartWithTwoBouquets();
    const quote = await orders.quote(session);
    const subscriber = redis.client();
    const messages: string[] = [];
    await subscriber.subscribe(ORDER_EVENTS_CHANNEL, "cart-events");
    subscriber.on("message", (channel: string, message: string) => messages.push(`${channel} ${message}`));
    let placed: Awaited<ReturnType<OrderService["place"]>> | undefined;
    const trips = await countRoundTrips(redis.url, async () => {
      placed = await orders.place(session, {
        fingerprint: quote.fingerprint,
        idempotency_key: "checkout-attempt-0001",
        contact: { name: "Nakato", phone: "+256 701 618576" },
      });
    });
    expect(trips).toBe(1);
    const order = placed!.order;
    expect(placed!.created).toBe(true);
    expect(order).toMatchObject({
      number: "K-001",
      status: "placed",
      session_id: session,
      currency: "UGX",
      subtotal: 120_000,
      delivery_charge: 0,
      total: 120_000,
      fulfilment: { type: "collection" },
      contact: { name: "Nakato", phone: "+256701618576" },
      payments: [],
      day: "2026-12-02",
      created_at: "2026-12-02T09:15:00.000+00:00",
    });
    expect(order.order_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    // The web channel reads the order without our code: strings, decimal amounts.
    const hash = await raw.hgetall(`order:${order.order_id}`);
    expect(hash).toMatchObject({ number: "K-001", status: "placed", total: "120000", subtotal: "120000" });
    expect(JSON.parse(hash.lines!)).toEqual([
      {
        item_id: itemIdFor("42", {}),
        product_id: "42",
        name: "Balloon Bouquet",
        configuration: {},
        unit_price: "60000",
        quantity: 2,
        line_total: "120000",
      },
    ]);
    expect(await raw.ttl(`order:${order.order_id}`)).toBeGreaterThan(89 * 86_400);
    expect(await raw.get("order:number:K-001")).toBe(order.order_id);
    expect(await raw.zrange("orders:status:placed", 0, -1)).toEqual([order.order_id]);
    expect(await raw.zrange("orders:day:2026-12-02", 0, -1)).toEqual([order.order_id]);
    expect(await raw.ttl(`order:idem:${session}:checkout-attempt-0001`)).toBeGreaterThan(0);
    // The lines left the cart: the kiosk shows it empty, the web site cannot order it again.
    expect((await cart.getCart(session)).items).toEqual([]);
    const entries = await raw.xrange(ORDER_EVENTS_STREAM, "-", "+");
    expect(entries).toHaveLength(1);
    expect(Object.fromEntries(chunk(entries[0]![1]))).toEqual({
      order_id: order.order_id,
      number: "K-001",
      status: "placed",
      event: "placed",
      at: "2026-12-02T09:15:00.000+00:00",
      session_id: session,
      total: "120000",
      currency: "UGX",
    });
    await waitFor(() => messages.length >= 2);
    expect(messages).toContainEqual(expect.stringMatching(/^cart-events .*"change":"checked_out"/));
    expect(messages.find((m) => m.startsWith(ORDER_EVENTS_CHANNEL))).toContain(`"number":"K-001"`);
    subscriber.disconnect();
  });

  it("the same key returns the same order (a double tap, a retry after a dropped connection)", async () => {
    const session = await cartWithTwoBouquets();
    const quote = await orders.quote(session);
    const input = { fingerprint: quote.fingerprint, idempotency_key: "same-key-123" };
    const [first, second] = await Promise.all([orders.place(session, input), orders.place(session, input)]);
    const third = await orders.place(session, input);
    expect(new Set([first.order.order_id, second.order.order_id, third.order.order_id]).size).toBe(1);
    expect([first.created, second.created, third.created].filter(Boolean)).toHaveLength(1);
    expect(await raw.zcard("orders:day:2026-12-02")).toBe(1);
  });

  it("a second kiosk placing the same reviewed cart with its own key gets the order already placed", async () => {
    const session = await cartWithTwoBouquets();
    const quote = await orders.quote(session);
    const other = new OrderService({ redis: client, catalog, clock: () => now });
    const first = await orders.place(session, { fingerprint: quote.fingerprint, idempotency_key: key() });
    const second = await other.place(session, { fingerprint: quote.fingerprint, idempotency_key: key() });
    expect(second).toEqual({ order: first.order, created: false });
    expect(await raw.xlen(ORDER_EVENTS_STREAM)).toBe(1);
  });

  it("a web-channel line added between the quote and the tap refuses the order and writes nothing; a new quote works", async () => {
    const session = await cartWithTwoBouquets();
    const quote = await orders.quote(session);
    await webChannelLine(session, "45_web", { product_id: "45", price: "12000", quantity: "1" });
    const before = await snapshotKeyspace(raw);
    const error = await refusal(
      orders.place(session, { fingerprint: quote.fingerprint, idempotency_key: key() }),
    );
    expect(error.toJSON()).toEqual({
      code: "cart_changed",
      message: "Your cart changed: please check it again.",
    });
    expect(await snapshotKeyspace(raw)).toEqual(before);
    const again = await orders.quote(session);
    expect(again.fingerprint).not.toBe(quote.fingerprint);
    const order = (await orders.place(session, { fingerprint: again.fingerprint, idempotency_key: key() }))
      .order;
    expect(order.total).toBe(132_000);
  });

  it("a quantity changed from the web site between quote and tap is a changed cart too", async () => {
    const session = await cartWithTwoBouquets();
    const quote = await orders.quote(session);
    await raw.hset(`cart:${session}:item:${itemIdFor("42", {})}`, "quantity", "3");
    expect((await refusal(placeNow2(session, quote.fingerprint))).code).toBe("cart_changed");
  });

  it("delivery: the option's charge is added, the phone normalised, the address kept", async () => {
    const session = await cartWithTwoBouquets();
    const order = await placeNow(session, {
      fulfilment: {
        type: "delivery",
        option_id: "kampala-central",
        address: {
          area: "Kololo",
          street: "Plot 12, Acacia Avenue, opposite the mosque",
          notes: "Call at the gate",
        },
      },
      contact: { name: "Nakato Sarah", phone: "+256 (701) 618-576" },
    });
    expect(order).toMatchObject({
      subtotal: 120_000,
      delivery_charge: 10_000,
      total: 130_000,
      contact: { name: "Nakato Sarah", phone: "+256701618576" },
      fulfilment: {
        type: "delivery",
        option_id: "kampala-central",
        option_name: "Kampala central, same day",
        address: {
          recipient: "Nakato Sarah",
          area: "Kololo",
          street: "Plot 12, Acacia Avenue, opposite the mosque",
          notes: "Call at the gate",
        },
      },
    });
  });

  it("refuses bad checkout input before anything is written, in words a person understands", async () => {
    const session = await cartWithTwoBouquets();
    const { fingerprint } = await orders.quote(session);
    const address = { area: "Kololo", street: "Acacia Avenue" };
    const before = await snapshotKeyspace(raw);
    const cases: Array<[PlaceOrderInput, string, RegExp]> = [
      [{ fingerprint, idempotency_key: "short" }, "invalid_input", /8 to 128 letters/],
      [{ fingerprint, idempotency_key: "has spaces in it" }, "invalid_input", /idempotency key/],
      [
        { fingerprint, idempotency_key: key(), fulfilment: { type: "delivery", option_id: "moon", address } },
        "invalid_input",
        /There is no delivery option "moon". Choose one of: kampala-central/,
      ],
      [
        {
          fingerprint,
          idempotency_key: key(),
          fulfilment: { type: "delivery", option_id: "kampala-central", address },
          contact: { name: "Nakato" },
        },
        "invalid_input",
        /phone number for the delivery/,
      ],
      [
        {
          fingerprint,
          idempotency_key: key(),
          fulfilment: { type: "delivery", option_id: "kampala-central", address },
          contact: { phone: "+256701618576" },
        },
        "invalid_input",
        /name of the person who receives/,
      ],
      [
        {
          fingerprint,
          idempotency_key: key(),
          fulfilment: { type: "delivery", option_id: "kampala-central", address: { area: "", street: "" } },
          contact: { name: "N", phone: "+256701618576" },
        },
        "invalid_input",
        /enter the area.*enter a street or landmark/,
      ],
      [
        { fingerprint, idempotency_key: key(), contact: { phone: "0701 618576" } },
        "invalid_input",
        /international format: a \+ and the country code, e.g. \+256 701 618576/,
      ],
      [
        { fingerprint, idempotency_key: key(), contact: { phone: "+256 70x" } },
        "invalid_input",
        /international format/,
      ],
    ];
    for (const [input, code, message] of cases) {
      const error = await refusal(orders.place(session, input));
      expect(error.code, JSON.stringify(input)).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("an empty cart, or one where nothing can be ordered, is refused and writes nothing", async () => {
    const empty = newSession();
    const quote = await orders.quote(empty);
    expect(quote).toMatchObject({ orderable: false, lines: [], subtotal: 0 });
    expect((await refusal(placeNow2(empty, quote.fingerprint))).toJSON()).toEqual({
      code: "not_allowed",
      message: "Your cart is empty: add something before checking out.",
    });
    const gone = newSession();
    await webChannelLine(gone, "999_gone", {
      product_id: "999",
      name: "Glitter Cannon",
      price: "5000",
      quantity: "1",
    });
    const before = await snapshotKeyspace(raw);
    const error = await refusal(placeNow2(gone, (await orders.quote(gone)).fingerprint));
    expect(error.message).toBe(
      "Nothing in your cart can be ordered right now: Glitter Cannon is no longer sold, so it cannot be ordered.",
    );
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("numbers count per day in the shop's time zone (Kampala, UTC+3), and restart at its midnight", async () => {
    now = new Date("2026-12-02T20:50:00.000Z"); // 23:50 in Kampala
    const a = await placeNow(await cartWithTwoBouquets());
    const b = await placeNow(await cartWithTwoBouquets());
    now = new Date("2026-12-02T21:05:00.000Z"); // 00:05 the next day in Kampala
    const c = await placeNow(await cartWithTwoBouquets());
    expect([a, b, c].map((o) => [o.number, o.day])).toEqual([
      ["K-001", "2026-12-02"],
      ["K-002", "2026-12-02"],
      ["K-001", "2026-12-03"],
    ]);
    expect((await orders.find("K-001")).order_id).toBe(c.order_id);
    expect((await orders.list({ date: "2026-12-02" })).map((o) => o.number)).toEqual(["K-001", "K-002"]);
  });

  it("a customer reads only their own session's orders", async () => {
    const session = await cartWithTwoBouquets();
    const order = await placeNow(session);
    expect(await orders.getForSession(session, order.order_id)).toEqual(order);
    const stranger = await refusal(orders.getForSession(newSession(), order.order_id));
    const unknown = await refusal(orders.getForSession(session, randomUUID()));
    expect(stranger.toJSON()).toEqual({ code: "not_found", message: "We can't find that order." });
    expect(unknown.toJSON()).toEqual(stranger.toJSON());
  });
});

describe("the order's life at the counter", () => {
  it("placed -> paid (cash, exact change) -> ready -> collected, each on the stream", async () => {
    const order = await placeNow(await cartWithTwoBouquets());
    now = new Date("2026-12-02T09:20:00.000Z");
    const paid = await orders.pay(order.number, { method: "cash", tendered: 150_000 }, cashier);
    expect(paid).toMatchObject({
      status: "paid",
      updated_at: "2026-12-02T09:20:00.000+00:00",
      payments: [
        {
          method: "cash",
          amount: 120_000,
          tendered: 150_000,
          change: 30_000,
          recorded_by: cashier,
          at: "2026-12-02T09:20:00.000+00:00",
        },
      ],
    });
    expect(await orders.markReady(order.number, cashier)).toMatchObject({ status: "ready" });
    expect(await orders.collect(order.order_id, cashier)).toMatchObject({ status: "collected" });
    const entries = (await raw.xrange(ORDER_EVENTS_STREAM, "-", "+")).map(([, f]) =>
      Object.fromEntries(chunk(f)),
    );
    expect(entries.map((e) => [e.event, e.status, e.number])).toEqual([
      ["placed", "placed", order.number],
      ["paid", "paid", order.number],
      ["ready", "ready", order.number],
      ["collected", "collected", order.number],
    ]);
    expect(entries[1]).toMatchObject({
      method: "cash",
      amount: "120000",
      change: "30000",
      recorded_by: "Sarah",
      terminal: "counter-1",
    });
    expect(await raw.zrange("orders:status:collected", 0, -1)).toEqual([order.order_id]);
    expect(await raw.zcard("orders:status:placed")).toBe(0);
    expect((await orders.list({ status: "collected" })).map((o) => o.number)).toEqual([order.number]);
  });

  it("card and mobile money record their reference; mobile money needs one", async () => {
    const card = await placeNow(await cartWithTwoBouquets());
    expect(
      (await orders.pay(card.number, { method: "card", reference: "SLIP-0042" }, cashier)).payments,
    ).toEqual([expect.objectContaining({ method: "card", amount: 120_000, reference: "SLIP-0042" })]);
    const momo = await placeNow(await cartWithTwoBouquets());
    const error = await refusal(orders.pay(momo.number, { method: "mobile_money" }, cashier));
    expect(error.message).toBe("A mobile-money payment needs its transaction id as the reference.");
    expect(
      (await orders.pay(momo.number, { method: "mobile_money", reference: "MP240101.1234.A56789" }, cashier))
        .status,
    ).toBe("paid");
  });

  it("delivery orders are delivered, not collected", async () => {
    const order = await placeNow(await cartWithTwoBouquets(), {
      fulfilment: {
        type: "delivery",
        option_id: "greater-kampala",
        address: { area: "Kira", street: "Kira Road" },
      },
      contact: { name: "Okello", phone: "+256772123456" },
    });
    await orders.pay(order.number, { method: "cash" }, cashier);
    expect((await refusal(orders.collect(order.number, cashier))).message).toBe(
      `${order.number} is for delivery: mark it delivered instead.`,
    );
    expect((await orders.deliver(order.number, cashier)).status).toBe("delivered");
  });

  it("refuses every transition its status does not allow, with a clear message, and changes nothing", async () => {
    const order = await placeNow(await cartWithTwoBouquets());
    const n = order.number;
    const tryRefused = async (action: () => Promise<unknown>, code: string, message: string) => {
      const before = await snapshotKeyspace(raw);
      const error = await refusal(action());
      expect(error.toJSON()).toEqual({ code, message });
      expect(await snapshotKeyspace(raw)).toEqual(before);
    };
    await tryRefused(
      () => orders.collect(n, cashier),
      "not_allowed",
      `${n} is not paid yet: take the payment before handing it over.`,
    );
    await tryRefused(
      () => orders.markReady(n, cashier),
      "not_allowed",
      `${n} is not paid yet: take the payment first.`,
    );
    await tryRefused(
      () => orders.deliver(n, cashier),
      "not_allowed",
      `${n} is collected at the counter: mark it collected instead.`,
    );
    await tryRefused(
      () => orders.pay(n, { method: "cash", tendered: 100_000 }, cashier),
      "not_allowed",
      "UGX\u00a0100,000 tendered is less than the total of UGX\u00a0120,000.",
    );
    await tryRefused(
      () => orders.pay(n, { method: "card", tendered: 5 }, cashier),
      "invalid_input",
      "The amount tendered is for cash payments only.",
    );
    await orders.pay(n, { method: "cash" }, cashier);
    await tryRefused(
      () => orders.pay(n, { method: "cash" }, cashier),
      "not_allowed",
      `${n} is already paid.`,
    );
    await orders.collect(n, cashier);
    await tryRefused(
      () => orders.cancel(n, "changed mind", cashier),
      "not_allowed",
      `${n} was already collected; it cannot be changed any more.`,
    );
    await tryRefused(
      () => orders.pay("K-999", { method: "cash" }, cashier),
      "not_found",
      "There is no order K-999.",
    );
    await tryRefused(
      () => orders.pay("drop table", { method: "cash" }, cashier),
      "invalid_input",
      '"drop table" is not an order: give its number (such as K-042) or its order id.',
    );
    await tryRefused(
      () => orders.cancel(n, "  ", cashier),
      "invalid_input",
      "Invalid cancellation: give a reason for the cancellation",
    );
  });

  it("cancelling: a placed order owes nothing; a paid one records the refund owed; a cancelled one stays cancelled", async () => {
    const unpaid = await placeNow(await cartWithTwoBouquets());
    expect((await orders.cancel(unpaid.number, "Customer left", cashier)).cancellation).toMatchObject({
      reason: "Customer left",
      refund_due: 0,
      recorded_by: cashier,
    });
    const paid = await placeNow(await cartWithTwoBouquets());
    await orders.pay(paid.number, { method: "mobile_money", reference: "TX123456" }, cashier);
    const cancelled = await orders.cancel(paid.number, "Out of helium", cashier);
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancellation: { reason: "Out of helium", refund_due: 120_000 },
    });
    const last = (await raw.xrevrange(ORDER_EVENTS_STREAM, "+", "-", "COUNT", 1))[0]!;
    expect(Object.fromEntries(chunk(last[1]))).toMatchObject({
      event: "cancelled",
      reason: "Out of helium",
      refund_due: "120000",
    });
    expect((await refusal(orders.cancel(paid.number, "again", cashier))).message).toBe(
      `${paid.number} was cancelled; nothing more can be done with it.`,
    );
    expect((await refusal(orders.pay(paid.number, { method: "cash" }, cashier))).code).toBe("not_allowed");
  });

  it("two counters paying the same order at once: one payment, the other refused", async () => {
    const order = await placeNow(await cartWithTwoBouquets());
    const results = await Promise.allSettled([
      orders.pay(order.number, { method: "cash" }, cashier),
      orders.pay(
        order.number,
        { method: "card", reference: "SLIP-1" },
        { staff: "Moses", terminal: "counter-2" },
      ),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).message).toBe(`${order.number} is already paid.`);
    expect((await orders.find(order.number)).payments).toHaveLength(1);
  });
});

describe("Redis down during checkout", () => {
  it("is a typed 'unavailable' error, and no order is half-written", async () => {
    const own = await startTestRedis();
    const ownClient = createRedisClient(own.url);
    const ownCart = new CartService({ redis: ownClient, catalog });
    const ownOrders = new OrderService({ redis: ownClient, catalog, readyTimeoutMs: 200 });
    const session = newSession();
    await ownCart.addItem(session, { product_id: "42", quantity: 1 });
    const quote = await ownOrders.quote(session);
    await own.stop();
    const error = await refusal(
      ownOrders.place(session, { fingerprint: quote.fingerprint, idempotency_key: key() }),
    );
    expect(error.code).toBe("cart_unavailable");
    expect((await refusal(ownOrders.quote(session))).code).toBe("cart_unavailable");
    ownClient.disconnect();
  });
});

function placeNow2(session: string, fingerprint: string) {
  return orders.place(session, { fingerprint, idempotency_key: key() });
}

function chunk(flat: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
