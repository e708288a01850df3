import { describe, expect, it, vi } from "vitest";
import type { Cart } from "../../src-shared/cart.js";
import { AppError } from "../../src-shared/errors.js";
import { bootedStores } from "../test-support/render.js";
import { deferred, FakeKioskApi } from "../test-support/fake-kiosk-api.js";
import { bouquetLine, cartOf, line, sessionA, sessionB } from "../test-support/fixtures.js";
import { addKey, DOUBLE_TAP_MS, initialCartState, lineKey } from "./cart-store.js";

describe("cart store", () => {
  it("shows the main process's cart after a refresh", async () => {
    const api = new FakeKioskApi({ "cart-get": () => cartOf(sessionA, [bouquetLine(2)]) });
    const { cart } = (await bootedStores(api, sessionA)).stores;
    await cart.getState().refresh();
    expect(cart.getState()).toMatchObject({ loaded: true, itemCount: 2, total: 120000, currency: "UGX" });
    expect(cart.getState().items.map((l) => l.name)).toEqual(["Balloon Bouquet"]);
  });

  it("marks an add as pending while it is in flight and sends a double tap only once", async () => {
    const answer = deferred<Cart>();
    const api = new FakeKioskApi({ "cart-add": () => answer.promise });
    const { cart } = (await bootedStores(api, sessionA)).stores;

    const first = cart.getState().add({ product_id: "42", quantity: 1 });
    const second = cart.getState().add({ product_id: "42", quantity: 1 });
    expect(cart.getState().pending[addKey("42")]).toBe("add");
    expect(api.callsTo("cart-add")).toHaveLength(1);
    expect(await second).toBeUndefined();

    answer.resolve(cartOf(sessionA, [bouquetLine(1)]));
    expect(await first).toMatchObject({ item_count: 1 });
    expect(cart.getState().pending).toEqual({});
    expect(cart.getState().itemCount).toBe(1);
  });

  it("takes a second tap on the same Add within DOUBLE_TAP_MS of the first for a double tap", async () => {
    // The first add has long answered when a finger's second tap lands (100-300 ms later).
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      const api = new FakeKioskApi({ "cart-add": () => cartOf(sessionA, [bouquetLine(1)]) });
      const { cart } = (await bootedStores(api, sessionA)).stores;
      const add = (options = {}) => cart.getState().add({ product_id: "42", quantity: 1, options });

      expect(await add()).toMatchObject({ item_count: 1 });
      vi.advanceTimersByTime(200);
      expect(await add()).toBeUndefined();
      // Another choice of the same product is another item, not a double tap.
      expect(await add({ colour: "gold" })).toBeDefined();
      vi.advanceTimersByTime(DOUBLE_TAP_MS);
      expect(await add()).toBeDefined();
      expect(api.callsTo("cart-add")).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the cart as it was and says why when a request fails", async () => {
    const api = new FakeKioskApi({
      "cart-get": () => cartOf(sessionA, [bouquetLine(2)]),
      "cart-update-quantity": () => {
        throw new AppError("quantity_limit", "You can have at most 99 of one item in the cart.");
      },
    });
    const { cart } = (await bootedStores(api, sessionA)).stores;
    const before = cart.getState().items;

    expect(await cart.getState().updateQuantity("42_abc", 500)).toBe(false);
    expect(cart.getState().items).toBe(before);
    expect(cart.getState().itemCount).toBe(2);
    expect(cart.getState().error).toBe("You can have at most 99 of one item in the cart.");
    expect(cart.getState().pending).toEqual({});
  });

  it("never shows internals of an unexpected failure", async () => {
    const api = new FakeKioskApi({
      "cart-remove": () => {
        throw new TypeError("Cannot read properties of undefined (reading 'hgetall')");
      },
    });
    const { cart } = (await bootedStores(api, sessionA)).stores;
    await cart.getState().remove("42_abc");
    expect(cart.getState().error).toMatch(/^Something went wrong/);
  });

  it("follows cart-changed events for its own session only", async () => {
    const api = new FakeKioskApi();
    const { cart } = (await bootedStores(api, sessionA)).stores;

    api.emit("cart-changed", { session_id: sessionB, cart: cartOf(sessionB, [bouquetLine(5)]) });
    expect(cart.getState().itemCount).toBe(0);

    api.emit("cart-changed", { session_id: sessionA, cart: cartOf(sessionA, [bouquetLine(3)]) });
    expect(cart.getState().itemCount).toBe(3);
  });

  it("does not let a late answer overwrite a newer cart from an event", async () => {
    const answer = deferred<Cart>();
    const api = new FakeKioskApi({ "cart-update-quantity": () => answer.promise });
    const { cart } = (await bootedStores(api, sessionA)).stores;

    const update = cart.getState().updateQuantity("42_abc", 2);
    // Another kiosk changed the cart after our update ran; its event arrives before our answer.
    const newer = cartOf(sessionA, [bouquetLine(2), line({ item_id: "12_x", name: "Sunflower Bunch" })]);
    api.emit("cart-changed", { session_id: sessionA, cart: newer });
    answer.resolve(cartOf(sessionA, [bouquetLine(2)]));
    await update;

    expect(cart.getState().items.map((l) => l.name)).toEqual(["Balloon Bouquet", "Sunflower Bunch"]);
  });

  it("marks the line being changed and lets other lines change meanwhile", async () => {
    const removal = deferred<Cart>();
    const api = new FakeKioskApi({
      "cart-remove": () => removal.promise,
      "cart-update-quantity": () => cartOf(sessionA, [bouquetLine(1)]),
    });
    const { cart } = (await bootedStores(api, sessionA)).stores;
    const removing = cart.getState().remove("12_x");
    expect(cart.getState().pending).toEqual({ [lineKey("12_x")]: "remove" });
    expect(await cart.getState().updateQuantity("42_abc", 1)).toBe(true);
    removal.resolve(cartOf(sessionA, [bouquetLine(1)]));
    expect(await removing).toBe(true);
  });

  it("reset() returns to the initial state and ignores answers for the old session", async () => {
    const answer = deferred<Cart>();
    const api = new FakeKioskApi({
      "cart-get": () => cartOf(sessionA, [bouquetLine(2)]),
      "cart-add": () => answer.promise,
    });
    const { cart } = (await bootedStores(api, sessionA)).stores;
    const adding = cart.getState().add({ product_id: "42", quantity: 1 });
    cart.getState().reset();
    answer.resolve(cartOf(sessionA, [bouquetLine(3)]));
    await adding;
    expect(cart.getState()).toMatchObject(initialCartState);
  });

  it("sends an action tapped again after 'unavailable' with the same operation id, and a new action with a new one", async () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      let reachable = false;
      const answer = () => {
        if (!reachable) throw new AppError("cart_unavailable", "The cart service is unavailable right now.");
        return cartOf(sessionA, [bouquetLine(1)]);
      };
      const api = new FakeKioskApi({ "cart-add": answer, "cart-remove": answer });
      const { cart } = (await bootedStores(api, sessionA)).stores;
      const ids = () =>
        api.callsTo("cart-add").map((input) => (input as { operation_id: string }).operation_id);
      const tap = async () => {
        vi.advanceTimersByTime(DOUBLE_TAP_MS);
        return cart.getState().add({ product_id: "42", quantity: 1 });
      };

      expect(await tap()).toBeUndefined();
      expect(await tap()).toBeUndefined();
      // Another quantity is another action.
      vi.advanceTimersByTime(DOUBLE_TAP_MS);
      await cart.getState().add({ product_id: "42", quantity: 2 });
      reachable = true;
      expect(await tap()).toBeDefined();
      const [first, second, otherQuantity, retried] = ids();
      expect(second).toBe(first);
      expect(retried).toBe(first);
      expect(otherQuantity).not.toBe(first);
      // Answered: the next tap is a new add.
      await tap();
      expect(ids()[4]).not.toBe(first);

      // A refusal (nothing written) is settled too: the next tap gets a new id.
      reachable = false;
      await cart.getState().remove("42_abc");
      reachable = true;
      await cart.getState().remove("42_abc");
      const removals = api
        .callsTo("cart-remove")
        .map((input) => (input as { operation_id: string }).operation_id);
      expect(removals[1]).toBe(removals[0]);
    } finally {
      vi.useRealTimers();
    }
  });
});
