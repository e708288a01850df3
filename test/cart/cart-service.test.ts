import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import { cartReference } from "../../src-shared/session.js";
import { CartEventMessageSchema } from "../../src-shared/cart.js";
import { loadRetailCatalog, loadSampleCatalog } from "../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { snapshotKeyspace } from "../kit/redis-snapshot.js";
import { countRoundTrips } from "../kit/round-trips.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import { createRedisClient } from "../../src-main/infra/redis-client.js";
import { CART_EVENTS_CHANNEL } from "../../src-main/cart/cart-keys.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { itemIdFor } from "../../src-main/cart/item-id.js";

const TTL = 604_800;
const fixedNow = new Date("2025-10-16T10:30:00.000Z");

let redis: TestRedis;
let client: Redis;
let raw: Redis;
let sample: Catalog;
let retail: Catalog;
let cart: CartService;
let usdCart: CartService;

const newSession = () => `session-${randomUUID()}`;

async function expectAppError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

beforeAll(async () => {
  redis = await startTestRedis();
  client = createRedisClient(redis.url);
  raw = redis.client();
  [sample, retail] = await Promise.all([loadSampleCatalog(), loadRetailCatalog()]);
  cart = new CartService({ redis: client, catalog: sample, clock: () => fixedNow });
  usdCart = new CartService({ redis: client, catalog: retail });
});

afterAll(async () => {
  await client.quit();
  await redis.stop();
});

beforeEach(async () => {
  await raw.flushdb();
});

