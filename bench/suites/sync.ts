/**
 * `npm run bench sync`: how long a cart change made elsewhere takes to reach a screen. A browser
 * client is connected to `npm run web`'s WebSocket and shows a session; something else changes
 * that session's cart, and the time until the client holds the `cart-changed` event with the new
 * cart is measured, one change at a time, a few hundred times. Target: p95 under 100 ms.
 *
 * - web-channel-process: another OS process writes the cart keys as the Django web channel does
 *   (HSET/SADD/EXPIRE one command at a time, no PUBLISH); only keyspace notifications see it.
 *   The clock starts in that process just before its first write (CLOCK_MONOTONIC is shared by
 *   processes on Linux).
 * - other-connection: a second WebSocket connection on the same session changes a quantity
 *   through the API (the cart service publishes on `cart-events` as well).
 *
 * Both include the live sync's quiet window (20 ms), which turns the several keys one change
 * touches into one event.
 */
import { WebSocket } from "ws";
import type { Cart } from "../../src-shared/cart.js";
import { ExternalWriter } from "../../test/kit/external-writer.js";
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
    target_p95_ms: 100,
  };
}

export async function run(): Promise<SuiteResult> {
  // The whole shell as `npm run web` runs it, on a private redis-server (the tests' harness).
  const shell = await startShell();
  const { origin, wsUrl } = shell;
  const writer = ExternalWriter.start(shell.redis.url);
  const screen = await connect(wsUrl, origin);
  const other = await connect(wsUrl, origin);
  try {
    const started = (await screen.request("session-start", {})) as { session_id: string };
    const session = started.session_id;
    await other.request("session-resume", started);

    // Web channel from another process: one line whose quantity changes each time.
    const processSamples: number[] = [];
    const arrived = screen.nextCart((cart) => cart.items.some((l) => l.item_id === "42_web"));
    await writer.write({ op: "add", session, item: "42_web", quantity: 1 });
    await arrived;
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
      await pause(5 + (i % 4) * 5);
    }
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
      await pause(5 + (i % 4) * 5);
    }
    const connectionEvents = screen.events - eventsBefore;

    return {
      suite: "sync",
      debounce_ms: 20,
      results: [
        summarise("web-channel-process", processSamples, processEvents, writes),
        summarise("other-connection", connectionSamples, connectionEvents, writes),
      ],
    };
  } finally {
    screen.socket.close();
    other.socket.close();
    await writer.stop();
    await shell.close();
  }
}
