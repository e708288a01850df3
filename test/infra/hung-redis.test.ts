import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import type { EventPayload } from "../../src-shared/contract.js";
import { createCartStore } from "../../src-renderer/stores/cart-store.js";
import { createWebSocketKioskApi, type SocketLike } from "../../src-renderer/transport/ws-api.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { sleep, startShell, type Shell } from "../kit/shell-harness.js";

/**
 * A Redis that hangs (SIGSTOP: the socket stays open, nothing answers) while a customer taps.
 * The taps time out and are reported as unavailable, yet stay queued on the open connection and
 * run when Redis wakes up. The customer then taps again: the screen's store, the WebSocket, the
 * server and the cart scripts together must still give them one of each, and the screen must have
 * been told that the shop's system is down while it hung.
 */

let redis: TestRedis;
let shell: Shell;

beforeAll(async () => {
  redis = await startTestRedis();
  shell = await startShell({ redis });
});
afterAll(async () => {
  redis?.process.kill("SIGCONT");
  await shell?.close();
  await redis?.stop();
});

function screenFor() {
  const api = createWebSocketKioskApi({
    url: shell.wsUrl,
    createSocket: (u) => new WebSocket(u, { origin: shell.origin }) as unknown as SocketLike,
    baseDelayMs: 50,
    maxDelayMs: 200,
  });
  const statuses: Array<EventPayload<"connection-status">> = [];
  api.on("connection-status", (s) => statuses.push(s));
  const waitForStatus = async (redisState: "up" | "down", from: number, timeoutMs: number) => {
    const started = performance.now();
    while (!statuses.slice(from).some((s) => s.redis === redisState)) {
      if (performance.now() - started > timeoutMs)
        throw new Error(`no "${redisState}" within ${timeoutMs} ms`);
      await sleep(20);
    }
    return performance.now() - started;
  };
  return { api, statuses, waitForStatus };
}

/** Pauses Redis for the duration of `during`, resuming it whatever happens. */
async function whileRedisHangs<T>(during: () => Promise<T>): Promise<T> {
  redis.process.kill("SIGSTOP");
  try {
    return await during();
  } finally {
    redis.process.kill("SIGCONT");
  }
}

describe("Redis hangs (SIGSTOP) while a customer taps", () => {
  it("a customer who taps again after 'unavailable' gets one of each", async () => {
    const { api, waitForStatus } = screenFor();
    const { session_id } = await api.request("session-start", {});
    await waitForStatus("up", 0, 5_000);
    const store = createCartStore({ api, sessionId: () => session_id });
    expect(await store.getState().add({ product_id: "45", quantity: 2 })).toBeDefined();
    const bouquets = store.getState().items[0]!;

    await whileRedisHangs(async () => {
      // Each tap waits for the command timeout, then says the cart service is unavailable.
      const [added, removed] = await Promise.all([
        store.getState().add({ product_id: "42", quantity: 1 }),
        store.getState().remove(bouquets.item_id),
      ]);
      expect(added).toBeUndefined();
      expect(removed).toBe(false);
      expect(store.getState().error).toMatch(/unavailable/i);
    });
    // Redis answers again (the queued commands ran first: one connection, in order).
    await vi.waitFor(() => api.request("cart-get", {}), { timeout: 10_000, interval: 100 });

    // The queued commands ran when Redis woke up. The customer taps the same things again.
    await sleep(600); // past the double-tap window
    const again = await store.getState().add({ product_id: "42", quantity: 1 });
    expect(again?.items.map((l) => [l.product_id, l.quantity])).toEqual([["42", 1]]);
    // The removal ran too: tapping Remove again is not "That item is not in your cart".
    expect(await store.getState().remove(bouquets.item_id)).toBe(true);

    const raw = redis.client();
    const lines = await raw.smembers(`cart:${session_id}:items`);
    expect(lines).toHaveLength(1);
    expect(await raw.hget(`cart:${session_id}:item:${lines[0]}`, "quantity")).toBe("1");

    // A new tap after that success is a new action: it adds a second one.
    await sleep(600);
    const second = await store.getState().add({ product_id: "42", quantity: 1 });
    expect(second?.items.map((l) => [l.product_id, l.quantity])).toEqual([["42", 2]]);
    api.dispose();
  });

  it("tells the screen the shop's system is down within a few seconds, though no socket closed, and up again after", async () => {
    const { api, statuses, waitForStatus } = screenFor();
    await api.request("session-start", {});
    await waitForStatus("up", 0, 5_000);
    const mark = statuses.length;
    const detectedAfterMs = await whileRedisHangs(() => waitForStatus("down", mark, 6_000));
    console.info(`hung redis: connection-status "down" ${Math.round(detectedAfterMs)} ms after SIGSTOP`);
    const back = statuses.length;
    const recoveredAfterMs = await waitForStatus("up", back, 6_000);
    console.info(`hung redis: connection-status "up" ${Math.round(recoveredAfterMs)} ms after SIGCONT`);
    api.dispose();
  });
});
