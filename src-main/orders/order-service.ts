import type { Redis } from "ioredis";
import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import type { CartEventMessage } from "../../src-shared/cart.js";
import { AppError, parseOrThrow } from "../../src-shared/errors.js";
import { moneyFormatter } from "../../src-shared/format.js";
import { minorToDecimal } from "../../src-shared/money.js";
import {
  CancelReasonSchema,
  OrderNumberSchema,
  OrderStatusSchema,
  PaymentInputSchema,
  PlaceOrderInputSchema,
  StaffActorSchema,
  deliveryProblems,
  type Fulfilment,
  type Order,
  type OrderStatus,
  type Payment,
  type PaymentInput,
  type PlaceOrderInput,
  type Quote,
  type StaffActor,
} from "../../src-shared/order.js";
import { SessionIdSchema } from "../../src-shared/session.js";
import { CART_EVENTS_CHANNEL, cartKeys } from "../cart/cart-keys.js";
import { cartUnreadable, isoTimestamp } from "../cart/cart-service.js";
import { asList } from "../cart/cart-scripts.js";
import type { Catalog } from "../catalog/catalog.js";
import {
  asCartUnavailable,
  confirmReplicated,
  redisRoundTrip,
  type ReplicationPolicy,
} from "../infra/redis-client.js";
import { decodeOrder, encodeCancellation, encodeOrderFields, encodePayments } from "./order-codec.js";
import {
  ORDER_EVENTS_CHANNEL,
  ORDER_EVENTS_STREAM,
  ORDER_KEY_PREFIX,
  ORDER_STATUS_KEY_PREFIX,
  checkoutKey,
  dayIndexKey,
  daySequenceKey,
  idempotencyKey,
  orderKey,
  orderNumberKey,
  statusIndexKey,
} from "./order-keys.js";
import { checkTransition, eventNames, type StaffAction } from "./order-lifecycle.js";
import { defineOrderScripts, type OrderScriptReply, type OrderScripts } from "./order-scripts.js";
import { priceCart, type PricedCart } from "./quote.js";
import { DaySchemaPattern, shopDay } from "./shop-day.js";

/**
 * Checkout and orders over the shared Redis. The kiosk contract calls `quote`, `place` and
 * `getForSession`; staff (kioskctl now, the counter's signed-in channel next) call `find`, `list`
 * and the lifecycle actions with a `StaffActor` saying who did it from which terminal.
 *
 * Placing is one Lua script (order-scripts.ts): fingerprint check, idempotency key, the day's
 * number, the order, the lines leaving the cart, the stream entry and the announcements, all or
 * nothing. The order is priced from the catalog (quote.ts), never from a cart line.
 */

export interface OrderServiceOptions {
  redis: Redis;
  catalog: Catalog;
  maxQuantityPerLine?: number;
  cartTtlSeconds?: number;
  /** ORDER_RETENTION_DAYS: orders, their indexes and the stream keep this long (default 90). */
  retentionDays?: number;
  /** How long an idempotency key answers with its order (default 24 h). */
  idempotencyTtlSeconds?: number;
  clock?: () => Date;
  readyTimeoutMs?: number;
  /** Told about order records that cannot be read (left out of lists). */
  onInvalidOrder?: (orderId: string, reason: string) => void;
  /**
   * Replicas that must hold a placed order or a status change before it is acknowledged
   * (REDIS_WAIT_REPLICAS), as for cart changes: an order acknowledged just before a failover is not lost.
   */
  replication?: ReplicationPolicy;
}

export interface PlacedOrder {
  order: Order;
  /** False when the key (or an earlier completion of the same cart) already had this order. */
  created: boolean;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cartChanged = "Your cart changed: please check it again.";
/** Placing after the customer's own quote needs no read: the quote is kept a short while per session. */
const quoteCacheSize = 1_000;

export const ListFilterSchema = z
  .object({
    status: OrderStatusSchema.optional(),
    date: z.string().regex(DaySchemaPattern, "a date looks like 2026-12-02").optional(),
  })
  .strict();
export type ListFilter = z.input<typeof ListFilterSchema>;

export class OrderService {
  readonly retentionSeconds: number;
  private readonly redis: Redis;
  private readonly catalog: Catalog;
  private readonly maxQuantityPerLine: number;
  private readonly cartTtlSeconds: number;
  private readonly idempotencyTtlSeconds: number;
  private readonly clock: () => Date;
  private readonly readyTimeoutMs: number;
  private readonly onInvalidOrder: OrderServiceOptions["onInvalidOrder"];
  private readonly replication: ReplicationPolicy | undefined;
  private readonly scripts: OrderScripts;
  private readonly quotes = new Map<string, PricedCart>();

