import type { Redis } from "ioredis";
import { z } from "zod";
import {
  AddItemInputSchema,
  AttachCustomerInputSchema,
  type AddItemInput,
  type AttachCustomerInput,
  type Cart,
  type CartChangeKind,
  type CartEventMessage,
  type CartLine,
} from "../../src-shared/cart.js";
import { AppError, parseOrThrow } from "../../src-shared/errors.js";
import { minorToDecimal } from "../../src-shared/money.js";
import { newOperationId, OperationIdSchema } from "../../src-shared/operation-id.js";
import { CartReferenceSchema, ItemIdSchema, SessionIdSchema } from "../../src-shared/session.js";
import type { Catalog } from "../catalog/catalog.js";
import { confirmReplicated, redisRoundTrip, type ReplicationPolicy } from "../infra/redis-client.js";
import type { Logger } from "../infra/logger.js";
import {
  CART_EVENTS_CHANNEL,
  cartKeys,
  cartReferenceKeyPattern,
  operationKey,
  parseCartKey,
} from "./cart-keys.js";
import { decodeCart, decodeLine, type DecodeContext } from "./cart-codec.js";
import { defineCartScripts, type CartScriptReply, type CartScripts } from "./cart-scripts.js";
import { canonicalJson, itemIdFor } from "./item-id.js";

/**
 * The cart, shared with the web channel through Redis (layout: cart-keys.ts, docs/redis-schema.md).
 * Every call validates its input before touching Redis, so a refused call writes nothing; every
 * call is one round trip (a Lua script, see cart-scripts.ts); prices, names, images and categories
 * come from the catalog, never from the caller. Every mutation runs under an operation id (the
 * caller's, or one minted for the call): running it again with the same id applies it once.
 */

export interface CartMutation {
  cart: Cart;
  change: CartChangeKind;
  /** The line the change was about; for a removal, its last state (unknown on a replay). */
  item?: CartLine;
  /** True when this operation id had been applied already: nothing was written, `cart` is the cart now. */
  replayed: boolean;
}

/** What every mutation may be told besides its input. */
export interface MutationOptions {
  /**
   * The customer action this call carries out (src-shared/operation-id.ts). Give the same id when
   * retrying an action whose answer was lost; without one, the call gets an id of its own.
   */
  operationId?: string;
}

export interface CartServiceOptions {
  redis: Redis;
  catalog: Catalog;
  maxQuantityPerLine?: number;
  ttlSeconds?: number;
  clock?: () => Date;
  /** How long a call waits for a (re)connecting client before answering `cart_unavailable`. */
  readyTimeoutMs?: number;
  /** Told about lines that cannot be read (e.g. a malformed price written by another channel). */
  onInvalidLine?: (sessionId: string, itemId: string, reason: string) => void;
  /** Told about a cart key of the wrong Redis type (the call answers `cart_unreadable`). */
  onWrongType?: (sessionId: string, key: string, type: string) => void;
  /**
   * Replicas that must hold a change before it is acknowledged (REDIS_WAIT_REPLICAS; 0: the
   * primary's word is enough, as Redis's asynchronous replication gives). See docs/redis-schema.md.
   */
  replication?: ReplicationPolicy;
}

/** A cart whose own keys another program stored as other Redis types: what the customer and staff are told. */
export function cartUnreadable(): AppError {
  return new AppError(
    "cart_unreadable",
    "This cart cannot be read: another program stored part of it in a form the kiosk does not " +
      "understand. Nothing was changed. Clearing the cart (or starting over) makes it usable again.",
  );
}

/** Logs what the cart leaves out or refuses because another program wrote it in a form it cannot read. */
export function cartProblemLog(log: Logger): Pick<CartServiceOptions, "onInvalidLine" | "onWrongType"> {
  return {
    onInvalidLine: (sessionId, itemId, reason) =>
      log.warn(`cart: line ${JSON.stringify(itemId)} of ${sessionId} is left out: ${reason}`),
    onWrongType: (sessionId, key, type) =>
      log.warn(`cart: ${sessionId} cannot be read: ${JSON.stringify(key)} holds a Redis ${type}`),
  };
}

