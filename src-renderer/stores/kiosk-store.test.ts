import { describe, expect, it } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import { FakeKioskApi, memoryStorage } from "../test-support/fake-kiosk-api.js";
import {
  addedReply,
  appStatus,
  connectionStatus,
  bouquetLine,
  cartOf,
  sessionA,
  sessionB,
  sessionInfo,
} from "../test-support/fixtures.js";
import { createStores } from "./create-stores.js";
import { resumeTokenStorageKey, sessionStorageKey } from "./kiosk-store.js";

/** What the machine remembers of a session: its id and its resume token. */
const remembered = (sessionId: string) => ({
  [sessionStorageKey]: sessionId,
  [resumeTokenStorageKey]: sessionInfo(sessionId).resume_token,
});

describe("kiosk store: one session per customer", () => {
  it("resumes the remembered session after a restart and puts the customer back in the chat", async () => {
    const cart = cartOf(sessionA, [bouquetLine(2)]);
    const api = new FakeKioskApi({
      "app-status": () => appStatus(),
      "session-resume": (info) => info,
      "cart-get": () => cart,
      "chat-history": () => ({
        messages: [{ role: "user", content: "I want 2 balloon bouquets" }, addedReply(cart)],
      }),
    });
    const memory = memoryStorage(remembered(sessionA));
    const stores = createStores(api, { memory });
    await stores.kiosk.getState().boot();

    expect(api.callsTo("session-resume")).toEqual([sessionInfo(sessionA)]);
    expect(stores.kiosk.getState()).toMatchObject({ phase: "ready", sessionId: sessionA });
    expect(stores.cart.getState().itemCount).toBe(2);
    expect(stores.chat.getState().messages).toHaveLength(2);
    expect(stores.nav.getState().screen).toEqual({ name: "chat" });
  });

  it("forgets a remembered session the main process refuses, and waits on the welcome screen", async () => {
    const api = new FakeKioskApi({
      "app-status": () => appStatus(),
      "session-resume": () => {
        throw new AppError("invalid_input", "bad session");
      },
    });
    const memory = memoryStorage(remembered("session-garbage"));
    const stores = createStores(api, { memory });
    await stores.kiosk.getState().boot();
    expect(stores.kiosk.getState().sessionId).toBeNull();
    expect(memory.data.has(sessionStorageKey)).toBe(false);
    expect(memory.data.has(resumeTokenStorageKey)).toBe(false);
    expect(stores.nav.getState().screen).toEqual({ name: "welcome" });
  });

  it("does not try to resume a remembered id without its token (left by an older build)", async () => {
    const api = new FakeKioskApi({ "app-status": () => appStatus(), "session-resume": (info) => info });
    const stores = createStores(api, { memory: memoryStorage({ [sessionStorageKey]: sessionA }) });
    await stores.kiosk.getState().boot();
    expect(api.callsTo("session-resume")).toEqual([]);
    expect(stores.kiosk.getState().sessionId).toBeNull();
    expect(stores.nav.getState().screen).toEqual({ name: "welcome" });
  });

  it("keeps the session this window's connection already serves (a reload), resuming nothing", async () => {
    const api = new FakeKioskApi({
      "app-status": () => appStatus({ session_id: sessionB }),
      "session-resume": (info) => info,
      "cart-get": () => cartOf(sessionB, [bouquetLine(1)]),
      "chat-history": () => ({ messages: [] }),
    });
    const memory = memoryStorage(remembered(sessionA));
    const stores = createStores(api, { memory });
    await stores.kiosk.getState().boot();
    expect(api.callsTo("session-resume")).toEqual([]);
    expect(stores.kiosk.getState().sessionId).toBe(sessionB);
    expect(stores.cart.getState().itemCount).toBe(1);
    // The other session's token no longer belongs to this screen.
    expect(memory.data.size).toBe(0);
  });

  it("opens a session on Start and remembers only its id and resume token", async () => {
    const api = new FakeKioskApi({
      "app-status": () => appStatus(),
      "session-start": () => sessionInfo(sessionA),
      "cart-get": () => cartOf(sessionA, []),
    });
    const memory = memoryStorage();
    const stores = createStores(api, { memory });
    await stores.kiosk.getState().boot();
    await stores.kiosk.getState().start();
    expect(stores.kiosk.getState().sessionId).toBe(sessionA);
    expect(Object.fromEntries(memory.data)).toEqual(remembered(sessionA));
    expect(stores.nav.getState().screen).toEqual({ name: "chat" });
  });

  it("starts over with a new session, an empty chat and cart, on the welcome screen", async () => {
    let next = sessionA;
    const api = new FakeKioskApi({
      "app-status": () => appStatus({ session_id: sessionA }),
      "session-resume": (info) => info,
      "session-start": () => sessionInfo(next),
      "cart-get": () => cartOf(next, next === sessionA ? [bouquetLine(2)] : []),
      "chat-history": () => ({ messages: [{ role: "user", content: "hello" }] }),
    });
    const memory = memoryStorage();
    const stores = createStores(api, { memory });
    await stores.kiosk.getState().boot();
    expect(stores.cart.getState().itemCount).toBe(2);

    next = sessionB;
    await stores.kiosk.getState().startOver();
    expect(stores.kiosk.getState().sessionId).toBe(sessionB);
    expect(memory.data.get(sessionStorageKey)).toBe(sessionB);
    expect(memory.data.get(resumeTokenStorageKey)).toBe(sessionInfo(sessionB).resume_token);
    expect(stores.chat.getState().messages).toEqual([]);
    expect(stores.cart.getState().itemCount).toBe(0);
    expect(stores.nav.getState().screen).toEqual({ name: "welcome" });

    // The previous customer's cart may still change (staff at the counter): not shown here.
    api.emit("cart-changed", { session_id: sessionA, cart: cartOf(sessionA, [bouquetLine(9)]) });
    expect(stores.cart.getState().itemCount).toBe(0);
  });

  it("takes idle times from the page address only outside kiosk mode", async () => {
    const overrides = { idleTimeoutSeconds: 3, idleCountdownSeconds: 2 };
    const plain = createStores(new FakeKioskApi({ "app-status": () => appStatus() }), {
      memory: memoryStorage(),
      overrides,
    });
    await plain.kiosk.getState().boot();
    expect(plain.kiosk.getState().ui).toEqual({
      kioskMode: false,
      maxQuantityPerLine: 99,
      checkoutStartOverSeconds: 60,
      receiptPrinter: false,
      ...overrides,
    });

    const kiosk = createStores(
      new FakeKioskApi({ "app-status": () => appStatus({}, { kiosk_mode: true }) }),
      {
        memory: memoryStorage(),
        overrides,
      },
    );
    await kiosk.kiosk.getState().boot();
    expect(kiosk.kiosk.getState().ui).toEqual({
      kioskMode: true,
      idleTimeoutSeconds: 120,
      idleCountdownSeconds: 15,
      maxQuantityPerLine: 99,
      checkoutStartOverSeconds: 60,
      receiptPrinter: false,
    });
  });

  it("says why it cannot start when the main process does not answer", async () => {
    const stores = createStores(new FakeKioskApi({}), { memory: memoryStorage() });
    await stores.kiosk.getState().boot();
    expect(stores.kiosk.getState()).toMatchObject({ phase: "failed" });
    expect(stores.kiosk.getState().bootError).toBeTruthy();
  });

  it("shows connection-status as it arrives", async () => {
    const api = new FakeKioskApi({ "app-status": () => appStatus() });
    const stores = createStores(api, { memory: memoryStorage() });
    await stores.kiosk.getState().boot();
    api.emit("connection-status", connectionStatus("down"));
    expect(stores.kiosk.getState().connection?.redis).toBe("down");
  });
});
