import { randomUUID } from "node:crypto";
import type { ParsedInput, RequestChannel, RequestOutput } from "../../src-shared/contract.js";
import { AppError } from "../../src-shared/errors.js";
import type { SessionId } from "../../src-shared/session.js";
import type { Logger } from "../infra/logger.js";
import type { AppConfig } from "../config/config.js";
import type { Catalog } from "../catalog/catalog.js";
import type { CartService } from "../cart/cart-service.js";
import type { AssistantService } from "../assistant/assistant-service.js";
import type { OrderService } from "../orders/order-service.js";
import type { CartReferenceIndex } from "../cart/cart-reference-index.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import type { ConnectionContext } from "./connection-context.js";
import { resumeRefused, type SessionTokens } from "./session-tokens.js";
import type { SessionRevocations } from "./session-revocations.js";
import type { RequestLimits } from "./request-limits.js";
import { CHAT_RATE_LIMIT, TokenBucket, type RateLimit } from "./token-bucket.js";

/** What the handlers need, passed in (the composition root gives the real services). */
export interface ApiServices {
  catalog: Catalog;
  cart: Pick<CartService, "getCart" | "addItem" | "updateQuantity" | "removeItem" | "clearCart">;
  assistant: Pick<AssistantService, "chat" | "history" | "clearHistory">;
  /** Only the customer's side of orders: no staff action is reachable from a kiosk. */
  orders: Pick<OrderService, "quote" | "place" | "getForSession">;
  /** Remembers each session under the reference its screen shows, so the counter finds the cart. */
  references?: Pick<CartReferenceIndex, "remember">;
  /** RECEIPT_PRINTER: the printer a desktop window prints receipts to; unset prints nowhere (the browser's dialog). */
  receiptPrinter?: string;
  status: Pick<ConnectionStatusMonitor, "get">;
  ui: AppConfig["ui"];
  maxQuantityPerLine: number;
  sessions: Pick<SessionTokens, "issue" | "verify">;
  /** Sessions started over from; without it (unit tests) nothing is revoked. */
  revocations?: Pick<SessionRevocations, "revoke" | "isRevoked">;
  log: Logger;
  /** Per client address and in all (#14); without it (unit tests) only the per-connection limit applies. */
  limits?: Pick<RequestLimits, "chatTurn" | "cartChange">;
  /** Per connection; CHAT_RATE_LIMIT unless a test or bench says otherwise. */
  chatRateLimit?: RateLimit;
  /** The clock of the rate limit (ms). */
  now?: () => number;
}

/** One handler per channel: it receives input already parsed by the contract. */
export type RequestHandlers = {
  [C in RequestChannel]: (input: ParsedInput<C>, ctx: ConnectionContext) => Promise<RequestOutput<C>>;
};

export function newSessionId(): SessionId {
  // The web channel's format, so a session started here is valid there and in kioskctl.
  return `session-${randomUUID()}`;
}

/**
 * The request handlers, transport-agnostic: Electron IPC and the WebSocket both call these through
 * the dispatcher. The session always comes from the connection, never from the input.
 */
