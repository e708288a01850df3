import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "../../src-shared/contract.js";
import { operationKey } from "../../src-main/cart/cart-keys.js";
import { itemIdFor } from "../../src-main/cart/item-id.js";
import { ExternalWriter } from "../kit/external-writer.js";
import { startSentinelRig, waitForReplicas, waitUntil, type SentinelRig } from "../kit/sentinel.js";
import { RawClient, startShell, type Shell } from "../kit/shell-harness.js";

/**
 * A shop on Redis Sentinel (real processes: a primary, two replicas, three sentinels) loses its
 * primary while two kiosk processes add to one cart as fast as customers can tap, and a screen of
 * this app shows that cart. Every add is acknowledged only once a replica holds it
 * (REDIS_WAIT_REPLICAS=1), and retried with its own operation id when the answer is "unavailable",
 * as the screen does. Afterwards: every acknowledged add is in the cart exactly once (the cart's
 * quantity equals the number of operations recorded, and every acknowledged operation is
 * recorded), writes resumed within 10 s, and the screen is live again.
 *
 * A third kiosk process places orders throughout (a new customer each time: add, quote, place with
 * one idempotency key, retried as the screen does): every acknowledged order is in Redis exactly
 * once, with its own number, and no customer has two.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const addWorker = path.join(here, "..", "kit", "failover-add-worker.ts");
const orderWorker = path.join(here, "..", "kit", "failover-order-worker.ts");
const bouquet = itemIdFor("42", {});

let rig: SentinelRig;
let shell: Shell;
let env: Record<string, string>;

beforeAll(async () => {
  rig = await startSentinelRig({ replicas: 2 });
  env = { ...rig.env, REDIS_WAIT_REPLICAS: "1", REDIS_WAIT_TIMEOUT_MS: "500" };
  // REDIS_URL empty: the app finds the primary through the sentinels only.
  shell = await startShell({ redis: rig.asTestRedis(), env: { REDIS_URL: "", ...env } });
}, 60_000);
afterAll(async () => {
  await shell?.close();
  await rig?.stop();
}, 60_000);

interface Outcome {
  ok: boolean;
  at_ms: number;
  error?: string;
}

interface AddOutcome extends Outcome {
  op: string;
  attempts: number;
  replayed?: boolean;
}

interface OrderOutcome extends Outcome {
  session: string;
  key: string;
  order_id?: string;
  number?: string;
}

interface Worker<O extends Outcome = Outcome> {
  tag: string;
  child: ChildProcess;
  outcomes: O[];
  stderr: () => string;
  stop(): Promise<void>;
}

async function startWorker<O extends Outcome>(
  script: string,
  args: string[],
  tag: string,
): Promise<Worker<O>> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args, tag], {
    cwd: path.resolve(here, "..", ".."),
    env: { ...process.env, ...env, REDIS_URL: "", DEBUG: process.env.FAILOVER_DEBUG ?? "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const outcomes: O[] = [];
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line === "ready") ready();
    else outcomes.push(JSON.parse(line) as O);
  });
  const exited = once(child, "exit");
  await Promise.race([
    isReady,
    exited.then(([code]) => {
      throw new Error(`worker ${tag} exited with ${code}: ${stderr}`);
    }),
  ]);
  return {
    tag,
    child,
    outcomes,
    stderr: () => stderr,
    async stop() {
      child.stdin!.write("stop\n");
      await exited;
    },
  };
}

/** What a worker did, for a failure message: a timeout alone says nothing about why. */
function describeWorker(w: Worker, before: number): string {
  const acked = w.outcomes.filter((o) => o.ok).length;
  const last = w.outcomes.at(-1);
  return [
    `worker ${w.tag}: ${acked} acknowledged (${acked - before} since the fault), ${w.outcomes.length} settled,`,
    `exit ${w.child.exitCode ?? "none"}, last ${JSON.stringify(last)}, stderr: ${w.stderr().slice(-6_000) || "(empty)"}`,
  ].join(" ");
}

/** The longest time between two acknowledged adds of one worker (ms). */
function longestSilence(outcomes: Outcome[]): number {
  const acked = outcomes.filter((o) => o.ok).map((o) => o.at_ms);
  let longest = 0;
  for (let i = 1; i < acked.length; i++) longest = Math.max(longest, acked[i]! - acked[i - 1]!);
  return longest;
}

