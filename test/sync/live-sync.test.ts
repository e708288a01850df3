import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Cart } from "../../src-shared/cart.js";
import type { SessionInfo } from "../../src-shared/contract.js";
import { appRoot } from "../../src-main/config/config.js";
import type { Connection } from "../../src-main/sync/connection-registry.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { ExternalWriter } from "../kit/external-writer.js";
import { RawClient, sleep, startShell, type Shell } from "../kit/shell-harness.js";

let redis: TestRedis;
let shell: Shell;
let writer: ExternalWriter;
beforeAll(async () => {
  redis = await startTestRedis();
  writer = ExternalWriter.start(redis.url);
});
afterAll(async () => {
  await writer?.stop();
  await redis?.stop();
});

/** Two screens showing one customer's cart, and a third showing another customer's. */
async function screens() {
  const a1 = await RawClient.connect(shell.wsUrl);
  const a2 = await RawClient.connect(shell.wsUrl);
  const b = await RawClient.connect(shell.wsUrl);
  const started = await a1.ok<SessionInfo>("session-start");
  const session = started.session_id;
  await a2.ok("session-resume", started);
  const { session_id: other } = await b.ok<{ session_id: string }>("session-start");
  const closeAll = () => Promise.all([a1.close(), a2.close(), b.close()]);
  return { a1, a2, b, session, other, closeAll };
}

const cartChanges = (client: RawClient, session: string) =>
  client.eventsOf("cart-changed").filter((e) => e.session_id === session);

/**
 * A write of several commands by another system is sent at its first command and once more for
 * the rest: at most two events, the last holding the final cart.
 */
function expectAtMostTwoEndingWith(client: RawClient, session: string, final: (cart: Cart) => boolean) {
  const events = cartChanges(client, session);
  expect(events.length).toBeGreaterThanOrEqual(1);
  expect(events.length).toBeLessThanOrEqual(2);
  expect(final(events.at(-1)!.cart)).toBe(true);
}

