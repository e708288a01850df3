/**
 * `npm run bench counter`: the counter terminal over `/counter-ws`, against the whole shell on a
 * private redis-server.
 *
 * - placed-to-visible: a kiosk (its own WebSocket) places an order; the clock starts just before
 *   the kiosk sends `order-place` and stops when the signed-in counter holds the
 *   `counter-order-event` for it (the stream follower's XREAD BLOCK, the order read, the frame).
 *   Aim (issue #12): p95 under 100 ms.
 * - sign-in: name and PIN to a signed-in session; the salted scrypt check (N=16384) dominates.
 * - queue: `counter-queue` with the day's orders in Redis (every order of today and all open ones).
 * - pay: `counter-order-pay` in cash with change, each a different order.
 */
import type { SessionInfo } from "../../src-shared/contract.js";
import type { Order, Quote } from "../../src-shared/order.js";
import { CounterClient } from "../../test/kit/counter-client.js";
import { RawClient, startShell } from "../../test/kit/shell-harness.js";
import { percentile, round, timeSerial, type SuiteResult } from "../stats.js";

const orders = 120;
const signIns = 30;
const queueReads = 200;

function summary(name: string, samplesUs: number[], extra: Record<string, unknown> = {}) {
  return {
    name,
    samples: samplesUs.length,
    p50_ms: round(percentile(samplesUs, 50) / 1000, 2),
    p95_ms: round(percentile(samplesUs, 95) / 1000, 2),
    max_ms: round(Math.max(...samplesUs) / 1000, 2),
    ...extra,
  };
}

export async function run(): Promise<SuiteResult> {
  const shell = await startShell();
  try {
    await shell.services.heartbeat.stop();
    await shell.services.staff.add("Bench Cashier", "cashier", "4821");
    const counter = await CounterClient.connect(shell);
    await counter.signIn("Bench Cashier", "4821", "Till 1");
    const kiosk = await RawClient.connect(shell.wsUrl);
    const session = await kiosk.ok<SessionInfo>("session-start");

    const placed: Order[] = [];
    const visible: number[] = [];
    for (let i = 0; i < orders; i++) {
      await kiosk.ok("cart-add", { product_id: "42", quantity: 1 });
      const quote = await kiosk.ok<Quote>("checkout-quote");
      const from = counter.raw.events.length;
      const start = process.hrtime.bigint();
      const { order } = await kiosk.ok<{ order: Order }>("order-place", {
        fingerprint: quote.fingerprint,
        idempotency_key: `bench-${session.session_id.slice(-8)}-${i}`,
      });
      await counter.raw.waitForEvent(
        "counter-order-event" as never,
        ((e: { order: Order }) => e.order.order_id === order.order_id) as never,
        5_000,
        from,
      );
      const seenAt = process.hrtime.bigint();
      visible.push(Number(seenAt - start) / 1000);
      placed.push(order);
    }

    const signInSamples = await timeSerial(signIns, async () => {
      await counter.signIn("Bench Cashier", "4821", "Till 1");
    });
    const queueSamples = await timeSerial(queueReads, () => counter.ok("counter-queue"));
    const paySamples = await timeSerial(placed.length, (i) =>
      counter.ok("counter-order-pay", {
        order: placed[i]!.number,
        payment: { method: "cash", tendered: placed[i]!.total + 500 },
      }),
    );
    await Promise.all([counter.close(), kiosk.close()]);
    return {
      suite: "counter",
      results: [
        summary("placed-to-visible", visible, { target_p95_ms: 100 }),
        summary("sign-in", signInSamples),
        summary("queue", queueSamples, { orders_in_queue: placed.length }),
        summary("pay", paySamples),
      ],
    };
  } finally {
    await shell.close();
  }
}
