import type { StoreApi } from "zustand/vanilla";
import type { CounterApi, FleetMember } from "../../../src-shared/counter-contract.js";
import { createLoadStore, type LoadStore } from "./load-store.js";

/** The shop's kiosks and counters as their heartbeats describe them (`kioskctl fleet` on screen). */
export type FleetStore = LoadStore<FleetMember[]>;

export function createFleetStore({ api }: { api: CounterApi }): StoreApi<FleetStore> {
  return createLoadStore(async () => (await api.request("counter-fleet", {})).members);
}
