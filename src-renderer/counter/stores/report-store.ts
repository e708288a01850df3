import { createStore, type StoreApi } from "zustand/vanilla";
import type { CounterApi, DayReport } from "../../../src-shared/counter-contract.js";
import { errorMessage } from "../../stores/error-message.js";

/** The day report (managers): counts and exact totals, as `kioskctl report day` prints them. */

export interface ReportState {
  report: DayReport | null;
  loading: boolean;
  error: string | null;
}

export interface ReportActions {
  /** Today's report, or the day given (YYYY-MM-DD). */
  load(date?: string): Promise<boolean>;
  reset(): void;
}

export type ReportStore = ReportState & ReportActions;

export const initialReportState: ReportState = { report: null, loading: false, error: null };

export function createReportStore({ api }: { api: CounterApi }): StoreApi<ReportStore> {
  let generation = 0;
  return createStore<ReportStore>()((set) => ({
    ...initialReportState,

    async load(date) {
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const report = await api.request("counter-day-report", date ? { date } : {});
        if (mine !== generation) return false;
        set({ report, loading: false });
        return true;
      } catch (error) {
        if (mine !== generation) return false;
        set({ loading: false, error: errorMessage(error) });
        return false;
      }
    },

    reset() {
      generation++;
      set(initialReportState);
    },
  }));
}