describe("CartService keeps the web channel's key layout", () => {
  it("writes an add as the seed's meta hash, item set and line hash, every field a string", async () => {
    const session = newSession();
    const { cart: result, change, item } = await cart.addItem(session, { product_id: "42", quantity: 2 });

    const itemId = "42_44136fa355b3678a"; // sha256("{}")[:16]
    expect(await raw.keys(`cart:${session}*`)).toHaveLength(3);
    expect(await raw.hgetall(`cart:${session}`)).toEqual({ updated_at: "2025-10-16T10:30:00.000+00:00" });
    expect(await raw.smembers(`cart:${session}:items`)).toEqual([itemId]);
    expect(await raw.hgetall(`cart:${session}:item:${itemId}`)).toEqual({
      product_id: "42",
      name: "Balloon Bouquet",
      price: "60000",
      quantity: "2",
      configuration: "{}",
      image_url: sample.product("42")!.image_url,
      category_id: "5",
    });

    expect(change).toBe("item_added");
    expect(item).toMatchObject({ item_id: itemId, price: 60_000, quantity: 2, line_total: 120_000 });
    expect(result).toEqual({
      session_id: session,
      currency: "UGX",
      items: [item],
      item_count: 2,
      cart_total: 120_000,
      updated_at: "2025-10-16T10:30:00.000+00:00",
    });
    expect(await cart.getCart(session)).toEqual(result);
  });

  it("stores USD prices as decimal strings in major units and keeps totals exact in cents", async () => {
    const session = newSession();
    const options = { capacity: "1L", material: "glass", color: "silver" };
    const { item } = await usdCart.addItem(session, { product_id: "1075968781", quantity: 3, options });

    const line = await raw.hgetall(`cart:${session}:item:${item!.item_id}`);
    expect(line.price).toBe("137.17");
    expect(line.configuration).toBe('{"capacity":"1L","color":"silver","material":"glass"}');
    expect(item).toMatchObject({ price: 13_717, quantity: 3, line_total: 41_151, configuration: options });
    const result = await usdCart.getCart(session);
    expect(result).toMatchObject({ currency: "USD", item_count: 3, cart_total: 41_151 });
  });

  it("merges the same product and options into one line, however the options are spelled", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "43", quantity: 1, options: { colour: "Blue" } });
    const { cart: merged, item } = await cart.addItem(session, {
      product_id: "43",
      quantity: 2,
      options: { Colour: " blue " },
    });
    expect(merged.items).toHaveLength(1);
    expect(item).toMatchObject({ item_id: itemIdFor("43", { colour: "Blue" }), quantity: 3 });

    const { cart: two } = await cart.addItem(session, {
      product_id: "43",
      quantity: 1,
      options: { colour: "Red" },
    });
    expect(two.items.map((l) => [l.configuration, l.quantity])).toEqual(
      expect.arrayContaining([
        [{ colour: "Blue" }, 3],
        [{ colour: "Red" }, 1],
      ]),
    );
    expect(two).toMatchObject({ item_count: 4, cart_total: 4 * 35_000 });
  });

  it("takes names and prices from the catalog only: an add that names a price is refused", async () => {
    const session = newSession();
    const before = await snapshotKeyspace(raw);
    const sneaky = { product_id: "42", quantity: 1, price: 1, name: "Free" } as unknown as {
      product_id: string;
      quantity: number;
    };
    await expectAppError(cart.addItem(session, sneaky), "invalid_input");
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("refuses unknown products, unknown options and sold-out variants, writing nothing", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    const before = await snapshotKeyspace(raw);
    await expectAppError(cart.addItem(session, { product_id: "9999", quantity: 1 }), "not_found");
    await expectAppError(
      cart.addItem(session, { product_id: "43", quantity: 1, options: { colour: "Plaid" } }),
      "invalid_input",
      /Plaid/,
    );
    await expectAppError(
      cart.addItem(session, { product_id: "22", quantity: 1, options: { size: "3 kg" } }),
      "sold_out",
      /sold out/,
    );
    await expectAppError(
      usdCart.addItem(session, {
        product_id: "1075968781",
        quantity: 1,
        options: { capacity: "2L", material: "glass", color: "silver" },
      }),
      "sold_out",
    );
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("refuses an add that would take a line over the maximum, writing nothing", async () => {
    const small = new CartService({ redis: client, catalog: sample, maxQuantityPerLine: 5 });
    const session = newSession();
    await small.addItem(session, { product_id: "42", quantity: 4 });
    const before = await snapshotKeyspace(raw);
    await expectAppError(
      small.addItem(session, { product_id: "42", quantity: 2 }),
      "quantity_limit",
      /already has 4 × Balloon Bouquet.*at most 5.*up to 1 more/,
    );
    await expectAppError(small.addItem(session, { product_id: "42", quantity: 6 }), "quantity_limit");
    expect(await snapshotKeyspace(raw)).toEqual(before);
    const { item } = await small.addItem(session, { product_id: "42", quantity: 1 });
    expect(item!.quantity).toBe(5);
  });
});

describe("CartService sets the 7-day TTL on every key of the cart", () => {
  it("refreshes meta, set and every line after each kind of mutation", async () => {
    const session = newSession();
    const steps: Array<[string, () => Promise<unknown>]> = [
      ["add", () => cart.addItem(session, { product_id: "42", quantity: 1 })],
      [
        "add another",
        () => cart.addItem(session, { product_id: "43", quantity: 2, options: { colour: "Red" } }),
      ],
      ["add a third", () => cart.addItem(session, { product_id: "12", quantity: 1 })],
      ["update", () => cart.updateQuantity(session, itemIdFor("42", {}), 5)],
      ["attach", () => cart.attachCustomer(session, { phone_number: "+256701618576" })],
      ["remove", () => cart.removeItem(session, itemIdFor("12", {}))],
      ["set to 0", () => cart.updateQuantity(session, itemIdFor("42", {}), 0)],
      ["clear", () => cart.clearCart(session)],
    ];
    for (const [name, step] of steps) {
      // Age every key first, so only a step that refreshes all of them passes.
      for (const key of await raw.keys(`cart:${session}*`)) await raw.expire(key, 100);
      await step();
      const keys = await raw.keys(`cart:${session}*`);
      expect(keys.length, name).toBeGreaterThan(0);
      for (const key of keys) {
        const ttl = await raw.ttl(key);
        expect(ttl, `${name}: TTL of ${key}`).toBeGreaterThanOrEqual(TTL - 100);
        expect(ttl, `${name}: TTL of ${key}`).toBeLessThanOrEqual(TTL);
      }
    }
  });

  it("uses the configured TTL", async () => {
    const short = new CartService({ redis: client, catalog: sample, ttlSeconds: 3_600 });
    const session = newSession();
    await short.addItem(session, { product_id: "42", quantity: 1 });
    for (const key of await raw.keys(`cart:${session}*`)) {
      expect(await raw.ttl(key)).toBeGreaterThan(3_500);
      expect(await raw.ttl(key)).toBeLessThanOrEqual(3_600);
    }
  });
});

describe("CartService reads carts the web channel wrote", () => {
  async function writeWebChannelCart(session: string) {
    // Exactly as the seed's Python service writes them: its own item ids (Python's hash()),
    // "60000" prices, configuration "{}" or json.dumps() with spaces, quantities as strings.
    await raw.hset(`cart:${session}`, { updated_at: "2025-10-16T10:30:00", customer_id: "123" });
    await raw.sadd(`cart:${session}:items`, "42_-9223372036854775808", "43_0", "47_314159");
    await raw.hset(`cart:${session}:item:42_-9223372036854775808`, {
      product_id: "42",
      name: "Balloon Bouquet",
      price: "60000",
      quantity: "2",
      configuration: "{}",
      image_url: "/images/balloons.jpg",
      category_id: "5",
    });
    await raw.hset(`cart:${session}:item:43_0`, {
      product_id: "43",
      name: "Helium Balloon Bunch",
      price: "35000.00",
      quantity: "3",
      configuration: '{"colour": "Gold"}',
      image_url: "/images/helium.jpg",
      category_id: "5",
    });
    // 47_314159 is in the set but its line hash has expired: skipped, not counted.
  }

  it("reads its item ids, decimal prices, JSON configurations and string quantities", async () => {
    const session = newSession();
    await writeWebChannelCart(session);
    const result = await cart.getCart(session);
    expect(result).toEqual({
      session_id: session,
      currency: "UGX",
      items: [
        {
          item_id: "42_-9223372036854775808",
          product_id: "42",
          name: "Balloon Bouquet",
          price: 60_000,
          quantity: 2,
          configuration: {},
          line_total: 120_000,
          image_url: "/images/balloons.jpg",
          category_id: "5",
        },
        {
          item_id: "43_0",
          product_id: "43",
          name: "Helium Balloon Bunch",
          price: 35_000,
          quantity: 3,
          configuration: { colour: "Gold" },
          line_total: 105_000,
          image_url: "/images/helium.jpg",
          category_id: "5",
        },
      ],
      item_count: 5,
      cart_total: 225_000,
      updated_at: "2025-10-16T10:30:00",
      customer_id: "123",
    });
  });

  it("updates and removes the web channel's lines by their own ids", async () => {
    const session = newSession();
    await writeWebChannelCart(session);
    const updated = await cart.updateQuantity(session, "42_-9223372036854775808", 4);
    expect(updated.item).toMatchObject({ quantity: 4, line_total: 240_000 });
    expect(await raw.hget(`cart:${session}:item:42_-9223372036854775808`, "quantity")).toBe("4");
    const removed = await cart.removeItem(session, "43_0");
    expect(removed.item).toMatchObject({ item_id: "43_0", quantity: 3 });
    expect(removed.cart).toMatchObject({ item_count: 4, cart_total: 240_000 });
    expect(await raw.exists(`cart:${session}:item:43_0`)).toBe(0);
    // The expired line's member stays: the web channel may be between its SADD and HSET.
    expect((await raw.smembers(`cart:${session}:items`)).sort()).toEqual([
      "42_-9223372036854775808",
      "47_314159",
    ]);
  });

  it("converts USD lines with the catalog's exponent, including one-decimal prices", async () => {
    const session = newSession();
    await raw.sadd(`cart:${session}:items`, "1075968781_7");
    await raw.hset(`cart:${session}:item:1075968781_7`, {
      product_id: "1075968781",
      name: "Electric Kettle",
      price: "50.8",
      quantity: "3",
      configuration: "{}",
      image_url: "",
      category_id: "home-kitchen",
    });
    const result = await usdCart.getCart(session);
    expect(result.items[0]).toMatchObject({ price: 5_080, line_total: 15_240 });
    expect(result).toMatchObject({ currency: "USD", item_count: 3, cart_total: 15_240, updated_at: null });
  });

  it("keeps non-ASCII names and configurations intact", async () => {
    const session = newSession();
    await raw.sadd(`cart:${session}:items`, "42_7");
    await raw.hset(`cart:${session}:item:42_7`, {
      product_id: "42",
      name: "Bánh kem 🎂 «Ekitiibwa»",
      price: "60000",
      quantity: "1",
      configuration: '{"message": "Happy birthday, Nakato! 🎈", "colour": "rosé"}',
    });
    const [line] = (await cart.getCart(session)).items;
    expect(line).toMatchObject({
      name: "Bánh kem 🎂 «Ekitiibwa»",
      configuration: { message: "Happy birthday, Nakato! 🎈", colour: "rosé" },
    });
  });

  it("leaves out a line it cannot read and says which", async () => {
    const invalid: string[] = [];
    const strict = new CartService({
      redis: client,
      catalog: retail,
      onInvalidLine: (_session, itemId, reason) => invalid.push(`${itemId}: ${reason}`),
    });
    const session = newSession();
    await raw.sadd(`cart:${session}:items`, "a_1", "b_2", "c_3");
    await raw.hset(`cart:${session}:item:a_1`, { product_id: "a", name: "A", price: "1.005", quantity: "1" });
    await raw.hset(`cart:${session}:item:b_2`, { product_id: "b", name: "B", price: "2.50", quantity: "2" });
    await raw.hset(`cart:${session}:item:c_3`, { product_id: "c", name: "C", price: "-9.99", quantity: "1" });
    const result = await strict.getCart(session);
    expect(result.items.map((l) => l.item_id)).toEqual(["b_2"]);
    expect(result.cart_total).toBe(500);
    expect(invalid.sort()).toEqual([
      expect.stringMatching(/^a_1: price "1.005"/),
      expect.stringMatching(/^c_3: price "-9.99": is negative/),
    ]);
  });

  it("returns an empty cart for a session that has none, creating nothing", async () => {
    const session = newSession();
    expect(await cart.getCart(session)).toEqual({
      session_id: session,
      currency: "UGX",
      items: [],
      item_count: 0,
      cart_total: 0,
      updated_at: null,
    });
    expect(await raw.dbsize()).toBe(0);
  });
});

describe("CartService mutations", () => {
  it("updates a quantity, and 0 removes the line", async () => {
    const session = newSession();
    const { item } = await cart.addItem(session, { product_id: "12", quantity: 1 });
    const updated = await cart.updateQuantity(session, item!.item_id, 7);
    expect(updated).toMatchObject({
      change: "quantity_updated",
      item: { quantity: 7, line_total: 7 * 40_000 },
    });
    const removed = await cart.updateQuantity(session, item!.item_id, 0);
    expect(removed).toMatchObject({ change: "item_removed", item: { item_id: item!.item_id, quantity: 7 } });
    expect(removed.cart.items).toEqual([]);
    expect(await raw.keys(`cart:${session}*`)).toEqual([`cart:${session}`]);
  });

  it("refuses to update or remove an item that is not in the cart", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "12", quantity: 1 });
    const before = await snapshotKeyspace(raw);
    await expectAppError(cart.updateQuantity(session, "12_0000", 3), "not_found", /not in your cart/);
    await expectAppError(cart.removeItem(session, "12_0000"), "not_found", /not in your cart/);
    await expectAppError(cart.removeItem(newSession(), "12_0000"), "not_found");
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("clears the lines and keeps the meta hash with its customer", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "12", quantity: 1 });
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    await cart.attachCustomer(session, { customer_id: "123" });
    const cleared = await cart.clearCart(session);
    expect(cleared.change).toBe("cart_cleared");
    expect(cleared.cart).toMatchObject({ items: [], item_count: 0, cart_total: 0, customer_id: "123" });
    expect(await raw.keys(`cart:${session}*`)).toEqual([`cart:${session}`]);
  });

  it("attaches a customer id and phone number, refusing malformed ones", async () => {
    const session = newSession();
    const attached = await cart.attachCustomer(session, {
      customer_id: "123",
      phone_number: "+256701618576",
    });
    expect(attached.cart).toMatchObject({ customer_id: "123", phone_number: "+256701618576" });
    expect(await raw.hgetall(`cart:${session}`)).toMatchObject({
      customer_id: "123",
      phone_number: "+256701618576",
    });
    const before = await snapshotKeyspace(raw);
    await expectAppError(cart.attachCustomer(session, { phone_number: "call me" }), "invalid_input");
    await expectAppError(cart.attachCustomer(session, {}), "invalid_input");
    await expectAppError(cart.attachCustomer(session, { customer_id: "1:2" }), "invalid_input");
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("publishes a cart-changed message on cart-events for every mutation", async () => {
    const subscriber = redis.client();
    const messages: unknown[] = [];
    subscriber.on("message", (channel: string, message: string) => {
      if (channel === CART_EVENTS_CHANNEL) messages.push(CartEventMessageSchema.parse(JSON.parse(message)));
    });
    await subscriber.subscribe(CART_EVENTS_CHANNEL);
    const session = newSession();
    const { item } = await cart.addItem(session, { product_id: "42", quantity: 1 });
    await cart.updateQuantity(session, item!.item_id, 2);
    await cart.attachCustomer(session, { customer_id: "7" });
    await cart.removeItem(session, item!.item_id);
    await cart.clearCart(session);
    await expectAppError(cart.removeItem(session, item!.item_id), "not_found");
    await cart.getCart(session);
    await expect.poll(() => messages.length).toBe(5);
    const updated_at = "2025-10-16T10:30:00.000+00:00";
    expect(messages).toEqual(
      ["item_added", "quantity_updated", "customer_attached", "item_removed", "cart_cleared"].map(
        (change) => ({
          session_id: session,
          change,
          updated_at,
        }),
      ),
    );
    await subscriber.unsubscribe();
  });
});

