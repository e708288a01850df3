import { createStore, type StoreApi } from "zustand/vanilla";
import type { Cart } from "../../../src-shared/cart.js";
import type { OptionChoice } from "../../../src-shared/catalog.js";
import type { CounterApi, CounterRequestOutput } from "../../../src-shared/counter-contract.js";
import type { Order, Quote } from "../../../src-shared/order.js";
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
  /** Lines with a change in flight, by item id (and `add:<product>` for an add). */
  pending: Readonly<Record<string, true>>;
  /** The cart priced for checkout, once "Place order" was pressed: what changed, and the total. */
  quote: Quote | null;
  placing: boolean;
  error: string | null;
}

export interface CustomerCartActions {
  /** Finds carts by reference; a single match is opened at once. Resolves to the number found. */
  find(reference: string): Promise<number>;
  open(match: Pick<CartMatch, "session_id" | "reference">): Promise<boolean>;
  setQuantity(itemId: string, quantity: number): Promise<boolean>;
  remove(itemId: string): Promise<boolean>;
  add(productId: string, options: OptionChoice, quantity: number): Promise<boolean>;
  /** Prices the cart for checkout (the kiosk's quote), to show before the order is placed. */
  review(): Promise<boolean>;
  /**
   * Places the order for the customer with the quote's fingerprint (the cart must not have
   * changed since) and `idempotencyKey` (the same key for a retry of the same attempt).
   */
  placeOrder(idempotencyKey: string): Promise<Order | undefined>;
  cancelReview(): void;
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
  quote: null,
  placing: false,
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

      add: (productId, options, quantity) =>
        change(`add:${productId}`, (session_id) =>
          api.request("counter-cart-add", { session_id, product_id: productId, options, quantity }),
        ),

      async review() {
        const { sessionId } = get();
        if (!sessionId) return false;
        const mine = generation;
        set({ error: null });
        try {
          const quote = await api.request("counter-checkout-quote", { session_id: sessionId });
          if (mine !== generation) return false;
          set({ quote });
          return true;
        } catch (error) {
          if (mine !== generation) return false;
          set({ error: errorMessage(error) });
          return false;
        }
      },

      async placeOrder(idempotencyKey) {
        const { sessionId, quote, placing } = get();
        if (!sessionId || !quote || placing) return undefined;
        const mine = generation;
        set({ placing: true, error: null });
        try {
          const { order } = await api.request("counter-order-place", {
            session_id: sessionId,
            fingerprint: quote.fingerprint,
            idempotency_key: idempotencyKey,
            fulfilment: { type: "collection" },
          });
          if (mine !== generation) return undefined;
          set({ placing: false, quote: null });
          return order;
        } catch (error) {
          if (mine !== generation) return undefined;
          set({ placing: false, error: errorMessage(error) });
          return undefined;
        }
      },

      cancelReview() {
        set({ quote: null });
      },

      receive({ session_id, cart }) {
        if (session_id !== get().sessionId) return;
        // The customer changed the cart: a quote shown now no longer describes it.
        set({ cart, quote: get().quote && cart.updated_at !== get().cart?.updated_at ? null : get().quote });
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
