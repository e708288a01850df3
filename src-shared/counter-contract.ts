import { z } from "zod";
import { AddItemInputSchema, CartSchema, QUANTITY_HARD_LIMIT } from "./cart.js";
import { CatalogIdSchema, ProductSummarySchema, ProductViewSchema, StoreInfoSchema } from "./catalog.js";
import { ConnectionStatusSchema } from "./contract.js";
import {
  eventMethodName,
  requestMethodName,
  type EventMethodName,
  type RequestMethodName,
} from "./bridge.js";
import type { Result } from "./contract.js";
import {
  CancelReasonSchema,
  OrderSchema,
  OrderStatusSchema,
  PaymentInputSchema,
  PaymentMethodSchema,
  PlaceOrderInputSchema,
  QuoteSchema,
} from "./order.js";
import { CartReferenceSchema, ItemIdSchema, SessionIdSchema } from "./session.js";

/**
 * The counter's contract: the second audience of the app (staff at the shop's counter), beside the
 * kiosk's src-shared/contract.ts and built the same way. It travels over its own transports (the
 * WebSocket `/counter-ws`, IPC channels `counter:request:*`), and its own dispatcher gate decides:
 * a kiosk connection is never given this contract, and a counter connection can call nothing but
 * `counter-sign-in` and `counter-status` until a member of staff has signed in. Roles are checked
 * at the same gate (`managerOnly` below), never inside a handler.
 *
 * Channel names all start with `counter-`, so no name means one thing on a kiosk and another here.
 * Carts are named by their session id (found first by the reference the kiosk shows); orders by
 * their number, id, or the QR text of the kiosk's confirmation screen.
 */

const empty = z.object({}).strict();

/** What a member of staff may do; managers may do everything a cashier may. */
export const staffRoles = ["cashier", "manager"] as const;
export const StaffRoleSchema = z.enum(staffRoles, { message: 'a role is "cashier" or "manager"' });
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** A name as staff type it at sign-in: compared case-insensitively, stored as typed. */
export const StaffNameSchema = z
  .string()
  .trim()
  .min(1, "enter your name")
  .max(40, "a name has at most 40 characters")
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .'-]*$/u, "a name has letters, digits, spaces, '.', ''' or '-'");

/** 4 to 8 digits; never stored, never logged (only a salted scrypt hash is kept). */
export const PinSchema = z.string().regex(/^[0-9]{4,8}$/, "a PIN is 4 to 8 digits");

/** A terminal's name as the audit stream and "Already paid at …" show it. */
export const TerminalNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9 _.-]{1,40}$/, "a terminal name has 1-40 letters, digits, spaces, '_', '.' or '-'");

