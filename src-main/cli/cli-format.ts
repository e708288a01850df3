import type { Cart } from "../../src-shared/cart.js";
import { countOf, moneyFormatter, nameWithOptions, nouns } from "../../src-shared/format.js";

/** The cart as `--json` prints it (amounts in minor units of `currency`), the shape agreed for scripts. */
export function cartJson(cart: Cart) {
  return {
    session_id: cart.session_id,
    currency: cart.currency,
    items: cart.items.map((line) => ({
      item_id: line.item_id,
      product_id: line.product_id,
      name: line.name,
      price: line.price,
      quantity: line.quantity,
      configuration: line.configuration,
      line_total: line.line_total,
    })),
    item_count: cart.item_count,
    cart_total: cart.cart_total,
  };
}

export const cartJsonShape =
  "{session_id, currency, items: [{item_id, product_id, name, price, quantity, configuration, line_total}], " +
  "item_count, cart_total}. price, line_total and cart_total are whole numbers in the currency's minor unit " +
  "(UGX has none: 60000 is UGX 60,000; USD has cents: 5088 is $50.88).";

/** Options as the CLI takes them (`--opt size=M`), for its tables: "size=M colour=Pink". */
export function optionsArgument(options: Readonly<Record<string, string>>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ");
}

/** Lays out rows of cells in columns, the last column right-aligned (money). */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 && i > 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function cartText(cart: Cart, locale: string): string {
  const money = moneyFormatter({ currency: cart.currency, locale });
  if (cart.items.length === 0) return `Cart ${cart.session_id} is empty.`;
  const lines = countOf(cart.items.length, nouns.line, locale);
  const items = countOf(cart.item_count, nouns.item, locale);
  const rows = cart.items.map((line) => [
    `  ${line.item_id}`,
    `${line.quantity} × ${nameWithOptions(line.name, line.configuration)}`,
    `@ ${money(line.price)}`,
    money(line.line_total),
  ]);
  return [
    `Cart ${cart.session_id}: ${lines}, ${items}`,
    table(rows),
    `Total: ${money(cart.cart_total)}`,
  ].join("\n");
}