/**
 * `updated_at` as an ISO time with an explicit offset: the seed shows Python's isoformat(), and
 * Python before 3.11 cannot parse a trailing "Z" with datetime.fromisoformat.
 */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, "+00:00");
}

/** The add's shape; the quantity is checked apart, against the configured maximum, in plain words. */
const addItemShape = AddItemInputSchema.extend({ quantity: z.unknown() });

export class CartService {
  readonly maxQuantityPerLine: number;
  readonly ttlSeconds: number;
  private readonly redis: Redis;
  private readonly catalog: Catalog;
  private readonly clock: () => Date;
  private readonly readyTimeoutMs: number;
  private readonly onInvalidLine: CartServiceOptions["onInvalidLine"];
  private readonly onWrongType: CartServiceOptions["onWrongType"];
  private readonly scripts: CartScripts;
  private readonly replication: ReplicationPolicy;

  constructor(options: CartServiceOptions) {
    this.replication = options.replication ?? { waitReplicas: 0, waitTimeoutMs: 100 };
    this.redis = options.redis;
    this.catalog = options.catalog;
    this.maxQuantityPerLine = options.maxQuantityPerLine ?? 99;
    this.ttlSeconds = options.ttlSeconds ?? 604_800;
    this.clock = options.clock ?? (() => new Date());
    this.readyTimeoutMs = options.readyTimeoutMs ?? 1_000;
    this.onInvalidLine = options.onInvalidLine;
    this.onWrongType = options.onWrongType;
    this.scripts = defineCartScripts(this.redis);
  }

  async getCart(sessionId: string): Promise<Cart> {
    const session = this.session(sessionId);
    const keys = cartKeys(session);
    const reply = await this.call(() => this.scripts.read(keys.meta, keys.items, keys.itemPrefix));
    this.refuseWrongType(session, reply);
    return decodeCart(reply, this.decodeContext(session));
  }

  async addItem(
    sessionId: string,
    input: AddItemInput,
    mutation: MutationOptions = {},
  ): Promise<CartMutation> {
    const session = this.session(sessionId);
    const operation = this.operation(session, mutation);
    const parsed = parseOrThrow(addItemShape, input, "item");
    const quantity = this.checkQuantity(parsed.quantity, 1);
    const { product_id, options } = parsed;
    const { product, configuration, unitPrice } = this.catalog.resolveChoice(product_id, options);
    const itemId = itemIdFor(product.id, configuration);
    const keys = cartKeys(session);
    const event = this.event(session, "item_added");
    const reply = await this.mutate(session, () =>
      this.scripts.add(
        keys.meta,
        keys.items,
        keys.item(itemId),
        operation,
        itemId,
        quantity,
        this.maxQuantityPerLine,
        this.ttlSeconds,
        event.updated_at,
        CART_EVENTS_CHANNEL,
        JSON.stringify(event),
        keys.itemPrefix,
        product.id,
        product.name,
        minorToDecimal(unitPrice, this.catalog.exponent),
        canonicalJson(configuration),
        product.image_url,
        product.category,
      ),
    );
    if (reply.status === "quantity_limit") throw this.quantityLimit(product.name, reply.held ?? 0);
    const cart = decodeCart(reply, this.decodeContext(session));
    return {
      cart,
      change: "item_added",
      item: cart.items.find((line) => line.item_id === itemId),
      replayed: reply.replayed === true,
    };
  }

