import type { StoreApi } from "zustand/vanilla";
import type { Order } from "../../../src-shared/order.js";
import { CartReferenceSchema } from "../../../src-shared/session.js";
import type { CounterConnection } from "../transport/index.js";
import { createCustomerCartStore, type CustomerCartStore } from "./customer-cart-store.js";
import { createFleetStore, type FleetStore } from "./fleet-store.js";
import { createOrderStore, type OrderStore } from "./order-store.js";
import { createProductSearchStore, type ProductSearchStore } from "./product-search-store.js";
import { createQueueStore, type QueueStore } from "./queue-store.js";
import { createReportStore, type ReportStore } from "./report-store.js";
import { createStaffStore, type StaffStore } from "./staff-store.js";
import { createViewStore, type ViewStore } from "./view-store.js";

export interface CounterStores {
  staff: StoreApi<StaffStore>;
  queue: StoreApi<QueueStore>;
  order: StoreApi<OrderStore>;
  cart: StoreApi<CustomerCartStore>;
  products: StoreApi<ProductSearchStore>;
  report: StoreApi<ReportStore>;
  fleet: StoreApi<FleetStore>;
  view: StoreApi<ViewStore>;
  /**
   * What a scanner or the search box found: a cart reference opens the customer's live cart (or,
   * with no live cart, their last order); anything else (an order number, the QR code of the
   * kiosk's confirmation) opens the order.
   */
  find(text: string): Promise<boolean>;
  /** Stops listening to the main process's events. */
  dispose(): void;
}

export interface CreateCounterStoresOptions {
  /** Told of each order placed at a kiosk while someone is signed in (the chime). */
  onArrival?: (order: Order) => void;
}

const droppedLink =
  "The connection to the shop's system dropped, and this terminal was signed out. Sign in again.";

/**
 * Builds the counter's stores around one CounterConnection (the preload bridge, the WebSocket, or
 * a test's double) and subscribes them to the main process's events. Every store but the staff
 * session registers its reset here: signing out clears them all, and a store added later cannot
 * be forgotten.
 */
export function createCounterStores(
  api: CounterConnection,
  options: CreateCounterStoresOptions = {},
): CounterStores {
  const resets = new Set<() => void>();
  const resettable = <S extends { reset(): void }>(store: StoreApi<S>): StoreApi<S> => {
    resets.add(() => store.getState().reset());
    return store;
  };

  const queue = resettable(createQueueStore({ api, onArrival: (order) => options.onArrival?.(order) }));
  const order = resettable(
    createOrderStore({ api, onChanged: (changed) => queue.getState().update(changed) }),
  );
  const cart = resettable(createCustomerCartStore({ api }));
  const products = resettable(createProductSearchStore({ api }));
  const report = resettable(createReportStore({ api }));
  const fleet = resettable(createFleetStore({ api }));
  const view = resettable(createViewStore());
  const staff = createStaffStore({
    api,
    onSignedIn: () => void queue.getState().refresh(),
    onSignedOut: () => resets.forEach((reset) => reset()),
  });

  async function find(text: string): Promise<boolean> {
    const query = text.trim();
    if (!query) return false;
    if (CartReferenceSchema.safeParse(query).success) {
      const found = await cart.getState().find(query);
      if (found > 0) {
        view.getState().go("cart");
        return true;
      }
      cart.getState().dismissError();
    }
    view.getState().go("queue");
    const opened = await order.getState().find(query);
    const shown = order.getState().order;
    if (opened && shown) queue.getState().reviewed(shown.order_id);
    return opened;
  }

  const unsubscribe = [
    api.on("counter-order-event", (event) => {
      queue.getState().receive(event);
      order.getState().receive(event.order);
    }),
    api.on("counter-cart-changed", (change) => cart.getState().receive(change)),
    api.on("counter-signed-out", ({ message }) => staff.getState().signedOut(message)),
    api.on("counter-connection-status", (status) => staff.getState().receiveConnection(status)),
    api.onLink((up) => {
      const state = staff.getState();
      if (!up) {
        state.receiveConnection({
          redis: "down",
          assistant: { mode: state.connection?.assistant.mode ?? "offline", reachable: false },
          keyspace_notifications: state.connection?.keyspace_notifications ?? false,
        });
        return;
      }
      // A new connection: ask who is signed in on it. If nobody, say why; if the same person,
      // the queue is loaded again and catches up on what happened while the link was down.
      const wasSignedIn = state.phase === "signed-in";
      void state.boot().then(() => {
        if (wasSignedIn && staff.getState().phase === "signed-out") staff.getState().signedOut(droppedLink);
      });
    }),
  ];

  return {
    staff,
    queue,
    order,
    cart,
    products,
    report,
    fleet,
    view,
    find,
    dispose() {
      for (const off of unsubscribe) off();
    },
  };
}
