import { z } from "zod";
import type { AppErrorShapeSchema } from "./errors.js";
import { CartSchema } from "./cart.js";
import { ChatMessageSchema, AssistantReplySchema, AssistantModeSchema } from "./assistant.js";
import {
  CatalogIdSchema,
  CategorySchema,
  OptionChoiceSchema,
  ProductSummarySchema,
  ProductViewSchema,
  StoreInfoSchema,
} from "./catalog.js";
import { ItemIdSchema, SessionIdSchema } from "./session.js";

/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC and
 * the WebSocket of `npm run web`) are built from this object, both sides infer their types from it,
 * and every input is parsed with it before a handler runs. Nothing is declared twice.
 *
 * The session is a property of the connection (a window or a WebSocket), set by `session-start`
 * or `session-resume`: requests do not carry it, so no request can name another customer's cart.
 */

const empty = z.object({}).strict();

export const SessionInfoSchema = z.object({ session_id: SessionIdSchema });

export const ConnectionStatusSchema = z.object({
  redis: z.enum(["up", "down"]),
  assistant: z.object({ mode: AssistantModeSchema, reachable: z.boolean() }),
  /** False when the Redis server refuses `notify-keyspace-events`: external writes are then seen only via pub/sub. */
  keyspace_notifications: z.boolean(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const requests = {
  "session-start": { input: empty, output: SessionInfoSchema },
  "session-resume": { input: z.object({ session_id: SessionIdSchema }).strict(), output: SessionInfoSchema },
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
  "cart-add": {
    input: z
      .object({
        product_id: CatalogIdSchema,
        quantity: z.number().int().min(1).max(10_000),
        options: OptionChoiceSchema.default({}),
      })
      .strict(),
    output: CartSchema,
  },
  "cart-update-quantity": {
    input: z.object({ item_id: ItemIdSchema, quantity: z.number().int().min(0).max(10_000) }).strict(),
    output: CartSchema,
  },
  "cart-remove": { input: z.object({ item_id: ItemIdSchema }).strict(), output: CartSchema },
  "cart-clear": { input: empty, output: CartSchema },
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
  "catalog-categories": {
    input: empty,
    output: z.object({ categories: z.array(CategorySchema.extend({ product_count: z.number().int() })) }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  "cart-changed": z.object({ session_id: SessionIdSchema, cart: CartSchema }),
  "chat-token": z.object({ session_id: SessionIdSchema, text: z.string() }),
  "connection-status": ConnectionStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;
export const requestChannels = Object.keys(requests) as RequestChannel[];
export const eventChannels = Object.keys(events) as EventChannel[];

export type RequestInput<C extends RequestChannel> = z.input<(typeof requests)[C]["input"]>;
export type ParsedInput<C extends RequestChannel> = z.output<(typeof requests)[C]["input"]>;
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requests)[C]["output"]>;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;

/** Every answer crosses as an envelope: a value, or a typed error (never a stack trace). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof AppErrorShapeSchema> };

/** Event subscription method names on the client: `cart-changed` -> `onCartChanged`. */
export type EventMethodName<E extends string> = E extends `${infer Head}-${infer Tail}`
  ? `on${Capitalize<Head>}${Capitalize<CamelCase<Tail>>}`
  : `on${Capitalize<E>}`;
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/**
 * What the renderer holds: the preload's object under Electron, a WebSocket client in a browser.
 * Both `satisfies` this type. `request` rejects with an AppError on failure.
 */
export interface KioskApi {
  request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
