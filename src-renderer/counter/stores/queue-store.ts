import { createStore, type StoreApi } from "zustand/vanilla";
import type { CounterApi, CounterEventPayload } from "../../../src-shared/counter-contract.js";
import type { Order } from "../../../src-shared/order.js";
import { errorMessage } from "../../stores/error-message.js";

/**
 * The order queue: today's orders and every order still open, kept current by
 * `counter-order-event` (one per `order-events` stream entry, in stream order). The list is
 * loaded with the id of the last event it includes, so an event at or before it is dropped, and
 * events that arrive while the list is loading are held and applied after it: after a reconnect
 * nothing is missed and nothing is counted twice. A newly placed order is an arrival until a
 * cashier reviews it (the notification with "Review order").
 */

export type OrderEvent = CounterEventPayload<"counter-order-event">;

export interface QueueState {
  loaded: boolean;
  loading: boolean;
  /** Today in the shop's time zone. */
  day: string | null;
  /** By order id. */
  orders: Readonly<Record<string, Order>>;
  lastEventId: string | null;
  /** Orders placed since the queue was loaded that nobody has reviewed yet, oldest first. */
  arrivals: readonly string[];
  error: string | null;
}

export interface QueueActions {
  refresh(): Promise<boolean>;
  receive(event: OrderEvent): void;
  /** "Review order" (or opening it another way): no longer an arrival. */
  reviewed(orderId: string): void;
  /** An order a request answered with (a payment, a status change): newer than the list's. */
  update(order: Order): void;
  reset(): void;
}

export type QueueStore = QueueState & QueueActions;

export const initialQueueState: QueueState = {
  loaded: false,
  loading: false,
  day: null,
  orders: {},
  lastEventId: null,
  arrivals: [],
  error: null,
};

/** Orders stream entry ids ("1764752400000-3"): by time, then sequence. */
export function compareEventIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split("-").map(Number);
  const [bMs = 0, bSeq = 0] = b.split("-").map(Number);
  return aMs - bMs || aSeq - bSeq;
}

export interface QueueStoreDeps {
  api: CounterApi;
  /** Told of each order placed while the queue is shown (the sound). */
  onArrival?: (order: Order) => void;
}

export function createQueueStore({ api, onArrival }: QueueStoreDeps): StoreApi<QueueStore> {
  /** Events received while a refresh is in flight: applied once its list is in. */
  let held: OrderEvent[] | null = null;
  /** Bumped by reset, so that an answer for a signed-out terminal is not shown to the next person. */
  let generation = 0;

  return createStore<QueueStore>()((set, get) => {
    const apply = (event: OrderEvent) => {
      const { lastEventId, orders, arrivals } = get();
      if (lastEventId && compareEventIds(event.event_id, lastEventId) <= 0) return;
      const known = Object.hasOwn(orders, event.order.order_id);
      const arrived = event.kind === "placed" && !known;
      set({
        lastEventId: event.event_id,
        orders: { ...orders, [event.order.order_id]: event.order },
        arrivals: arrived ? [...arrivals, event.order.order_id] : arrivals,
      });
      if (arrived) onArrival?.(event.order);
    };

    return {
      ...initialQueueState,

      async refresh() {
        const mine = generation;
        held ??= [];
        set({ loading: true, error: null });
        try {
          const queue = await api.request("counter-queue", {});
          if (mine !== generation) return false;
          const orders: Record<string, Order> = {};
          for (const order of queue.orders) orders[order.order_id] = order;
          const stillKnown = get().arrivals.filter((id) => Object.hasOwn(orders, id));
          set({
            loaded: true,
            loading: false,
            day: queue.day,
            orders,
            lastEventId: queue.last_event_id,
            arrivals: stillKnown,
          });
          const waiting = held ?? [];
          held = null;
          for (const event of waiting) apply(event);
          return true;
        } catch (error) {
          if (mine !== generation) return false;
          held = null;
          set({ loading: false, error: errorMessage(error) });
          return false;
        }
      },

      receive(event) {
        if (held) held.push(event);
        else if (get().loaded) apply(event);
      },

      reviewed(orderId) {
        if (get().arrivals.includes(orderId))
          set({ arrivals: get().arrivals.filter((id) => id !== orderId) });
      },

      update(order) {
        const current = get().orders[order.order_id];
        if (current && current.updated_at > order.updated_at) return;
        set({ orders: { ...get().orders, [order.order_id]: order } });
      },

      reset() {
        generation++;
        held = null;
        set(initialQueueState);
      },
    };
  });
}
