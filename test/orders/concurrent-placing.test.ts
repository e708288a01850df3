import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CartService } from "../../src-main/cart/cart-service.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import { OrderService } from "../../src-main/orders/order-service.js";
import { createRedisClient } from "../../src-main/infra/redis-client.js";
import { loadSampleCatalog } from "../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";

/**
 * The races commerce engines' users keep reporting as double orders: two kiosks (two OS
 * processes) completing the same cart 200 times each at the same instant, with one key or with a
 * key per attempt, and a kiosk killed while its placing script runs.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const worker = path.join(here, "place-worker.ts");
const attemptsPerProcess = 200;

let redis: TestRedis;
let client: Redis;
let catalog: Catalog;
let cart: CartService;

beforeAll(async () => {
  redis = await startTestRedis();
  client = createRedisClient(redis.url);
  catalog = await loadSampleCatalog();
  cart = new CartService({ redis: client, catalog });
});

afterAll(async () => {
  client.disconnect();
  await redis.stop();
});

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  output: Promise<string>;
}

function startWorker(session: string, attempts: number, key: string): Worker {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", worker, redis.url, session, String(attempts), key],
    {
      cwd: path.resolve(here, "..", ".."),
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8");
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: string) => {
      stdout += chunk;
      if (stdout.includes("ready")) resolve();
    });
    child.once("exit", () => reject(new Error(`worker exited before it was ready: ${stderr}`)));
  });
  const output = once(child, "exit").then(([code, signal]) => {
    if (code !== 0) throw new Error(`worker exited with ${code ?? signal}: ${stderr}`);
    return stdout;
  });
  output.catch(() => {});
  return { child, ready, output };
}

async function newCart(): Promise<string> {
  const session = `session-${randomUUID()}`;
  await cart.addItem(session, { product_id: "42", quantity: 2 });
  await cart.addItem(session, { product_id: "43", quantity: 1, options: { colour: "Gold" } });
  return session;
}

async function race(key: (i: number) => string) {
  const session = await newCart();
  const workers = [0, 1].map((i) => startWorker(session, attemptsPerProcess, key(i)));
  await Promise.all(workers.map((w) => w.ready));
  for (const { child } of workers) child.stdin!.write("go\n");
  const summaries = (await Promise.all(workers.map((w) => w.output))).map(
    (out) =>
      JSON.parse(out.trim().split("\n").at(-1)!) as { ids: string[]; created: number; refused: string[] },
  );
  const raw = redis.client();
  const orderKeys = (await raw.keys("order:*")).filter((k) => /^order:[0-9a-f-]{36}$/.test(k));
  return { session, summaries, orderKeys, raw };
}

describe("two processes placing the same cart 200 times at once", () => {
  it("with the same key: exactly one order, and every attempt gets it", async () => {
    const key = randomUUID();
    const { session, summaries, orderKeys, raw } = await race(() => key);
    expect(orderKeys).toHaveLength(1);
    for (const s of summaries) expect(s).toMatchObject({ ids: [orderKeys[0]!.slice(6)], refused: [] });
    expect(summaries[0]!.created + summaries[1]!.created).toBe(1);
    expect(await raw.xlen("order-events")).toBe(1);
    expect(await raw.scard(`cart:${session}:items`)).toBe(0);
    await raw.del("order-events");
    await raw.flushdb();
  });

  it("with a key per attempt: still exactly one order, the later attempts get the order already placed", async () => {
    const { summaries, orderKeys, raw } = await race(() => "random");
    expect(orderKeys).toHaveLength(1);
    for (const s of summaries) expect(s).toMatchObject({ ids: [orderKeys[0]!.slice(6)], refused: [] });
    expect(summaries[0]!.created + summaries[1]!.created).toBe(1);
    const order = await raw.hgetall(orderKeys[0]!);
    expect(order).toMatchObject({ number: "K-001", total: "155000" });
    await raw.flushdb();
  });
});

describe("a kiosk killed while its order is being placed", () => {
  it("SIGKILL right after the script was sent: the retry with the same key returns the order, once", async () => {
    const session = await newCart();
    const key = randomUUID();
    // What the kiosk's screen holds: the quote it showed and the key of this checkout attempt.
    const { fingerprint } = await new OrderService({ redis: client, catalog }).quote(session);
    const monitorClient = new Redis(redis.url);
    const monitor = await monitorClient.monitor();
    const w = startWorker(session, 1, key);
    await w.ready;
    const killed = new Promise<void>((resolve) => {
      monitor.on("monitor", (_time: string, args: string[], source: string) => {
        // The placing script (EVALSHA with the idempotency key): kill the kiosk before it can read the answer.
        if (source !== "lua" && args.some((a) => a.startsWith("order:idem:"))) {
          w.child.kill("SIGKILL");
          resolve();
        }
      });
    });
    w.child.stdin!.write("go\n");
    await killed;
    await once(w.child, "exit");
    monitor.disconnect();
    monitorClient.disconnect();
    // The kiosk comes back (a new process, nothing in memory) and retries with the checkout's key.
    const orders = new OrderService({ redis: client, catalog });
    const raw = redis.client();
    const ordersBefore = (await raw.keys("order:*")).filter((k) => /^order:[0-9a-f-]{36}$/.test(k));
    expect(ordersBefore).toHaveLength(1);
    const quoteNow = await orders.quote(session);
    expect(quoteNow.orderable).toBe(false);
    const retry = await orders.place(session, { fingerprint, idempotency_key: key });
    expect(retry.created).toBe(false);
    expect(retry.order.order_id).toBe(ordersBefore[0]!.slice(6));
    expect(retry.order.lines).toHaveLength(2);
    expect(await raw.xlen("order-events")).toBe(1);
  });
});