  constructor(options: OrderServiceOptions) {
    this.redis = options.redis;
    this.catalog = options.catalog;
    this.maxQuantityPerLine = options.maxQuantityPerLine ?? 99;
    this.cartTtlSeconds = options.cartTtlSeconds ?? 604_800;
    this.retentionSeconds = (options.retentionDays ?? 90) * 86_400;
    this.idempotencyTtlSeconds = options.idempotencyTtlSeconds ?? 86_400;
    this.clock = options.clock ?? (() => new Date());
    this.readyTimeoutMs = options.readyTimeoutMs ?? 1_000;
    this.onInvalidOrder = options.onInvalidOrder;
    this.replication = options.replication;
    this.scripts = defineOrderScripts(this.redis);
  }

  /** Prices the session's cart from the catalog: one round trip, writes nothing. */
  async quote(sessionId: string): Promise<Quote> {
    return (await this.price(parseOrThrow(SessionIdSchema, sessionId, "session id"))).quote;
  }

  /**
   * Places the order the customer reviewed, exactly once: the same idempotency key always returns
   * the same order; a cart that changed since the quote is refused (`cart_changed`) and nothing is
   * written. One round trip when the quote came from this process; otherwise the cart is priced
   * again first (two), and the script still checks it did not change in between.
   */
  async place(sessionId: string, input: PlaceOrderInput): Promise<PlacedOrder> {
    const session = parseOrThrow(SessionIdSchema, sessionId, "session id");
    const request = parseOrThrow(PlaceOrderInputSchema, input, "order");
    const fulfilment = this.fulfilmentFor(request);
    const contact = request.contact;
    let priced: PricedCart | undefined = this.quotes.get(session);
    if (priced?.quote.fingerprint !== request.fingerprint) {
      priced = await this.price(session);
      // A stale fingerprint may still be a completed checkout (a retry): the script tells.
      if (priced.quote.fingerprint !== request.fingerprint) priced = undefined;
    }
    // Nothing to order is refused, unless this key already placed an order (a retry): the script tells.
    let unorderable: Quote | undefined;
    if (priced && !priced.quote.orderable) [unorderable, priced] = [priced.quote, undefined];

    const now = this.clock();
    const at = isoTimestamp(now);
    const orderId = uuidv7({ msecs: now.getTime() });
    const day = shopDay(now, this.catalog.orders.timeZone);
    const pairs: string[] = [];
    const leaving: string[] = [];
    if (priced) {
      const deliveryCharge = fulfilment.type === "delivery" ? fulfilment.price : 0;
      const subtotal = priced.quote.subtotal;
      const fields = encodeOrderFields(
        {
          session_id: session,
          currency: this.catalog.store.currency,
          lines: priced.lines,
          subtotal,
          delivery_charge: deliveryCharge,
          total: subtotal + deliveryCharge,
          fulfilment: fulfilment.record,
          contact,
          payments: [],
          day,
          created_at: at,
          updated_at: at,
        },
        this.catalog.exponent,
        { idempotency_key: request.idempotency_key, fingerprint: request.fingerprint },
      );
      for (const [field, value] of Object.entries(fields)) pairs.push(field, value);
      leaving.push(...priced.lines.map((line) => line.item_id));
    }
    const cart = cartKeys(session);
    const cartEvent: CartEventMessage = { session_id: session, change: "checked_out", updated_at: at };
    const reply = await this.call(() =>
      this.scripts.place(
        cart.meta,
        cart.items,
        checkoutKey(session),
        idempotencyKey(session, request.idempotency_key),
        daySequenceKey(day),
        dayIndexKey(day),
        statusIndexKey("placed"),
        orderKey(orderId),
        ORDER_EVENTS_STREAM,
        orderId,
        priced?.cartFingerprint ?? "",
        request.fingerprint,
        cart.itemPrefix,
        this.cartTtlSeconds,
        this.idempotencyTtlSeconds,
        this.retentionSeconds,
        at,
        now.getTime(),
        this.minStreamId(now),
        this.catalog.orders.orderPrefix,
        ORDER_KEY_PREFIX,
        CART_EVENTS_CHANNEL,
        JSON.stringify(cartEvent),
        ORDER_EVENTS_CHANNEL,
        orderNumberKey(""),
        pairs.length / 2,
        ...pairs,
        ...leaving,
      ),
    );
    if (reply.status !== "cart_changed") await this.confirmReplicated();
    if (reply.status === "cart_changed") {
      this.quotes.delete(session);
      throw unorderable ? this.unorderable(unorderable) : new AppError("cart_changed", cartChanged);
    }
    this.quotes.delete(session);
    return { order: this.decodeReply(reply), created: reply.status === "created" };
  }