// Both ways of listening (src-main/sync/session-watch.ts) keep every promise below.
describe.each(["tracking", "keyspace"] as const)("live cart-changed (%s)", (mechanism) => {
  beforeAll(async () => {
    shell = await startShell({ redis, services: { syncMechanism: mechanism } });
    expect(shell.services.sync.mechanism).toBe(mechanism);
  });
  afterAll(async () => {
    await shell?.close();
  });

  it("a web-channel write from another process (plain HSET/SADD, no publish) reaches the screens of that cart only", async () => {
    const { a1, a2, b, session, closeAll } = await screens();
    await writer.write({ op: "add", session, item: "42_web", quantity: 3 });
    for (const client of [a1, a2]) {
      const event = await client.waitForEvent("cart-changed", (e) => e.cart.item_count === 3);
      expect(event.session_id).toBe(session);
      expect(event.cart.items).toEqual([
        expect.objectContaining({
          item_id: "42_web",
          product_id: "42",
          quantity: 3,
          price: 60_000,
          line_total: 180_000,
        }),
      ]);
    }
    await sleep(150);
    // The write was seven commands on three keys: each screen got its first change at once and
    // the rest in one more event at most.
    expectAtMostTwoEndingWith(a1, session, (cart) => cart.item_count === 3);
    expectAtMostTwoEndingWith(a2, session, (cart) => cart.item_count === 3);
    expect(b.eventsOf("cart-changed")).toEqual([]);
    await closeAll();
  });

  it("a removal and a quantity change by the web channel arrive as the new cart", async () => {
    const { a1, session, closeAll } = await screens();
    await writer.write({ op: "add", session, item: "42_a", quantity: 1 });
    await writer.write({
      op: "add",
      session,
      item: "45_b",
      quantity: 2,
      product_id: "45",
      name: "Happy Birthday Balloon",
      price: "12000",
    });
    await a1.waitForEvent("cart-changed", (e) => e.cart.items.length === 2);
    await writer.write({ op: "quantity", session, item: "45_b", quantity: 5 });
    await a1.waitForEvent("cart-changed", (e) => e.cart.item_count === 6);
    // Events after the removal only: the first add alone was a one-line cart too.
    const before = a1.events.length;
    await writer.write({ op: "remove", session, item: "42_a" });
    const last = await a1.waitForEvent("cart-changed", (e) => e.cart.items.length === 1, 5_000, before);
    expect(last.cart).toMatchObject({ item_count: 5, cart_total: 60_000 });
    await closeAll();
  });

  it("a burst of writes (33 commands) gives at most two events, the last with the final cart", async () => {
    const { a1, session, closeAll } = await screens();
    await writer.write({ op: "burst", session, item: "42_burst", count: 10 });
    const event = await a1.waitForEvent("cart-changed", (e) => e.cart.items.length === 10);
    expect(event.cart.item_count).toBe(10);
    await sleep(150);
    expectAtMostTwoEndingWith(a1, session, (cart) => cart.items.length === 10);
    await closeAll();
  });

  it("a change by the cart service (the assistant's tools use it) reaches every screen of that cart, not others", async () => {
    const { a1, a2, b, session, closeAll } = await screens();
    await shell.services.cart.addItem(session, {
      product_id: "43",
      quantity: 2,
      options: { colour: "Blue" },
    });
    for (const client of [a1, a2]) {
      const event = await client.waitForEvent("cart-changed", (e) => e.cart.item_count === 2);
      expect(event.cart.items[0]).toMatchObject({ product_id: "43", configuration: { colour: "Blue" } });
    }
    await sleep(100);
    expect(cartChanges(a1, session)).toHaveLength(1);
    expect(b.eventsOf("cart-changed")).toEqual([]);
    await closeAll();
  });

  it("a change made on another screen reaches every screen of that cart, including the one that made it", async () => {
    const { a1, a2, b, session, closeAll } = await screens();
    const answer = await a2.ok<Cart>("cart-add", { product_id: "45", quantity: 4 });
    expect(answer.item_count).toBe(4);
    await a1.waitForEvent("cart-changed", (e) => e.cart.item_count === 4);
    await a2.waitForEvent("cart-changed", (e) => e.cart.item_count === 4);
    await sleep(100);
    expect(cartChanges(a1, session)).toHaveLength(1);
    expect(b.eventsOf("cart-changed")).toEqual([]);
    await closeAll();
  });

  it("a change made with kioskctl (another process, through the cart service) reaches the screens", async () => {
    const { a1, a2, b, session, closeAll } = await screens();
    await promisify(execFile)(
      process.execPath,
      [
        path.join(appRoot, "node_modules", "tsx", "dist", "cli.mjs"),
        "src-main/cli/kioskctl.ts",
        "cart",
        "add",
        session,
        "47",
        "--qty",
        "1",
        "--json",
      ],
      { cwd: appRoot, env: { ...process.env, REDIS_URL: shell.redis.url } },
    );
    for (const client of [a1, a2]) {
      const event = await client.waitForEvent("cart-changed", (e) => e.cart.item_count === 1);
      expect(event.cart.items[0]).toMatchObject({ product_id: "47", price: 18_000 });
    }
    expect(b.eventsOf("cart-changed")).toEqual([]);
    await closeAll();
  });

  it("ignores keys that are not the cart's (the assistant's chat memory)", async () => {
    const { a1, session, closeAll } = await screens();
    await writer.write({ op: "chat", session });
    await sleep(150);
    expect(cartChanges(a1, session)).toEqual([]);
    await closeAll();
  });

  it("stops sending to a screen that moved on to a new customer", async () => {
    const { a1, a2, session, closeAll } = await screens();
    const { session_id: next } = await a2.ok<{ session_id: string }>("session-start");
    expect(next).not.toBe(session);
    await writer.write({ op: "add", session, item: "42_old", quantity: 1 });
    await a1.waitForEvent("cart-changed");
    await sleep(100);
    expect(a2.eventsOf("cart-changed")).toEqual([]);
    await closeAll();
  });

  it("costs a kiosk nothing for carts it does not show: another customer's, or its own previous one", async () => {
    const screen = await RawClient.connect(shell.wsUrl);
    const { session_id: previous } = await screen.ok<SessionInfo>("session-start");
    const { session_id: current } = await screen.ok<SessionInfo>("session-start");
    const elsewhere = "session-0f0f0f0f-0000-4000-8000-00000000e15e";
    const reads = await cartReadsBy(redis.url, async () => {
      for (let i = 1; i <= 10; i++) {
        await writer.write({ op: "add", session: elsewhere, item: "42_web", quantity: i });
        await writer.write({ op: "add", session: previous, item: "42_web", quantity: i });
      }
      await writer.write({ op: "add", session: current, item: "42_web", quantity: 1 });
      await screen.waitForEvent("cart-changed", (e) => e.session_id === current);
    });
    // The app read the shown cart, and never the two carts nobody here shows.
    expect(reads.get(current)).toBeGreaterThan(0);
    expect(reads.get(elsewhere)).toBeUndefined();
    expect(reads.get(previous)).toBeUndefined();
    expect(screen.eventsOf("cart-changed").every((e) => e.session_id === current)).toBe(true);
    await screen.close();
  });

  it("a cart that expires empties on the screen", async () => {
    const { a1, session, closeAll } = await screens();
    await writer.write({ op: "add", session, item: "42_brief", quantity: 1 });
    await a1.waitForEvent("cart-changed", (e) => e.cart.item_count === 1);
    const admin = redis.client();
    for (const key of await admin.keys(`cart:${session}*`)) await admin.pexpire(key, 30);
    await a1.waitForEvent("cart-changed", (e) => e.cart.item_count === 0);
    await closeAll();
  });

  it("two WhatsApp carts whose numbers start alike, shown side by side, each reach their own screen", async () => {
    // WhatsApp sessions are shown by staff screens, not resumed by a kiosk: registered directly.
    const short = "wa_256700111";
    const long = "wa_2567001112";
    const screen = (id: number, sessionId: string) => {
      const seen: Cart[] = [];
      const connection: Connection = {
        id,
        sessionId,
        emit: (event, payload) => {
          if (event === "cart-changed") seen.push((payload as { cart: Cart }).cart);
        },
      };
      return { connection, seen };
    };
    const x = screen(91_001, short);
    const y = screen(91_002, long);
    const registry = shell.services.registry;
    registry.add(x.connection);
    registry.add(y.connection);
    await shell.services.sync.settled();
    await writer.write({ op: "add", session: long, item: "42_wa", quantity: 2 });
    await vi.waitFor(() => expect(y.seen.at(-1)?.item_count).toBe(2));
    await writer.write({ op: "add", session: short, item: "42_wa", quantity: 3 });
    await vi.waitFor(() => expect(x.seen.at(-1)?.item_count).toBe(3));
    // The longer number stays heard when the shorter one is no longer shown.
    registry.remove(x.connection);
    await shell.services.sync.settled();
    await writer.write({ op: "quantity", session: long, item: "42_wa", quantity: 4 });
    await vi.waitFor(() => expect(y.seen.at(-1)?.item_count).toBe(4));
    expect(x.seen.every((cart) => cart.session_id === short)).toBe(true);
    expect(y.seen.every((cart) => cart.session_id === long)).toBe(true);
    registry.remove(y.connection);
  });
});

