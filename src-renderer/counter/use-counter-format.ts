import { screenFormat, type ScreenFormat } from "../components/format.js";
import { useStaff } from "./stores/counter-context.js";

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The counter's formatter: the shop's money and counts (src-shared/format.ts through the screen
 * formatter the kiosk uses too) in the currency given (an order's own) or the shop's, and times of
 * day in the shop's locale.
 */
export function useCounterFormat(currency?: string): ScreenFormat & { time: (iso: string) => string } {
  const store = useStaff((s) => s.storeInfo);
  const locale = store?.locale ?? "en";
  let times = timeFormats.get(locale);
  if (!times) timeFormats.set(locale, (times = new Intl.DateTimeFormat(locale, { timeStyle: "short" })));
  const format = times;
  return {
    ...screenFormat({ currency: currency ?? store?.currency ?? "USD", locale }),
    time: (iso) => format.format(new Date(iso)),
  };
}
