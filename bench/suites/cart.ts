/**
 * `npm run bench cart`: the cart service against the web channel's documented algorithm (the seed's
 * step list, bench/baseline/web-channel-cart.ts), same workload, same private redis-server, same
 * run. Latency is measured one call at a time (p50/p99 in µs); throughput with 16 calls in flight.
 * Ours and the baseline run in alternating blocks so that noise from a busy machine hits both alike.
 *
 * Workloads: add (a new line into a cart of 0-19 lines), add+get-cart (the same, and the caller
 * has the cart afterwards: ours returns it, the baseline reads it as the seed's step 8 does),
 * add-merge (into an existing line of a 20-line cart), get (a 20-line cart), update (a quantity in
 * a 20-line cart), remove (a line of a 20-line cart). Every mutation of ours also refreshes the TTL
 * of every key of the cart and returns the whole cart; the baseline does neither. `round_trips` counts the commands one call sends, as the server's MONITOR sees them.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { CartService } from "../../src-main/cart/cart-service.js";
import { itemIdFor } from "../../src-main/cart/item-id.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { createRedisClient, waitForReady } from "../../src-main/redis/redis-client.js";
import { startRedisServer } from "../../src-main/redis/redis-server-process.js";
import { minorToDecimal } from "../../src-shared/money.js";
import { WebChannelCart, type WebChannelLine } from "../baseline/web-channel-cart.js";
import { percentile, round, timeSerial, type SuiteResult } from "../stats.js";

const linesPerCart = 20;
const blocks = 6;
const blockSize = 500;
const warmup = 300;
const concurrency = 16;
const throughputOps = 3_000;

interface Choice {
  productId: string;
  options: Record<string, string>;
  itemId: string;
  line: WebChannelLine;
}

/** One operation of a workload, on prepared carts; `i` picks the cart and line. */
type Op = (i: number) => Promise<unknown>;

interface Workload {
  name: string;
  /** Prepares carts for `count` operations and returns the operation for ours and the baseline. */
  prepare(count: number): Promise<{ ours: Op; baseline: Op }>;
}

