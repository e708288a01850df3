import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";
import { startRedisServer, type RedisServerHandle } from "../../src-main/infra/redis-server-process.js";
import { OrderService } from "../../src-main/orders/order-service.js";
import { loadSampleCatalog } from "../kit/catalogs.js";
import { waitForReplicas } from "../kit/sentinel.js";

/**
 * REDIS_WAIT_REPLICAS reaches orders as it reaches carts: with no replica to hold it, a placement
 * is not acknowledged (the kiosk hears "unavailable"), and once a replica holds it the retry with
 * the same key returns that very order; a payment the same. Real redis-servers, a primary and,
 * later, its replica.
 */

let dir: string;
let primary: RedisServerHandle;
let replica: RedisServerHandle | undefined;
let client: Redis;
let cart: CartService;
let orders: OrderService;
const replication = { waitReplicas: 1, waitTimeoutMs: 100 };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-order-replication-"));
  primary = await startRedisServer({ dir: path.join(dir, "primary") });
  client = createRedisClient(primary.url);
  await waitForReady(client, 5_000);
  const catalog = await loadSampleCatalog();
  // The cart is filled without waiting for replicas: only the orders are under test here.
  cart = new CartService({ redis: client, catalog });
  orders = new OrderService({ redis: client, catalog, replication });
});
afterAll(async () => {
  client?.disconnect();
  await replica?.stop();
  await primary?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("orders wait for the replicas REDIS_WAIT_REPLICAS asks for", { timeout: 30_000 }, () => {
  it("no replica: not acknowledged; with one: the retry returns the same order, and payment waits too", async () => {
    const session = `session-${randomUUID()}`;
    await cart.addItem(session, { product_id: "42", quantity: 2 });
    const { fingerprint } = await orders.quote(session);
    const attempt = { fingerprint, idempotency_key: randomUUID() };

    expect((await refusal(orders.place(session, attempt))).code).toBe("cart_unavailable");
    // The order holds on the primary: the retry must return it, never make a second one.
    const held = await client.get(`order:idem:${session}:${attempt.idempotency_key}`);
    expect(held).toMatch(/^[0-9a-f-]{36}$/);

    replica = await startRedisServer({
      dir: path.join(dir, "replica"),
      extraArgs: ["--replicaof", "127.0.0.1", String(primary.port)],
    });
    await waitForReplicas(primary.port, 1);
    const placed = await orders.place(session, attempt);
    expect(placed).toMatchObject({ created: false, order: { order_id: held } });

    const paid = await orders.pay(
      placed.order.number,
      { method: "cash", tendered: 200_000 },
      { staff: "Sarah" },
    );
    expect(paid.status).toBe("paid");
    await replica.stop();
    replica = undefined;
    const collect = refusal(orders.collect(placed.order.number, { staff: "Sarah" }));
    expect((await collect).code).toBe("cart_unavailable");
  });
});
