import { createStore, type StoreApi } from "zustand/vanilla";

/** The screens of the kiosk. The product page names its product; the others stand alone. */
export type Screen =
  | { name: "welcome" }
  | { name: "chat" }
  | { name: "products" }
  | { name: "product"; productId: string }
  | { name: "cart" }
  | { name: "checkout" };

export type ScreenName = Screen["name"];

export interface NavState {
  screen: Screen;
  /** Where "Back" returns to from a product page (the products grid or the chat's product cards). */
  previous: Screen | null;
}

export interface NavActions {
  go(screen: Screen): void;
  back(): void;
  reset(): void;
}

export type NavStore = NavState & NavActions;

export const initialNavState: NavState = { screen: { name: "welcome" }, previous: null };

export function createNavStore(): StoreApi<NavStore> {
  return createStore<NavStore>()((set, get) => ({
    ...initialNavState,
    go(screen) {
      const current = get().screen;
      if (current.name === screen.name && JSON.stringify(current) === JSON.stringify(screen)) return;
      set({ screen, previous: current });
    },
    back() {
      const { previous } = get();
      set({
        screen: previous && previous.name !== "welcome" ? previous : { name: "products" },
        previous: null,
      });
    },
    reset() {
      set(initialNavState);
    },
  }));
}
