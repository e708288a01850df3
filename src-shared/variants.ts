import type { OptionChoice, ProductView } from "./catalog.js";

/**
 * The variant rule, for the catalog (pricing an add) and the product page (what a choice costs)
 * alike: with variants, a choice must be one variant's exact combination, and that variant's price
 * and stock apply; without variants, any combination may be chosen at the product's price (a
 * customisation, such as a balloon colour).
 */

export type Variant = ProductView["variants"][number];

/** The variant whose options are exactly this choice's, one value per axis. */
export function matchingVariant(product: ProductView, choice: Readonly<OptionChoice>): Variant | undefined {
  return product.variants.find((v) =>
    product.options.every((axis) => v.options[axis.name] === choice[axis.name]),
  );
}

export interface ChoiceState {
  unitPrice: number;
  /** Why this choice cannot be added, or null when it can. */
  unavailable: "sold_out" | "not_made" | null;
}

/** What a complete choice of options costs, and whether it can be added. */
export function choiceState(product: ProductView, choice: Readonly<OptionChoice>): ChoiceState {
  if (product.variants.length === 0) {
    return { unitPrice: product.price, unavailable: product.available ? null : "sold_out" };
  }
  const variant = matchingVariant(product, choice);
  if (!variant) return { unitPrice: product.price, unavailable: "not_made" };
  return { unitPrice: variant.price, unavailable: variant.available ? null : "sold_out" };
}
