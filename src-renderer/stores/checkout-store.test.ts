import { describe, expect, it } from "vitest";
import type { RequestOutput } from "../../src-shared/contract.js";
import { AppError } from "../../src-shared/errors.js";
import { bootedStores } from "../test-support/render.js";
import { deferred, FakeKioskApi } from "../test-support/fake-kiosk-api.js";
import { fingerprint, orderOf, quoteOf, sessionA, sessionB } from "../test-support/fixtures.js";
import {
  cartChangedNotice,
  createCheckoutStore,
  emptyDetails,
  initialCheckoutState,
  placeInput,
} from "./checkout-store.js";

type Placed = RequestOutput<"order-place">;

async function checkoutWith(api: FakeKioskApi) {
  api.handlers["checkout-quote"] ??= () => quoteOf();
  const { stores } = await bootedStores(api, sessionA);
  await stores.checkout.getState().open();
  return stores;
}

const keys = (api: FakeKioskApi) =>
  api.callsTo("order-place").map((input) => (input as { idempotency_key: string }).idempotency_key);

describe("checkout store", () => {
  it("opens with a fresh quote and collection at the counter chosen", async () => {
    const stores = await checkoutWith(new FakeKioskApi());
    expect(stores.checkout.getState()).toMatchObject({
      step: "review",
      quote: { subtotal: 120000, fingerprint },
      receive: { type: "collection" },
    });
  });

  it("places once with one key for a double tap, sending the fingerprint the customer reviewed", async () => {
    const answer = deferred<Placed>();
    const api = new FakeKioskApi({ "order-place": () => answer.promise });
    const stores = await checkoutWith(api);
    const { checkout } = stores;
    checkout.getState().continueToReceive();
    const first = checkout.getState().place();
    expect(await checkout.getState().place()).toBe(false);
    expect(api.callsTo("order-place")).toEqual([
      {
        fingerprint,
        idempotency_key: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string,
        fulfilment: { type: "collection" },
        contact: {},
      },
    ]);
    answer.resolve({ order: orderOf(), created: true });
    expect(await first).toBe(true);
    expect(checkout.getState()).toMatchObject({ step: "confirmation", order: { number: "K-042" } });
  });

  it("retries after 'unavailable' with the same key (the order may exist), and the cart is left alone", async () => {
    let reachable = false;
    const api = new FakeKioskApi({
      "order-place": () => {
        if (!reachable) throw new AppError("cart_unavailable", "The cart service is unavailable right now.");
        return { order: orderOf(), created: false };
      },
    });
    const stores = await checkoutWith(api);
    const { checkout } = stores;
    expect(await checkout.getState().place()).toBe(false);
    expect(checkout.getState()).toMatchObject({
      step: "review",
      error: "The cart service is unavailable right now.",
      placing: false,
    });
    expect(api.callsTo("cart-clear")).toEqual([]);
    reachable = true;
    expect(await checkout.getState().place()).toBe(true);
    const [first, retry] = keys(api);
    expect(retry).toBe(first);
  });

  it("a cart changed since the quote: says so, quotes again, and the next tap is a new attempt with a new key", async () => {
    let changed = true;
    const api = new FakeKioskApi({
      "checkout-quote": () => quoteOf(changed ? {} : { subtotal: 180000 }),
      "order-place": () => {
        if (changed) {
          changed = false;
          throw new AppError("cart_changed", "Your cart changed: please check it again.");
        }
        return { order: orderOf(), created: true };
      },
    });
    const stores = await checkoutWith(api);
    const { checkout } = stores;
    checkout.getState().continueToReceive();
    expect(await checkout.getState().place()).toBe(false);
    expect(checkout.getState()).toMatchObject({
      step: "review",
      notice: cartChangedNotice,
      quote: { subtotal: 180000 },
    });
    expect(api.callsTo("checkout-quote")).toHaveLength(2);
    checkout.getState().continueToReceive();
    expect(await checkout.getState().place()).toBe(true);
    const [refused, placed] = keys(api);
    expect(placed).not.toBe(refused);
  });

  it("checks the delivery details before sending: phone normalised, missing fields named", async () => {
    const api = new FakeKioskApi({ "order-place": () => ({ order: orderOf(), created: true }) });
    const { checkout } = await checkoutWith(api);
    checkout.getState().chooseReceive({ type: "delivery", optionId: "kampala-central" });
    checkout.getState().setField("phone", "0701");
    expect(await checkout.getState().place()).toBe(false);
    expect(api.callsTo("order-place")).toEqual([]);
    expect(checkout.getState().fieldErrors).toEqual({
      phone: expect.stringContaining("international format") as unknown as string,
      area: "enter the area (e.g. Kololo)",
      street: "enter a street or landmark",
    });
    checkout.getState().setField("phone", "+256 701 618576");
    checkout.getState().setField("area", "Kololo");
    checkout.getState().setField("street", "Plot 12 Acacia Avenue");
    expect(checkout.getState().fieldErrors).toEqual({});
    expect(await checkout.getState().place()).toBe(false);
    expect(checkout.getState().fieldErrors).toEqual({
      recipient: "Enter the name of the person who receives the delivery.",
    });
    checkout.getState().setField("name", "Nakato");
    expect(await checkout.getState().place()).toBe(true);
    expect(api.callsTo("order-place")[0]).toMatchObject({
      fulfilment: {
        type: "delivery",
        option_id: "kampala-central",
        address: { area: "Kololo", street: "Plot 12 Acacia Avenue" },
      },
      contact: { name: "Nakato", phone: "+256701618576" },
    });
  });

  it("collection needs neither name nor phone, but a phone given must be a real one", () => {
    expect(placeInput({ type: "collection" }, emptyDetails)).toEqual({
      input: { fulfilment: { type: "collection" }, contact: {} },
    });
    expect(placeInput({ type: "collection" }, { ...emptyDetails, phone: "12" })).toMatchObject({
      errors: { phone: expect.stringContaining("+256") as unknown as string },
    });
  });

  it("follows order-changed for the order on screen only, and start over forgets it", async () => {
    const api = new FakeKioskApi({ "order-place": () => ({ order: orderOf(), created: true }) });
    const stores = await checkoutWith(api);
    await stores.checkout.getState().place();
    api.emit("order-changed", {
      order: orderOf({ order_id: "9b7c2f9e-3d1a-4c5b-9e8f-1a2b3c4d5e6f", status: "cancelled" }),
    });
    api.emit("order-changed", { order: orderOf({ session_id: sessionB, status: "cancelled" }) });
    expect(stores.checkout.getState().order?.status).toBe("placed");
    api.emit("order-changed", { order: orderOf({ status: "paid" }) });
    expect(stores.checkout.getState().order?.status).toBe("paid");

    api.handlers["session-start"] = () => ({ session_id: sessionB, resume_token: "t" });
    await stores.kiosk.getState().startOver();
    expect(stores.checkout.getState()).toMatchObject(initialCheckoutState);
  });

  it("prints on the receipt printer when the main process can, else with the browser's print", async () => {
    let printed = 0;
    const api = new FakeKioskApi({
      "order-place": () => ({ order: orderOf(), created: true }),
      "receipt-print": () => ({ printed: false }),
    });
    api.handlers["checkout-quote"] = () => quoteOf();
    const checkout = createCheckoutStore({ api, newKey: () => "attempt-0001", print: () => printed++ });
    await checkout.getState().open();
    await checkout.getState().place();
    await checkout.getState().printReceipt();
    expect(printed).toBe(1);
    api.handlers["receipt-print"] = () => ({ printed: true });
    await checkout.getState().printReceipt();
    expect(printed).toBe(1);
    expect(api.callsTo("order-place")).toMatchObject([{ idempotency_key: "attempt-0001" }]);
  });
});
