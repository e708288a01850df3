import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Cart } from "../../src-shared/cart.js";
import type { SessionInfo } from "../../src-shared/contract.js";
import { appRoot } from "../../src-main/config/config.js";
import { ExternalWriter } from "../kit/external-writer.js";
import { RawClient, sleep, startShell, type Shell } from "../kit/shell-harness.js";

let shell: Shell;
let writer: ExternalWriter;
beforeAll(async () => {
  shell = await startShell();
  writer = ExternalWriter.start(shell.redis.url);
});
afterAll(async () => {
  await writer?.stop();
  await shell?.close();
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

describe("live cart-changed", () => {
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
    // The write touched seven keys' worth of notifications; each screen got exactly one event.
    expect(cartChanges(a1, session)).toHaveLength(1);
    expect(cartChanges(a2, session)).toHaveLength(1);
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
    await writer.write({ op: "remove", session, item: "42_a" });
    const last = await a1.waitForEvent("cart-changed", (e) => e.cart.items.length === 1);
    expect(last.cart).toMatchObject({ item_count: 5, cart_total: 60_000 });
    await closeAll();
  });

  it("a burst of writes (33 commands) gives one event with the final cart", async () => {
    const { a1, session, closeAll } = await screens();
    await writer.write({ op: "burst", session, item: "42_burst", count: 10 });
    const event = await a1.waitForEvent("cart-changed", (e) => e.cart.items.length === 10);
    expect(event.cart.item_count).toBe(10);
    await sleep(150);
    expect(cartChanges(a1, session)).toHaveLength(1);
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
});

describe("live sync on a Redis that forbids CONFIG (as managed services do)", () => {
  it("reports keyspace_notifications=false with a log line, and still relays the cart service's changes", async () => {
    const admin = shell.redis.client();
    // A user that may do everything but CONFIG, on a server with notifications off.
    await admin.call("ACL", "SETUSER", "kiosk", "on", ">secret", "~*", "&*", "+@all", "-config");
    await admin.config("SET", "notify-keyspace-events", "");
    const restricted = await startShell({
      redis: { ...shell.redis, url: shell.redis.url.replace("redis://", "redis://kiosk:secret@") },
    });
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
      await admin.config("SET", "notify-keyspace-events", "Khgx$");
      await restricted.close();
    }
  });
});
