import { createStore, type StoreApi } from "zustand/vanilla";
import type { CounterApi } from "../../../src-shared/counter-contract.js";
import type { Order, PaymentInput } from "../../../src-shared/order.js";
import { errorMessage } from "../../stores/error-message.js";

/**
 * The order open at the counter, and the staff actions on it. Each action names the order by its
 * id (unique across days, unlike its number) and shows the order the main process answers with;
 * a refusal ("Already paid at Counter 2 by Amina") is shown in its own words. Later changes from
 * anywhere arrive as queue events and replace the order shown (`receive`).
 */

export type OrderAction = "pay" | "ready" | "collected" | "delivered" | "cancel";

export interface OrderState {
  order: Order | null;
  loading: boolean;
  /** The action in flight: its button shows busy and cannot be pressed twice. */
  busy: OrderAction | null;
  error: string | null;
}

export interface OrderActions {
  /** Finds an order by number, id, QR text or cart reference and opens it. */
  find(query: string): Promise<boolean>;
  show(order: Order): void;
  pay(payment: PaymentInput): Promise<boolean>;
  markReady(): Promise<boolean>;
  markCollected(): Promise<boolean>;
  markDelivered(): Promise<boolean>;
  cancel(reason: string): Promise<boolean>;
  /** A newer copy of an order (from the queue's events): shown if it is the open one. */
  receive(order: Order): void;
  close(): void;
  dismissError(): void;
  reset(): void;
}

export type OrderStore = OrderState & OrderActions;

export const initialOrderState: OrderState = { order: null, loading: false, busy: null, error: null };

export interface OrderStoreDeps {
  api: CounterApi;
  /** Every order an action answered with, for the queue. */
  onChanged: (order: Order) => void;
}

export function createOrderStore({ api, onChanged }: OrderStoreDeps): StoreApi<OrderStore> {
  let generation = 0;

  return createStore<OrderStore>()((set, get) => {
    async function act(action: OrderAction, send: (orderId: string) => Promise<Order>): Promise<boolean> {
      const { order, busy } = get();
      if (!order || busy) return false;
      const mine = generation;
      set({ busy: action, error: null });
      try {
        const changed = await send(order.order_id);
        if (mine !== generation) return false;
        onChanged(changed);
        set({ busy: null });
        get().receive(changed);
        return true;
      } catch (error) {
        if (mine !== generation) return false;
        set({ busy: null, error: errorMessage(error) });
        return false;
      }
    }

    return {
      ...initialOrderState,

      async find(query) {
        const text = query.trim();
        if (!text) return false;
        const mine = ++generation;
        set({ loading: true, error: null });
        try {
          const order = await api.request("counter-order-find", { query: text });
          if (mine !== generation) return false;
          set({ order, loading: false, busy: null });
          return true;
        } catch (error) {
          if (mine !== generation) return false;
          set({ loading: false, error: errorMessage(error) });
          return false;
        }
      },

      show(order) {
        generation++;
        set({ order, loading: false, busy: null, error: null });
      },

      pay: (payment) => act("pay", (order) => api.request("counter-order-pay", { order, payment })),
      markReady: () => act("ready", (order) => api.request("counter-order-ready", { order })),
      markCollected: () => act("collected", (order) => api.request("counter-order-collected", { order })),
      markDelivered: () => act("delivered", (order) => api.request("counter-order-delivered", { order })),
      cancel: (reason) => act("cancel", (order) => api.request("counter-order-cancel", { order, reason })),

      receive(order) {
        const shown = get().order;
        if (!shown || shown.order_id !== order.order_id || shown.updated_at > order.updated_at) return;
        set({ order });
      },

      close() {
        generation++;
        set(initialOrderState);
      },

      dismissError() {
        set({ error: null });
      },

      reset() {
        generation++;
        set(initialOrderState);
      },
    };
  });
}