describe("CartService applies each operation once, however often it is sent", () => {
  it("answers a resent add, update, removal, clear and attach with the cart, writing nothing more", async () => {
    const session = newSession();
    const opId = (n: number) => `op-${String(n).padStart(2, "0")}-${"x".repeat(16)}`;
    const first = await cart.addItem(session, { product_id: "42", quantity: 1 }, { operationId: opId(1) });
    expect(first.replayed).toBe(false);
    const resent = await cart.addItem(session, { product_id: "42", quantity: 1 }, { operationId: opId(1) });
    expect(resent.replayed).toBe(true);
    expect(resent.cart.items.map((l) => l.quantity)).toEqual([1]);
    // A different action on the same line is applied.
    const itemId = first.item!.item_id;
    await cart.addItem(session, { product_id: "42", quantity: 1 }, { operationId: opId(2) });
    expect((await cart.getCart(session)).item_count).toBe(2);

    await cart.updateQuantity(session, itemId, 5, { operationId: opId(3) });
    await cart.updateQuantity(session, itemId, 4, { operationId: opId(4) });
    // A late copy of "make it 5" must not undo the later "make it 4".
    const lateUpdate = await cart.updateQuantity(session, itemId, 5, { operationId: opId(3) });
    expect(lateUpdate.replayed).toBe(true);
    expect(lateUpdate.cart.items[0]?.quantity).toBe(4);

    await cart.removeItem(session, itemId, { operationId: opId(5) });
    // The removal's retry is the removal done, not "not in your cart".
    const removedAgain = await cart.removeItem(session, itemId, { operationId: opId(5) });
    expect(removedAgain).toMatchObject({ replayed: true, cart: { items: [] } });

    await cart.addItem(session, { product_id: "45", quantity: 1 }, { operationId: opId(6) });
    await cart.clearCart(session, { operationId: opId(7) });
    await cart.addItem(session, { product_id: "45", quantity: 1 }, { operationId: opId(8) });
    const lateClear = await cart.clearCart(session, { operationId: opId(7) });
    expect(lateClear.replayed).toBe(true);
    expect(lateClear.cart.items.map((l) => l.product_id)).toEqual(["45"]);

    await cart.attachCustomer(session, { customer_id: "7" }, { operationId: opId(9) });
    await cart.attachCustomer(session, { customer_id: "8" }, { operationId: opId(10) });
    expect(
      (await cart.attachCustomer(session, { customer_id: "7" }, { operationId: opId(9) })).cart,
    ).toMatchObject({
      customer_id: "8",
    });
  });

  it("keeps each session's operation ids apart and forgets them after a short while", async () => {
    const [a, b] = [newSession(), newSession()];
    const operationId = "same-id-in-two-sessions";
    await cart.addItem(a, { product_id: "42", quantity: 1 }, { operationId });
    const other = await cart.addItem(b, { product_id: "42", quantity: 1 }, { operationId });
    expect(other.replayed).toBe(false);
    const record = await raw.ttl(`kiosk-op:${a}:${operationId}`);
    expect(record).toBeGreaterThan(0);
    expect(record).toBeLessThanOrEqual(600);
    // Ids are part of a key: anything that could address another key is refused before Redis.
    for (const bad of ["short", "has:colon-and-more-chars", "x".repeat(65), "spaces are not ok here"]) {
      await expectAppError(
        cart.addItem(a, { product_id: "42", quantity: 1 }, { operationId: bad }),
        "invalid_input",
      );
    }
    expect((await cart.getCart(a)).item_count).toBe(1);
  });
});

