import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { CounterStores } from "./create-counter-stores.js";
import type { CustomerCartStore } from "./customer-cart-store.js";
import type { FleetStore } from "./fleet-store.js";
import type { OrderStore } from "./order-store.js";
import type { ProductSearchStore } from "./product-search-store.js";
import type { QueueStore } from "./queue-store.js";
import type { ReportStore } from "./report-store.js";
import type { StaffStore } from "./staff-store.js";
import type { ViewStore } from "./view-store.js";

const CounterContext = createContext<CounterStores | null>(null);

/** Hands the counter's stores to its component tree; tests pass stores around a fake counter API. */
export function CounterStoresProvider({ stores, children }: { stores: CounterStores; children: ReactNode }) {
  return <CounterContext.Provider value={stores}>{children}</CounterContext.Provider>;
}

export function useCounterStores(): CounterStores {
  const stores = useContext(CounterContext);
  if (!stores) throw new Error("useCounterStores() needs a <CounterStoresProvider> above it");
  return stores;
}

export const useStaff = <T,>(selector: (state: StaffStore) => T): T =>
  useStore(useCounterStores().staff, selector);
export const useQueue = <T,>(selector: (state: QueueStore) => T): T =>
  useStore(useCounterStores().queue, selector);
export const useOpenOrder = <T,>(selector: (state: OrderStore) => T): T =>
  useStore(useCounterStores().order, selector);
export const useCustomerCart = <T,>(selector: (state: CustomerCartStore) => T): T =>
  useStore(useCounterStores().cart, selector);
export const useReport = <T,>(selector: (state: ReportStore) => T): T =>
  useStore(useCounterStores().report, selector);
export const useFleet = <T,>(selector: (state: FleetStore) => T): T =>
  useStore(useCounterStores().fleet, selector);
export const useView = <T,>(selector: (state: ViewStore) => T): T =>
  useStore(useCounterStores().view, selector);
export const useProductSearch = <T,>(selector: (state: ProductSearchStore) => T): T =>
  useStore(useCounterStores().products, selector);
