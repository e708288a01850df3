import { createStore, type StoreApi } from "zustand/vanilla";
import type { ProductSummary, ProductView } from "../../src-shared/catalog.js";
import type { KioskApi, RequestOutput } from "../../src-shared/contract.js";
import { errorMessage } from "./error-message.js";

export type CategoryWithCount = RequestOutput<"catalog-categories">["categories"][number];

export interface CatalogState {
  categories: CategoryWithCount[];
  /** The chosen category, or null for everything. */
  category: string | null;
  query: string;
  products: ProductSummary[];
  searching: boolean;
  /** True once a search answered, so "nothing found" is not shown before the first answer. */
  searched: boolean;
  error: string | null;
  /** The product page being shown. */
  product: ProductView | null;
  productLoading: boolean;
  productError: string | null;
}

export interface CatalogActions {
  loadCategories(): Promise<void>;
  setCategory(category: string | null): Promise<void>;
  setQuery(query: string): Promise<void>;
  search(): Promise<void>;
  openProduct(productId: string): Promise<void>;
  reset(): void;
}

export type CatalogStore = CatalogState & CatalogActions;

export const initialCatalogState: CatalogState = {
  categories: [],
  category: null,
  query: "",
  products: [],
  searching: false,
  searched: false,
  error: null,
  product: null,
  productLoading: false,
  productError: null,
};

export function createCatalogStore({ api }: { api: KioskApi }): StoreApi<CatalogStore> {
  // Each keystroke starts a search; only the answer to the latest one is shown.
  let searchSeq = 0;
  let productSeq = 0;

  return createStore<CatalogStore>()((set, get) => ({
    ...initialCatalogState,

    async loadCategories() {
      try {
        const { categories } = await api.request("catalog-categories", {});
        set({ categories });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },

    async setCategory(category) {
      set({ category });
      await get().search();
    },

    async setQuery(query) {
      set({ query });
      await get().search();
    },

    async search() {
      const seq = ++searchSeq;
      const { query, category } = get();
      set({ searching: true, error: null });
      try {
        const { products } = await api.request("catalog-search", {
          query: query.trim(),
          ...(category ? { category } : {}),
          limit: 60,
        });
        if (seq === searchSeq) set({ products, searching: false, searched: true });
      } catch (error) {
        if (seq === searchSeq) set({ searching: false, error: errorMessage(error) });
      }
    },

    async openProduct(productId) {
      const seq = ++productSeq;
      if (get().product?.id !== productId) set({ product: null });
      set({ productLoading: true, productError: null });
      try {
        const product = await api.request("catalog-product", { product_id: productId });
        if (seq === productSeq) set({ product, productLoading: false });
      } catch (error) {
        if (seq === productSeq) set({ productLoading: false, productError: errorMessage(error) });
      }
    },

    reset() {
      searchSeq++;
      productSeq++;
      // Categories are the shop's, not the customer's: they stay.
      set({ ...initialCatalogState, categories: get().categories });
    },
  }));
}
