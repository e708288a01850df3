import { createStore, type StoreApi } from "zustand/vanilla";
import type { Cart } from "../../../src-shared/cart.js";
import type { CounterApi, CounterRequestOutput } from "../../../src-shared/counter-contract.js";
import { errorMessage } from "../../stores/error-message.js";

/**
 * A customer's cart open at the counter, found by the reference their kiosk shows. While it is
 * open the main process sends `counter-cart-changed` for it, so the cashier sees the customer's
 * changes and the customer's kiosk sees the cashier's (both through the cart service and
 * `cart-changed`): this store only shows the last cart it was sent, as the kiosk's cart store does.
 */

export type CartMatch = CounterRequestOutput<"counter-cart-find">["carts"][number];

export interface CustomerCartState {
  /** What the last search found (more than one when two carts share a reference). */
  matches: readonly CartMatch[];
  sessionId: string | null;
  reference: string | null;
  cart: Cart | null;
  loading: boolean;
  /** Lines with a change in flight, by item id. */
  pending: Readonly<Record<string, true>>;
  error: string | null;
}

export interface CustomerCartActions {
  /** Finds carts by reference; a single match is opened at once. Resolves to the number found. */
  find(reference: string): Promise<number>;
  open(match: Pick<CartMatch, "session_id" | "reference">): Promise<boolean>;
  setQuantity(itemId: string, quantity: number): Promise<boolean>;
  remove(itemId: string): Promise<boolean>;
  receive(change: { session_id: string; cart: Cart }): void;
  close(): Promise<void>;
  dismissError(): void;
  reset(): void;
}

export type CustomerCartStore = CustomerCartState & CustomerCartActions;

export const initialCustomerCartState: CustomerCartState = {
  matches: [],
  sessionId: null,
  reference: null,
  cart: null,
  loading: false,
  pending: {},
  error: null,
};

export function createCustomerCartStore({ api }: { api: CounterApi }): StoreApi<CustomerCartStore> {
  let generation = 0;

  return createStore<CustomerCartStore>()((set, get) => {
    async function change(itemId: string, send: (sessionId: string) => Promise<Cart>): Promise<boolean> {
      const { sessionId, pending } = get();
      if (!sessionId || pending[itemId]) return false;
      const mine = generation;
      set({ pending: { ...pending, [itemId]: true }, error: null });
      try {
        const cart = await send(sessionId);
        if (mine !== generation) return false;
        if (cart.session_id === get().sessionId) set({ cart });
        return true;
      } catch (error) {
        if (mine !== generation) return false;
        set({ error: errorMessage(error) });
        return false;
      } finally {
        if (mine === generation) {
          const { [itemId]: _done, ...rest } = get().pending;
          set({ pending: rest });
        }
      }
    }

    return {
      ...initialCustomerCartState,

      async find(reference) {
        const mine = ++generation;
        set({ loading: true, error: null, matches: [] });
        try {
          const { carts } = await api.request("counter-cart-find", { reference: reference.trim() });
          if (mine !== generation) return 0;
          set({ loading: false, matches: carts });
          if (carts.length === 1) await get().open(carts[0]!);
          else if (carts.length === 0)
            set({ error: `No live cart has the reference ${reference.trim().toUpperCase()}.` });
          return carts.length;
        } catch (error) {
          if (mine !== generation) return 0;
          set({ loading: false, error: errorMessage(error) });
          return 0;
        }
      },

      async open({ session_id, reference }) {
        const previous = get().sessionId;
        const mine = ++generation;
        set({ loading: true, error: null, sessionId: session_id, reference, cart: null, pending: {} });
        if (previous && previous !== session_id)
          void api.request("counter-cart-close", { session_id: previous }).catch(() => {});
        try {
          const cart = await api.request("counter-cart-open", { session_id });
          if (mine !== generation) return false;
          set({ cart, loading: false });
          return true;
        } catch (error) {
          if (mine !== generation) return false;
          set({ loading: false, error: errorMessage(error) });
          return false;
        }
      },

      setQuantity: (itemId, quantity) =>
        change(itemId, (session_id) =>
          api.request("counter-cart-set-quantity", { session_id, item_id: itemId, quantity }),
        ),
      remove: (itemId) =>
        change(itemId, (session_id) => api.request("counter-cart-remove", { session_id, item_id: itemId })),

      receive({ session_id, cart }) {
        if (session_id === get().sessionId) set({ cart });
      },

      async close() {
        const { sessionId } = get();
        generation++;
        set(initialCustomerCartState);
        if (sessionId) await api.request("counter-cart-close", { session_id: sessionId }).catch(() => {});
      },

      dismissError() {
        set({ error: null });
      },

      reset() {
        generation++;
        set(initialCustomerCartState);
      },
    };
  });
}
