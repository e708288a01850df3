import { act, cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import type { Order } from "../../src-shared/order.js";
import {
  anOrder,
  counterApi,
  counterStatus,
  paidInCash,
  staffSession,
  today,
  type CounterHandlers,
} from "../test-support/fake-counter-api.js";
import { cartOf, line, sessionA, tshirt } from "../test-support/fixtures.js";
import { CounterApp } from "./app.js";
import { CounterStoresProvider } from "./stores/counter-context.js";
import { createCounterStores } from "./stores/create-counter-stores.js";

// The renderer project runs without vitest globals, so Testing Library cannot clean up by itself.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function renderCounter(handlers: CounterHandlers = {}) {
  const api = counterApi(handlers);
  const arrivals: Order[] = [];
  const stores = createCounterStores(api, { onArrival: (order) => arrivals.push(order) });
  await stores.staff.getState().boot();
  render(
    <CounterStoresProvider stores={stores}>
      <CounterApp />
    </CounterStoresProvider>,
  );
  return { api, stores, arrivals };
}

/** Signed in as `role`, with `orders` in the queue. */
async function signedIn(
  orders: Order[] = [],
  role: "cashier" | "manager" = "cashier",
  handlers: CounterHandlers = {},
) {
  const rig = await renderCounter({
    "counter-status": () => counterStatus(staffSession({ role })),
    "counter-queue": () => ({ day: today, orders, last_event_id: "1700000000000-0" }),
    ...handlers,
  });
  await screen.findByRole("heading", { name: "Orders" });
  return rig;
}

