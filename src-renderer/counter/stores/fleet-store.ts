import { createStore, type StoreApi } from "zustand/vanilla";
import type { CounterApi, FleetMember } from "../../../src-shared/counter-contract.js";
import { errorMessage } from "../../stores/error-message.js";

/** The shop's kiosks and counters as their heartbeats describe them (`kioskctl fleet` on screen). */

export interface FleetState {
  members: FleetMember[] | null;
  loading: boolean;
  error: string | null;
}

export interface FleetActions {
  load(): Promise<boolean>;
  reset(): void;
}

export type FleetStore = FleetState & FleetActions;

export const initialFleetState: FleetState = { members: null, loading: false, error: null };

export function createFleetStore({ api }: { api: CounterApi }): StoreApi<FleetStore> {
  let generation = 0;
  return createStore<FleetStore>()((set) => ({
    ...initialFleetState,

    async load() {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const { members } = await api.request("counter-fleet", {});
        if (mine !== generation) return false;
        set({ members, loading: false });
        return true;
      } catch (error) {
        if (mine !== generation) return false;
        set({ loading: false, error: errorMessage(error) });
        return false;
      }
    },

    reset() {
      generation++;
      set(initialFleetState);
    },
  }));
}
