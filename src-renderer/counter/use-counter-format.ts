import { timeOfDayFormatter } from "../../src-shared/format.js";
import { screenFormat, type ScreenFormat } from "../components/format.js";
import { useStaff } from "./stores/counter-context.js";

const timeFormats = new Map<string, (iso: string) => string>();

/**
 * The counter's formatter: the shop's money and counts (src-shared/format.ts through the screen
 * formatter the kiosk uses too) in the currency given (an order's own) or the shop's, and times of
 * day in the shop's locale and time zone (not the screen's).
 */
export function useCounterFormat(currency?: string): ScreenFormat & { time: (iso: string) => string } {
  const store = useStaff((s) => s.storeInfo);
  const locale = store?.locale ?? "en";
  const timeZone = store?.time_zone ?? "UTC";
  const key = `${locale} ${timeZone}`;
  let time = timeFormats.get(key);
  if (!time) timeFormats.set(key, (time = timeOfDayFormatter({ locale, timeZone })));
  return {
    ...screenFormat({ currency: currency ?? store?.currency ?? "USD", locale }),
    time,
  };
}
