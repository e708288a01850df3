import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CartService } from "../../src-main/cart/cart-service.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import { OrderQueueFollower, type QueueEvent } from "../../src-main/counter/order-queue-follower.js";
import { CounterConnection } from "../../src-main/counter/counter-connection.js";
import { createRedisClient } from "../../src-main/infra/redis-client.js";
import { silentLogger } from "../../src-main/infra/logger.js";
import {
  freePort,
  startRedisServer,
  type RedisServerHandle,
} from "../../src-main/infra/redis-server-process.js";
import { OrderService } from "../../src-main/orders/order-service.js";
import { ConnectionRegistry } from "../../src-main/sync/connection-registry.js";
import { loadSampleCatalog } from "../kit/catalogs.js";

/**
 * The counter's stream reader against a real redis-server that goes away and comes back (with
 * its append-only file, as a shop's Redis runs): every order placed before, during and after
 * the outage reaches the counter once, in order.
 */

let dir: string;
let port: number;
let server: RedisServerHandle;
let client: Redis;
let catalog: Catalog;

const start = () => startRedisServer({ dir, port, appendOnly: true });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "counter-queue-"));
  port = await freePort();
  server = await start();
  client = createRedisClient(server.url);
  catalog = await loadSampleCatalog();
});
afterAll(async () => {
  client?.disconnect();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the order queue follower", () => {
  it("misses nothing and doubles nothing across a Redis restart", { timeout: 60_000 }, async () => {
    const cart = new CartService({ redis: client, catalog, readyTimeoutMs: 5_000 });
    const orders = new OrderService({ redis: client, catalog, readyTimeoutMs: 5_000 });
    const seen: QueueEvent[] = [];
    const follower = new OrderQueueFollower({
      redis: client,
      orders,
      onEvent: (e) => seen.push(e),
      log: silentLogger,
      blockMs: 500,
    });
    const place = async () => {
      const session = `session-${randomUUID()}`;
      await cart.addItem(session, { product_id: "42", quantity: 1 });
      const quote = await orders.quote(session);
      return (await orders.place(session, { fingerprint: quote.fingerprint, idempotency_key: randomUUID() }))
        .order;
    };
    const before = await place(); // before the follower starts: not an event for it
    await follower.start();
    const placed = [await place(), await place()];
    await until(() => seen.length === 2);

    await server.stop();
    // While Redis is down, a writer elsewhere cannot write either; once it is back, three more
    // orders arrive before the follower has reconnected (another process, a raw client).
    server = await start();
    const other = createRedisClient(server.url);
    const otherCart = new CartService({ redis: other, catalog });
    const otherOrders = new OrderService({ redis: other, catalog });
    for (let i = 0; i < 3; i++) {
      const session = `session-${randomUUID()}`;
      await otherCart.addItem(session, { product_id: "42", quantity: 1 });
      const quote = await otherOrders.quote(session);
      placed.push(
        (await otherOrders.place(session, { fingerprint: quote.fingerprint, idempotency_key: randomUUID() }))
          .order,
      );
    }
    placed.push(await place());
    await until(() => seen.length >= placed.length);
    await new Promise((resolve) => setTimeout(resolve, 700)); // one more block: nothing else comes
    expect(seen.map((e) => e.order.number)).toEqual(placed.map((o) => o.number));
    expect(seen.map((e) => e.order.number)).not.toContain(before.number);
    expect(new Set(seen.map((e) => e.event_id)).size).toBe(seen.length);
    expect([...seen.map((e) => e.event_id)].sort()).toEqual(seen.map((e) => e.event_id));
    await follower.close();
    other.disconnect();
  });
});

describe("the idle sign-out", () => {
  it("signs a counter screen out after the idle time without a request, and a request starts it again", async () => {
    const idle: CounterConnection[] = [];
    const connection = new CounterConnection(
      new ConnectionRegistry(),
      () => {},
      "Till 1",
      200,
      (c) => {
        idle.push(c);
        c.signOut();
      },
    );
    connection.signIn({ id: "amina", name: "Amina", role: "cashier", terminal: "Till 1", signed_in_at: "" });
    await new Promise((resolve) => setTimeout(resolve, 120));
    connection.touch();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(idle).toHaveLength(0);
    expect(connection.staff?.name).toBe("Amina");
    await until(() => idle.length === 1, 2_000);
    expect(connection.staff).toBeNull();
    connection.close();
  });
});
