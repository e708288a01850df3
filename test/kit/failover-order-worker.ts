/**
 * A kiosk process placing orders through a Sentinel deployment, for the failover tests: each round
 * is one customer (a new session) adding a balloon bouquet, opening checkout (the quote) and tapping
 * "Place order" with one idempotency key. Usage: node --import tsx test/kit/failover-order-worker.ts <tag>;
 * the Redis settings come from the environment, read by the app's own loadConfig.
 *
 * Prints "ready" once connected and starts on "go". A step answered cart_unavailable is retried as
 * the kiosk screen does (the add with its operation id, the placement with its key), every 100 ms
 * for up to 15 s. Each settled round prints one JSON line {session, key, ok, at_ms, order_id?,
 * number?, created?, error?}. "stop" on stdin (or 300 rounds) ends the loop.
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { AppError } from "../../src-shared/errors.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { defaultCatalogPath, loadConfig } from "../../src-main/config/config.js";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";
import { OrderService } from "../../src-main/orders/order-service.js";

const [tag] = process.argv.slice(2) as [string];
const config = loadConfig(process.env);
const redis = createRedisClient(config.sentinel ?? config.redisUrl!);
await waitForReady(redis, 10_000);
const catalog = await Catalog.load(defaultCatalogPath);
const cart = new CartService({ redis, catalog, replication: config.replication });
const orders = new OrderService({ redis, catalog, replication: config.replication });

let stopping = false;
process.stdin.setEncoding("utf8");
let input = "";
process.stdout.write("ready\n");
while (!input.includes("go")) input += (await once(process.stdin, "data"))[0];
process.stdin.on("data", (chunk: string) => {
  if (chunk.includes("stop")) stopping = true;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `step` until it is not answered cart_unavailable, for up to 15 s; the last error if never. */
async function retried<T>(step: () => Promise<T>): Promise<T> {
  const deadline = performance.now() + 15_000;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof AppError && error.code === "cart_unavailable") || performance.now() > deadline)
        throw error;
      await sleep(100);
    }
  }
}

for (let i = 0; i < 300 && !stopping; i++) {
  const session = `session-${randomUUID()}`;
  const key = `${tag}-order-${i}`;
  const operationId = `${tag}-add-${String(i).padStart(4, "0")}`.padEnd(16, "x");
  let line: Record<string, unknown>;
  try {
    await retried(() => cart.addItem(session, { product_id: "42", quantity: 1 }, { operationId }));
    const { fingerprint } = await retried(() => orders.quote(session));
    const placed = await retried(() => orders.place(session, { fingerprint, idempotency_key: key }));
    line = {
      ok: true,
      order_id: placed.order.order_id,
      number: placed.order.number,
      created: placed.created,
    };
  } catch (error) {
    line = { ok: false, error: `${String(error)} (client ${redis.status})` };
  }
  const at_ms = performance.timeOrigin + performance.now();
  process.stdout.write(JSON.stringify({ session, key, at_ms, ...line }) + "\n");
  await sleep(20);
}
redis.disconnect();
process.exit(0);
