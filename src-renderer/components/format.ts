export { cartReference } from "../../src-shared/session.js";
import { formatMoney } from "../../src-shared/money.js";
import { useCart, useKiosk } from "../stores/stores-context.js";

/** Formats minor units in the shop's currency and locale (UGX 120,000; $50.88). */
export function useMoney(): (minor: number) => string {
  const store = useKiosk((s) => s.storeInfo);
  const cartCurrency = useCart((s) => s.currency);
  const currency = cartCurrency ?? store?.currency ?? "USD";
  const locale = store?.locale ?? "en";
  return (minor) => formatMoney(minor, currency, locale);
}

/** "1 item", "2 items". */
export function itemsLabel(count: number): string {
  return `${count} ${count === 1 ? "item" : "items"}`;
}

/** A line's chosen options for people: "Colour: Blue, Size: M". */
export function describeOptions(configuration: Record<string, unknown>): string {
  return Object.entries(configuration)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(
      ([name, value]) => `${capitalize(name)}: ${typeof value === "string" ? value : JSON.stringify(value)}`,
    )
    .join(", ");
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
