import { randomUUID } from "node:crypto";
import type { ParsedInput, RequestChannel, RequestOutput } from "../../src-shared/contract.js";
import type { SessionId } from "../../src-shared/session.js";
import type { AppConfig } from "../config/config.js";
import type { Catalog } from "../catalog/catalog.js";
import type { CartService } from "../cart/cart-service.js";
import type { AssistantService } from "../assistant/assistant-service.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import type { ConnectionContext } from "./connection-context.js";

/** What the handlers need, passed in (the composition root gives the real services). */
export interface ApiServices {
  catalog: Catalog;
  cart: Pick<CartService, "getCart" | "addItem" | "updateQuantity" | "removeItem" | "clearCart">;
  assistant: Pick<AssistantService, "chat" | "history">;
  status: Pick<ConnectionStatusMonitor, "get">;
  ui: AppConfig["ui"];
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
  const { catalog, cart, assistant, status, ui } = services;
  return {
    async "session-start"(_input, ctx) {
      const sessionId = newSessionId();
      ctx.setSession(sessionId);
      return { session_id: sessionId };
    },
    async "session-resume"(input, ctx) {
      ctx.setSession(input.session_id);
      return { session_id: input.session_id };
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
        },
      };
    },
    async "chat-send"(input, ctx) {
      const sessionId = ctx.requireSession();
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
    async "cart-add"(input, ctx) {
      const mutation = await cart.addItem(ctx.requireSession(), {
        product_id: input.product_id,
        quantity: input.quantity,
        options: input.options,
      });
      return mutation.cart;
    },
    async "cart-update-quantity"(input, ctx) {
      return (await cart.updateQuantity(ctx.requireSession(), input.item_id, input.quantity)).cart;
    },
    async "cart-remove"(input, ctx) {
      return (await cart.removeItem(ctx.requireSession(), input.item_id)).cart;
    },
    async "cart-clear"(_input, ctx) {
      return (await cart.clearCart(ctx.requireSession())).cart;
    },
    async "catalog-search"(input) {
      if (input.query.trim() === "") {
        const products = catalog
          .allProducts()
          .filter((p) => input.category === undefined || p.category === input.category)
          .slice(0, input.limit);
        return { products: products.map((p) => catalog.summary(p)) };
      }
      const hits = catalog.search(input.query, { category: input.category, limit: input.limit });
      return { products: hits.map((hit) => catalog.summary(hit.product)) };
    },
    async "catalog-product"(input) {
      return catalog.productOrThrow(input.product_id);
    },
    async "catalog-categories"() {
      return { categories: catalog.categories() };
    },
  };
}