  /** An order by its number (the latest with that number) or its order id; `not_found` otherwise. */
  async find(reference: string): Promise<Order> {
    const ref = typeof reference === "string" ? reference.trim() : "";
    let orderId: string | null;
    if (uuidPattern.test(ref)) {
      orderId = ref.toLowerCase();
    } else {
      const number = OrderNumberSchema.safeParse(ref);
      if (!number.success) {
        throw new AppError(
          "invalid_input",
          `"${ref.slice(0, 40)}" is not an order: give its number (such as K-042) or its order id.`,
        );
      }
      orderId = await this.call(() => this.redis.get(orderNumberKey(number.data)));
      if (!orderId) throw new AppError("not_found", `There is no order ${number.data}.`);
    }
    const record = await this.call(() => this.redis.hgetall(orderKey(orderId)));
    if (Object.keys(record).length === 0) throw new AppError("not_found", `There is no order ${ref}.`);
    return this.decode(record);
  }

  /** A customer's own order: another session's order is as unknown as one that never existed. */
  async getForSession(sessionId: string, orderId: string): Promise<Order> {
    const session = parseOrThrow(SessionIdSchema, sessionId, "session id");
    const unknown = new AppError("not_found", "We can't find that order.");
    if (!uuidPattern.test(orderId)) throw unknown;
    const order = await this.find(orderId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === "not_found" ? unknown : error;
    });
    if (order.session_id !== session) throw unknown;
    return order;
  }

  /** Orders of a day (default: today in the shop's time zone), or in a status (optionally of a day); oldest first. */
  async list(filter: ListFilter = {}): Promise<Order[]> {
    const { status, date } = parseOrThrow(ListFilterSchema, filter, "filter");
    const ids = await this.call(() =>
      this.redis.zrange(status ? statusIndexKey(status) : dayIndexKey(date ?? this.today()), 0, -1),
    );
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(orderKey(id));
    const results = (await this.call(() => pipeline.exec())) ?? [];
    const orders: Order[] = [];
    results.forEach(([error, record], i) => {
      if (error) throw asCartUnavailable(error);
      const fields = record as Record<string, string>;
      if (Object.keys(fields).length === 0) return; // expired past the retention; the index trails it
      try {
        const order = decodeOrder(fields, this.catalog.exponent);
        if (!date || order.day === date) orders.push(order);
      } catch (error) {
        this.onInvalidOrder?.(ids[i]!, (error as Error).message);
      }
    });
    // Several orders can share a millisecond: the day's counter orders them then.
    const counter = (o: Order) => Number(o.number.slice(o.number.indexOf("-") + 1));
    return orders.sort((a, b) => a.created_at.localeCompare(b.created_at) || counter(a) - counter(b));
  }

