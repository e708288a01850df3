import { countOf, moneyFormatter, type Noun, type ShopLocale } from "../../src-shared/format.js";
import { useCart, useKiosk } from "../stores/stores-context.js";

/** What a screen writes money and counts with. */
export interface ScreenFormat {
  money: (minor: number) => string;
  count: (count: number, noun: Noun) => string;
}

/**
 * The shop's way of writing money and counts (src-shared/format.ts) for any screen set: the kiosk
 * (`useShopFormat`) and the counter pass the currency and locale their own stores hold.
 */
export function screenFormat({ currency, locale }: ShopLocale): ScreenFormat {
  return {
    money: moneyFormatter({ currency, locale }),
    count: (count, noun) => countOf(count, noun, locale),
  };
}

/**
 * The kiosk's formatter, in the shop's locale as the main process reports it. Money is in
 * `currency` when given (an action card's own), else the cart's, else the shop's.
 */
export function useShopFormat(currency?: string): ScreenFormat {
  const store = useKiosk((s) => s.storeInfo);
  const cartCurrency = useCart((s) => s.currency);
  return screenFormat({
    currency: currency ?? cartCurrency ?? store?.currency ?? "USD",
    locale: store?.locale ?? "en",
  });
}
