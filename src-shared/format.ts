import { formatMoney, type MinorUnits } from "./money.js";

/**
 * How the product writes for people, in the shop's currency and locale: money, counted things and
 * a line's options. Every screen, the CLI and the assistant's tools write these through here, so a
 * shop in another locale (or a second screen set) changes one place.
 */

/** The shop's currency and locale, as the catalog's `store` names them. */
export interface ShopLocale {
  readonly currency: string;
  readonly locale: string;
}

/** Money in the shop's currency and locale: moneyFormatter({ currency: "UGX", locale: "en" })(120000) -> "UGX 120,000". */
export function moneyFormatter({ currency, locale }: ShopLocale): (minor: MinorUnits) => string {
  return (minor) => formatMoney(minor, currency, locale);
}

/** A word in its singular and plural forms, as Intl.PluralRules names them ("one", "other"). */
export interface Noun {
  readonly one: string;
  readonly other: string;
}

/** The things the product counts for people. */
export const nouns = {
  item: { one: "item", other: "items" },
  line: { one: "line", other: "lines" },
  product: { one: "product", other: "products" },
  result: { one: "result", other: "results" },
  second: { one: "second", other: "seconds" },
} as const satisfies Record<string, Noun>;

const pluralRules = new Map<string, Intl.PluralRules>();
const countFormats = new Map<string, Intl.NumberFormat>();

/** A count with its noun in the locale's plural form: countOf(1, nouns.item) -> "1 item", 2 -> "2 items". */
export function countOf(count: number, noun: Noun, locale = "en"): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  let format = countFormats.get(locale);
  if (!format) countFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return `${format.format(count)} ${rules.select(count) === "one" ? noun.one : noun.other}`;
}

/**
 * A line's chosen options, in the order they were chosen, empty values left out:
 * "colour: Blue, size: M". `"label"` writes the option names as a screen's labels:
 * "Colour: Blue, Size: M".
 */
export function describeOptions(
  configuration: Readonly<Record<string, unknown>>,
  style: "plain" | "label" = "plain",
): string {
  return Object.entries(configuration)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([name, value]) => {
      const label = style === "label" ? name.charAt(0).toUpperCase() + name.slice(1) : name;
      return `${label}: ${typeof value === "string" ? value : JSON.stringify(value)}`;
    })
    .join(", ");
}

/** A line's name with its options: "Birthday T-Shirt (colour: Blue, size: M)", or just the name. */
export function nameWithOptions(name: string, configuration: Readonly<Record<string, unknown>>): string {
  const options = describeOptions(configuration);
  return options ? `${name} (${options})` : name;
}

/**
 * A moment as the shop's clock shows it, in its time zone and locale, whatever the screen's own
 * zone: receipts and confirmations say when the shop took the order.
 * dateTimeFormatter({ locale: "en", timeZone: "Africa/Kampala" })("2026-12-03T09:05:00Z") -> "Dec 3, 2026, 12:05".
 */
export function dateTimeFormatter({
  locale,
  timeZone,
}: {
  locale: string;
  timeZone: string;
}): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (iso) => format.format(new Date(iso));
}

/**
 * A time of day as the shop's clock shows it (the counter's lists and order history), in its time
 * zone and locale, whatever the screen's own zone.
 * timeOfDayFormatter({ locale: "en", timeZone: "Africa/Kampala" })("2026-12-03T09:05:00Z") -> "12:05 PM".
 */
export function timeOfDayFormatter({
  locale,
  timeZone,
}: {
  locale: string;
  timeZone: string;
}): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: "short" });
  return (iso) => format.format(new Date(iso));
}

/** How a payment method is named for people. */
export const paymentMethodNames = {
  cash: "Cash",
  card: "Card",
  mobile_money: "Mobile money",
} as const satisfies Record<string, string>;
