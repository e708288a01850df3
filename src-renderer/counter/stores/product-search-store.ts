import { createStore, type StoreApi } from "zustand/vanilla";
import type { ProductSummary, ProductView } from "../../../src-shared/catalog.js";
import type { CounterApi } from "../../../src-shared/counter-contract.js";
import { errorMessage } from "../../stores/error-message.js";

/** Products found at the counter to add to a customer's cart, and the one whose options are being picked. */

export interface ProductSearchState {
  query: string;
  results: readonly ProductSummary[];
  searched: boolean;
  product: ProductView | null;
  loading: boolean;
  error: string | null;
}

export interface ProductSearchActions {
  search(query: string): Promise<boolean>;
  choose(productId: string): Promise<boolean>;
  closeProduct(): void;
  reset(): void;
}

export type ProductSearchStore = ProductSearchState & ProductSearchActions;

export const initialProductSearchState: ProductSearchState = {
  query: "",
  results: [],
  searched: false,
  product: null,
  loading: false,
  error: null,
};

export function createProductSearchStore({ api }: { api: CounterApi }): StoreApi<ProductSearchStore> {
  let generation = 0;
  return createStore<ProductSearchStore>()((set) => ({
    ...initialProductSearchState,

    async search(query) {
      const mine = ++generation;
      set({ query, loading: true, error: null, product: null });
      try {
        const { products } = await api.request("counter-catalog-search", { query: query.trim(), limit: 8 });
        if (mine !== generation) return false;
        set({ results: products, searched: true, loading: false });
        return true;
      } catch (error) {
        if (mine !== generation) return false;
        set({ loading: false, error: errorMessage(error) });
        return false;
      }
    },

    async choose(productId) {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const product = await api.request("counter-catalog-product", { product_id: productId });
        if (mine !== generation) return false;
        set({ product, loading: false });
        return true;
      } catch (error) {
        if (mine !== generation) return false;
        set({ loading: false, error: errorMessage(error) });
        return false;
      }
    },

    closeProduct() {
      generation++;
      set({ product: null, loading: false });
    },

    reset() {
      generation++;
      set(initialProductSearchState);
    },
  }));
}
