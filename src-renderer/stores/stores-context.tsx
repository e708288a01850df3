import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { CartStore } from "./cart-store.js";
import type { CatalogStore } from "./catalog-store.js";
import type { ChatStore } from "./chat-store.js";
import type { CheckoutStore } from "./checkout-store.js";
import type { Stores } from "./create-stores.js";
import type { KioskStore } from "./kiosk-store.js";
import type { NavStore } from "./nav-store.js";

const StoresContext = createContext<Stores | null>(null);

/** Hands the stores to the component tree; tests pass stores built around a test double of the API. */
export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error("useStores() needs a <StoresProvider> above it");
  return stores;
}

export const useKiosk = <T,>(selector: (state: KioskStore) => T): T => useStore(useStores().kiosk, selector);
export const useCart = <T,>(selector: (state: CartStore) => T): T => useStore(useStores().cart, selector);
export const useChat = <T,>(selector: (state: ChatStore) => T): T => useStore(useStores().chat, selector);
export const useCatalog = <T,>(selector: (state: CatalogStore) => T): T =>
  useStore(useStores().catalog, selector);
export const useNav = <T,>(selector: (state: NavStore) => T): T => useStore(useStores().nav, selector);
export const useCheckout = <T,>(selector: (state: CheckoutStore) => T): T =>
  useStore(useStores().checkout, selector);