  /**
   * The carts whose session id ends in `reference` (the checkout screen's code), for staff at the
   * counter. A SCAN over the cart keys: a staff lookup, never on a customer's hot path.
   */
  async findByReference(reference: string): Promise<Cart[]> {
    const ref = parseOrThrow(CartReferenceSchema, reference, "cart reference");
    const sessions = new Set<string>();
    await this.call(async () => {
      let cursor = "0";
      do {
        const [next, keys] = await this.redis.scan(
          cursor,
          "MATCH",
          cartReferenceKeyPattern(ref),
          "COUNT",
          1000,
        );
        cursor = next;
        for (const key of keys) {
          const parsed = parseCartKey(key);
          if (parsed?.kind === "meta" && SessionIdSchema.safeParse(parsed.sessionId).success) {
            sessions.add(parsed.sessionId);
          }
        }
      } while (cursor !== "0");
    });
    const carts = await Promise.all([...sessions].map((session) => this.getCart(session)));
    return carts.sort((a, b) => (b.updated_at ?? "").localeCompare(a.updated_at ?? ""));
  }

  /** Sets a line's quantity; 0 removes the line. */
  async updateQuantity(
    sessionId: string,
    itemId: string,
    quantity: number,
    options: MutationOptions = {},
  ): Promise<CartMutation> {
    const session = this.session(sessionId);
    const operation = this.operation(session, options);
    const item = parseOrThrow(ItemIdSchema, itemId, "item id");
    const wanted = this.checkQuantity(quantity, 0);
    const change = wanted === 0 ? "item_removed" : "quantity_updated";
    return this.setQuantity(session, operation, item, wanted, change);
  }

  async removeItem(sessionId: string, itemId: string, options: MutationOptions = {}): Promise<CartMutation> {
    const session = this.session(sessionId);
    const operation = this.operation(session, options);
    const item = parseOrThrow(ItemIdSchema, itemId, "item id");
    return this.setQuantity(session, operation, item, 0, "item_removed");
  }

  async clearCart(sessionId: string, options: MutationOptions = {}): Promise<CartMutation> {
    const session = this.session(sessionId);
    const operation = this.operation(session, options);
    const keys = cartKeys(session);
    const event = this.event(session, "cart_cleared");
    const reply = await this.mutate(session, () =>
      this.scripts.clear(keys.meta, keys.items, operation, ...this.finishArgs(keys.itemPrefix, event)),
    );
    return {
      cart: decodeCart(reply, this.decodeContext(session)),
      change: "cart_cleared",
      replayed: reply.replayed === true,
    };
  }

  async attachCustomer(
    sessionId: string,
    input: AttachCustomerInput,
    options: MutationOptions = {},
  ): Promise<CartMutation> {
    const session = this.session(sessionId);
    const operation = this.operation(session, options);
    const customer = parseOrThrow(AttachCustomerInputSchema, input, "customer details");
    const fields = Object.entries(customer).flatMap(([field, value]) =>
      value === undefined ? [] : [field, value],
    );
    const keys = cartKeys(session);
    const event = this.event(session, "customer_attached");
    const reply = await this.mutate(session, () =>
      this.scripts.attach(
        keys.meta,
        keys.items,
        operation,
        ...this.finishArgs(keys.itemPrefix, event),
        ...fields,
      ),
    );
    return {
      cart: decodeCart(reply, this.decodeContext(session)),
      change: "customer_attached",
      replayed: reply.replayed === true,
    };
  }

  private async setQuantity(
    session: string,
    operation: string,
    itemId: string,
    quantity: number,
    change: "quantity_updated" | "item_removed",
  ): Promise<CartMutation> {
    const keys = cartKeys(session);
    const event = this.event(session, change);
    const reply = await this.mutate(session, () =>
      this.scripts.setQuantity(
        keys.meta,
        keys.items,
        keys.item(itemId),
        operation,
        itemId,
        quantity,
        ...this.finishArgs(keys.itemPrefix, event),
      ),
    );
    if (reply.status === "not_found") throw new AppError("not_found", "That item is not in your cart.");
    const context = this.decodeContext(session);
    const cart = decodeCart(reply, context);
    const item =
      change === "item_removed"
        ? reply.before && decodeLine(itemId, reply.before, context)
        : cart.items.find((line) => line.item_id === itemId);
    return { cart, change, item, replayed: reply.replayed === true };
  }