/** How many cart scripts (the app's reads and writes) named each session while `call` ran, from MONITOR. */
async function cartReadsBy(url: string, call: () => Promise<unknown>): Promise<Map<string, number>> {
  const monitorClient = new Redis(url);
  const monitor = await monitorClient.monitor();
  const reads = new Map<string, number>();
  monitor.on("monitor", (_time: string, args: string[]) => {
    if (!/^eval/i.test(args[0] ?? "")) return;
    const session = args.map((a) => /^cart:([^:]+)$/.exec(a)?.[1]).find(Boolean);
    if (session) reads.set(session, (reads.get(session) ?? 0) + 1);
  });
  try {
    await call();
    await sleep(100);
    return reads;
  } finally {
    monitor.disconnect();
    monitorClient.disconnect();
  }
}

describe("live sync on a Redis that forbids CONFIG (as managed services do)", () => {
  beforeAll(async () => {
    const admin = redis.client();
    await admin.config("SET", "notify-keyspace-events", "");
    // A user that may do everything but CONFIG, and one that may not use CLIENT either.
    await admin.call("ACL", "SETUSER", "kiosk", "on", ">secret", "~*", "&*", "+@all", "-config");
    await admin.call("ACL", "SETUSER", "locked", "on", ">secret", "~*", "&*", "+@all", "-config", "-client");
  });
  afterAll(async () => {
    await redis.client().config("SET", "notify-keyspace-events", "Khgx$");
  });
  const as = (user: string) => ({ ...redis, url: redis.url.replace("redis://", `redis://${user}:secret@`) });

  it("still shows the web channel's writes live, through client tracking, with no warning", async () => {
    const restricted = await startShell({ redis: as("kiosk") });
    try {
      expect(restricted.services.status.get()).toMatchObject({ redis: "up", keyspace_notifications: true });
      expect(restricted.services.sync.mechanism).toBe("tracking");
      const client = await RawClient.connect(restricted.wsUrl);
      const { session_id: session } = await client.ok<{ session_id: string }>("session-start");
      await writer.write({ op: "add", session, item: "42_web", quantity: 2 });
      await client.waitForEvent("cart-changed", (e) => e.cart.item_count === 2);
      expect(restricted.logs.join("\n")).not.toMatch(/CONFIG SET/);
      await client.close();
    } finally {
      await restricted.close();
    }
  });

  it("without CLIENT TRACKING either: reports keyspace_notifications=false with a log line, and still relays the cart service's changes", async () => {
    const restricted = await startShell({ redis: as("locked") });
    try {
      // Reported once the sync has connected; under load that can trail start-up, so wait for it.
      await vi.waitFor(
        () => {
          expect(restricted.services.status.get()).toMatchObject({
            redis: "up",
            keyspace_notifications: false,
          });
          expect(restricted.logs.join("\n")).toMatch(/does not allow `CONFIG SET notify-keyspace-events`/);
        },
        { timeout: 10_000, interval: 20 },
      );

      const client = await RawClient.connect(restricted.wsUrl);
      expect(await client.waitForEvent("connection-status")).toMatchObject({ keyspace_notifications: false });
      const { session_id } = await client.ok<{ session_id: string }>("session-start");
      await restricted.services.cart.addItem(session_id, { product_id: "42", quantity: 1, options: {} });
      await client.waitForEvent("cart-changed", (e) => e.cart.item_count === 1);
      await client.close();
    } finally {
      await restricted.close();
    }
  });
});
