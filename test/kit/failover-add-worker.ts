/**
 * A kiosk process adding to one cart through a Sentinel deployment, for the failover tests.
 * Usage: node --import tsx test/kit/failover-add-worker.ts <session> <tag>; the Redis settings
 * come from the environment (REDIS_SENTINELS, ...), read by the app's own loadConfig.
 *
 * Prints "ready" once connected and starts on "go". Each add is one customer action with its own
 * operation id; an add answered cart_unavailable is retried with the same id (as the kiosk screen
 * does), every 100 ms for up to 15 s. Each settled add prints one JSON line
 * {op, ok, at_ms (monotonic), attempts, replayed}. "stop" on stdin (or 1,000 adds) ends the loop.
 */
import { once } from "node:events";
import { AppError } from "../../src-shared/errors.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { defaultCatalogPath, loadConfig } from "../../src-main/config/config.js";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";

const [session, tag] = process.argv.slice(2) as [string, string];
const config = loadConfig(process.env);
const redis = createRedisClient(config.sentinel ?? config.redisUrl!);
await waitForReady(redis, 10_000);
const catalog = await Catalog.load(defaultCatalogPath);
const cart = new CartService({ redis, catalog, maxQuantityPerLine: 10_000, replication: config.replication });

let stopping = false;
process.stdin.setEncoding("utf8");
let input = "";
process.stdout.write("ready\n");
while (!input.includes("go")) input += (await once(process.stdin, "data"))[0];
process.stdin.on("data", (chunk: string) => {
  if (chunk.includes("stop")) stopping = true;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
for (let i = 0; i < 1_000 && !stopping; i++) {
  const operationId = `${tag}-${String(i).padStart(4, "0")}-`.padEnd(16, "x");
  const deadline = performance.now() + 15_000;
  let attempts = 0;
  let outcome: { ok: boolean; replayed?: boolean; error?: string } = { ok: false };
  while (performance.now() < deadline) {
    attempts++;
    try {
      const result = await cart.addItem(session, { product_id: "42", quantity: 1 }, { operationId });
      outcome = { ok: true, replayed: result.replayed };
      break;
    } catch (error) {
      if (!(error instanceof AppError && error.code === "cart_unavailable")) throw error;
      // The client's state says why it failed (a timeout, no primary yet, a client that gave up).
      outcome = { ok: false, error: `${error.message} (client ${redis.status})` };
      await sleep(100);
    }
  }
  const at_ms = performance.timeOrigin + performance.now();
  process.stdout.write(JSON.stringify({ op: operationId, at_ms, attempts, ...outcome }) + "\n");
  await sleep(10);
}
redis.disconnect();
process.exit(0);
