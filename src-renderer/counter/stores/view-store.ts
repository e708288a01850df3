import { createStore, type StoreApi } from "zustand/vanilla";

/** Which part of the counter is shown: the order queue (with the open order), a customer's cart, the day, or the shop's kiosks. */
export type CounterView = "queue" | "cart" | "report" | "fleet";

export interface ViewState {
  view: CounterView;
}

export interface ViewActions {
  go(view: CounterView): void;
  reset(): void;
}

export type ViewStore = ViewState & ViewActions;

export const initialViewState: ViewState = { view: "queue" };

export function createViewStore(): StoreApi<ViewStore> {
  return createStore<ViewStore>()((set) => ({
    ...initialViewState,
    go: (view) => set({ view }),
    reset: () => set(initialViewState),
  }));
}
