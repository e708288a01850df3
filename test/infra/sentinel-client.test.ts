import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";
import { startSentinelRig, waitUntil, type SentinelRig } from "../kit/sentinel.js";

/**
 * The app's Sentinel client against a fault of the sentinels themselves, with real processes: a
 * sentinel that is paused (SIGSTOP: it accepts connections and never answers). The client ended
 * by ioredis during a failover (restart-ended-client.ts) is shown by sentinel-failover.test.ts,
 * which failed on it about one run in two on a loaded machine.
 */

let rig: SentinelRig;
const clients: Redis[] = [];

beforeAll(async () => {
  rig = await startSentinelRig({ replicas: 1 });
}, 60_000);
afterEach(() => {
  for (const port of rig.sentinelPorts) rig.sentinel(port).kill("SIGCONT");
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(async () => {
  await rig?.stop();
});

async function connectedClient(overrides: Record<string, unknown> = {}): Promise<Redis> {
  const client = createRedisClient(rig.target(), { overrides });
  clients.push(client);
  await waitForReady(client, 10_000);
  await client.set("probe", "before");
  // Let the failover detector subscribe on the sentinels (it does so after the connection is up).
  await new Promise((resolve) => setTimeout(resolve, 500));
  return client;
}

/** Drops every client connection of the primary, as a network blip would: the client reconnects. */
async function dropClientConnections(): Promise<void> {
  const admin = new Redis({ port: await rig.primaryPort(), host: "127.0.0.1", maxRetriesPerRequest: 1 });
  try {
    await admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
  } finally {
    admin.disconnect();
  }
}

/** Writes through `client` until one succeeds; resolves with how long that took (ms). */
async function writesAgain(client: Redis, timeoutMs: number): Promise<number> {
  const started = performance.now();
  await waitUntil(
    async () => (await client.set("probe", "after").catch(() => null)) === "OK",
    timeoutMs,
    "a write through the app's client",
    () => `client status ${client.status}\n${rig.logTail(10)}`,
  );
  return performance.now() - started;
}

describe("the app's Sentinel client", { timeout: 60_000 }, () => {
  it("finds its primary past a paused sentinel instead of waiting for it to resume", async () => {
    const client = await connectedClient();
    // The first sentinel of the list is the one the client asks first.
    rig.sentinel(rig.sentinelPorts[0]!).kill("SIGSTOP");
    await dropClientConnections();
    const ms = await writesAgain(client, 8_000);
    console.log(
      `sentinel client: writing again ${Math.round(ms)} ms after a reconnect past a paused sentinel`,
    );
    expect(await client.get("probe")).toBe("after");
  });
});
