import { createStore, type StoreApi } from "zustand/vanilla";
import { errorMessage } from "../../stores/error-message.js";

/**
 * A store for something the counter reads whole from the main process and shows (the day
 * report, the fleet): the value, whether a read is running, and what went wrong. Only the latest
 * read lands: an answer to a read that a newer one (or a reset) overtook is dropped.
 */
export interface LoadState<T> {
  value: T | null;
  loading: boolean;
  error: string | null;
}

export interface LoadActions<A> {
  /** Reads again; true when this read's value is now shown. */
  load(arg?: A): Promise<boolean>;
  reset(): void;
}

export type LoadStore<T, A = void> = LoadState<T> & LoadActions<A>;

export function createLoadStore<T, A = void>(read: (arg?: A) => Promise<T>): StoreApi<LoadStore<T, A>> {
  const initial: LoadState<T> = { value: null, loading: false, error: null };
  let generation = 0;
  return createStore<LoadStore<T, A>>()((set) => ({
    ...initial,

    async load(arg) {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const value = await read(arg);
        if (mine !== generation) return false;
        set({ value, loading: false });
        return true;
      } catch (error) {
        if (mine !== generation) return false;
        set({ loading: false, error: errorMessage(error) });
        return false;
      }
    },

    reset() {
      generation++;
      set(initial);
    },
  }));
}
