import { z } from "zod";
import { AppErrorShapeSchema } from "./errors.js";
import { AddItemInputSchema, CartSchema, QUANTITY_HARD_LIMIT } from "./cart.js";
import { ChatMessageSchema, AssistantReplySchema, AssistantModeSchema } from "./assistant.js";
import {
  CatalogIdSchema,
  CategorySchema,
  ProductSummarySchema,
  ProductViewSchema,
  StoreInfoSchema,
} from "./catalog.js";
import { OperationIdSchema } from "./operation-id.js";
import { ItemIdSchema, SessionIdSchema } from "./session.js";
import { OrderChangedSchema, OrderSchema, PlaceOrderInputSchema, QuoteSchema } from "./order.js";

/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC and
 * the WebSocket of `npm run web`) are built from this object, both sides infer their types from it,
 * and every input is parsed with it before a handler runs. Nothing is declared twice.
 *
 * The session is a property of the connection (a window or a WebSocket), set by `session-start`
 * or `session-resume`: requests do not carry it, so no request can name another customer's cart.
 * Resuming needs the token `session-start` handed out with the session: a session id alone
 * (guessable for `wa_<digits>`, visible on receipts) never opens a cart.
 *
 * Checkout: the kiosk quotes its own cart, places its own order (an idempotency key per attempt)
 * and reads only orders its session placed. Staff actions (pay, ready, collect, cancel) are not
 * in this contract at all: they belong to the counter's separate, signed-in channel.
 */

const empty = z.object({}).strict();

/**
 * Every cart mutation may name the customer action it carries out (src-shared/operation-id.ts):
 * the screen sends the same id again when it retries an action whose answer it did not get, and
 * the cart applies it once. Without one, the main process gives the request an id of its own.
 */
const operation = { operation_id: OperationIdSchema.optional() };

/** An HMAC of the session id under the install's secret (base64url); only the server can make one. */
export const ResumeTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "a resume token has only letters, digits, '_' and '-'");

export const SessionInfoSchema = z.object({ session_id: SessionIdSchema, resume_token: ResumeTokenSchema });
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const ConnectionStatusSchema = z.object({
  redis: z.enum(["up", "down"]),
  assistant: z.object({ mode: AssistantModeSchema, reachable: z.boolean() }),
  /** False when the Redis server refuses `notify-keyspace-events`: external writes are then seen only via pub/sub. */
  keyspace_notifications: z.boolean(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const requests = {
  "session-start": { input: empty, output: SessionInfoSchema },
  "session-resume": { input: SessionInfoSchema.strict(), output: SessionInfoSchema },
  "app-status": {
    input: empty,
    output: z.object({
      session_id: SessionIdSchema.nullable(),
      store: StoreInfoSchema,
      connection: ConnectionStatusSchema,
      ui: z.object({
        kiosk_mode: z.boolean(),
        idle_timeout_seconds: z.number().int(),
        idle_countdown_seconds: z.number().int(),
        /** MAX_QUANTITY_PER_LINE: the quantity steppers stop there. */
        max_quantity_per_line: z.number().int().min(1).max(QUANTITY_HARD_LIMIT),
        /** The order confirmation starts over by itself this long after it is paid or left. */
        checkout_start_over_seconds: z.number().int().positive(),
        /** A receipt printer is configured (desktop): receipts print there, not in a dialog. */
        receipt_printer: z.boolean(),
      }),
    }),
  },
  "chat-send": {
    input: z
      .object({
        message: z
          .string()
          .trim()
          .min(1, "type a message first")
          .max(2000, "a message has at most 2000 characters"),
      })
      .strict(),
    output: AssistantReplySchema,
  },
  "chat-history": { input: empty, output: z.object({ messages: z.array(ChatMessageSchema) }) },
  "cart-get": { input: empty, output: CartSchema },
  "cart-add": { input: AddItemInputSchema.extend(operation), output: CartSchema },
  "cart-update-quantity": {
    input: z
      .object({
        item_id: ItemIdSchema,
        quantity: z.number().int().min(0).max(QUANTITY_HARD_LIMIT),
        ...operation,
      })
      .strict(),
    output: CartSchema,
  },
  "cart-remove": { input: z.object({ item_id: ItemIdSchema, ...operation }).strict(), output: CartSchema },
  "cart-clear": { input: z.object(operation).strict(), output: CartSchema },
  "catalog-search": {
    input: z
      .object({
        query: z.string().max(200).default(""),
        category: CatalogIdSchema.optional(),
        limit: z.number().int().min(1).max(100).default(24),
      })
      .strict(),
    output: z.object({ products: z.array(ProductSummarySchema) }),
  },
  "catalog-product": { input: z.object({ product_id: CatalogIdSchema }).strict(), output: ProductViewSchema },
  "checkout-quote": { input: empty, output: QuoteSchema },
  "order-place": {
    input: PlaceOrderInputSchema,
    output: z.object({ order: OrderSchema, created: z.boolean() }),
  },
  "order-get": {
    input: z.object({ order_id: z.uuid("an order id is a uuid") }).strict(),
    output: OrderSchema,
  },
  "receipt-print": {
    input: z.object({ order_id: z.uuid("an order id is a uuid") }).strict(),
    output: z.object({ printed: z.boolean() }),
  },
  "catalog-categories": {
    input: empty,
    output: z.object({ categories: z.array(CategorySchema.extend({ product_count: z.number().int() })) }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  "cart-changed": z.object({ session_id: SessionIdSchema, cart: CartSchema }),
  "chat-token": z.object({ session_id: SessionIdSchema, text: z.string() }),
  "connection-status": ConnectionStatusSchema,
  /** An order of this connection's session changed (placed, paid, ready, collected, cancelled). */
  "order-changed": OrderChangedSchema,
} as const satisfies Record<string, z.ZodType>;

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;
export const requestChannels = Object.keys(requests) as RequestChannel[];
export const eventChannels = Object.keys(events) as EventChannel[];

export type RequestInput<C extends RequestChannel> = z.input<(typeof requests)[C]["input"]>;
export type ParsedInput<C extends RequestChannel> = z.output<(typeof requests)[C]["input"]>;
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requests)[C]["output"]>;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;

const SuccessSchema = z.object({ ok: z.literal(true), value: z.unknown() });
const FailureSchema = z.object({ ok: z.literal(false), error: AppErrorShapeSchema });

/** Every answer crosses as an envelope: a value, or a typed error (never a stack trace). */
export const ResultSchema = z.union([SuccessSchema, FailureSchema]);
export type Result<T = unknown> =
  (z.infer<typeof SuccessSchema> & { value: T }) | z.infer<typeof FailureSchema>;

/**
 * What the renderer holds: the preload's object under Electron, a WebSocket client in a browser.
 * Both `satisfies` this type. `request` rejects with an AppError on failure.
 */
export interface KioskApi {
  request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
