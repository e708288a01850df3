import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restartWhenEndedUnasked } from "../../src-main/infra/restart-ended-client.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { waitUntil } from "../kit/sentinel.js";

/**
 * The guard that brings back a client ioredis ended by itself (a race in its Sentinel failover
 * detector, see restart-ended-client.ts). Here a plain client whose retry strategy gives up plays
 * the part of the client ioredis ended: the guard does not depend on why it ended.
 */

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.stop();
});

function givingUpClient(): Redis {
  const client = new Redis(redis.url, { retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on("error", () => {});
  return restartWhenEndedUnasked(client);
}

async function dropConnections(): Promise<void> {
  const admin = redis.client();
  await admin.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
  admin.disconnect();
}

describe("a client that ended without the app closing it", () => {
  it("is connected again, and so is its duplicate", async () => {
    const client = givingUpClient();
    const copy = client.duplicate();
    await Promise.all([client.ping(), copy.ping()]);
    const ended: string[] = [];
    client.on("end", () => ended.push("client"));
    copy.on("end", () => ended.push("copy"));
    await dropConnections();
    await waitUntil(async () => ended.length === 2, 5_000, "both to end");
    await waitUntil(
      async () => client.status === "ready" && copy.status === "ready",
      5_000,
      "both ready again",
    );
    expect(ended.sort()).toEqual(["client", "copy"]);
    expect(await client.ping()).toBe("PONG");
    client.disconnect();
    copy.disconnect();
  });

  it("stays closed after quit() or disconnect()", async () => {
    const quitting = givingUpClient();
    const disconnecting = givingUpClient();
    await Promise.all([quitting.ping(), disconnecting.ping()]);
    await quitting.quit();
    disconnecting.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect([quitting.status, disconnecting.status]).toEqual(["end", "end"]);
  });
});
