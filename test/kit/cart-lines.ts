import type { AddItemInput, Cart } from "../../src-shared/cart.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";

/**
 * Carts written as sentences a person can read in a table: "2 × T-Shirt (blue, M, cotton, crew
 * neck)", the option values in the product's axis order, lines sorted by product name.
 */

const byName = (a: string, b: string) => a.replace(/^\d+ × /, "").localeCompare(b.replace(/^\d+ × /, ""));

export const sortLines = (lines: readonly string[]): string[] => [...lines].sort(byName);

export function describeCart(catalog: Catalog, cart: Cart): string[] {
  return sortLines(
    cart.items.map((line) => {
      const axes = catalog.product(line.product_id)?.options.map((a) => a.name) ?? [];
      const values = axes
        .filter((a) => line.configuration[a] !== undefined)
        .map((a) => String(line.configuration[a]));
      return `${line.quantity} × ${line.name}${values.length ? ` (${values.join(", ")})` : ""}`;
    }),
  );
}

/**
 * The cart line a sentence describes, as an add request, so a test can put the cart back to what
 * the table expects. Throws when the sentence names no product or a value the product lacks, so a
 * mistake in the table is reported as such instead of as a wrong answer from the assistant.
 */
export function lineToAddItem(catalog: Catalog, line: string): AddItemInput {
  const match = /^(\d+) × (.+?)(?: \((.*)\))?$/.exec(line);
  if (!match) throw new Error(`"${line}" is not written as "quantity × name (values)"`);
  const [, quantity, name, valueList] = match;
  const product = catalog.allProducts().find((p) => p.name === name);
  if (!product) throw new Error(`"${line}": the catalog has no product called "${name}"`);
  const values = valueList ? valueList.split(", ") : [];
  const options: Record<string, string> = {};
  let next = 0;
  for (const axis of product.options) {
    if (next < values.length && axis.values.includes(values[next]!)) options[axis.name] = values[next++]!;
  }
  if (next !== values.length) {
    throw new Error(`"${line}": "${values[next]}" is not an option value of ${name}, in axis order`);
  }
  // Resolving here rather than at add time names the table's line when a variant does not exist.
  catalog.resolveChoice(product.id, options);
  return { product_id: product.id, quantity: Number(quantity), options };
}
