import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import { loadSampleCatalog } from "../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import {
  asCartUnavailable,
  createRedisClient,
  isRedisDownError,
  waitForReady,
} from "../../src-main/infra/redis-client.js";
import { startRedisServer, type RedisServerHandle } from "../../src-main/infra/redis-server-process.js";

let redis: TestRedis;
let restarted: RedisServerHandle | undefined;
let client: Redis;
const errorEvents: Error[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  client = createRedisClient(redis.url, { onError: (e) => errorEvents.push(e) });
  await waitForReady(client, 5_000);
});

afterAll(async () => {
  client.disconnect();
  await restarted?.stop();
  await redis.stop();
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("the Redis client", () => {
  it("uses the database named in the URL", async () => {
    await client.set("probe", "1");
    const database0 = createRedisClient(redis.url.replace(/\/1$/, "/0"));
    try {
      await waitForReady(database0, 5_000);
      expect(await database0.get("probe")).toBeNull();
      await database0.select(1);
      expect(await database0.get("probe")).toBe("1");
    } finally {
      database0.disconnect();
    }
  });

  it("tells connectivity failures from refused commands", async () => {
    await client.set("a-string", "x");
    const wrongType = await failure(client.hgetall("a-string"));
    expect(isRedisDownError(wrongType)).toBe(false);
    expect(asCartUnavailable(wrongType)).toBe(wrongType);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(isRedisDownError(refused)).toBe(true);
    expect(asCartUnavailable(refused)).toMatchObject({ code: "cart_unavailable" });
    expect(
      isRedisDownError(new Error("Stream isn't writeable and enableOfflineQueue options is false")),
    ).toBe(true);
    expect(isRedisDownError("nope")).toBe(false);
  });

  it("answers cart_unavailable without hanging while Redis is down, and works again once it is back", async () => {
    const catalog = await loadSampleCatalog();
    const cart = new CartService({ redis: client, catalog });
    const session = `session-${randomUUID()}`;
    await cart.addItem(session, { product_id: "42", quantity: 1 });

    const port = redis.port;
    redis.process.kill("SIGKILL");
    await new Promise((resolve) => redis.process.once("exit", resolve));

    for (const call of [
      () => cart.getCart(session),
      () => cart.addItem(session, { product_id: "42", quantity: 1 }),
      () => cart.clearCart(session),
    ]) {
      const started = Date.now();
      const error = await failure(call());
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: "cart_unavailable",
        message: expect.stringMatching(/unavailable/),
      });
      // Not a speed measurement: the guarantee that a kiosk never hangs on a dead Redis.
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    // Failed reconnect attempts reach the listener, never an unhandled 'error' event.
    await expect.poll(() => errorEvents.length).toBeGreaterThan(0);

    const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-test-redis-restart-"));
    try {
      restarted = await startRedisServer({ port, dir });
      const deadline = Date.now() + 10_000;
      let result = await failure(cart.getCart(session));
      while (result !== undefined && Date.now() < deadline) {
        expect(result).toMatchObject({ code: "cart_unavailable" });
        await new Promise((resolve) => setTimeout(resolve, 200));
        result = await failure(cart.getCart(session));
      }
      // The new server starts empty: the client reconnected by itself and the cart service works.
      expect(result).toBeUndefined();
      const { cart: after } = await cart.addItem(session, { product_id: "42", quantity: 2 });
      expect(after.item_count).toBe(2);
    } finally {
      await restarted?.stop();
      restarted = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers cart_unavailable when Redis is up but stops answering, then recovers", async () => {
    const frozen = await startTestRedis();
    const frozenClient = createRedisClient(frozen.url);
    try {
      const cart = new CartService({ redis: frozenClient, catalog: await loadSampleCatalog() });
      const session = `session-${randomUUID()}`;
      await cart.addItem(session, { product_id: "42", quantity: 1 });
      frozen.process.kill("SIGSTOP");
      try {
        // The command timeout (2 s) bounds the wait: the socket stays open, no reply ever comes.
        await expect(cart.getCart(session)).rejects.toMatchObject({ code: "cart_unavailable" });
      } finally {
        frozen.process.kill("SIGCONT");
      }
      await expect
        .poll(() =>
          cart.getCart(session).then(
            (c) => c.item_count,
            () => -1,
          ),
        )
        .toBe(1);
    } finally {
      frozenClient.disconnect();
      await frozen.stop();
    }
  });

  it("gives up waiting for a client that was closed", async () => {
    const closed = createRedisClient(redis.url);
    closed.disconnect();
    await expect(waitForReady(closed, 1_000)).rejects.toMatchObject({ code: "cart_unavailable" });
  });
});
