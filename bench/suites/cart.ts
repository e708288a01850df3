/**
 * `npm run bench cart`: the cart service against the web channel's documented algorithm (the seed's
 * step list, test/kit/web-channel-cart.ts), same workload, same private redis-server, same
 * run. Latency is measured one call at a time (p50/p99 in µs); throughput with 16 calls in flight.
 * Ours and the baseline run in alternating blocks so that noise from a busy machine hits both alike.
 * `round_trips` counts the commands one call sends, as the server's MONITOR sees them (commands a
 * Lua script runs are not round trips), on the 11th of 20 calls on a cart. Carts hold up to 20
 * lines of the sample catalog (UGX).
 *
 * What each row measures. "Ours" is always one CartService call: one EVALSHA that writes, sets
 * the 7-day TTL on every key of the cart, publishes cart-changed and returns the whole cart.
 *
 *   add                 a new line into a cart of 0-19 lines. Baseline: the seed's STEP 5 add_item,
 *                       then get_cart, because the caller shows the cart next: the chat view fetches
 *                       it (STEP 8) and a manual add ends in fetchCart() ("Cart Sync Triggers" 2).
 *                       The assistant's path fetches a second time (STEP 12); only one is counted.
 *   add-merge           the same line again into a 20-line cart (quantity merged), then get_cart.
 *   get-20-lines        reading a 20-line cart: our script vs get_cart (SMEMBERS, one HGETALL a line).
 *   update              a line's quantity in a 20-line cart; baseline: update_quantity, then
 *                       fetchCart()'s get_cart ("Cart Sync Triggers" 4).
 *   remove              a line of a 20-line cart; baseline: remove_item, then get_cart (trigger 5).
 *   *-write-only        the same mutation with the baseline stopping after its writes, without the
 *                       fetch its own flow does next; ours is unchanged (it cannot stop earlier: the
 *                       cart comes back in the same reply). Shown so that nothing is hidden.
 *   *@lan-0.5ms         every row again with both clients connected through a proxy on 127.0.0.1
 *                       that holds each chunk 250 µs each way (test/kit/latency-proxy.ts): the
 *                       kiosks share one Redis across the shop's network. `scenarios` in the results
 *                       gives the PING round trip measured each way (direct and through the proxy).
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
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";
import { startRedisServer } from "../../src-main/infra/redis-server-process.js";
import { minorToDecimal } from "../../src-shared/money.js";
import { WebChannelCart, type WebChannelLine } from "../../test/kit/web-channel-cart.js";
import { countRoundTrips } from "../../test/kit/round-trips.js";
import { startLatencyProxy, type LatencyProxy } from "../../test/kit/latency-proxy.js";
import { percentile, round, timeSerial, type SuiteResult } from "../stats.js";

const linesPerCart = 20;
const concurrency = 16;

/**
 * Where the client meets Redis. Loopback: a Redis on the kiosk itself. LAN: the kiosks share one
 * Redis across the shop's network, modelled by a proxy that holds each chunk 250 µs each way
 * (test/kit/latency-proxy.ts); fewer samples there, as the baseline's get takes 21 trips.
 */