  /** Records the payment of the whole total; cash needs at least the total tendered and gets exact change. */
  async pay(reference: string, input: PaymentInput, actor: StaffActor): Promise<Order> {
    const payment = parseOrThrow(PaymentInputSchema, input, "payment");
    if (payment.method !== "cash" && payment.tendered !== undefined) {
      throw new AppError("invalid_input", "The amount tendered is for cash payments only.");
    }
    if (payment.method === "mobile_money" && payment.reference === undefined) {
      throw new AppError(
        "invalid_input",
        "A mobile-money payment needs its transaction id as the reference.",
      );
    }
    return this.transition(reference, "pay", actor, (order, who, at) => {
      const record: Payment = { method: payment.method, amount: order.total, recorded_by: who, at };
      if (payment.method === "cash") {
        const tendered = payment.tendered ?? order.total;
        if (tendered < order.total) {
          const money = moneyFormatter({ currency: order.currency, locale: this.catalog.store.locale });
          throw new AppError(
            "not_allowed",
            `${money(tendered)} tendered is less than the total of ${money(order.total)}.`,
          );
        }
        record.tendered = tendered;
        record.change = tendered - order.total;
      }
      if (payment.reference !== undefined) record.reference = payment.reference;
      const decimal = (minor: number) => minorToDecimal(minor, this.catalog.exponent);
      return {
        fields: { payments: encodePayments([...order.payments, record], this.catalog.exponent) },
        event: {
          method: record.method,
          amount: decimal(record.amount),
          ...(record.change === undefined ? {} : { change: decimal(record.change) }),
          ...(record.reference === undefined ? {} : { reference: record.reference }),
          recorded_by: who.staff,
        },
      };
    });
  }

  async markReady(reference: string, actor: StaffActor): Promise<Order> {
    return this.transition(reference, "ready", actor);
  }

  async collect(reference: string, actor: StaffActor): Promise<Order> {
    return this.transition(reference, "collect", actor);
  }

  async deliver(reference: string, actor: StaffActor): Promise<Order> {
    return this.transition(reference, "deliver", actor);
  }

  /** Cancels with a reason; a paid order records that its payments must be returned. */
  async cancel(reference: string, reason: string, actor: StaffActor): Promise<Order> {
    const why = parseOrThrow(CancelReasonSchema, reason, "cancellation");
    return this.transition(reference, "cancel", actor, (order, who, at) => {
      const refundDue = order.payments.reduce((sum, p) => sum + p.amount, 0);
      const cancellation = { reason: why, refund_due: refundDue, recorded_by: who, at };
      return {
        fields: { cancellation: encodeCancellation(cancellation, this.catalog.exponent) },
        event: {
          reason: why,
          refund_due: minorToDecimal(refundDue, this.catalog.exponent),
          recorded_by: who.staff,
        },
      };
    });
  }

  /** Today in the shop's time zone (YYYY-MM-DD). */
  today(): string {
    return shopDay(this.clock(), this.catalog.orders.timeZone);
  }

  /**
   * Reads the order, checks the transition against the status it has (refusing in plain words),
   * then runs the script, which writes only if the status is still the one read. When another
   * terminal got there first, the order is read again and the rules answer for the new status.
   */
  private async transition(
    reference: string,
    action: StaffAction,
    actor: StaffActor,
    build?: (
      order: Order,
      who: StaffActor,
      at: string,
    ) => { fields: Record<string, string>; event: Record<string, string> },
  ): Promise<Order> {
    const who = parseOrThrow(StaffActorSchema, actor, "staff member");
    for (let attempt = 0; ; attempt++) {
      const order = await this.find(reference);
      const { to } = checkTransition(order, action);
      const now = this.clock();
      const at = isoTimestamp(now);
      const { fields, event } = build?.(order, who, at) ?? {
        fields: {},
        event: { recorded_by: who.staff },
      };
      if (who.terminal !== undefined) event.terminal = who.terminal;
      const eventPairs = Object.entries(event).flat();
      const reply = await this.call(() =>
        this.scripts.transition(
          orderKey(order.order_id),
          ORDER_EVENTS_STREAM,
          order.status,
          to,
          at,
          now.getTime(),
          this.minStreamId(now),
          ORDER_STATUS_KEY_PREFIX,
          ORDER_EVENTS_CHANNEL,
          eventNames[action],
          this.retentionSeconds,
          eventPairs.length / 2,
          ...eventPairs,
          ...Object.entries(fields).flat(),
        ),
      );
      if (reply.status === "ok") {
        await this.confirmReplicated();
        return this.decodeReply(reply);
      }
      if (reply.status === "not_found") throw new AppError("not_found", `There is no order ${reference}.`);
      if (attempt >= 3) throw new AppError("not_allowed", `${order.number} keeps changing; try again.`);
    }
  }

