import { createStore, type StoreApi } from "zustand/vanilla";
import type { Cart, CartLine } from "../../src-shared/cart.js";
import type { OptionChoice } from "../../src-shared/catalog.js";
import type { KioskApi, RequestInput } from "../../src-shared/contract.js";
import { errorMessage } from "./error-message.js";

/**
 * The screen's copy of the customer's cart. The main process (and behind it Redis) is the one
 * source of truth: this store only shows the last cart it was sent, from a request's answer or a
 * `cart-changed` event, and never keeps a cart of its own (no localStorage, no optimistic lines).
 */

export type CartPendingKind = "add" | "update" | "remove" | "clear";

export interface CartState {
  /** False until the first cart arrived for the current session. */
  loaded: boolean;
  items: CartLine[];
  itemCount: number;
  total: number;
  /** The cart's currency, once a cart arrived; the store's currency applies before that. */
  currency: string | null;
  updatedAt: string | null;
  loading: boolean;
  /** Actions in flight, by key (see `addKey`, `lineKey`): shown as pending, and never sent twice. */
  pending: Readonly<Record<string, CartPendingKind>>;
  /** Why the last action failed, in words for the customer. */
  error: string | null;
}

/** What the product page and the product cards send: the contract's `cart-add` input. */
export type AddToCartInput = RequestInput<"cart-add">;

export interface CartActions {
  refresh(): Promise<boolean>;
  /** Resolves to the new cart, or undefined when it failed or the same add was already in flight. */
  add(input: AddToCartInput): Promise<Cart | undefined>;
  updateQuantity(itemId: string, quantity: number): Promise<boolean>;
  remove(itemId: string): Promise<boolean>;
  clear(): Promise<boolean>;
  /** A cart pushed by the main process (`cart-changed`). Carts of other sessions are ignored. */
  receive(cart: Cart): void;
  dismissError(): void;
  reset(): void;
}

export type CartStore = CartState & CartActions;

export const initialCartState: CartState = {
  loaded: false,
  items: [],
  itemCount: 0,
  total: 0,
  currency: null,
  updatedAt: null,
  loading: false,
  pending: {},
  error: null,
};

export const addKey = (productId: string, options: OptionChoice = {}): string =>
  `add:${productId}:${JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)))}`;
export const lineKey = (itemId: string): string => `line:${itemId}`;
export const clearKey = "clear";

/**
 * A second tap on the same "Add" within this time of the first is a double tap, not a second
 * item: an add answers in a few milliseconds, well before a finger's second tap (100-300 ms), so
 * the in-flight guard alone would let it through. A customer who wants two uses the quantity.
 */
export const DOUBLE_TAP_MS = 500;

export interface CartStoreDeps {
  api: KioskApi;
  /** The session the screen currently serves; carts of any other session are not shown. */
  sessionId: () => string | null;
}

export function createCartStore({ api, sessionId }: CartStoreDeps): StoreApi<CartStore> {
  /**
   * Bumped whenever a cart is shown. A request's answer is shown only if no cart arrived while it
   * was in flight. Events come in order on one connection and every mutation, ours included, is
   * followed by its own `cart-changed` (within the live sync's coalescing window), so skipping an
   * overtaken answer never leaves the screen behind Redis; showing it could: two quick changes from
   * two places would otherwise let the slower answer put back an older cart.
   */
  let version = 0;
  /** When each add (by addKey) was last sent, for DOUBLE_TAP_MS. */
  const lastAdd = new Map<string, number>();

  return createStore<CartStore>()((set, get) => {
    const show = (cart: Cart) => {
      version++;
      set({
        loaded: true,
        items: cart.items,
        itemCount: cart.item_count,
        total: cart.cart_total,
        currency: cart.currency,
        updatedAt: cart.updated_at,
      });
    };

    const showAnswer = (cart: Cart, versionAtSend: number) => {
      if (cart.session_id !== sessionId()) return;
      if (version !== versionAtSend) return;
      show(cart);
    };

    const withoutPending = (key: string) => {
      const { [key]: _done, ...rest } = get().pending;
      set({ pending: rest });
    };

    async function mutate(
      key: string,
      kind: CartPendingKind,
      run: () => Promise<Cart>,
    ): Promise<Cart | undefined> {
      if (get().pending[key]) return undefined;
      const versionAtSend = version;
      set({ pending: { ...get().pending, [key]: kind }, error: null });
      try {
        const cart = await run();
        showAnswer(cart, versionAtSend);
        return cart;
      } catch (error) {
        set({ error: errorMessage(error) });
        return undefined;
      } finally {
        withoutPending(key);
      }
    }

    return {
      ...initialCartState,

      async refresh() {
        if (!sessionId()) return false;
        const versionAtSend = version;
        set({ loading: true });
        try {
          showAnswer(await api.request("cart-get", {}), versionAtSend);
          set({ loading: false });
          return true;
        } catch (error) {
          set({ loading: false, error: errorMessage(error) });
          return false;
        }
      },

      async add({ product_id, quantity, options = {} }) {
        const key = addKey(product_id, options);
        // Monotonic: a wall clock set back (a time sync at boot) must not block adds.
        const now = performance.now();
        // While the first is in flight, mutate() refuses the same key by itself.
        if (now - (lastAdd.get(key) ?? -Infinity) < DOUBLE_TAP_MS) return undefined;
        lastAdd.set(key, now);
        return mutate(key, "add", () => api.request("cart-add", { product_id, quantity, options }));
      },

      async updateQuantity(itemId, quantity) {
        const kind = quantity === 0 ? "remove" : "update";
        const cart = await mutate(lineKey(itemId), kind, () =>
          api.request("cart-update-quantity", { item_id: itemId, quantity }),
        );
        return cart !== undefined;
      },

      async remove(itemId) {
        const cart = await mutate(lineKey(itemId), "remove", () =>
          api.request("cart-remove", { item_id: itemId }),
        );
        return cart !== undefined;
      },

      async clear() {
        const cart = await mutate(clearKey, "clear", () => api.request("cart-clear", {}));
        return cart !== undefined;
      },

      receive(cart) {
        if (cart.session_id === sessionId()) show(cart);
      },

      dismissError() {
        set({ error: null });
      },

      reset() {
        version++;
        lastAdd.clear();
        set(initialCartState);
      },
    };
  });
}