interface Scenario {
  suffix: string;
  oneWayDelayUs: number;
  blocks: number;
  blockSize: number;
  warmup: number;
  throughputOps: number;
}
const scenarios: Scenario[] = [
  { suffix: "", oneWayDelayUs: 0, blocks: 6, blockSize: 500, warmup: 300, throughputOps: 3_000 },
  { suffix: "@lan-0.5ms", oneWayDelayUs: 250, blocks: 4, blockSize: 100, warmup: 20, throughputOps: 400 },
];

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
  const setupClient = createRedisClient(server.url);
  const proxies: LatencyProxy[] = [];
  try {
    await waitForReady(setupClient, 5_000);
    const catalog = await Catalog.load(defaultCatalogPath);
    const choices = pickChoices(catalog);
    // Carts are filled directly, whatever the scenario: filling is preparation, not measured.
    const setupCart = new CartService({ redis: setupClient, catalog, maxQuantityPerLine: 1_000_000 });
    const fill = async (sessions: string[]) => {
      for (const session of sessions) {
        for (const c of choices)
          await setupCart.addItem(session, { product_id: c.productId, quantity: 1, options: c.options });
      }
    };

    const results: SuiteResult["results"] = [];
    const measuredScenarios: Record<string, unknown> = {};
    for (const scenario of scenarios) {
      let url = server.url;
      if (scenario.oneWayDelayUs > 0) {
        const proxy = await startLatencyProxy({
          targetPort: server.port,
          oneWayDelayUs: scenario.oneWayDelayUs,
        });
        proxies.push(proxy);
        url = `redis://127.0.0.1:${proxy.port}/1`;
      }
      const client = createRedisClient(url);
      // The web channel's redis-py client: plain defaults, one command per call.
      const baselineClient = new Redis(url);
      try {
        await waitForReady(client, 5_000);
        const cart = new CartService({ redis: client, catalog, maxQuantityPerLine: 1_000_000 });
        const web = new WebChannelCart(baselineClient);
        for (const workload of workloads({ cart, web, catalog, choices, fill })) {
          results.push({
            name: workload.name + scenario.suffix,
            ...(await measure(workload, scenario, server.url)),
          });
        }
        measuredScenarios[scenario.suffix ? scenario.suffix.slice(1) : "loopback"] = {
          one_way_delay_us: scenario.oneWayDelayUs,
          ping_rtt_p50_us: percentile(await timeSerial(500, () => client.ping()), 50),
          latency_samples_per_op: scenario.blocks * scenario.blockSize,
          throughput_ops: scenario.throughputOps,
        };
      } finally {
        client.disconnect();
        baselineClient.disconnect();
      }
    }
    return {
      suite: "cart",
      results,
      scenarios: measuredScenarios,
      workload: {
        catalog: "sample (UGX)",
        lines_per_cart: linesPerCart,
        throughput_concurrency: concurrency,
        baseline:
          "test/kit/web-channel-cart.ts: the seed's documented step list, one awaited command at a time; " +
          "each mutation followed by get_cart as the seed's flow does, except in the *-write-only rows",
        lan:
          "@lan-0.5ms rows: ours and the baseline both connect through a TCP proxy on 127.0.0.1 that holds " +
          "every chunk 250 µs each way (test/kit/latency-proxy.ts), about 0.5 ms added per round trip",
      },
    };
  } finally {
    setupClient.disconnect();
    for (const proxy of proxies) await proxy.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Subjects {
  cart: CartService;
  web: WebChannelCart;
  catalog: Catalog;
  choices: Choice[];
  fill(sessions: string[]): Promise<void>;
}

function workloads({ cart, web, catalog, choices, fill }: Subjects): Workload[] {
  const newSessions = (n: number) => Array.from({ length: n }, () => `session-${randomUUID()}`);
  const addOurs = (session: string, c: Choice) =>
    cart.addItem(session, { product_id: c.productId, quantity: 1, options: c.options });
  // The baseline gets the same facts from the same catalog: the web channel reads them from its database.
  const addBaseline = (session: string, c: Choice) => {
    const resolved = catalog.resolveChoice(c.productId, c.options);
    return web.addItem(session, itemIdFor(resolved.product.id, resolved.configuration), c.line, 1);
  };
  /** A baseline mutation as its flow continues: the caller fetches the cart it shows next. */
  const thenFetch =
    (mutate: (i: number) => Promise<string>): Op =>
    async (i) =>
      web.getCart(await mutate(i));
  const writeOnly =
    (mutate: (i: number) => Promise<string>): Op =>
    (i) =>
      mutate(i);
  /** A mutation workload: prepares carts and returns ours and the baseline's writes (which give the session). */
  type MutationPrepare = (count: number) => Promise<{ ours: Op; baseline: (i: number) => Promise<string> }>;
  const mutation = (name: string, prepare: MutationPrepare): Workload[] => [
    {
      name,
      async prepare(count) {
        const ops = await prepare(count);
        return { ours: ops.ours, baseline: thenFetch(ops.baseline) };
      },
    },
    {
      name: `${name}-write-only`,
      async prepare(count) {
        const ops = await prepare(count);
        return { ours: ops.ours, baseline: writeOnly(ops.baseline) };
      },
    },
  ];
  const sessionAndChoice = (sessions: string[], i: number) =>
    [sessions[Math.floor(i / linesPerCart)]!, choices[i % linesPerCart]!] as const;

  const lineOf = (sessions: string[], i: number) => {
    const [session, choice] = sessionAndChoice(sessions, i);
    return [session, choice.itemId] as const;
  };

  const add = mutation("add", async (count) => {
    const carts = Math.ceil(count / linesPerCart) + 1;
    const [ours, baseline] = [newSessions(carts), newSessions(carts)];
    return {
      ours: (i) => addOurs(...sessionAndChoice(ours, i)),
      baseline: async (i) => {
        const [session, choice] = sessionAndChoice(baseline, i);
        await addBaseline(session, choice);
        return session;
      },
    };
  });
  const addMerge = mutation("add-merge", async () => {
    const [ours, baseline] = newSessions(2);
    await fill([ours!, baseline!]);
    return {
      ours: (i) => addOurs(ours!, choices[i % linesPerCart]!),
      baseline: async (i) => {
        await addBaseline(baseline!, choices[i % linesPerCart]!);
        return baseline!;
      },
    };
  });
  const update = mutation("update", async () => {
    const [ours, baseline] = newSessions(2);
    await fill([ours!, baseline!]);
    const line = (i: number) => choices[i % linesPerCart]!.itemId;
    return {
      ours: (i) => cart.updateQuantity(ours!, line(i), 1 + (i % 9)),
      baseline: async (i) => {
        await web.updateQuantity(baseline!, line(i), 1 + (i % 9));
        return baseline!;
      },
    };
  });
  const remove = mutation("remove", async (count) => {
    const ours = newSessions(Math.ceil(count / linesPerCart));
    const baseline = newSessions(Math.ceil(count / linesPerCart));
    await fill([...ours, ...baseline]);
    return {
      ours: (i) => cart.removeItem(...lineOf(ours, i)),
      baseline: async (i) => {
        const [session, itemId] = lineOf(baseline, i);
        await web.removeItem(session, itemId);
        return session;
      },
    };
  });
  const get: Workload = {
    name: "get-20-lines",
    async prepare() {
      const [ours, baseline] = newSessions(2);
      await fill([ours!, baseline!]);
      return { ours: () => cart.getCart(ours!), baseline: () => web.getCart(baseline!) };
    },
  };
  return [add[0]!, addMerge[0]!, get, update[0]!, remove[0]!, add[1]!, addMerge[1]!, update[1]!, remove[1]!];
}

/** One row: latency of ours and the baseline in alternating blocks, round trips, throughput. */
async function measure(workload: Workload, scenario: Scenario, directUrl: string) {
  const { blocks, blockSize, warmup, throughputOps } = scenario;
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
  // Counted on the middle call of a cart's 20 (the 11th), as typical of the latency samples.
  const counting = await workload.prepare(linesPerCart);
  const middle = linesPerCart / 2;
  for (let i = 0; i < middle; i++) {
    await counting.ours(i);
    await counting.baseline(i);
  }
  const trips = {
    ours: await countRoundTrips(directUrl, () => counting.ours(middle)),
    baseline: await countRoundTrips(directUrl, () => counting.baseline(middle)),
  };
  const throughput = await workload.prepare(throughputOps);
  const oursPerSecond = await opsPerSecond(throughput.ours, throughputOps);
  const baselinePerSecond = await opsPerSecond(throughput.baseline, throughputOps);

  const p50 = percentile(ours, 50);
  const baselineP50 = percentile(baseline, 50);
  return {
    p50_us: p50,
    p99_us: percentile(ours, 99),
    ops_per_s: oursPerSecond,
    baseline_p50_us: baselineP50,
    baseline_p99_us: percentile(baseline, 99),
    baseline_ops_per_s: baselinePerSecond,
    speedup: round(baselineP50 / p50, 2),
    round_trips: trips.ours,
    baseline_round_trips: trips.baseline,
  };
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

/** Operations per second with `concurrency` calls in flight at once. */
async function opsPerSecond(op: Op, throughputOps: number): Promise<number> {
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
