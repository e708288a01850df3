import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import { createRedisClient } from "../../src-main/infra/redis-client.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { itemIdFor } from "../../src-main/cart/item-id.js";
import { OrderService } from "../../src-main/orders/order-service.js";
import { loadSampleCatalog } from "../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { snapshotKeyspace } from "../kit/redis-snapshot.js";

// #14 item 5: what another program writes into a cart must not break the rest of it, and a
// request that answers with an error must not have written anything.

let redis: TestRedis;
let client: Redis;
let raw: Redis;
let sample: Catalog;
let cart: CartService;
const invalid: string[] = [];
const wrongTypes: string[] = [];

const newSession = () => `session-${randomUUID()}`;
const balloons = itemIdFor("42", {});

async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected an AppError").toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  redis = await startTestRedis();
  client = createRedisClient(redis.url);
  raw = redis.client();
  sample = await loadSampleCatalog();
  cart = new CartService({
    redis: client,
    catalog: sample,
    onInvalidLine: (_session, itemId, reason) => invalid.push(`${itemId}: ${reason}`),
    onWrongType: (_session, key, type) => wrongTypes.push(`${key}: ${type}`),
  });
});

afterAll(async () => {
  await client.quit();
  await redis.stop();
});

beforeEach(async () => {
  await raw.flushdb();
  invalid.length = 0;
  wrongTypes.length = 0;
});

describe("a line another program wrote that the cart cannot read", () => {
  it("leaves out a line whose price takes the total beyond exact numbers, and the rest still works", async () => {
    const session = newSession();
    await raw.sadd(`cart:${session}:items`, "huge_1", "huger_2");
    // Each price alone converts exactly; with any other line the total would not.
    await raw.hset(`cart:${session}:item:huge_1`, {
      product_id: "x",
      name: "X",
      price: "9007199254740991",
      quantity: "1",
    });
    await raw.hset(`cart:${session}:item:huger_2`, {
      product_id: "y",
      name: "Y",
      price: "90071992547409919",
      quantity: "1",
    });

    const added = await cart.addItem(session, { product_id: "42", quantity: 2 });
    expect(added.cart.items.map((l) => l.item_id)).toEqual([balloons]);
    expect(added.cart.cart_total).toBe(120_000);
    const read = await cart.getCart(session);
    expect(read.items.map((l) => l.item_id)).toEqual([balloons]);
    expect(read.cart_total).toBe(120_000);
    expect(invalid).toContainEqual(expect.stringMatching(/^huge_1: .*beyond exact numbers/));
    expect(invalid).toContainEqual(expect.stringMatching(/^huger_2: price "90071992547409919": .*too large/));

    expect((await cart.updateQuantity(session, balloons, 3)).cart.cart_total).toBe(180_000);
    expect((await cart.clearCart(session)).cart.items).toEqual([]);
  });

  it("leaves out a line whose quantity is beyond exact numbers", async () => {
    const session = newSession();
    await raw.sadd(`cart:${session}:items`, "many_1");
    await raw.hset(`cart:${session}:item:many_1`, {
      product_id: "x",
      name: "X",
      price: "0",
      quantity: "99999999999999999999",
    });
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    const read = await cart.getCart(session);
    expect(read.items.map((l) => l.item_id)).toEqual([balloons]);
    expect(read.item_count).toBe(1);
    expect(invalid).toContainEqual(expect.stringMatching(/^many_1: quantity/));
  });

  it("leaves out a line key that holds a string instead of a hash, and says which", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    await raw.sadd(`cart:${session}:items`, "odd_1");
    await raw.set(`cart:${session}:item:odd_1`, "not a line");

    const read = await cart.getCart(session);
    expect(read.items.map((l) => l.item_id)).toEqual([balloons]);
    expect(invalid).toContainEqual("odd_1: its key holds a Redis string, not a hash");
    // Every mutation reads the cart back: all of them still work.
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    expect((await cart.updateQuantity(session, balloons, 5)).cart.item_count).toBe(5);
    expect((await cart.clearCart(session)).cart.items).toEqual([]);
    expect(await raw.exists(`cart:${session}:item:odd_1`)).toBe(0);
  });

  it("quotes a checkout without the line whose key is not a hash", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "42", quantity: 2 });
    await raw.sadd(`cart:${session}:items`, "odd_1");
    await raw.set(`cart:${session}:item:odd_1`, "not a line");
    const quote = await new OrderService({ redis: client, catalog: sample }).quote(session);
    expect(quote.lines.map((l) => l.item_id)).toEqual([balloons]);
  });

  it("answers a checkout quote of a cart whose item set is not a set with cart_unreadable, writing nothing", async () => {
    const session = newSession();
    await raw.hset(`cart:${session}`, "updated_at", "2025-10-16T10:30:00");
    await raw.set(`cart:${session}:items`, "not a set");
    const before = await snapshotKeyspace(raw);
    const error = await appErrorOf(new OrderService({ redis: client, catalog: sample }).quote(session));
    expect(error.code).toBe("cart_unreadable");
    expect(error.message).toMatch(/Nothing was changed/);
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("refuses an add onto a line key of the wrong type and writes nothing", async () => {
    const session = newSession();
    await raw.sadd(`cart:${session}:items`, balloons);
    await raw.rpush(`cart:${session}:item:${balloons}`, "a list");
    const before = await snapshotKeyspace(raw);
    const error = await appErrorOf(cart.addItem(session, { product_id: "42", quantity: 1 }));
    expect(error.code).toBe("cart_unreadable");
    expect(error.message).toMatch(/Nothing was changed.*Clearing the cart/);
    expect(await appErrorOf(cart.updateQuantity(session, balloons, 2))).toMatchObject({
      code: "cart_unreadable",
    });
    expect(await snapshotKeyspace(raw)).toEqual(before);
    // Removing it works: the line is gone whatever it held.
    expect((await cart.removeItem(session, balloons)).cart.items).toEqual([]);
  });
});

describe("cart keys of the wrong Redis type", () => {
  const cases = [
    { what: "the item set is a string", write: (r: Redis, s: string) => r.set(`cart:${s}:items`, "x") },
    { what: "the item set is a hash", write: (r: Redis, s: string) => r.hset(`cart:${s}:items`, "a", "1") },
    { what: "the cart hash is a string", write: (r: Redis, s: string) => r.set(`cart:${s}`, "x") },
    { what: "the cart hash is a set", write: (r: Redis, s: string) => r.sadd(`cart:${s}`, "x") },
  ];

  for (const { what, write } of cases) {
    it(`${what}: every call answers a readable error, writes nothing, and clearing still works`, async () => {
      const session = newSession();
      await write(raw, session);
      const before = await snapshotKeyspace(raw);
      const calls = [
        cart.getCart(session),
        cart.addItem(session, { product_id: "42", quantity: 1 }),
        cart.updateQuantity(session, balloons, 2),
        cart.removeItem(session, balloons),
        cart.attachCustomer(session, { phone_number: "+256701618576" }),
      ];
      for (const call of calls) {
        const error = await appErrorOf(call);
        expect(error.code).toBe("cart_unreadable");
        expect(error.message).toMatch(/cannot be read/);
      }
      expect(await snapshotKeyspace(raw)).toEqual(before);
      expect(wrongTypes.length).toBeGreaterThan(0);

      expect((await cart.clearCart(session)).cart.items).toEqual([]);
      const added = await cart.addItem(session, { product_id: "42", quantity: 2 });
      expect(added.cart.item_count).toBe(2);
      expect((await cart.getCart(session)).item_count).toBe(2);
    });
  }
});
