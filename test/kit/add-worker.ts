/**
 * A separate process that adds the same cart line many times at once, for the concurrency test.
 * Usage: node --import tsx test/kit/add-worker.ts <redis-url> <session> <adds> <ours|web-channel>
 * Prints "ready" once connected, starts on a line "go" on stdin (so two workers start together),
 * then prints a JSON summary and exits.
 */
import { once } from "node:events";
import { WebChannelCart } from "./web-channel-cart.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { itemIdFor } from "../../src-main/cart/item-id.js";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";

const [url, session, addsText, mode] = process.argv.slice(2);
const adds = Number(addsText);
const redis = createRedisClient(url!);
await waitForReady(redis, 5_000);
const catalog = await Catalog.load(defaultCatalogPath);
const cart = new CartService({ redis, catalog, maxQuantityPerLine: 10_000 });
const webChannel = new WebChannelCart(redis);
const product = catalog.productOrThrow("42");

const addOnce: () => Promise<unknown> =
  mode === "web-channel"
    ? () =>
        webChannel.addItem(
          session!,
          itemIdFor("42", {}),
          {
            product_id: product.id,
            name: product.name,
            price: "60000",
            configuration: "{}",
            image_url: product.image_url,
            category_id: product.category,
          },
          1,
        )
    : () => cart.addItem(session!, { product_id: "42", quantity: 1 });

process.stdout.write("ready\n");
process.stdin.setEncoding("utf8");
let input = "";
while (!input.includes("go")) input += (await once(process.stdin, "data"))[0];

const results = await Promise.allSettled(Array.from({ length: adds }, addOnce));
const failed = results.filter((r) => r.status === "rejected");
process.stdout.write(
  JSON.stringify({ ok: adds - failed.length, failed: failed.map((f) => String(f.reason)).slice(0, 3) }) +
    "\n",
);
redis.disconnect();
process.exit(0);
