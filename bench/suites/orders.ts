/**
 * `npm run bench orders`: checkout against a private redis-server with the whole shell
 * (createServices and the web server, as `npm run web` runs them).
 *
 * - quote / place: the order service's own calls, one after another, each on a fresh cart of two
 *   lines (one Balloon Bouquet line and one of Party Hats): p50/p99 and calls per second. Placing is
 *   asserted to be one round trip (MONITOR, test/kit/round-trips.ts) and the run fails otherwise.
 * - place (concurrent): 8 callers at once, each on its own cart: throughput.
 * - pay -> order-changed: the counter records a payment through its own OrderService and Redis
 *   connection (what `kioskctl order pay` does, without the process start); the clock starts
 *   before that call and stops when the kiosk's WebSocket holds `order-changed` with `paid`.
 *   Aim: p95 < 50 ms. The machine's load average is recorded beside the numbers.
 */
import os from "node:os";
import { WebSocket } from "ws";
import { OrderService } from "../../src-main/orders/order-service.js";
import { createRedisClient } from "../../src-main/infra/redis-client.js";
import type { Order } from "../../src-shared/order.js";
import { countRoundTrips } from "../../test/kit/round-trips.js";
import { startShell, type Shell } from "../../test/kit/shell-harness.js";
import { percentile, round, timeSerial, type SuiteResult } from "../stats.js";

const serialRuns = 300;
const concurrentRuns = 400;
const concurrency = 8;
const paySamples = 200;
const cashier = { staff: "bench", terminal: "counter-1" };

let sessionSeq = 0;
const newSession = () =>
  `session-${(++sessionSeq).toString(16).padStart(8, "0")}-0000-4000-8000-${Date.now().toString(16).padStart(12, "0").slice(-12)}`;

async function fillCart(shell: Shell, session: string): Promise<void> {
  await shell.services.cart.addItem(session, { product_id: "42", quantity: 2 });
  await shell.services.cart.addItem(session, { product_id: "54", quantity: 3 });
}

function summary(name: string, samplesUs: number[], wallMs: number, extra: Record<string, unknown> = {}) {
  return {
    name,
    n: samplesUs.length,
    p50_ms: round(percentile(samplesUs, 50) / 1000, 2),
    p95_ms: round(percentile(samplesUs, 95) / 1000, 2),
    p99_ms: round(percentile(samplesUs, 99) / 1000, 2),
    per_second: round((samplesUs.length / wallMs) * 1000, 0),
    ...extra,
  };
}

