import type { Redis } from "ioredis";
import {
  ORDER_QR_PREFIX,
  type CounterParsedInput,
  type CounterRequestChannel,
  type CounterRequestOutput,
  type FleetMember,
} from "../../src-shared/counter-contract.js";
import { AppError } from "../../src-shared/errors.js";
import { OrderNumberSchema, type Order, type StaffActor } from "../../src-shared/order.js";
import { CartReferenceSchema, cartReference } from "../../src-shared/session.js";
import type { Catalog } from "../catalog/catalog.js";
import type { CartService } from "../cart/cart-service.js";
import type { CartReferenceIndex } from "../cart/cart-reference-index.js";
import { listFleet } from "../fleet/fleet-list.js";
import type { Logger } from "../infra/logger.js";
import { buildDayReport } from "../orders/day-report.js";
import { checkoutKey } from "../orders/order-keys.js";
import type { OrderService } from "../orders/order-service.js";
import type { StaffAudit, AuditAction } from "../staff/staff-audit.js";
import type { StaffStore } from "../staff/staff-store.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import type { CounterConnection } from "./counter-connection.js";
import { latestEventId } from "./order-queue-follower.js";

/** What the counter's handlers need, passed in (the composition root gives the real services). */
export interface CounterServices {
  redis: Redis;
  catalog: Catalog;
  cart: Pick<CartService, "getCart" | "addItem" | "updateQuantity" | "removeItem">;
  orders: Pick<
    OrderService,
    "find" | "list" | "pay" | "markReady" | "collect" | "deliver" | "cancel" | "quote" | "place" | "today"
  >;
  staff: Pick<StaffStore, "signIn">;
  audit: Pick<StaffAudit, "record">;
  references: Pick<CartReferenceIndex, "sessions">;
  status: Pick<ConnectionStatusMonitor, "get">;
  idleTimeoutSeconds: number;
  receiptPrinter?: string;
  log: Logger;
}