describe("CartService costs one round trip per operation", () => {
  it("sends one command for each mutation and for reading a cart of 20 lines", async () => {
    const session = newSession();
    // Twenty lines: products with the first value of each option, leaving out sold-out choices.
    const adds = sample
      .allProducts()
      .flatMap((p) => {
        const options = Object.fromEntries(p.options.map((axis) => [axis.name, axis.values[0]!]));
        try {
          sample.resolveChoice(p.id, options);
          return [{ product_id: p.id, quantity: 1, options }];
        } catch {
          return [];
        }
      })
      .slice(0, 20);
    expect(adds).toHaveLength(20);
    // Warm-up: the first call of each script may load it (NOSCRIPT, then EVAL) once per process.
    for (const add of adds) await cart.addItem(session, add);
    const line = (await cart.getCart(session)).items[0]!;
    await cart.updateQuantity(session, line.item_id, 2);
    await cart.attachCustomer(session, { customer_id: "c-1" });

    const once = (call: () => Promise<unknown>) => countRoundTrips(redis.url, call);
    // The counter itself: two reads are two round trips.
    expect(await once(async () => [await cart.getCart(session), await cart.getCart(session)])).toBe(2);
    expect(await once(() => cart.getCart(session))).toBe(1);
    expect(await once(() => cart.addItem(session, adds[0]!))).toBe(1);
    expect(await once(() => cart.updateQuantity(session, line.item_id, 5))).toBe(1);
    expect(await once(() => cart.attachCustomer(session, { phone_number: "+256700000001" }))).toBe(1);
    expect(await once(() => cart.removeItem(session, line.item_id))).toBe(1);
    expect(await once(() => cart.clearCart(session))).toBe(1);
    expect(await once(() => cart.addItem(session, adds[1]!))).toBe(1);
  });
});