/** Runs the burst, applies `fault` to the primary mid-burst, and checks every promise of a failover. */
async function burstThroughFailover(fault: (primaryPort: number) => Promise<void>) {
  const screen = await RawClient.connect(shell.wsUrl);
  const { session_id: session } = await screen.ok<SessionInfo>("session-start");
  const workers = await Promise.all([
    startWorker<AddOutcome>(addWorker, [session], "kiosk-a"),
    startWorker<AddOutcome>(addWorker, [session], "kiosk-b"),
  ]);
  const placing = await startWorker<OrderOutcome>(orderWorker, [], "kiosk-c");
  const all: Worker[] = [...workers, placing];
  try {
    for (const w of all) w.child.stdin!.write("go\n");
    const acks = (w: Worker) => w.outcomes.filter((o) => o.ok).length;
    // The order worker's rounds are slower (three steps each): it needs fewer to prove the point.
    const wanted = (w: Worker) => (w === placing ? 5 : 20);
    await waitUntil(
      async () => all.every((w) => acks(w) >= wanted(w)),
      20_000,
      "adds and orders from each kiosk",
    );

    const primary = await rig.primaryPort();
    const before = all.map(acks);
    await fault(primary);
    const promoted = await rig.waitForNewPrimary(primary);
    expect(promoted).not.toBe(primary);
    // Every kiosk goes on adding and placing on the new primary.
    await waitUntil(
      async () => all.every((w, i) => acks(w) >= before[i]! + wanted(w)),
      20_000,
      "more adds and orders from each kiosk after the failover",
      () => [...all.map((w, i) => describeWorker(w, before[i]!)), rig.logTail()].join("\n"),
    );
    await Promise.all(all.map((w) => w.stop()));

    const outcomes = workers.flatMap((w) => w.outcomes);
    // Every add was acknowledged in the end (retried with its operation id while unavailable).
    expect(
      outcomes.filter((o) => !o.ok),
      workers.map((w) => w.stderr()).join("\n"),
    ).toEqual([]);
    // Writes resumed within 10 s of the fault.
    for (const w of all) expect(longestSilence(w.outcomes)).toBeLessThan(10_000);

    // Exactly once: the line's quantity is the number of operations the scripts recorded, and
    // every acknowledged operation is among them.
    const admin = rig.client();
    const recorded = await Promise.all(
      outcomes.map(async (o) => (await admin.exists(operationKey(session, o.op))) === 1),
    );
    expect(recorded.every(Boolean)).toBe(true);
    const quantity = Number(await admin.hget(`cart:${session}:item:${bouquet}`, "quantity"));
    expect(quantity).toBe(outcomes.length);

    // The screen is right without a reload: its latest cart holds every add...
    const last = await screen.waitForEvent("cart-changed", (e) => e.cart.item_count === quantity, 10_000);
    expect(last.cart.items).toEqual([expect.objectContaining({ item_id: bouquet, quantity })]);
    // ...and a write by another system, straight into the new primary, still reaches it.
    const writer = ExternalWriter.start(`redis://127.0.0.1:${promoted}/1`);
    const mark = screen.events.length;
    await writer.write({ op: "add", session, item: "45_web", quantity: 2, product_id: "45" });
    await screen.waitForEvent("cart-changed", (e) => e.cart.item_count === quantity + 2, 10_000, mark);
    await writer.stop();
    await checkOrders(admin, placing.outcomes);
    admin.disconnect();
    return { outcomes, promoted, replayed: outcomes.filter((o) => o.replayed).length };
  } finally {
    for (const w of all) w.child.kill("SIGKILL");
    await screen.close();
  }
}

/** Orders through a failover: every placement acknowledged, in Redis once, one number each, one per customer. */
async function checkOrders(admin: Redis, outcomes: OrderOutcome[]) {
  expect(
    outcomes.filter((o) => !o.ok),
    "every placement was acknowledged in the end",
  ).toEqual([]);
  const ids = outcomes.map((o) => o.order_id!);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(outcomes.map((o) => o.number)).size).toBe(outcomes.length);
  for (const o of outcomes) {
    expect(await admin.hget(`order:${o.order_id}`, "session_id"), `order ${o.number} is in Redis`).toBe(
      o.session,
    );
    expect(await admin.get(`order:idem:${o.session}:${o.key}`)).toBe(o.order_id);
  }
  // No customer has a second order: each session's ids in the day indexes are exactly its one.
  const days = await admin.keys("orders:day:*");
  const indexed = (await Promise.all(days.map((d) => admin.zrange(d, 0, -1)))).flat();
  const sessionOf = await Promise.all(indexed.map((id) => admin.hget(`order:${id}`, "session_id")));
  for (const o of outcomes) expect(sessionOf.filter((s) => s === o.session)).toHaveLength(1);
}

describe(
  "Redis Sentinel failover under a burst of adds from two kiosk processes",
  { timeout: 120_000 },
  () => {
    it("the app found its primary through the sentinels and listens there", () => {
      expect(shell.services.redisUrl).toMatch(/^sentinel:\/\/kiosk@127\.0\.0\.1:\d+,/);
      expect(shell.services.status.get()).toMatchObject({ redis: "up", keyspace_notifications: true });
    });

    it("a killed primary: no acknowledged add lost, none applied twice, writes back within 10 s, the screen live again", async () => {
      let killed = 0;
      await burstThroughFailover(async (primary) => {
        killed = primary;
        rig.node(primary).handle.process.kill("SIGKILL");
      });
      // The old primary comes back as a replica of the new one (for the next test's failover).
      await rig.restart(killed);
      await waitForReplicas(await rig.primaryPort(), 2, 30_000);
    });

    it("a paused primary (SIGSTOP), which ioredis's failover detector must notice: the same promises", async () => {
      let paused = 0;
      try {
        await burstThroughFailover(async (primary) => {
          paused = primary;
          rig.node(primary).handle.process.kill("SIGSTOP");
        });
      } finally {
        // Resumed, the old primary is told by the sentinels that it is a replica now.
        if (paused) rig.node(paused).handle.process.kill("SIGCONT");
      }
    });
  },
);