export function createRequestHandlers(services: ApiServices): RequestHandlers {
  const { catalog, cart, assistant, orders, status, ui, sessions, log } = services;
  const chatLimit = services.chatRateLimit ?? CHAT_RATE_LIMIT;
  const chatBuckets = new WeakMap<ConnectionContext, TokenBucket>();
  const chatBucket = (ctx: ConnectionContext) => {
    let bucket = chatBuckets.get(ctx);
    if (!bucket) chatBuckets.set(ctx, (bucket = new TokenBucket(chatLimit, services.now)));
    return bucket;
  };
  const remember = async (sessionId: SessionId) => {
    // The counter's lookup only: a kiosk whose Redis is away still starts (the live sync recovers).
    await services.references?.remember(sessionId).catch((error: unknown) => {
      log.warn(`api: could not index the cart reference of ${sessionId}`, error);
    });
  };
  const cartChange = (ctx: ConnectionContext) => services.limits?.cartChange(ctx.clientAddress);
  return {
    async "session-start"(_input, ctx) {
      const previous = ctx.sessionId;
      const sessionId = newSessionId();
      await ctx.setSession(sessionId);
      await remember(sessionId);
      if (previous) {
        // The next customer (idle reset, "Done"): the previous conversation goes and its resume
        // token stops working; the previous cart stays in Redis for its TTL, where staff can
        // still find it by its reference.
        await services.revocations?.revoke(previous).catch((error: unknown) => {
          log.warn(`api: could not revoke the resume token of the previous session ${previous}`, error);
        });
        await assistant.clearHistory(previous).catch((error: unknown) => {
          log.warn(`api: could not clear the chat of the previous session ${previous}`, error);
        });
      }
      return { session_id: sessionId, resume_token: sessions.issue(sessionId) };
    },
    async "session-resume"(input, ctx) {
      sessions.verify(input.session_id, input.resume_token);
      // Unanswered (Redis down), the resume goes ahead: the cart cannot be read until Redis is
      // back either, and a screen that loses its own session on every outage is worse.
      const revoked = await services.revocations?.isRevoked(input.session_id).catch((error: unknown) => {
        log.warn(`api: could not check whether session ${input.session_id} was started over from`, error);
        return false;
      });
      if (revoked) throw resumeRefused();
      await ctx.setSession(input.session_id);
      await remember(input.session_id);
      return { session_id: input.session_id, resume_token: input.resume_token };
    },
    async "app-status"(_input, ctx) {
      return {
        session_id: ctx.sessionId,
        store: catalog.store,
        connection: status.get(),
        ui: {
          kiosk_mode: ui.kioskMode,
          idle_timeout_seconds: ui.idleTimeoutSeconds,
          idle_countdown_seconds: ui.idleCountdownSeconds,
          max_quantity_per_line: services.maxQuantityPerLine,
          checkout_start_over_seconds: ui.checkoutStartOverSeconds,
          receipt_printer: services.receiptPrinter !== undefined,
        },
      };
    },
    async "chat-send"(input, ctx) {
      const sessionId = ctx.requireSession();
      if (!chatBucket(ctx).take()) {
        throw new AppError("rate_limited", "You're sending messages very quickly — please wait a moment.");
      }
      services.limits?.chatTurn(ctx.clientAddress);
      return assistant.chat(sessionId, input.message, {
        // Streamed text goes to the connection that asked; the cart change the reply causes
        // reaches every screen of the session through the live sync.
        onToken: (text) => ctx.emit("chat-token", { session_id: sessionId, text }),
        signal: ctx.signal,
      });
    },
    async "chat-history"(_input, ctx) {
      return { messages: await assistant.history(ctx.requireSession()) };
    },
    async "cart-get"(_input, ctx) {
      return cart.getCart(ctx.requireSession());
    },
    // The operation id is the screen's (one per customer action, resent on a retry); a request
    // without one gets its own from the cart service.
    async "cart-add"({ operation_id, ...item }, ctx) {
      cartChange(ctx);
      return (await cart.addItem(ctx.requireSession(), item, { operationId: operation_id })).cart;
    },
    async "cart-update-quantity"({ item_id, quantity, operation_id }, ctx) {
      const session = ctx.requireSession();
      cartChange(ctx);
      return (await cart.updateQuantity(session, item_id, quantity, { operationId: operation_id })).cart;
    },
    async "cart-remove"({ item_id, operation_id }, ctx) {
      cartChange(ctx);
      return (await cart.removeItem(ctx.requireSession(), item_id, { operationId: operation_id })).cart;
    },
    async "cart-clear"({ operation_id }, ctx) {
      cartChange(ctx);
      return (await cart.clearCart(ctx.requireSession(), { operationId: operation_id })).cart;
    },
    async "checkout-quote"(_input, ctx) {
      return orders.quote(ctx.requireSession());
    },
    async "order-place"(input, ctx) {
      return orders.place(ctx.requireSession(), input);
    },
    async "order-get"(input, ctx) {
      return orders.getForSession(ctx.requireSession(), input.order_id);
    },
    async "receipt-print"(input, ctx) {
      // Only the customer's own order; printed where a printer is configured and the window can print.
      await orders.getForSession(ctx.requireSession(), input.order_id);
      const printer = services.receiptPrinter;
      if (printer === undefined || !ctx.printPage) return { printed: false };
      return { printed: await ctx.printPage(printer) };
    },
    async "catalog-search"(input) {
      return catalog.browse(input);
    },
    async "catalog-product"(input) {
      return catalog.productOrThrow(input.product_id);
    },
    async "catalog-categories"() {
      return { categories: catalog.categories() };
    },
  };
}