  /** ARGV shared by the mutation scripts: line key prefix, ttl, updated_at, channel, message. */
  private finishArgs(itemPrefix: string, event: CartEventMessage): [string, number, string, string, string] {
    return [itemPrefix, this.ttlSeconds, event.updated_at, CART_EVENTS_CHANNEL, JSON.stringify(event)];
  }

  private event(sessionId: string, change: CartChangeKind): CartEventMessage {
    return { session_id: sessionId, change, updated_at: isoTimestamp(this.clock()) };
  }

  /** The key recording this mutation's operation id: the caller's id, or a new one for this call. */
  private operation(session: string, options: MutationOptions): string {
    const id =
      options.operationId === undefined
        ? newOperationId()
        : parseOrThrow(OperationIdSchema, options.operationId, "operation id");
    return operationKey(session, id);
  }

  private session(sessionId: string): string {
    return parseOrThrow(SessionIdSchema, sessionId, "session id");
  }

  /** Quantities are whole numbers up to the per-line maximum; 0 only where it means "remove". */
  private checkQuantity(value: unknown, min: 0 | 1): number {
    const max = this.maxQuantityPerLine;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
      throw new AppError(
        "invalid_input",
        min === 0
          ? `The quantity must be a whole number from 0 to ${max} (0 removes the item).`
          : `The quantity must be a whole number from 1 to ${max}.`,
      );
    }
    if (value > max) {
      throw new AppError("quantity_limit", `One cart line holds at most ${max} of an item.`);
    }
    return value;
  }

  private quantityLimit(name: string, held: number): AppError {
    const room = this.maxQuantityPerLine - held;
    return new AppError(
      "quantity_limit",
      `The cart already has ${held} × ${name} and one line holds at most ${this.maxQuantityPerLine}, ` +
        (room > 0 ? `so you can add up to ${room} more.` : "so no more can be added."),
    );
  }

  /**
   * A cart key another program wrote with the wrong Redis type: the script wrote nothing, and the
   * customer is told what still works (clearing deletes those keys, cart-scripts.ts).
   */
  private refuseWrongType(sessionId: string, reply: CartScriptReply): void {
    if (reply.status !== "wrong_type") return;
    this.onWrongType?.(sessionId, reply.key ?? "?", reply.type ?? "?");
    throw cartUnreadable();
  }

  private decodeContext(sessionId: string): DecodeContext {
    return {
      sessionId,
      currency: this.catalog.store.currency,
      exponent: this.catalog.exponent,
      onInvalidLine:
        this.onInvalidLine && ((itemId, reason) => this.onInvalidLine!(sessionId, itemId, reason)),
    };
  }

  /**
   * Runs a mutation script and, when replicas must confirm it, WAITs for them on the same
   * connection (WAIT counts what this connection wrote). Unconfirmed in time, the call answers
   * `cart_unavailable`: the change may hold on the primary, and a retry with the same operation id
   * replays it rather than applying it twice. A WAIT that ioredis resent to a new primary after a
   * failover counts that primary's replicas, so it confirms only what the new primary holds.
   */
  private async mutate(sessionId: string, script: () => Promise<CartScriptReply>): Promise<CartScriptReply> {
    return this.call(async () => {
      const reply = await script();
      this.refuseWrongType(sessionId, reply);
      if (reply.status === "ok" || reply.replayed) await confirmReplicated(this.redis, this.replication);
      return reply;
    });
  }

  /** Runs one Redis round trip, turning "Redis is down" into `cart_unavailable`. */
  private call<T>(roundTrip: () => Promise<T>): Promise<T> {
    return redisRoundTrip(this.redis, this.readyTimeoutMs, roundTrip);
  }
}