export async function run(): Promise<SuiteResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-bench-cart-"));
  const server = await startRedisServer({ dir });
  const client = createRedisClient(server.url);
  // The web channel's redis-py client: plain defaults, one command per call.
  const baselineClient = new Redis(server.url);
  try {
    await waitForReady(client, 5_000);
    const catalog = await Catalog.load(defaultCatalogPath);
    const cart = new CartService({ redis: client, catalog, maxQuantityPerLine: 1_000_000 });
    const web = new WebChannelCart(baselineClient);
    const choices = pickChoices(catalog);

    const newSessions = (n: number) => Array.from({ length: n }, () => `session-${randomUUID()}`);
    const fill = async (sessions: string[]) => {
      for (const session of sessions) {
        for (const c of choices)
          await cart.addItem(session, { product_id: c.productId, quantity: 1, options: c.options });
      }
    };
    const addOurs = (session: string, c: Choice) =>
      cart.addItem(session, { product_id: c.productId, quantity: 1, options: c.options });
    // The baseline gets the same facts from the same catalog: the web channel reads them from its database.
    const addBaseline = (session: string, c: Choice) => {
      const resolved = catalog.resolveChoice(c.productId, c.options);
      return web.addItem(session, itemIdFor(resolved.product.id, resolved.configuration), c.line, 1);
    };

    const workloads: Workload[] = [
      {
        name: "add",
        async prepare(count) {
          const carts = Math.ceil(count / linesPerCart) + 1;
          const [ours, baseline] = [newSessions(carts), newSessions(carts)];
          const pick = (sessions: string[], i: number) =>
            [sessions[Math.floor(i / linesPerCart)]!, choices[i % linesPerCart]!] as const;
          return {
            ours: (i) => addOurs(...pick(ours, i)),
            baseline: (i) => addBaseline(...pick(baseline, i)),
          };
        },
      },
      {
        // What a caller of add needs in the end: the seed's chat view fetches the cart after every
        // add (STEP 8), and the kiosk shows it. Our add already returns it.
        name: "add+get-cart",
        async prepare(count) {
          const carts = Math.ceil(count / linesPerCart) + 1;
          const [ours, baseline] = [newSessions(carts), newSessions(carts)];
          const pick = (sessions: string[], i: number) =>
            [sessions[Math.floor(i / linesPerCart)]!, choices[i % linesPerCart]!] as const;
          return {
            ours: (i) => addOurs(...pick(ours, i)),
            baseline: async (i) => {
              const [session, choice] = pick(baseline, i);
              await addBaseline(session, choice);
              return web.getCart(session);
            },
          };
        },
      },
      {
        name: "add-merge",
        async prepare() {
          const [ours, baseline] = newSessions(2);
          await fill([ours!, baseline!]);
          return {
            ours: (i) => addOurs(ours!, choices[i % linesPerCart]!),
            baseline: (i) => addBaseline(baseline!, choices[i % linesPerCart]!),
          };
        },
      },
      {
        name: "get-20-lines",
        async prepare() {
          const [ours, baseline] = newSessions(2);
          await fill([ours!, baseline!]);
          return { ours: () => cart.getCart(ours!), baseline: () => web.getCart(baseline!) };
        },
      },
      {
        name: "update",
        async prepare() {
          const [ours, baseline] = newSessions(2);
          await fill([ours!, baseline!]);
          return {
            ours: (i) => cart.updateQuantity(ours!, choices[i % linesPerCart]!.itemId, 1 + (i % 9)),
            baseline: (i) => web.updateQuantity(baseline!, choices[i % linesPerCart]!.itemId, 1 + (i % 9)),
          };
        },
      },
      {
        name: "remove",
        async prepare(count) {
          const ours = newSessions(Math.ceil(count / linesPerCart));
          const baseline = newSessions(Math.ceil(count / linesPerCart));
          await fill([...ours, ...baseline]);
          const pick = (sessions: string[], i: number) =>
            [sessions[Math.floor(i / linesPerCart)]!, choices[i % linesPerCart]!.itemId] as const;
          return {
            ours: (i) => cart.removeItem(...pick(ours, i)),
            baseline: (i) => web.removeItem(...pick(baseline, i)),
          };
        },
      },
    ];

    const results: SuiteResult["results"] = [];
    for (const workload of workloads) {
      const latency = await workload.prepare(warmup + blocks * blockSize);
      for (let i = 0; i < warmup; i++) {
        await latency.ours(i);
        await latency.baseline(i);
      }
      const ours: number[] = [];
      const baseline: number[] = [];
      for (let b = 0; b < blocks; b++) {
        const offset = warmup + b * blockSize;
        ours.push(...(await timeSerial(blockSize, (i) => latency.ours(offset + i))));
        baseline.push(...(await timeSerial(blockSize, (i) => latency.baseline(offset + i))));
      }
      const counting = await workload.prepare(1);
      const trips = {
        ours: await roundTrips(server.url, () => counting.ours(0)),
        baseline: await roundTrips(server.url, () => counting.baseline(0)),
      };
      const throughput = await workload.prepare(throughputOps);
      const oursPerSecond = await opsPerSecond(throughput.ours);
      const baselinePerSecond = await opsPerSecond(throughput.baseline);

      const p50 = percentile(ours, 50);
      const baselineP50 = percentile(baseline, 50);
      results.push({
        name: workload.name,
        p50_us: p50,
        p99_us: percentile(ours, 99),
        ops_per_s: oursPerSecond,
        baseline_p50_us: baselineP50,
        baseline_p99_us: percentile(baseline, 99),
        baseline_ops_per_s: baselinePerSecond,
        speedup: round(baselineP50 / p50, 2),
        round_trips: trips.ours,
        baseline_round_trips: trips.baseline,
      });
    }
    return {
      suite: "cart",
      results,
      workload: {
        catalog: "sample (UGX)",
        lines_per_cart: linesPerCart,
        latency_samples_per_op: blocks * blockSize,
        throughput_ops: throughputOps,
        throughput_concurrency: concurrency,
        baseline:
          "bench/baseline/web-channel-cart.ts: the seed's documented step list, one awaited command at a time",
      },
    };
  } finally {
    client.disconnect();
    baselineClient.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Twenty different lines: products with the first value of each option, skipping sold-out choices. */
function pickChoices(catalog: Catalog): Choice[] {
  const choices: Choice[] = [];
  for (const product of catalog.allProducts()) {
    const options = Object.fromEntries(product.options.map((axis) => [axis.name, axis.values[0]!]));
    try {
      const resolved = catalog.resolveChoice(product.id, options);
      choices.push({
        productId: product.id,
        options,
        itemId: itemIdFor(product.id, resolved.configuration),
        line: {
          product_id: product.id,
          name: product.name,
          price: minorToDecimal(resolved.unitPrice, catalog.exponent),
          configuration: JSON.stringify(resolved.configuration),
          image_url: product.image_url,
          category_id: product.category,
        },
      });
    } catch {
      // sold out: not a line anyone can add
    }
    if (choices.length === linesPerCart) return choices;
  }
  throw new Error(`the sample catalog has fewer than ${linesPerCart} products that can be added`);
}

/** Commands one call sent to the server, seen through MONITOR (commands run inside a script are marked "lua"). */
async function roundTrips(url: string, op: () => Promise<unknown>): Promise<number> {
  const monitorClient = new Redis(url);
  const monitor = await monitorClient.monitor();
  let sent = 0;
  monitor.on("monitor", (_time: string, _args: string[], source: string) => {
    if (source !== "lua") sent++;
  });
  await op();
  await new Promise((resolve) => setTimeout(resolve, 100));
  monitor.disconnect();
  monitorClient.disconnect();
  return sent;
}

/** Operations per second with `concurrency` calls in flight at once. */
async function opsPerSecond(op: Op): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < throughputOps) await op(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round(throughputOps / seconds);
}
