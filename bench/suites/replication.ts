/**
 * `npm run bench replication`: what it costs a kiosk to have a cart change held by a replica before
 * it is acknowledged, the options a shop on Sentinel has against losing a change acknowledged just
 * before a failover (replication is asynchronous). A primary and one replica (real redis-servers),
 * the cart service adding a line, one call at a time (p50/p99 in µs):
 *
 *   async                 REDIS_WAIT_REPLICAS=0, the default: acknowledged when the primary has it.
 *   min-replicas-to-write the primary refuses writes when it has no replica (min-replicas-to-write 1,
 *                         deploy/sentinel/redis.conf): a check, no wait; bounds the loss to ~10 s of
 *                         a partitioned primary, not to zero.
 *   wait-1                REDIS_WAIT_REPLICAS=1: the app sends WAIT 1 after each change; acknowledged
 *                         once the replica holds it (a second round trip, plus the replica's lag).
 *   wait-1@replica-lan    the same with the replica behind a 0.5 ms link (test/kit/latency-proxy.ts):
 *                         Redis machines on the shop's network.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CartService } from "../../src-main/cart/cart-service.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";
import { startRedisServer, type RedisServerHandle } from "../../src-main/infra/redis-server-process.js";
import { startLatencyProxy, type LatencyProxy } from "../../test/kit/latency-proxy.js";
import { waitForReplicas } from "../../test/kit/sentinel.js";
import { percentile, timeSerial, type SuiteResult } from "../stats.js";

const samples = 2_000;
const warmup = 200;

interface Row {
  name: string;
  minReplicas: number;
  waitReplicas: number;
  replicaDelayUs: number;
}

const rows: Row[] = [
  { name: "add: async", minReplicas: 0, waitReplicas: 0, replicaDelayUs: 0 },
  { name: "add: min-replicas-to-write 1", minReplicas: 1, waitReplicas: 0, replicaDelayUs: 0 },
  { name: "add: wait-1", minReplicas: 0, waitReplicas: 1, replicaDelayUs: 0 },
  { name: "add: wait-1@replica-lan-0.5ms", minReplicas: 0, waitReplicas: 1, replicaDelayUs: 250 },
];

export async function run(): Promise<SuiteResult> {
  const catalog = await Catalog.load(defaultCatalogPath);
  const results: SuiteResult["results"] = [];
  for (const row of rows) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-bench-replication-"));
    const servers: RedisServerHandle[] = [];
    let proxy: LatencyProxy | undefined;
    try {
      const primary = await startRedisServer({
        dir: path.join(dir, "primary"),
        extraArgs: ["--min-replicas-to-write", String(row.minReplicas), "--min-replicas-max-lag", "10"],
      });
      servers.push(primary);
      let upstream = primary.port;
      if (row.replicaDelayUs > 0) {
        proxy = await startLatencyProxy({ targetPort: primary.port, oneWayDelayUs: row.replicaDelayUs });
        upstream = proxy.port;
      }
      servers.push(
        await startRedisServer({
          dir: path.join(dir, "replica"),
          extraArgs: ["--replicaof", "127.0.0.1", String(upstream)],
        }),
      );
      await waitForReplicas(primary.port, 1);
      const client = createRedisClient(primary.url);
      try {
        await waitForReady(client, 5_000);
        const cart = new CartService({
          redis: client,
          catalog,
          maxQuantityPerLine: 1_000_000,
          replication: { waitReplicas: row.waitReplicas, waitTimeoutMs: 1_000 },
        });
        const session = `session-${randomUUID()}`;
        const add = () => cart.addItem(session, { product_id: "42", quantity: 1 });
        await timeSerial(warmup, add);
        const us = await timeSerial(samples, add);
        results.push({
          name: row.name,
          samples,
          p50_us: percentile(us, 50),
          p99_us: percentile(us, 99),
          lost_on_failover:
            row.waitReplicas > 0
              ? "none acknowledged (each is on a replica first)"
              : row.minReplicas > 0
                ? "up to min-replicas-max-lag (10 s) of a primary cut off from its replicas"
                : "whatever the replica had not received yet (usually < 1 ms of changes)",
        });
      } finally {
        client.disconnect();
      }
    } finally {
      await proxy?.close();
      for (const server of servers.reverse()) await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    suite: "replication",
    results,
    workload: {
      catalog: "sample (UGX)",
      operation: "CartService.addItem of one line, quantity merged",
      samples,
    },
  };
}
