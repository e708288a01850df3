import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cart } from "../../src-shared/cart.js";
import type { SessionInfo } from "../../src-shared/contract.js";
import { chatKey } from "../../src-main/assistant/chat-memory.js";
import { RawClient, sleep, startShell, type Shell } from "../kit/shell-harness.js";

/**
 * A screen's session over the WebSocket, as a hostile client would try it: a session id alone
 * never opens a cart, a reset forgets the conversation, and a client cannot spend the assistant
 * without limit.
 */

let shell: Shell;
beforeAll(async () => {
  // A tight chat limit, so the test shows the limit without racing the refill.
  shell = await startShell({
    env: { MAX_QUANTITY_PER_LINE: "25" },
    services: { chatRateLimit: { burst: 2, refillMs: 60_000 } },
  });
});
afterAll(async () => {
  await shell?.close();
});

const refused = { ok: false, error: { code: "forbidden", message: "This session cannot be resumed here." } };

describe("resuming a session", () => {
  it("refuses a token copied from the previous customer once the kiosk started over (#14)", async () => {
    const kiosk = await RawClient.connect(shell.wsUrl);
    const previous = await kiosk.ok<SessionInfo>("session-start");
    await kiosk.ok("cart-add", { product_id: "42", quantity: 2 });
    // Before the start-over, another screen of the same customer may resume.
    const sameCustomer = await RawClient.connect(shell.wsUrl);
    expect(await sameCustomer.ok<SessionInfo>("session-resume", previous)).toEqual(previous);
    await sameCustomer.close();

    const next = await kiosk.ok<SessionInfo>("session-start");
    expect(next.session_id).not.toBe(previous.session_id);
    const copier = await RawClient.connect(shell.wsUrl);
    expect(await copier.request("session-resume", previous)).toEqual(refused);
    expect(await copier.request("cart-get", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // The new customer's own token still works.
    expect(await copier.ok<SessionInfo>("session-resume", next)).toEqual(next);
    expect((await copier.ok<Cart>("cart-get")).item_count).toBe(0);
    await Promise.all([kiosk.close(), copier.close()]);
  });

  it("refuses another customer's session id without its token, or with a wrong one, and reveals nothing", async () => {
    const customer = await RawClient.connect(shell.wsUrl);
    const started = await customer.ok<SessionInfo>("session-start");
    await customer.ok("cart-add", { product_id: "42", quantity: 2 });

    const attacker = await RawClient.connect(shell.wsUrl);
    const mine = await attacker.ok<SessionInfo>("session-start");
    const myCart = await attacker.ok<Cart>("cart-add", { product_id: "45", quantity: 1 });

    // No token at all: the contract requires one.
    expect(await attacker.request("session-resume", { session_id: started.session_id })).toMatchObject({
      ok: false,
      error: { code: "invalid_input", message: expect.stringMatching(/resume_token/) },
    });
    // Wrong tokens: a made-up one, the attacker's own, a truncated real one.
    for (const resume_token of ["A".repeat(43), mine.resume_token, started.resume_token.slice(0, 20)]) {
      expect(
        await attacker.request("session-resume", { session_id: started.session_id, resume_token }),
      ).toEqual(refused);
    }
    // The same answer for a session that does not exist, and for WhatsApp ids (never resumed from a screen).
    expect(
      await attacker.request("session-resume", {
        session_id: "session-00000000-0000-4000-8000-00000000dead",
        resume_token: "A".repeat(43),
      }),
    ).toEqual(refused);
    expect(
      await attacker.request("session-resume", {
        session_id: "wa_256701618576",
        resume_token: mine.resume_token,
      }),
    ).toEqual(refused);

    // The attacker's connection still shows its own cart, and hears nothing of the customer's.
    expect(await attacker.ok<Cart>("cart-get")).toEqual(myCart);
    await customer.ok("cart-add", { product_id: "42", quantity: 1 });
    await customer.waitForEvent("cart-changed", (e) => e.cart.item_count === 3);
    await sleep(100);
    expect(attacker.eventsOf("cart-changed").filter((e) => e.session_id !== mine.session_id)).toEqual([]);

    // A fresh connection that was refused has no session at all.
    const stranger = await RawClient.connect(shell.wsUrl);
    expect(await stranger.request("session-resume", { ...started, resume_token: mine.resume_token })).toEqual(
      refused,
    );
    expect(await stranger.request("cart-get", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });

    // With its token the session resumes (another screen of the same customer, or after a reconnect).
    expect(await stranger.ok<SessionInfo>("session-resume", started)).toEqual(started);
    expect((await stranger.ok<Cart>("cart-get")).item_count).toBe(3);
    await Promise.all([customer.close(), attacker.close(), stranger.close()]);
  });

  it("keeps tokens valid across a restart of the app (the secret stays in the data folder)", async () => {
    const client = await RawClient.connect(shell.wsUrl);
    const started = await client.ok<SessionInfo>("session-start");
    const again = await startShell({ redis: shell.redis, env: { DATA_DIR: shell.dataDir } });
    try {
      const other = await RawClient.connect(again.wsUrl);
      expect(await other.ok<SessionInfo>("session-resume", started)).toEqual(started);
      await other.close();
    } finally {
      await again.close();
      await client.close();
    }
  });
});

describe("the next customer (session-start on a screen that has a session)", () => {
  it("clears the previous conversation and keeps the previous cart for its TTL", async () => {
    const screen = await RawClient.connect(shell.wsUrl);
    const first = await screen.ok<SessionInfo>("session-start");
    await screen.ok("chat-send", { message: "I want 2 balloon bouquets" });
    expect(await shell.services.assistant.history(first.session_id)).toHaveLength(2);

    const next = await screen.ok<SessionInfo>("session-start");
    expect(next.session_id).not.toBe(first.session_id);
    expect(await shell.services.assistant.history(first.session_id)).toEqual([]);
    const admin = shell.redis.client();
    expect(await admin.exists(chatKey(first.session_id))).toBe(0);
    const oldCart = await shell.services.cart.getCart(first.session_id);
    expect(oldCart.item_count).toBe(2);
    expect(await admin.ttl(`cart:${first.session_id}:items`)).toBeGreaterThan(0);
    // The new customer starts with an empty conversation.
    expect(await screen.ok("chat-history")).toEqual({ messages: [] });
    await screen.close();
  });
});

describe("chat-send over the WebSocket", () => {
  it("is limited per connection, refused with a typed error a customer understands", async () => {
    const screen = await RawClient.connect(shell.wsUrl);
    await screen.ok("session-start");
    await screen.ok("chat-send", { message: "hello" });
    await screen.ok("chat-send", { message: "show my cart" });
    expect(await screen.request("chat-send", { message: "hello?" })).toEqual({
      ok: false,
      error: {
        code: "rate_limited",
        message: "You're sending messages very quickly — please wait a moment.",
      },
    });
    const other = await RawClient.connect(shell.wsUrl);
    await other.ok("session-start");
    expect(await other.request("chat-send", { message: "hello" })).toMatchObject({ ok: true });
    await Promise.all([screen.close(), other.close()]);
  });
});

describe("app-status", () => {
  it("carries MAX_QUANTITY_PER_LINE for the quantity steppers", async () => {
    const client = await RawClient.connect(shell.wsUrl);
    expect(await client.request("app-status", {})).toMatchObject({
      ok: true,
      value: { ui: { max_quantity_per_line: 25 } },
    });
    await client.close();
  });
});

describe("start-up warnings", () => {
  it("starts openai mode without a key offline, and logs why", async () => {
    const online = await startShell({ redis: shell.redis, env: { ASSISTANT_MODE: "openai" } });
    try {
      expect(online.services.assistant.status().mode).toBe("offline");
      expect(online.logs.join("\n")).toMatch(
        /warn config: ASSISTANT_MODE is openai but OPENAI_API_KEY is not set/,
      );
    } finally {
      await online.close();
    }
  });
});
