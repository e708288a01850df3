import { countOf, moneyFormatter, type Noun } from "../../src-shared/format.js";
import { useCart, useKiosk } from "../stores/stores-context.js";

/**
 * The shop's way of writing money and counts (src-shared/format.ts), in its locale as the main
 * process reports it. Money is in `currency` when given (an action card's own), else the cart's,
 * else the shop's.
 */
export function useShopFormat(currency?: string): {
  money: (minor: number) => string;
  count: (count: number, noun: Noun) => string;
} {
  const store = useKiosk((s) => s.storeInfo);
  const cartCurrency = useCart((s) => s.currency);
  const locale = store?.locale ?? "en";
  return {
    money: moneyFormatter({ currency: currency ?? cartCurrency ?? store?.currency ?? "USD", locale }),
    count: (count, noun) => countOf(count, noun, locale),
  };
}
