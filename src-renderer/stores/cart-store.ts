import { createStore, type StoreApi } from "zustand/vanilla";
import type { Cart, CartLine } from "../../src-shared/cart.js";
import type { OptionChoice } from "../../src-shared/catalog.js";
import type { KioskApi, RequestInput } from "../../src-shared/contract.js";
import { newOperationId, OPERATION_TTL_SECONDS, type OperationId } from "../../src-shared/operation-id.js";
import { errorMessage } from "./error-message.js";

/**
 * The screen's copy of the customer's cart. The main process (and behind it Redis) is the one
 * source of truth: this store only shows the last cart it was sent, from a request's answer or a
 * `cart-changed` event, and never keeps a cart of its own (no localStorage, no optimistic lines).
 *
 * Every action is sent with an operation id (src-shared/operation-id.ts). When its answer says the
 * cart service could not be reached, the action may still have been applied (a hung Redis runs the
 * queued command when it wakes up), so the same action tapped again is sent with the same id and
 * the cart applies it at most once: a customer who taps "Add" again after "unavailable" gets one.
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
  /**
   * Actions whose outcome is unknown (answered `cart_unavailable`): the same action again
   * reuses its operation id. Forgotten when it is settled (answered), after its record expired, on
   * reset, and all of them once a new action succeeds: the customer has then seen the cart as it
   * is and acted on it, so a later tap means a new action (an add that hung, then the line it made
   * removed by hand, then "Add" again: that is a second add, not a retry).
   */
  const unsettled = new Map<string, { operationId: OperationId; sentAt: number }>();
  const retryOf = (action: string, now: number): OperationId | undefined => {
    const open = unsettled.get(action);
    return open && now - open.sentAt < OPERATION_TTL_SECONDS * 1_000 ? open.operationId : undefined;
  };

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

    async function mutate<I extends object>(
      key: string,
      kind: CartPendingKind,
      input: I,
      send: (input: I & { operation_id: OperationId }) => Promise<Cart>,
    ): Promise<Cart | undefined> {
      if (get().pending[key]) return undefined;
      const versionAtSend = version;
      // The action: what is changed (the key) and how (the input), e.g. "add 1" and "add 2" differ.
      const action = `${key} ${JSON.stringify(input)}`;
      const sentAt = performance.now();
      const retried = retryOf(action, sentAt);
      const operationId = retried ?? newOperationId();
      set({ pending: { ...get().pending, [key]: kind }, error: null });
      try {
        const cart = await send({ ...input, operation_id: operationId });
        if (retried) unsettled.delete(action);
        else unsettled.clear();
        showAnswer(cart, versionAtSend);
        return cart;
      } catch (error) {
        if (outcomeUnknown(error)) unsettled.set(action, { operationId, sentAt });
        else unsettled.delete(action);
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
        return mutate(key, "add", { product_id, quantity, options }, (input) =>
          api.request("cart-add", input),
        );
      },

      async updateQuantity(itemId, quantity) {
        const kind = quantity === 0 ? "remove" : "update";
        const cart = await mutate(lineKey(itemId), kind, { item_id: itemId, quantity }, (input) =>
          api.request("cart-update-quantity", input),
        );
        return cart !== undefined;
      },

      async remove(itemId) {
        const cart = await mutate(lineKey(itemId), "remove", { item_id: itemId }, (input) =>
          api.request("cart-remove", input),
        );
        return cart !== undefined;
      },

      async clear() {
        const cart = await mutate(clearKey, "clear", {}, (input) => api.request("cart-clear", input));
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
        unsettled.clear();
        set(initialCartState);
      },
    };
  });
}

/**
 * True when a failed action may still have been applied: the cart service (or the connection to
 * it) did not answer in time. Every other error is a refusal that wrote nothing.
 */
function outcomeUnknown(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: unknown }).code === "cart_unavailable"
  );
}