  private async price(session: string): Promise<PricedCart> {
    const keys = cartKeys(session);
    const reply = await this.call(() => this.scripts.quoteRead(keys.meta, keys.items, keys.itemPrefix));
    if (reply.status === "wrong_type") throw cartUnreadable();
    const priced = priceCart(session, reply, this.catalog, this.maxQuantityPerLine);
    this.quotes.delete(session);
    this.quotes.set(session, priced);
    if (this.quotes.size > quoteCacheSize) this.quotes.delete(this.quotes.keys().next().value!);
    return priced;
  }

  private fulfilmentFor(
    request: z.output<typeof PlaceOrderInputSchema>,
  ): { type: "collection"; record: Fulfilment } | { type: "delivery"; price: number; record: Fulfilment } {
    const settings = this.catalog.orders.fulfilment;
    const choice = request.fulfilment;
    if (choice.type === "collection") {
      if (!settings.collection) {
        throw new AppError("invalid_input", "This shop delivers every order: choose a delivery option.");
      }
      return { type: "collection", record: { type: "collection" } };
    }
    if (settings.delivery.length === 0) {
      throw new AppError("invalid_input", "This shop does not deliver: collect your order at the counter.");
    }
    const option = settings.delivery.find((o) => o.id === choice.option_id);
    if (!option) {
      throw new AppError(
        "invalid_input",
        `There is no delivery option "${choice.option_id}". Choose one of: ${settings.delivery
          .map((o) => `${o.id} (${o.name})`)
          .join(", ")}.`,
      );
    }
    const problems = deliveryProblems(request.contact, choice.address);
    const problem = problems.phone ?? problems.recipient;
    if (problem !== undefined) throw new AppError("invalid_input", problem);
    const recipient = (choice.address.recipient ?? request.contact.name)!;
    const { area, street, notes } = choice.address;
    return {
      type: "delivery",
      price: option.price,
      record: {
        type: "delivery",
        option_id: option.id,
        option_name: option.name,
        address: { recipient, area, street, ...(notes === undefined ? {} : { notes }) },
      },
    };
  }

  private unorderable(quote: Quote): AppError {
    return new AppError(
      "not_allowed",
      quote.changes.length === 0
        ? "Your cart is empty: add something before checking out."
        : "Nothing in your cart can be ordered right now: " + quote.changes.map((c) => c.message).join(" "),
    );
  }

  /** Stream entries older than the retention are trimmed (XADD MINID). */
  private minStreamId(now: Date): string {
    return String(Math.max(0, now.getTime() - this.retentionSeconds * 1000));
  }

  private decodeReply(reply: OrderScriptReply): Order {
    const flat = asList(reply.order);
    if (flat.length === 0) {
      // An idempotency key whose order is past its retention: nothing to return, nothing written.
      throw new AppError("not_found", "That order is no longer kept.");
    }
    return this.decode(flat);
  }

  private decode(record: string[] | Record<string, string>): Order {
    try {
      return decodeOrder(record, this.catalog.exponent);
    } catch (error) {
      const id = Array.isArray(record) ? record[record.indexOf("order_id") + 1] : record.order_id;
      this.onInvalidOrder?.(id ?? "?", (error as Error).message);
      throw new AppError("internal", "This order's record cannot be read. Please ask a member of staff.");
    }
  }

  /** Runs one Redis round trip, turning "Redis is down" into `cart_unavailable`. */
  private call<T>(roundTrip: () => Promise<T>): Promise<T> {
    return redisRoundTrip(this.redis, this.readyTimeoutMs, roundTrip);
  }

  /**
   * Waits for the replicas the policy asks for to hold what this connection just wrote. Unconfirmed,
   * the caller hears "unavailable": a retry of a placement with its key returns the same order; a
   * retried status change finds it already made and says so.
   */
  private confirmReplicated(): Promise<void> {
    return this.call(() => confirmReplicated(this.redis, this.replication));
  }
}

export type { OrderStatus };