export const StaffSessionSchema = z.object({
  name: z.string(),
  role: StaffRoleSchema,
  terminal: z.string(),
  signed_in_at: z.string(),
  /** COUNTER_IDLE_TIMEOUT_SECONDS: the terminal signs out after this long without a request. */
  idle_timeout_seconds: z.number().int().positive(),
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

/**
 * What the QR code on the kiosk's confirmation screen encodes: `order:<order_id>`. A USB scanner
 * types it and presses Enter; `counter-order-find` takes it as it comes.
 */
export const ORDER_QR_PREFIX = "order:";
export const orderQrText = (orderId: string): string => `${ORDER_QR_PREFIX}${orderId}`;

/** The lists of the order queue, and which statuses each shows. */
export const queueLists = {
  to_pay: ["placed"],
  to_hand_over: ["paid", "ready"],
  done: ["collected", "delivered"],
  cancelled: ["cancelled"],
} as const satisfies Record<string, readonly z.infer<typeof OrderStatusSchema>[]>;

/** A stream entry id of `order-events` ("1764752400000-0"): events come in this order. */
export const EventIdSchema = z.string().regex(/^[0-9]+-[0-9]+$/, "not a stream entry id");

const MinorSchema = z.number().int();

export const DayReportSchema = z.object({
  day: z.string(),
  currency: z.string(),
  /** Orders placed that day (any status). */
  order_count: z.number().int().nonnegative(),
  /** Paid orders (paid, ready, collected, delivered, and cancelled after payment) by method. */
  payments: z.array(
    z.object({ method: PaymentMethodSchema, count: z.number().int().nonnegative(), total: MinorSchema }),
  ),
  paid_total: MinorSchema,
  /** Cash taken less the refunds owed on cancelled cash orders (paid back from the drawer). */
  cash_expected: MinorSchema,
  cancelled: z.object({
    count: z.number().int().nonnegative(),
    /** What was paid on cancelled orders and must be returned. */
    refunds_owed: MinorSchema,
    orders: z.array(
      z.object({ number: z.string(), reason: z.string(), refund_due: MinorSchema, by: z.string() }),
    ),
  }),
  unpaid: z.object({
    count: z.number().int().nonnegative(),
    total: MinorSchema,
    numbers: z.array(z.string()),
  }),
  /** Orders in each status at the time of the report. */
  by_status: z.record(OrderStatusSchema, z.number().int().nonnegative()),
});
export type DayReport = z.infer<typeof DayReportSchema>;

export const FleetMemberSchema = z.object({
  id: z.string(),
  role: z.enum(["kiosk", "counter"]),
  host: z.string(),
  app_version: z.string(),
  last_seen: z.string(),
  seconds_since_seen: z.number().int().nonnegative(),
  silent: z.boolean(),
  redis: z.enum(["up", "down"]),
  assistant_mode: z.enum(["openai", "offline"]),
  in_use: z.boolean(),
});
export type FleetMember = z.infer<typeof FleetMemberSchema>;

/** A cart the counter found by its reference. */
export const CartMatchSchema = z.object({
  session_id: SessionIdSchema,
  reference: z.string(),
  cart: CartSchema,
});

const session = { session_id: SessionIdSchema };
const orderRef = {
  /** An order number ("K-042"), an order id, or the confirmation's QR text. */
  order: z.string().trim().min(1, "give an order number").max(200),
};

export const counterRequests = {
  // ---- Signing in and out (the only requests before sign-in: `counter-sign-in`, `counter-status`) ----
  "counter-sign-in": {
    input: z
      .object({ name: StaffNameSchema, pin: PinSchema, terminal: TerminalNameSchema.optional() })
      .strict(),
    output: StaffSessionSchema,
  },
  "counter-sign-out": { input: empty, output: z.object({ signed_out: z.literal(true) }) },
  "counter-status": {
    input: empty,
    output: z.object({
      /** Null until someone signs in, and again after signing out or the idle timeout. */
      session: StaffSessionSchema.nullable(),
      store: StoreInfoSchema,
      connection: ConnectionStatusSchema,
      idle_timeout_seconds: z.number().int().positive(),
    }),
  },

  // ---- The order queue and orders ----
  "counter-queue": {
    input: empty,
    output: z.object({
      /** Today in the shop's time zone. */
      day: z.string(),
      /**
       * Today's orders and every order still open from an earlier day (placed, paid, ready), oldest
       * first. The screen splits them into `queueLists`.
       */
      orders: z.array(OrderSchema),
      /** The last `order-events` entry this list includes: drop `counter-order-event`s at or before it. */
      last_event_id: EventIdSchema.nullable(),
    }),
  },
  "counter-order-find": {
    input: z
      .object({
        /** An order number, an order id, the QR text, or a cart reference (its last order). */
        query: z.string().trim().min(1, "type or scan an order number").max(200),
      })
      .strict(),
    output: OrderSchema,
  },
  "counter-order-pay": {
    input: z.object({ ...orderRef, payment: PaymentInputSchema }).strict(),
    output: OrderSchema,
  },
  "counter-order-ready": { input: z.object(orderRef).strict(), output: OrderSchema },
  "counter-order-collected": { input: z.object(orderRef).strict(), output: OrderSchema },
  "counter-order-delivered": { input: z.object(orderRef).strict(), output: OrderSchema },
  /** Manager only. A paid order records the refund owed. */
  "counter-order-cancel": {
    input: z.object({ ...orderRef, reason: CancelReasonSchema }).strict(),
    output: OrderSchema,
  },
  /** Prints the order's receipt on RECEIPT_PRINTER (desktop); false: print from the page instead. */
  "counter-receipt-print": { input: z.object(orderRef).strict(), output: z.object({ printed: z.boolean() }) },

  // ---- A customer's cart, at the counter ----
  "counter-cart-find": {
    input: z.object({ reference: CartReferenceSchema }).strict(),
    /** Every live cart with that reference (two sharing one is rare but possible). */
    output: z.object({ carts: z.array(CartMatchSchema) }),
  },
  /** Reads the cart and opens it on this terminal: `counter-cart-changed` follows it until closed. */
  "counter-cart-open": { input: z.object(session).strict(), output: CartSchema },
  "counter-cart-close": { input: z.object(session).strict(), output: z.object({ closed: z.boolean() }) },
  "counter-cart-add": { input: AddItemInputSchema.extend(session), output: CartSchema },
  "counter-cart-set-quantity": {
    input: z
      .object({
        ...session,
        item_id: ItemIdSchema,
        quantity: z.number().int().min(0).max(QUANTITY_HARD_LIMIT),
      })
      .strict(),
    output: CartSchema,
  },
  "counter-cart-remove": {
    input: z.object({ ...session, item_id: ItemIdSchema }).strict(),
    output: CartSchema,
  },
  "counter-catalog-search": {
    input: z
      .object({
        query: z.string().max(200).default(""),
        category: CatalogIdSchema.optional(),
        limit: z.number().int().min(1).max(100).default(24),
      })
      .strict(),
    output: z.object({ products: z.array(ProductSummarySchema) }),
  },
  "counter-catalog-product": {
    input: z.object({ product_id: CatalogIdSchema }).strict(),
    output: ProductViewSchema,
  },
  /** The customer's cart priced for checkout, exactly as the kiosk's `checkout-quote`. */
  "counter-checkout-quote": { input: z.object(session).strict(), output: QuoteSchema },
  /** Places the order for the customer: the kiosk's checkout, with the quote's fingerprint. */
  "counter-order-place": {
    input: PlaceOrderInputSchema.extend(session),
    output: z.object({ order: OrderSchema, created: z.boolean() }),
  },

  // ---- The day (manager) and the shop's devices ----
  "counter-day-report": {
    input: z
      .object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, "a date looks like 2026-12-02")
          .optional(),
      })
      .strict(),
    output: DayReportSchema,
  },
  "counter-fleet": { input: empty, output: z.object({ members: z.array(FleetMemberSchema) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** Requests a counter connection may make before anyone has signed in. */
export const publicCounterChannels = ["counter-sign-in", "counter-status"] as const;
/** Requests only a manager may make; a cashier is refused at the gate. */
export const managerOnlyChannels = ["counter-order-cancel", "counter-day-report"] as const;

export const SignedOutReasonSchema = z.enum(["idle", "signed_out", "staff_removed"]);

export const counterEvents = {
  /**
   * One `order-events` entry: an order placed at a kiosk, paid, ready, collected, delivered or
   * cancelled, with the order as it is now. In stream order, each once; a reconnecting screen
   * calls `counter-queue` again and drops events at or before its `last_event_id`.
   */
  "counter-order-event": z.object({
    event_id: EventIdSchema,
    /** placed, paid, ready, collected, delivered, cancelled */
    kind: z.string(),
    order: OrderSchema,
  }),
  /** A cart open on this terminal changed (here, at the kiosk, or by the assistant). */
  "counter-cart-changed": z.object({ session_id: SessionIdSchema, cart: CartSchema }),
  /** This terminal was signed out (idle timeout, "Sign out", or the staff member was removed). */
  "counter-signed-out": z.object({ reason: SignedOutReasonSchema, message: z.string() }),
  "counter-connection-status": ConnectionStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type CounterRequestChannel = keyof typeof counterRequests;
export type CounterEventChannel = keyof typeof counterEvents;
export const counterRequestChannels = Object.keys(counterRequests) as CounterRequestChannel[];
export const counterEventChannels = Object.keys(counterEvents) as CounterEventChannel[];

export type CounterRequestInput<C extends CounterRequestChannel> = z.input<
  (typeof counterRequests)[C]["input"]
>;
export type CounterParsedInput<C extends CounterRequestChannel> = z.output<
  (typeof counterRequests)[C]["input"]
>;
export type CounterRequestOutput<C extends CounterRequestChannel> = z.output<
  (typeof counterRequests)[C]["output"]
>;
export type CounterEventPayload<E extends CounterEventChannel> = z.output<(typeof counterEvents)[E]>;

/** What the counter's renderer holds: the preload's `window.counter`, or a WebSocket client. */
export interface CounterApi {
  request<C extends CounterRequestChannel>(
    channel: C,
    input: CounterRequestInput<C>,
  ): Promise<CounterRequestOutput<C>>;
  on<E extends CounterEventChannel>(
    event: E,
    listener: (payload: CounterEventPayload<E>) => void,
  ): () => void;
}

// ---- Transports (the same frames as the kiosk's, src-shared/bridge.ts) ----

/** The counter's WebSocket under `npm run web`; the kiosk's `/ws` never carries a counter request. */
export const COUNTER_WS_PATH = "/counter-ws";
/** The page `npm run web` serves the counter at. */
export const COUNTER_PAGE_PATH = "/counter";

export const counterIpcRequestChannel = (channel: CounterRequestChannel): string =>
  `counter:request:${channel}`;
export const counterIpcEventChannel = (event: CounterEventChannel): string => `counter:event:${event}`;

/** The object the preload exposes as `window.counter` in the counter window (and only there). */
export type CounterBridge = {
  [C in CounterRequestChannel as RequestMethodName<C>]: (
    input: CounterRequestInput<C>,
  ) => Promise<Result<CounterRequestOutput<C>>>;
} & {
  [E in CounterEventChannel as EventMethodName<E>]: (
    listener: (payload: CounterEventPayload<E>) => void,
  ) => () => void;
};

/** Every method name of `CounterBridge`, in contract order. */
export const counterBridgeMethodNames: readonly string[] = [
  ...counterRequestChannels.map(requestMethodName),
  ...counterEventChannels.map(eventMethodName),
];
