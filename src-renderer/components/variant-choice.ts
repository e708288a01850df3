import type { OptionChoice, ProductView } from "../../src-shared/catalog.js";
import { matchingVariant, type Variant } from "../../src-shared/variants.js";

/**
 * How a product's options are picked on screen (the kiosk's product page, the counter's option
 * pickers), on top of the variant rule (src-shared/variants.ts): where it starts, which values it
 * marks sold out, and how a choice moves the other options so that nobody is stuck behind a
 * combination that is not made.
 */

/** Starts on the first variant in stock (or the first values), so the price shown is a real one. */
export function initialChoice(product: ProductView): OptionChoice {
  const first = product.variants.find((v) => v.available) ?? product.variants[0];
  const choice: OptionChoice = {};
  for (const axis of product.options) {
    const value = first?.options[axis.name] ?? axis.values[0];
    if (value !== undefined) choice[axis.name] = value;
  }
  return choice;
}

/**
 * Whether `value` of `axis` is sold out next to the other values chosen now: its variant exists
 * and is out of stock (shown, marked and disabled), or no variant in stock has it at all. A value
 * only made with other values of the other options stays enabled: picking it moves those (see
 * `pick`), so a customer is never stuck behind a combination.
 */
export function isSoldOut(product: ProductView, choice: OptionChoice, axis: string, value: string): boolean {
  if (!product.available) return true;
  if (product.variants.length === 0) return false;
  const exact = matchingVariant(product, { ...choice, [axis]: value });
  if (exact) return !exact.available;
  return !product.variants.some((v) => v.available && v.options[axis] === value);
}

export function pick(product: ProductView, choice: OptionChoice, axis: string, value: string): OptionChoice {
  const next = { ...choice, [axis]: value };
  if (product.variants.length === 0 || matchingVariant(product, next)?.available) return next;
  // The variant in stock with this value that keeps most of the customer's other choices.
  const shared = (v: Variant) => product.options.filter((a) => v.options[a.name] === choice[a.name]).length;
  const best = product.variants
    .filter((v) => v.available && v.options[axis] === value)
    .sort((a, b) => shared(b) - shared(a))[0];
  return best ? { ...next, ...best.options } : next;
}
