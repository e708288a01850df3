/**
 * An app process on a shared data folder with no Redis configured, for the test that starts
 * several at once (#14 item 1).
 * Usage: node --import tsx test/kit/embedded-redis-worker.ts <data-dir> <session> <no-redis-url>
 * Prints "ready", waits for "go" on stdin, starts the services (the embedded redis-server or the
 * one another worker started), adds one Balloon Bouquet to <session>, prints
 * {"url", "owned"}; on "read" prints {"count"} (the cart's items as this process sees them); on
 * "exit" closes and exits.
 */
import { createInterface } from "node:readline";
import { createServices } from "../../src-main/app/services.js";
import { loadConfig } from "../../src-main/config/config.js";
import { silentLogger } from "../../src-main/infra/logger.js";
import { waitForReady } from "../../src-main/infra/redis-client.js";

const [dataDir, session, nothingThere] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const next = async () => String((await lines.next()).value ?? "").trim();

process.stdout.write("ready\n");
if ((await next()) !== "go") process.exit(2);
const services = await createServices(loadConfig({ DATA_DIR: dataDir!, ASSISTANT_MODE: "offline" }), {
  log: silentLogger,
  localRedisUrl: nothingThere,
});
await waitForReady(services.redis, 10_000);
await services.cart.addItem(session!, { product_id: "42", quantity: 1 });
process.stdout.write(
  JSON.stringify({ url: services.redisUrl, owned: services.embeddedRedis !== undefined }) + "\n",
);
if ((await next()) === "read") {
  const cart = await services.cart.getCart(session!);
  process.stdout.write(JSON.stringify({ count: cart.item_count }) + "\n");
}
await next();
await services.close();
process.exit(0);