describe("signing in at the counter", () => {
  it("signs in with name and PIN; a wrong PIN empties the field, and a locked name is said plainly", async () => {
    let tries = 0;
    const { api } = await renderCounter({
      "counter-sign-in": ({ name, pin }) => {
        tries++;
        if (tries === 6)
          throw new AppError("rate_limited", `Too many wrong PINs: ${name} is locked for 5 minutes.`);
        if (pin !== "4321" || tries < 6) throw new AppError("forbidden", "That name and PIN do not match.");
        return staffSession({ name });
      },
    });
    const user = userEvent.setup();
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Amina");
    for (let i = 0; i < 5; i++) {
      await user.type(screen.getByLabelText("PIN"), "1111");
      await user.click(screen.getByRole("button", { name: "Sign in" }));
      expect(await screen.findByText("That name and PIN do not match.")).toBeTruthy();
      expect((screen.getByLabelText("PIN") as HTMLInputElement).value).toBe("");
    }
    await user.type(screen.getByLabelText("PIN"), "4321");
    await user.keyboard("{Enter}");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Too many wrong PINs: Amina is locked for 5 minutes.",
    );
    expect(api.callsTo("counter-sign-in")).toHaveLength(6);
    expect(api.callsTo("counter-sign-in").at(-1)).toEqual({ name: "Amina", pin: "4321" });
  });

  it("opens the queue after signing in, with who is signed in and Sign out", async () => {
    const { api } = await renderCounter();
    const user = userEvent.setup();
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Amina");
    await user.type(screen.getByLabelText("PIN"), "4321");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Orders" })).toBeTruthy();
    expect(screen.getByText("Amina")).toBeTruthy();
    expect(api.callsTo("counter-queue")).toHaveLength(1);
    // A cashier has no day report.
    expect(screen.queryByRole("button", { name: "Today" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(api.callsTo("counter-sign-out")).toHaveLength(1);
  });
});

describe("the live order queue", () => {
  it("shows an order placed at a kiosk at once, with a notification and the chime; Review order opens it", async () => {
    const { api, arrivals } = await signedIn([anOrder({ number: "K-001" })]);
    expect(screen.getByRole("button", { name: "Open order K-001" })).toBeTruthy();
    const placed = anOrder({ number: "K-002", total: 60000 });
    act(() =>
      api.emit("counter-order-event", { event_id: "1700000000001-0", kind: "placed", order: placed }),
    );

    const news = screen.getByRole("region", { name: "New orders" });
    expect(within(news).getByText("New order K-002")).toBeTruthy();
    expect(arrivals.map((o) => o.number)).toEqual(["K-002"]);
    expect(screen.getByRole("button", { name: /To pay\s*2/ })).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Review order K-002" }));
    expect(await screen.findByRole("heading", { name: "Order K-002" })).toBeTruthy();
    expect(within(news).queryByText("New order K-002")).toBeNull();
  });

  it("opens an order scanned while nothing is focused, as a USB scanner types it", async () => {
    const order = anOrder({ number: "K-007" });
    const { api } = await signedIn([], "cashier", { "counter-order-find": () => order });
    await userEvent.keyboard("K-007{Enter}");
    expect(await screen.findByRole("heading", { name: "Order K-007" })).toBeTruthy();
    expect(api.callsTo("counter-order-find")).toEqual([{ query: "K-007" }]);
  });

  it("finds an order typed or scanned into the search box", async () => {
    const order = anOrder({ number: "K-003" });
    const { api } = await signedIn([], "cashier", { "counter-order-find": () => order });
    await userEvent.type(
      screen.getByRole("searchbox", { name: "Order number, QR code or cart reference" }),
      `order:${order.order_id}{Enter}`,
    );
    expect(await screen.findByRole("heading", { name: "Order K-003" })).toBeTruthy();
    expect(api.callsTo("counter-order-find")).toEqual([{ query: `order:${order.order_id}` }]);
  });
});

describe("taking payment", () => {
  it("takes cash: the change due is exact, and less than the total cannot be confirmed", async () => {
    const order = anOrder({ number: "K-001" });
    const { api } = await signedIn([order], "cashier", {
      "counter-order-pay": ({ payment }) => paidInCash(order, payment.tendered!),
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Open order K-001" }));
    await user.click(screen.getByRole("button", { name: "Take payment" }));
    const form = screen.getByRole("form", { name: "Take payment" });
    expect(within(form).getByRole("radio", { name: "Cash" })).toHaveProperty("checked", true);

    await user.type(within(form).getByRole("textbox", { name: "Amount tendered" }), "150,000");
    expect(within(form).getByText(/UGX\s30,000 short/)).toBeTruthy();
    expect(within(form).getByRole("button", { name: "Confirm payment" })).toHaveProperty("disabled", true);

    await user.clear(within(form).getByRole("textbox", { name: "Amount tendered" }));
    await user.type(within(form).getByRole("textbox", { name: "Amount tendered" }), "200000");
    expect(within(form).getByRole("status").textContent).toMatch(/Change due\s*UGX\s20,000/);
    await user.click(within(form).getByRole("button", { name: "Confirm payment" }));

    expect(await screen.findByText(/Paid in cash\. Change due/)).toBeTruthy();
    expect(api.callsTo("counter-order-pay")).toEqual([
      { order: order.order_id, payment: { method: "cash", tendered: 200000 } },
    ]);
    const detail = screen.getByRole("region", { name: "Order K-001" });
    expect(within(detail).getByText("Paid")).toBeTruthy();
    expect(within(detail).getByRole("button", { name: "Mark ready" })).toBeTruthy();
    expect(within(detail).getByRole("button", { name: "Mark collected" })).toBeTruthy();
  });

  it("takes a card with the slip reference, and says who already paid when another counter was first", async () => {
    const order = anOrder({ number: "K-001" });
    const { api } = await signedIn([order], "cashier", {
      "counter-order-pay": () => {
        throw new AppError("not_allowed", "Already paid at Counter 2 by Joseph.");
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Open order K-001" }));
    await user.click(screen.getByRole("button", { name: "Take payment" }));
    await user.click(screen.getByRole("radio", { name: "Card" }));
    await user.click(screen.getByRole("button", { name: "Confirm payment" }));
    expect(screen.getByText("Enter the card slip's reference.")).toBeTruthy();
    expect(api.callsTo("counter-order-pay")).toEqual([]);

    await user.type(screen.getByRole("textbox", { name: "Card slip reference" }), "SLIP-0042");
    await user.click(screen.getByRole("button", { name: "Confirm payment" }));
    expect(await screen.findByText("Already paid at Counter 2 by Joseph.")).toBeTruthy();
    expect(api.callsTo("counter-order-pay")).toEqual([
      { order: order.order_id, payment: { method: "card", reference: "SLIP-0042" } },
    ]);
  });

  it("follows a payment made at another counter without a reload", async () => {
    const order = anOrder({ number: "K-001" });
    const { api } = await signedIn([order]);
    await userEvent.click(screen.getByRole("button", { name: "Open order K-001" }));
    const paid = paidInCash(order, 200000, staffSession({ name: "Joseph", terminal: "Counter 2" }));
    act(() => api.emit("counter-order-event", { event_id: "1700000000002-0", kind: "paid", order: paid }));
    const detail = screen.getByRole("region", { name: "Order K-001" });
    expect(within(detail).getByText(/Joseph at Counter 2/)).toBeTruthy();
    expect(within(detail).queryByRole("button", { name: "Take payment" })).toBeNull();
  });
});

describe("manager actions", () => {
  it("cancels with a reason (managers only), recording the refund owed on a paid order", async () => {
    const order = paidInCash(anOrder({ number: "K-004" }), 180000);
    const cancelled: Order = {
      ...order,
      status: "cancelled",
      cancellation: {
        reason: "Out of stock",
        refund_due: 180000,
        recorded_by: { staff: "Amina" },
        at: "2026-12-03T12:00:00.000Z",
      },
      updated_at: "2026-12-03T12:00:00.000Z",
    };
    const { api } = await signedIn([order], "manager", { "counter-order-cancel": () => cancelled });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: /To hand over/ }));
    await user.click(screen.getByRole("button", { name: "Open order K-004" }));
    await user.click(screen.getByRole("button", { name: "Cancel order" }));
    expect(screen.getByText(/cancelling records a refund owed of UGX\s180,000/)).toBeTruthy();
    await user.type(screen.getByRole("textbox", { name: "Reason for cancelling" }), "Out of stock");
    await user.click(screen.getByRole("button", { name: "Confirm cancellation" }));
    expect(await screen.findByText(/refund owed UGX\s180,000/)).toBeTruthy();
    expect(api.callsTo("counter-order-cancel")).toEqual([{ order: order.order_id, reason: "Out of stock" }]);
  });

  it("shows the day report with exact totals", async () => {
    await signedIn([], "manager", {
      "counter-day-report": () => ({
        day: today,
        currency: "UGX",
        order_count: 3,
        payments: [
          { method: "cash", count: 2, total: 240000 },
          { method: "card", count: 1, total: 60000 },
        ],
        paid_total: 300000,
        cash_expected: 180000,
        cancelled: {
          count: 1,
          refunds_owed: 60000,
          orders: [{ number: "K-003", reason: "Changed mind", refund_due: 60000, by: "Amina" }],
        },
        unpaid: { count: 1, total: 45000, numbers: ["K-005"] },
        by_status: { placed: 1, paid: 1, ready: 0, collected: 1, delivered: 0, cancelled: 1 },
      }),
    });
    await userEvent.click(screen.getByRole("button", { name: "Today" }));
    expect(await screen.findByRole("heading", { name: `Day report · ${today}` })).toBeTruthy();
    const summary = screen.getByRole("region", { name: "Summary" });
    expect(within(summary).getByText("Cash expected in the drawer").nextSibling?.textContent).toMatch(
      /UGX\s180,000/,
    );
    expect(screen.getByText("K-005")).toBeTruthy();
  });
});

describe("the shop's kiosks at the counter", () => {
  it("lists every kiosk and counter from their heartbeats, a silent one first and said to be silent", async () => {
    const member = {
      host: "till",
      app_version: "0.1.0",
      last_seen: "2026-12-03T09:00:00+00:00",
      redis: "up",
      assistant_mode: "offline",
    } as const;
    await signedIn([], "cashier", {
      "counter-fleet": () => ({
        members: [
          {
            ...member,
            id: "kiosk-entrance",
            role: "kiosk",
            seconds_since_seen: 4,
            silent: false,
            in_use: true,
          },
          {
            ...member,
            id: "counter-1",
            role: "counter",
            seconds_since_seen: 9,
            silent: false,
            in_use: false,
          },
          {
            ...member,
            id: "kiosk-window",
            role: "kiosk",
            seconds_since_seen: 95,
            silent: true,
            in_use: false,
          },
        ],
      }),
    });
    await userEvent.click(screen.getByRole("button", { name: "Kiosks" }));
    const list = await screen.findByRole("region", { name: "3 in the shop, 1 silent" });
    const rows = within(list).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getByRole("rowheader").textContent)).toEqual([
      "kiosk-window",
      "counter-1",
      "kiosk-entrance",
    ]);
    expect(within(rows[0]!).getByText("Silent")).toBeTruthy();
    expect(within(rows[0]!).getByText("1 min ago")).toBeTruthy();
    expect(within(rows[2]!).getByText("Serving a customer")).toBeTruthy();
  });
});

describe("a customer's cart at the counter", () => {
  it("finds a cart by its reference, changes a quantity and removes a line, and follows the kiosk's changes", async () => {
    const bouquet = line({ item_id: "42_abc", name: "Balloon Bouquet", quantity: 2 });
    const hats = line({ item_id: "7_hat", name: "Party Hats", price: 5000 });
    const { api } = await signedIn([], "cashier", {
      "counter-cart-find": () => ({
        carts: [{ session_id: sessionA, reference: "555555", cart: cartOf(sessionA, [bouquet, hats]) }],
      }),
      "counter-cart-open": () => cartOf(sessionA, [bouquet, hats]),
      "counter-cart-set-quantity": ({ quantity }) =>
        cartOf(sessionA, [{ ...bouquet, quantity, line_total: quantity * bouquet.price }, hats]),
      "counter-cart-remove": () => cartOf(sessionA, [{ ...bouquet, quantity: 3, line_total: 180000 }]),
    });
    const user = userEvent.setup();
    await user.type(
      screen.getByRole("searchbox", { name: "Order number, QR code or cart reference" }),
      "555555{Enter}",
    );
    expect(await screen.findByRole("heading", { name: "Cart 555555" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Increase quantity of Balloon Bouquet" }));
    expect(await screen.findByText(/UGX\s180,000/, { selector: "td" })).toBeTruthy();
    expect(api.callsTo("counter-cart-set-quantity")).toEqual([
      { session_id: sessionA, item_id: "42_abc", quantity: 3 },
    ]);

    await user.click(screen.getByRole("button", { name: "Remove Party Hats" }));
    await vi.waitFor(() => expect(screen.queryByText("Party Hats")).toBeNull());

    // The customer adds hats again at the kiosk.
    act(() =>
      api.emit("counter-cart-changed", {
        session_id: sessionA,
        cart: cartOf(sessionA, [{ ...bouquet, quantity: 3, line_total: 180000 }, hats]),
      }),
    );
    expect(screen.getByText("Party Hats")).toBeTruthy();
  });
});

describe("placing an order for a customer at the counter", () => {
  it("adds a product with options and places the order with the quote's fingerprint, once per attempt", async () => {
    const shirt = line({
      item_id: "81_m",
      name: "Birthday T-Shirt",
      price: 30000,
      quantity: 2,
      configuration: { size: "M", colour: "White" },
    });
    const placed = anOrder({ number: "K-009", total: 60000 });
    let cart = cartOf(sessionA, []);
    const { api, stores } = await signedIn([], "cashier", {
      "counter-cart-find": () => ({ carts: [{ session_id: sessionA, reference: "555555", cart }] }),
      "counter-cart-open": () => cart,
      "counter-catalog-search": () => ({
        products: [
          {
            id: "81",
            name: "Birthday T-Shirt",
            category: "8",
            image_url: "",
            price: 30000,
            available: true,
            has_options: true,
          },
        ],
      }),
      "counter-catalog-product": () => tshirt,
      "counter-cart-add": () => (cart = cartOf(sessionA, [shirt])),
      "counter-checkout-quote": () => ({
        session_id: sessionA,
        currency: "UGX",
        lines: [
          {
            item_id: shirt.item_id,
            product_id: "81",
            variant_id: "81-m-white",
            name: shirt.name,
            configuration: { size: "M", colour: "White" },
            price: 30000,
            quantity: 2,
            line_total: 60000,
            image_url: "",
          },
        ],
        subtotal: 60000,
        item_count: 2,
        changes: [],
        orderable: true,
        fingerprint: `${"a".repeat(40)}-${"b".repeat(16)}`,
        fulfilment: { collection: true, delivery: [] },
      }),
      "counter-order-place": () => ({ order: placed, created: true }),
    });
    const user = userEvent.setup();
    await stores.find("555555");
    expect(await screen.findByRole("heading", { name: "Cart 555555" })).toBeTruthy();

    await user.type(screen.getByRole("searchbox", { name: "Search products" }), "shirt{Enter}");
    await user.click(await screen.findByRole("button", { name: "Choose options of Birthday T-Shirt" }));
    const picker = screen.getByRole("form", { name: "Options of Birthday T-Shirt" });
    // M in Blue is sold out: picking Blue with M keeps the shopper out of a combination not made.
    await user.selectOptions(within(picker).getByRole("combobox", { name: "Size" }), "M");
    expect(within(picker).getByRole("option", { name: "Blue (sold out)" })).toHaveProperty("disabled", true);
    await user.click(within(picker).getByRole("button", { name: "Increase quantity of Birthday T-Shirt" }));
    await user.click(within(picker).getByRole("button", { name: "Add to cart" }));
    expect(api.callsTo("counter-cart-add")).toEqual([
      { session_id: sessionA, product_id: "81", options: { size: "M", colour: "White" }, quantity: 2 },
    ]);
    expect(await screen.findByText("Birthday T-Shirt", { selector: "td" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Place order" }));
    await user.click(await screen.findByRole("button", { name: "Confirm order" }));
    expect(await screen.findByRole("heading", { name: "Order K-009" })).toBeTruthy();
    const [placeInput] = api.callsTo("counter-order-place") as Array<{ idempotency_key: string }>;
    expect(placeInput).toMatchObject({
      session_id: sessionA,
      fingerprint: `${"a".repeat(40)}-${"b".repeat(16)}`,
      fulfilment: { type: "collection" },
    });
    expect(placeInput!.idempotency_key).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("signing out", () => {
  it("signs out by itself when unused, and the next person sees nothing of the last one's work", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const order = anOrder({ number: "K-001" });
    const { api, stores } = await signedIn([order]);
    await userEvent.click(screen.getByRole("button", { name: "Open order K-001" }));
    act(() => void vi.advanceTimersByTime(571_000));
    expect(screen.getByRole("alertdialog", { name: "Still working here?" })).toBeTruthy();
    act(() => void vi.advanceTimersByTime(31_000));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(api.callsTo("counter-sign-out")).toHaveLength(1);
    expect(stores.order.getState().order).toBeNull();
    expect(stores.queue.getState().orders).toEqual({});
  });

  it("asks to sign in again, and says why, when the link dropped and the new connection is signed out", async () => {
    const { api } = await signedIn();
    act(() => api.link(false));
    expect(screen.getByText(/This counter has lost its connection/)).toBeTruthy();
    api.handlers["counter-status"] = () => counterStatus(null);
    act(() => api.link(true));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByText(/The connection to the shop's system dropped/)).toBeTruthy();
  });

  it("says why when the main process signed the terminal out", async () => {
    const { api } = await signedIn();
    act(() =>
      api.emit("counter-signed-out", { reason: "idle", message: "Signed out after 10 minutes without use." }),
    );
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(screen.getByText("Signed out after 10 minutes without use.")).toBeTruthy();
  });
});