/** A kiosk's WebSocket on its own session: resolves `order-changed` events by order id and status. */
async function kioskConnection(shell: Shell) {
  const socket = new WebSocket(shell.wsUrl, { origin: shell.origin });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let nextId = 1;
  const answers = new Map<number, (value: unknown) => void>();
  const waiters = new Map<string, (at: bigint) => void>();
  socket.on("message", (data) => {
    const at = process.hrtime.bigint();
    const frame = JSON.parse(data.toString()) as {
      id?: number;
      result?: { ok: boolean; value?: unknown };
      event?: string;
      payload?: { order: Order };
    };
    if (frame.id !== undefined && frame.result) {
      answers.get(frame.id)?.(frame.result.value);
      answers.delete(frame.id);
    } else if (frame.event === "order-changed" && frame.payload) {
      const key = `${frame.payload.order.order_id}:${frame.payload.order.status}`;
      waiters.get(key)?.(at);
      waiters.delete(key);
    }
  });
  const request = (channel: string, input: unknown = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      answers.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, input }));
    });
  const { session_id } = (await request("session-start")) as { session_id: string };
  return {
    session: session_id,
    orderChanged(orderId: string, status: string): Promise<bigint> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no order-changed ${status} within 5 s`)), 5_000);
        waiters.set(`${orderId}:${status}`, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    close: () => socket.close(),
  };
}

export async function run(): Promise<SuiteResult> {
  const loadBefore = os.loadavg();
  const shell = await startShell();
  const orders = shell.services.orders;
  try {
    // ---- quote, then place, one after another ----
    const sessions = Array.from({ length: serialRuns }, newSession);
    for (const s of sessions) await fillCart(shell, s);
    const fingerprints: string[] = [];
    let start = performance.now();
    const quoteUs = await timeSerial(serialRuns, async (i) => {
      fingerprints[i] = (await orders.quote(sessions[i]!)).fingerprint;
    });
    const quoteWall = performance.now() - start;
    start = performance.now();
    const placeUs = await timeSerial(serialRuns, (i) =>
      orders.place(sessions[i]!, { fingerprint: fingerprints[i]!, idempotency_key: `bench-serial-${i}-key` }),
    );
    const placeWall = performance.now() - start;

    // ---- one round trip, asserted ----
    const checked = newSession();
    await fillCart(shell, checked);
    const reviewed = await orders.quote(checked);
    const roundTrips = await countRoundTrips(
      shell.redis.url,
      () =>
        orders.place(checked, { fingerprint: reviewed.fingerprint, idempotency_key: "bench-round-trips" }),
      shell.services.redis,
    );
    if (roundTrips !== 1) throw new Error(`placing an order took ${roundTrips} round trips, not 1`);

    // ---- concurrent placing, each caller on its own carts ----
    const many = Array.from({ length: concurrentRuns }, newSession);
    for (const s of many) await fillCart(shell, s);
    const manyQuotes = await Promise.all(many.map((s) => orders.quote(s)));
    const concurrentUs: number[] = [];
    let next = 0;
    start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < many.length) {
          const i = next++;
          const t = process.hrtime.bigint();
          await orders.place(many[i]!, {
            fingerprint: manyQuotes[i]!.fingerprint,
            idempotency_key: `bench-concurrent-${i}-key`,
          });
          concurrentUs.push(Number(process.hrtime.bigint() - t) / 1000);
        }
      }),
    );
    const concurrentWall = performance.now() - start;

    // ---- pay at the counter -> order-changed at the kiosk ----
    const counterRedis = createRedisClient(shell.redis.url);
    const counter = new OrderService({ redis: counterRedis, catalog: shell.services.catalog });
    const kiosk = await kioskConnection(shell);
    const payUs: number[] = [];
    for (let i = 0; i < paySamples + 10; i++) {
      await shell.services.cart.addItem(kiosk.session, { product_id: "42", quantity: 1 });
      const q = await orders.quote(kiosk.session);
      const { order } = await orders.place(kiosk.session, {
        fingerprint: q.fingerprint,
        idempotency_key: `bench-pay-${i}-key`,
      });
      const seen = kiosk.orderChanged(order.order_id, "paid");
      const t = process.hrtime.bigint();
      await counter.pay(order.number, { method: "cash" }, cashier);
      const at = await seen;
      if (i >= 10) payUs.push(Number(at - t) / 1000);
    }
    kiosk.close();
    counterRedis.disconnect();

    const loadAfter = os.loadavg();
    const payP95 = percentile(payUs, 95) / 1000;
    return {
      suite: "orders",
      results: [
        summary("quote (2 lines)", quoteUs, quoteWall),
        summary("place (2 lines, collection)", placeUs, placeWall, { round_trips: roundTrips }),
        summary(`place, ${concurrency} at once`, concurrentUs, concurrentWall),
        summary("pay -> kiosk order-changed", payUs, payUs.reduce((a, b) => a + b, 0) / 1000, {
          aim_p95_ms: 50,
          met: payP95 < 50,
        }),
      ],
      load_average: {
        before: loadBefore.map((l) => round(l, 2)),
        after: loadAfter.map((l) => round(l, 2)),
      },
      note: "2 cores shared with other work; the load average (1, 5, 15 min) is the machine's at start and end.",
    };
  } finally {
    await shell.close();
  }
}