export type CounterHandlers = {
  [C in CounterRequestChannel]: (
    input: CounterParsedInput<C>,
    connection: CounterConnection,
  ) => Promise<CounterRequestOutput<C>>;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An order reference as typed or scanned: the QR text becomes its order id; numbers and ids pass. */
export function orderReferenceOf(text: string): string {
  const trimmed = text.trim();
  if (trimmed.toLowerCase().startsWith(ORDER_QR_PREFIX)) return trimmed.slice(ORDER_QR_PREFIX.length).trim();
  return trimmed;
}

/**
 * The counter's request handlers. Each runs after the counter dispatcher's gate (signed in, the
 * right role, input parsed), so they only do the work: who did it comes from the connection,
 * never from the input, and every staff action is appended to the `staff-audit` stream.
 */
export function createCounterHandlers(services: CounterServices): CounterHandlers {
  const { catalog, cart, orders, audit, log } = services;

  const actor = (connection: CounterConnection): StaffActor => {
    const staff = connection.requireStaff();
    return { staff: staff.name, terminal: staff.terminal };
  };

  /** Runs a staff action and records it, refused or done. */
  async function audited<T>(
    connection: CounterConnection,
    action: AuditAction,
    target: { order?: string; cart?: string },
    run: () => Promise<T>,
    describe?: (value: T) => { order?: string; detail?: string },
  ): Promise<T> {
    const staff = connection.requireStaff();
    const base = { action, staff: staff.name, role: staff.role, terminal: staff.terminal, ...target };
    try {
      const value = await run();
      await audit.record({ ...base, ...describe?.(value), outcome: "ok" });
      return value;
    } catch (error) {
      const detail = error instanceof AppError ? error.message : "failed";
      await audit.record({ ...base, outcome: "refused", detail });
      throw error;
    }
  }

  async function orderOfCart(reference: string): Promise<Order> {
    for (const session of await services.references.sessions(reference)) {
      const orderId = await services.redis.hget(checkoutKey(session), "order_id");
      if (orderId) return orders.find(orderId);
    }
    throw new AppError("not_found", `No order was placed from the cart ${reference.toUpperCase()}.`);
  }

  async function findOrder(query: string): Promise<Order> {
    const ref = orderReferenceOf(query);
    if (uuidPattern.test(ref) || OrderNumberSchema.safeParse(ref).success) return orders.find(ref);
    if (CartReferenceSchema.safeParse(ref).success) return orderOfCart(ref);
    throw new AppError(
      "invalid_input",
      `"${ref.slice(0, 40)}" is not an order: type its number (such as K-042), or scan its QR code.`,
    );
  }

  /** "Already paid at Till 1 by Amina": the refusal names who got there first. */
  async function explainPayRefusal(reference: string, error: unknown): Promise<never> {
    if (error instanceof AppError && error.code === "not_allowed") {
      const order = await orders.find(reference).catch(() => undefined);
      const first = order?.payments[0];
      if (order && first && order.status !== "cancelled") {
        const where = first.recorded_by.terminal ? ` at ${first.recorded_by.terminal}` : "";
        throw new AppError(
          "not_allowed",
          `${order.number} is already paid${where} by ${first.recorded_by.staff}.`,
        );
      }
    }
    throw error;
  }

  const statusChange =
    (action: "ready" | "collected" | "delivered", run: (ref: string, who: StaffActor) => Promise<Order>) =>
    async (input: { order: string }, connection: CounterConnection) => {
      const ref = orderReferenceOf(input.order);
      return audited(
        connection,
        action,
        { order: ref },
        () => run(ref, actor(connection)),
        (o) => ({
          order: o.number,
        }),
      );
    };

  return {
    async "counter-sign-in"(input, connection) {
      const terminal = input.terminal ?? connection.defaultTerminal;
      const result = await services.staff.signIn(input.name, input.pin);
      if (!result.ok) {
        const action: AuditAction = result.reason === "locked" ? "sign-in-locked" : "sign-in-failed";
        log.warn(
          `counter: ${action} for ${JSON.stringify(input.name)} at ${terminal}` +
            (result.attempts === undefined ? "" : ` (${result.attempts} wrong in a row)`) +
            (result.lockedNow ? "; the name is locked" : ""),
        );
        await audit.record({
          action,
          staff: input.name,
          terminal,
          outcome: "refused",
          detail: result.message,
        });
        throw new AppError(result.reason === "locked" ? "rate_limited" : "forbidden", result.message);
      }
      const { member } = result;
      // The next person signing in on a screen signs the last one out: that is audited too.
      const previous = connection.signOut();
      if (previous) {
        await audit.record({
          action: "sign-out",
          staff: previous.name,
          role: previous.role,
          terminal: previous.terminal,
          outcome: "ok",
          detail: `${member.name} signed in on this screen`,
        });
      }
      connection.signIn({
        id: member.id,
        name: member.name,
        role: member.role,
        terminal,
        signed_in_at: new Date().toISOString(),
      });
      await audit.record({
        action: "sign-in",
        staff: member.name,
        role: member.role,
        terminal,
        outcome: "ok",
      });
      return connection.session()!;
    },
    async "counter-sign-out"(_input, connection) {
      const was = connection.signOut();
      if (was) {
        await audit.record({
          action: "sign-out",
          staff: was.name,
          role: was.role,
          terminal: was.terminal,
          outcome: "ok",
        });
      }
      return { signed_out: true };
    },
    async "counter-status"(_input, connection) {
      return {
        session: connection.session(),
        store: catalog.store,
        connection: services.status.get(),
        idle_timeout_seconds: services.idleTimeoutSeconds,
      };
    },
    async "counter-queue"() {
      // The id first: an event after it may also be in the lists below, and the screen, keyed by
      // order id, takes the event's (newer or equal) order. Nothing falls between the two.
      const lastEventId = (await latestEventId(services.redis)) ?? null;
      const day = orders.today();
      const lists = await Promise.all([
        orders.list({ date: day }),
        orders.list({ status: "placed" }),
        orders.list({ status: "paid" }),
        orders.list({ status: "ready" }),
      ]);
      const byId = new Map<string, Order>();
      for (const order of lists.flat()) byId.set(order.order_id, order);
      const all = [...byId.values()].sort((a, b) => a.created_at.localeCompare(b.created_at));
      return { day, orders: all, last_event_id: lastEventId };
    },
    async "counter-order-find"(input) {
      return findOrder(input.query);
    },
    async "counter-order-pay"(input, connection) {
      const ref = orderReferenceOf(input.order);
      return audited(
        connection,
        "payment",
        { order: ref },
        () =>
          orders.pay(ref, input.payment, actor(connection)).catch((e: unknown) => explainPayRefusal(ref, e)),
        (o) => {
          const p = o.payments[o.payments.length - 1]!;
          const change = p.change === undefined ? "" : ` change ${p.change}`;
          return { order: o.number, detail: `${p.method} ${p.amount}${change} ${o.currency} (minor units)` };
        },
      );
    },
    "counter-order-ready": statusChange("ready", (ref, who) => orders.markReady(ref, who)),
    "counter-order-collected": statusChange("collected", (ref, who) => orders.collect(ref, who)),
    "counter-order-delivered": statusChange("delivered", (ref, who) => orders.deliver(ref, who)),
    async "counter-order-cancel"(input, connection) {
      const ref = orderReferenceOf(input.order);
      return audited(
        connection,
        "cancel",
        { order: ref },
        () => orders.cancel(ref, input.reason, actor(connection)),
        (o) => ({
          order: o.number,
          detail: `${input.reason}; refund due ${o.cancellation?.refund_due ?? 0}`,
        }),
      );
    },
    async "counter-receipt-print"(input, connection) {
      const order = await findOrder(input.order);
      const printer = services.receiptPrinter;
      if (printer === undefined || !connection.printPage) return { printed: false };
      return audited(connection, "receipt-print", { order: order.number }, async () => ({
        printed: await connection.printPage!(printer),
      }));
    },
    async "counter-cart-find"(input) {
      const sessions = await services.references.sessions(input.reference);
      const carts = await Promise.all(sessions.map((s) => cart.getCart(s)));
      return {
        carts: carts
          // A session remembered but never filled (or already expired) has no cart to show.
          .filter((c) => c.updated_at !== null)
          .map((c) => ({
            session_id: c.session_id as (typeof sessions)[number],
            reference: cartReference(c.session_id),
            cart: c,
          })),
      };
    },
    async "counter-cart-open"(input, connection) {
      // Listen first, then read: a change made in between still arrives as an event.
      await connection.openCart(input.session_id);
      return cart.getCart(input.session_id);
    },
    async "counter-cart-close"(input, connection) {
      return { closed: connection.closeCart(input.session_id) };
    },
    async "counter-cart-add"(input, connection) {
      const { session_id, ...add } = input;
      return audited(
        connection,
        "cart-add",
        { cart: session_id },
        async () => (await cart.addItem(session_id, add)).cart,
        () => ({
          detail: `${add.product_id} x${add.quantity}`,
        }),
      );
    },
    async "counter-cart-set-quantity"(input, connection) {
      return audited(
        connection,
        "cart-set-quantity",
        { cart: input.session_id },
        async () => (await cart.updateQuantity(input.session_id, input.item_id, input.quantity)).cart,
        () => ({ detail: `${input.item_id} to ${input.quantity}` }),
      );
    },
    async "counter-cart-remove"(input, connection) {
      return audited(
        connection,
        "cart-remove",
        { cart: input.session_id },
        async () => (await cart.removeItem(input.session_id, input.item_id)).cart,
        () => ({ detail: input.item_id }),
      );
    },
    async "counter-catalog-search"(input) {
      return catalog.browse(input);
    },
    async "counter-catalog-product"(input) {
      return catalog.productOrThrow(input.product_id);
    },
    async "counter-checkout-quote"(input) {
      return orders.quote(input.session_id);
    },
    async "counter-order-place"(input, connection) {
      const { session_id, ...place } = input;
      return audited(
        connection,
        "order-place",
        { cart: session_id },
        () => orders.place(session_id, place),
        (r) => ({
          order: r.order.number,
        }),
      );
    },
    async "counter-day-report"(input) {
      const day = input.date ?? orders.today();
      return buildDayReport(day, catalog.store.currency, await orders.list({ date: day }));
    },
    async "counter-fleet"() {
      const fleet = await listFleet(services.redis);
      const members: FleetMember[] = fleet.members.map((m) => ({
        id: m.id,
        role: m.role,
        host: m.host,
        app_version: m.app_version,
        last_seen: m.last_seen,
        seconds_since_seen: m.seconds_since_seen,
        silent: m.silent,
        redis: m.redis,
        assistant_mode: m.assistant_mode,
        in_use: m.in_use,
      }));
      return { members };
    },
  };
}
