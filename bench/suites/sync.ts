/**
 * `npm run bench sync`: how long a cart change made elsewhere takes to reach a screen, and what
 * the rest of the shop's traffic costs a kiosk. Run once per live-sync mechanism
 * (src-main/sync/session-watch.ts: `tracking` and `keyspace`), plus the all-carts pattern the app
 * used before (issue #15) as a baseline for the cost.
 *
 * - web-channel-process: another OS process writes the cart keys as the Django web channel does
 *   (HSET line, HSET meta, EXPIRE one command at a time, no PUBLISH). The clock starts in that
 *   process just before its first write (CLOCK_MONOTONIC is shared by processes on Linux) and
 *   stops when the screen's WebSocket holds `cart-changed` with the new quantity. Aim: p95 < 5 ms.
 * - other-connection: a second WebSocket connection on the same session changes a quantity
 *   through the API (one script).
 * - other carts: 10,000 writes (30,000 commands) to 500 carts nobody here shows, while this
 *   process shows 50 sessions: the app process's CPU time during them against the same wall
 *   time idle (aim: indistinguishable), and Redis's CPU time for them.
 */
import { Redis } from "ioredis";
import { WebSocket } from "ws";
import type { Cart } from "../../src-shared/cart.js";
import { SessionIdSchema } from "../../src-shared/session.js";
import { parseCartKey } from "../../src-main/cart/cart-keys.js";
import type { SyncMechanism } from "../../src-main/sync/session-watch.js";
import { ExternalWriter } from "../../test/kit/external-writer.js";
import { startTestRedis } from "../../test/kit/redis.js";
import { startShell } from "../../test/kit/shell-harness.js";
import { percentile, round, type SuiteResult } from "../stats.js";

const writes = 300;
const warmup = 20;

interface Client {
  socket: WebSocket;
  request(channel: string, input: unknown): Promise<unknown>;
  /** Resolves with hrtime (ns) when a cart-changed event satisfying `predicate` arrives. */
  nextCart(predicate: (cart: Cart) => boolean): Promise<bigint>;
  events: number;
}

async function connect(url: string, origin: string): Promise<Client> {
  const socket = new WebSocket(url, { origin });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let nextId = 1;
  const answers = new Map<number, (value: unknown) => void>();
  let waiter: { predicate: (cart: Cart) => boolean; resolve: (t: bigint) => void } | undefined;
  const client: Client = {
    socket,
    events: 0,
    request(channel, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        answers.set(id, (result) => {
          const r = result as { ok: boolean; value?: unknown; error?: { message: string } };
          if (r.ok) resolve(r.value);
          else reject(new Error(r.error!.message));
        });
        socket.send(JSON.stringify({ id, channel, input }));
      });
    },
    nextCart(predicate) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no cart-changed within 5 s")), 5_000);
        waiter = {
          predicate,
          resolve: (t) => {
            clearTimeout(timer);
            resolve(t);
          },
        };
      });
    },
  };
  socket.on("message", (data) => {
    const at = process.hrtime.bigint();
    const frame = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      event?: string;
      payload?: { cart: Cart };
    };
    if (frame.result !== undefined) {
      answers.get(frame.id!)?.(frame.result);
      answers.delete(frame.id!);
    } else if (frame.event === "cart-changed") {
      client.events++;
      if (waiter?.predicate(frame.payload!.cart)) {
        const w = waiter;
        waiter = undefined;
        w.resolve(at);
      }
    }
  });
  return client;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summarise(name: string, samplesMs: number[], events: number, measured: number) {
  const us = samplesMs.map((ms) => ms * 1000);
  return {
    name,
    writes: measured,
    p50_ms: round(percentile(us, 50) / 1000, 2),
    p95_ms: round(percentile(us, 95) / 1000, 2),
    p99_ms: round(percentile(us, 99) / 1000, 2),
    max_ms: round(Math.max(...samplesMs), 2),
    events_per_write: round(events / measured, 3),
    target_p95_ms: 5,
  };
}

const otherWrites = 10_000;
const shownSessions = 50;
const otherCarts = 500;

