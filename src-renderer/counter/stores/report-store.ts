import type { StoreApi } from "zustand/vanilla";
import type { CounterApi, DayReport } from "../../../src-shared/counter-contract.js";
import { createLoadStore, type LoadStore } from "./load-store.js";

/** The day report (managers): counts and exact totals, as `kioskctl report day` prints them; today's, or the day given (YYYY-MM-DD). */
export type ReportStore = LoadStore<DayReport, string>;

export function createReportStore({ api }: { api: CounterApi }): StoreApi<ReportStore> {
  return createLoadStore((date?: string) => api.request("counter-day-report", date ? { date } : {}));
}
