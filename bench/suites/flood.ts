/**
 * `npm run bench flood` (#14 item 4): does a flood leave other customers' requests answered?
 * The built web server runs as its own process on a private Redis; another process opens many
 * WebSockets from one client address (127.0.0.2) and sends chat turns and cart changes on each,
 * back to back. Meanwhile a normal customer (127.0.0.1, one screen) adds to the cart every
 * 250 ms and talks to the assistant every 2 s; every one of its requests is timed.
 *
 * Run twice: with the default limits (config.limits) and with the limits out of the way
 * (test/kit/limits.ts), so the numbers show what the limits buy. Reported per run: the
 * customer's requests, how many were answered ok (and refused by code), p50/p99 latency; the
 * flood's connections opened/refused, requests sent and answered ok.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WebSocket } from "ws";
import { startKioskServer } from "../../test/kit/kiosk-server.js";
import { unlimited } from "../../test/kit/limits.js";
import { startTestRedis } from "../../test/kit/redis.js";
import { percentile, round, type SuiteResult } from "../stats.js";

const floodConnections = 60;
const seconds = 10;
const worker = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "test",
  "kit",
  "flood-worker.ts",
);

type Answer = { ok: boolean; error?: { code: string } };

async function customer(wsUrl: string, origin: string, until: number) {
  const opening = process.hrtime.bigint();
  const socket = new WebSocket(wsUrl, { origin, localAddress: "127.0.0.1" });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const connectMs = Number(process.hrtime.bigint() - opening) / 1e6;
  const answers = new Map<number, (a: Answer) => void>();
  socket.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as { id?: number; result?: Answer };
    if (frame.result && typeof frame.id === "number") answers.get(frame.id)?.(frame.result);
  });
  let id = 0;
  const request = (channel: string, input: unknown) =>
    new Promise<Answer>((resolve) => {
      const n = ++id;
      answers.set(n, resolve);
      socket.send(JSON.stringify({ id: n, channel, input }));
    });
  const samples: number[] = [];
  const errors: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  const timed = async (channel: string, input: unknown) => {
    sent++;
    const start = process.hrtime.bigint();
    // A request not answered within 5 s counts as unanswered (a customer has given up by then).
    const answer = await Promise.race([
      request(channel, input),
      new Promise<Answer>((resolve) =>
        setTimeout(() => resolve({ ok: false, error: { code: "no_answer_5s" } }), 5_000),
      ),
    ]);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
    if (answer.ok) ok++;
    else errors[answer.error!.code] = (errors[answer.error!.code] ?? 0) + 1;
  };
  // Starting the session is the customer's first request, timed like the rest.
  await timed("session-start", {});
  const pending: Array<Promise<void>> = [];
  for (let tick = 0; Date.now() < until; tick++) {
    pending.push(timed("cart-add", { product_id: "42", quantity: 1 }));
    if (tick % 8 === 0) pending.push(timed("chat-send", { message: "what is in my cart?" }));
    if (tick % 40 === 39) pending.push(timed("cart-clear", {}));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await Promise.all(pending);
  socket.terminate();
  return { sent, ok, errors, samples, connectMs };
}

async function runOnce(name: string, env: Record<string, string>) {
  const redis = await startTestRedis();
  const server = await startKioskServer({ redisUrl: redis.url, env });
  const wsUrl = `${server.url.replace(/^http/, "ws")}/ws`;
  try {
    const flooder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        worker,
        wsUrl,
        server.url,
        "127.0.0.2",
        String(floodConnections),
        String(seconds + 1),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let floodOut = "";
    flooder.stdout.on("data", (chunk: Buffer) => (floodOut += chunk.toString()));
    const floodDone = new Promise((resolve) => flooder.once("exit", resolve));
    // Let the flood get going (tsx start-up) before the customer arrives.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const measured = await customer(wsUrl, server.url, Date.now() + seconds * 1000);
    await floodDone;
    const flood = JSON.parse(floodOut.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
    return {
      name,
      customer_connect_ms: round(measured.connectMs, 1),
      customer_requests: measured.sent,
      customer_answered_ok: measured.ok,
      customer_errors: measured.errors,
      customer_p50_ms: round(percentile(measured.samples, 50) / 1000, 2),
      customer_p99_ms: round(percentile(measured.samples, 99) / 1000, 2),
      flood_connections_opened: flood.opened,
      flood_connections_refused: flood.refused_connections,
      flood_requests_sent: flood.sent,
      flood_answered_ok: flood.ok,
      flood_errors: flood.errors,
    };
  } finally {
    await server.stop();
    await redis.stop();
  }
}

export async function run(): Promise<SuiteResult> {
  const results = [];
  results.push(await runOnce("default limits", {}));
  results.push(await runOnce("no limits", unlimited));
  return {
    suite: "flood",
    flood: { connections: floodConnections, from: "127.0.0.2", seconds },
    customer: { from: "127.0.0.1", cart_add_every_ms: 250, chat_every_ms: 2_000 },
    results,
  };
}