function sessionId(n: number, salt: number): string {
  return `session-${salt.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

async function redisCpuMs(url: string): Promise<number> {
  const admin = new Redis(url);
  const info = await admin.info("cpu");
  admin.disconnect();
  const value = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)![1]);
  return (value("used_cpu_user") + value("used_cpu_sys")) * 1000;
}

function appCpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/** CPU of this process and of Redis while the writer hammers carts nobody here shows, and idle for as long. */
async function costOfOtherCarts(redisUrl: string, writer: ExternalWriter) {
  const sessions = Array.from({ length: otherCarts }, (_, n) => sessionId(n, 0xe15));
  const redisBefore = await redisCpuMs(redisUrl);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await writer.write({ op: "hammer", sessions, count: otherWrites });
  await pause(50); // the last notifications reach us
  const wallMs = performance.now() - started;
  const busy = appCpuMs(cpu);
  const redisBusy = (await redisCpuMs(redisUrl)) - redisBefore;
  const idleCpu = process.cpuUsage();
  await pause(wallMs);
  const idle = appCpuMs(idleCpu);
  return {
    other_writes: otherWrites,
    app_cpu_ms_per_10k_other_writes: round((busy * 10_000) / otherWrites, 1),
    app_cpu_ms_idle_same_time: round(idle, 1),
    redis_cpu_ms_per_10k_other_writes: round((redisBusy * 10_000) / otherWrites, 1),
    hammer_wall_ms: round(wallMs, 0),
  };
}

/** Registers `shownSessions` sessions as shown by this process (as that many screens would). */
async function showSessions(shell: Awaited<ReturnType<typeof startShell>>) {
  for (let n = 0; n < shownSessions; n++) {
    shell.services.registry.add({ id: 900_000 + n, sessionId: sessionId(n, 0x5ee), emit: () => {} });
  }
  await shell.services.sync.settled();
}

async function measureMechanism(mechanism: Exclude<SyncMechanism, "events">) {
  const shell = await startShell({ services: { syncMechanism: mechanism } });
  const { origin, wsUrl } = shell;
  const writer = ExternalWriter.start(shell.redis.url);
  const screen = await connect(wsUrl, origin);
  const other = await connect(wsUrl, origin);
  try {
    const started = (await screen.request("session-start", {})) as { session_id: string };
    const session = started.session_id;
    await other.request("session-resume", started);
    await showSessions(shell);

    // Web channel from another process: one line whose quantity changes each time.
    const processSamples: number[] = [];
    const arrived = screen.nextCart((cart) => cart.items.some((l) => l.item_id === "42_web"));
    await writer.write({ op: "add", session, item: "42_web", quantity: 1 });
    await arrived;
    await pause(50);
    let eventsBefore = screen.events;
    for (let i = 0; i < warmup + writes; i++) {
      if (i === warmup) eventsBefore = screen.events;
      const quantity = 2 + (i % 50); // always differs from the previous one
      const target = screen.nextCart(
        (cart) => cart.items.find((l) => l.item_id === "42_web")?.quantity === quantity,
      );
      const t0 = await writer.write({ op: "quantity", session, item: "42_web", quantity });
      const t1 = await target;
      if (i >= warmup) processSamples.push(Number(t1 - t0) / 1e6);
      await pause(30 + (i % 4) * 5); // past the coalescing window: each write is a burst of its own
    }
    await pause(50);
    const processEvents = screen.events - eventsBefore;

    // Another connection through the API.
    const cart = (await other.request("cart-add", { product_id: "45", quantity: 1 })) as Cart;
    const itemId = cart.items.find((l) => l.product_id === "45")!.item_id;
    await pause(100);
    const connectionSamples: number[] = [];
    for (let i = 0; i < warmup + writes; i++) {
      if (i === warmup) eventsBefore = screen.events;
      const quantity = 2 + (i % 50); // always differs from the previous one
      const target = screen.nextCart((c) => c.items.find((l) => l.item_id === itemId)?.quantity === quantity);
      const t0 = process.hrtime.bigint();
      await other.request("cart-update-quantity", { item_id: itemId, quantity });
      const t1 = await target;
      if (i >= warmup) connectionSamples.push(Number(t1 - t0) / 1e6);
      await pause(30 + (i % 4) * 5);
    }
    await pause(50);
    const connectionEvents = screen.events - eventsBefore;
    const cost = await costOfOtherCarts(shell.redis.url, writer);

    return [
      { ...summarise(`${mechanism}: web-channel-process`, processSamples, processEvents, writes) },
      { ...summarise(`${mechanism}: other-connection`, connectionSamples, connectionEvents, writes) },
      { name: `${mechanism}: other carts' traffic`, shown_sessions: shownSessions, ...cost },
    ];
  } finally {
    screen.socket.close();
    other.socket.close();
    await writer.stop();
    await shell.close();
  }
}

/** The app before issue #15: one pattern for every cart, each notification parsed and mapped here. */
async function measureAllCartsPattern() {
  const redis = await startTestRedis();
  const writer = ExternalWriter.start(redis.url);
  const subscriber = new Redis(redis.url);
  const prefix = "__keyspace@1__:";
  let notifications = 0;
  subscriber.on("pmessage", (_p: string, channel: string) => {
    const parsed = parseCartKey(channel.slice(prefix.length));
    if (parsed && SessionIdSchema.safeParse(parsed.sessionId).success) notifications++;
  });
  await subscriber.psubscribe(`${prefix}cart:*`);
  try {
    const cost = await costOfOtherCarts(redis.url, writer);
    return {
      name: "before #15 (all-carts keyspace pattern)",
      ...cost,
      notifications_received: notifications,
    };
  } finally {
    subscriber.disconnect();
    await writer.stop();
    await redis.stop();
  }
}

export async function run(): Promise<SuiteResult> {
  const results: SuiteResult["results"] = [];
  for (const mechanism of ["tracking", "keyspace"] as const)
    results.push(...(await measureMechanism(mechanism)));
  results.push(await measureAllCartsPattern());
  return { suite: "sync", coalesce_ms: 20, chosen: "tracking", results };
}