describe("CartService refuses hostile input before any Redis call", () => {
  const hostileSessions = [
    "cart:*",
    "session-x}",
    "a b",
    "session-1\n",
    `session-${randomUUID()}\n`,
    "x".repeat(200),
    "*",
    "",
    `session-${randomUUID()}:items`,
    "wa_256701618576:chat",
  ];
  const hostileQuantities = [0, -1, 1.5, 1e9, Number.NaN, Number.POSITIVE_INFINITY, "2" as unknown as number];

  it("refuses hostile session ids for every operation, leaving the database unchanged", async () => {
    const existing = newSession();
    await cart.addItem(existing, { product_id: "42", quantity: 1 });
    const before = await snapshotKeyspace(raw);
    for (const session of hostileSessions) {
      const calls = [
        cart.getCart(session),
        cart.addItem(session, { product_id: "42", quantity: 1 }),
        cart.updateQuantity(session, "42_44136fa355b3678a", 2),
        cart.removeItem(session, "42_44136fa355b3678a"),
        cart.clearCart(session),
        cart.attachCustomer(session, { customer_id: "1" }),
      ];
      for (const call of calls) await expectAppError(call, "invalid_input", /session id/);
    }
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("never reaches Redis with a refused call (a closed client would answer cart_unavailable)", async () => {
    const closed = createRedisClient(redis.url);
    closed.disconnect();
    const offline = new CartService({ redis: closed, catalog: sample });
    await expectAppError(offline.getCart("cart:*"), "invalid_input");
    await expectAppError(offline.addItem(newSession(), { product_id: "42", quantity: 0 }), "invalid_input");
    await expectAppError(offline.addItem(newSession(), { product_id: "nope", quantity: 1 }), "not_found");
    await expectAppError(offline.updateQuantity(newSession(), "a\nb", 1), "invalid_input");
    await expectAppError(offline.getCart(newSession()), "cart_unavailable");
  });

  it("refuses quantities that are not whole numbers from 1 to the maximum", async () => {
    const session = newSession();
    const { item } = await cart.addItem(session, { product_id: "42", quantity: 1 });
    const before = await snapshotKeyspace(raw);
    for (const quantity of hostileQuantities) {
      // Too many is a limit; anything that is not a whole number is not a quantity at all.
      const code = quantity === 1e9 ? "quantity_limit" : "invalid_input";
      await expectAppError(cart.addItem(session, { product_id: "42", quantity }), code, /quantity|at most/);
      if (quantity !== 0) {
        await expectAppError(cart.updateQuantity(session, item!.item_id, quantity), code, /quantity|at most/);
      }
    }
    await expectAppError(
      cart.addItem(session, { product_id: "42", quantity: 100 }),
      "quantity_limit",
      /at most 99/,
    );
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("refuses hostile item ids", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    const before = await snapshotKeyspace(raw);
    for (const itemId of ["", "42_1\n", "a\u0000b", "y".repeat(300), "\ud800", "a\ufffdb"]) {
      await expectAppError(cart.updateQuantity(session, itemId, 1), "invalid_input", /item id/);
      await expectAppError(cart.removeItem(session, itemId), "invalid_input", /item id/);
    }
    // Ids that can be addressed but name no line of this cart: nothing found, nothing written.
    for (const itemId of ["*", "a:b", "x y", "{42}", "../items", `:item:42_1`]) {
      await expectAppError(cart.updateQuantity(session, itemId, 1), "not_found");
      await expectAppError(cart.removeItem(session, itemId), "not_found");
    }
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });
});

describe("finding a cart by the reference the checkout screen shows", () => {
  it("finds the cart whose session id ends in the reference, in either case, and no other", async () => {
    const session = newSession();
    const other = newSession();
    await cart.addItem(session, { product_id: "42", quantity: 2 });
    await cart.addItem(other, { product_id: "42", quantity: 1 });
    // A line key whose item id happens to end like the reference must not count as a cart.
    const reference = cartReference(session);
    await raw.hset(`cart:${other}:item:x_${reference.toLowerCase()}`, "quantity", "1");

    const found = await cart.findByReference(reference.toLowerCase());
    expect(found.map((c) => c.session_id)).toEqual([session]);
    expect(found[0]!.item_count).toBe(2);
  });

  it("answers not found with an empty list, and refuses a malformed reference before Redis", async () => {
    expect(await cart.findByReference("ZZZZZZ")).toEqual([]);
    await expectAppError(cart.findByReference("*"), "invalid_input", /6 letters or digits/);
    await expectAppError(cart.findByReference("abc12"), "invalid_input", /6 letters or digits/);
  });
});
