/**
 * A separate process placing one cart's order many times at once, for the race tests.
 * Usage: node --import tsx test/orders/place-worker.ts <redis-url> <session> <attempts> <key|"random">
 * Quotes the cart, prints "ready", starts on a line "go" on stdin (so two workers start together),
 * then prints a JSON summary {ids, created, refused} and exits.
 */
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { OrderService } from "../../src-main/orders/order-service.js";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";

const [url, session, attemptsText, keyArg] = process.argv.slice(2);
const attempts = Number(attemptsText);
const redis = createRedisClient(url!);
await waitForReady(redis, 5_000);
const orders = new OrderService({ redis, catalog: await Catalog.load(defaultCatalogPath) });
const { fingerprint } = await orders.quote(session!);

process.stdout.write("ready\n");
process.stdin.setEncoding("utf8");
let input = "";
while (!input.includes("go")) input += (await once(process.stdin, "data"))[0];

const results = await Promise.allSettled(
  Array.from({ length: attempts }, () =>
    orders.place(session!, {
      fingerprint,
      idempotency_key: keyArg === "random" ? randomUUID() : keyArg!,
    }),
  ),
);
const ids = [...new Set(results.flatMap((r) => (r.status === "fulfilled" ? [r.value.order.order_id] : [])))];
const created = results.filter((r) => r.status === "fulfilled" && r.value.created).length;
const refused = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : [])).slice(0, 3);
process.stdout.write(JSON.stringify({ ids, created, refused }) + "\n");
redis.disconnect();
process.exit(0);
