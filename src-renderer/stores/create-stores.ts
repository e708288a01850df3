import type { StoreApi } from "zustand/vanilla";
import type { KioskApi } from "../../src-shared/contract.js";
import { createCartStore, type CartStore } from "./cart-store.js";
import { createCatalogStore, type CatalogStore } from "./catalog-store.js";
import { createChatStore, type ChatStore } from "./chat-store.js";
import { createCheckoutStore, type CheckoutStore } from "./checkout-store.js";
import { createKioskStore, type KioskStore, type SessionMemory, type UiOverrides } from "./kiosk-store.js";
import { createNavStore, type NavStore } from "./nav-store.js";

export interface Stores {
  kiosk: StoreApi<KioskStore>;
  cart: StoreApi<CartStore>;
  chat: StoreApi<ChatStore>;
  catalog: StoreApi<CatalogStore>;
  nav: StoreApi<NavStore>;
  checkout: StoreApi<CheckoutStore>;
  /** Stops listening to the main process's events. */
  dispose(): void;
}

export interface CreateStoresOptions {
  memory?: SessionMemory;
  overrides?: UiOverrides;
}

/**
 * Builds the screen's stores around one KioskApi (the preload bridge, the WebSocket client, or a
 * test's double) and subscribes them to the main process's events. Nothing polls: the cart
 * changes only when a request answers or `cart-changed` arrives.
 */
export function createStores(api: KioskApi, options: CreateStoresOptions = {}): Stores {
  const memory = options.memory ?? window.localStorage;
  const sessionId = () => kiosk.getState().sessionId;
  const cart = createCartStore({ api, sessionId });
  const chat = createChatStore({ api });
  const catalog = createCatalogStore({ api });
  const nav = createNavStore();
  const checkout = createCheckoutStore({ api });
  const kiosk = createKioskStore({
    api,
    memory,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    stores: () => ({ cart, chat, catalog, checkout, nav }),
  });

  const unsubscribe = [
    api.on("cart-changed", ({ cart: changed }) => cart.getState().receive(changed)),
    api.on("chat-token", ({ session_id, text }) => {
      if (session_id === sessionId()) chat.getState().receiveToken(text);
    }),
    api.on("connection-status", (status) => kiosk.getState().receiveConnection(status)),
    api.on("order-changed", ({ order }) => {
      if (order.session_id === sessionId()) checkout.getState().receiveOrder(order);
    }),
  ];

  return {
    kiosk,
    cart,
    chat,
    catalog,
    nav,
    checkout,
    dispose() {
      for (const off of unsubscribe) off();
    },
  };
}
