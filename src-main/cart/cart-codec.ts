import type { Cart, CartLine } from "../../src-shared/cart.js";
import { decimalToMinor, multiplyMinor } from "../../src-shared/money.js";
import { asList, lineFields, type CartScriptReply, type LineField, type LineValues } from "./cart-scripts.js";

/**
 * Converts between the Redis edge (every field a string, prices as decimal strings in major units,
 * as the web channel writes them: "60000", "50.88", "50.8") and the program's Cart (integers in
 * minor units). Lines the web channel wrote are read with its own item ids and formats.
 */

export interface DecodeContext {
  sessionId: string;
  currency: string;
  exponent: number;
  /** Told about a line that cannot be read (such as a price with too many decimals); it is left out. */
  onInvalidLine?: (itemId: string, reason: string) => void;
}

export function flatToRecord(flat: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}

const byName = new Intl.Collator("en").compare;

export function decodeCart(reply: CartScriptReply, context: DecodeContext): Cart {
  const meta = flatToRecord(asList(reply.meta));
  const items: CartLine[] = [];
  for (const [itemId, fields] of asList(reply.lines)) {
    const line = decodeLine(itemId, fields, context);
    if (line) items.push(line);
  }
  // Redis sets have no order; lines are listed by name so that the cart does not reshuffle.
  items.sort((a, b) => byName(a.name, b.name) || (a.item_id < b.item_id ? -1 : 1));
  const cart: Cart = {
    session_id: context.sessionId,
    currency: context.currency,
    items,
    item_count: items.reduce((sum, line) => sum + line.quantity, 0),
    cart_total: items.reduce((sum, line) => sum + line.line_total, 0),
    updated_at: meta.updated_at ?? null,
  };
  if (meta.customer_id !== undefined) cart.customer_id = meta.customer_id;
  if (meta.phone_number !== undefined) cart.phone_number = meta.phone_number;
  if (!Number.isSafeInteger(cart.cart_total)) throw new RangeError("cart total too large");
  return cart;
}

export function decodeLine(itemId: string, values: LineValues, context: DecodeContext): CartLine | undefined {
  const quantityText = text(values[at.quantity]).trim();
  if (!/^\d+$/.test(quantityText) || Number(quantityText) < 1) {
    context.onInvalidLine?.(itemId, `quantity "${text(values[at.quantity])}" is not a whole number above 0`);
    return undefined;
  }
  const quantity = Number(quantityText);
  const priceText = text(values[at.price]);
  let price: number;
  let lineTotal: number;
  try {
    price = decimalToMinor(priceText, context.exponent);
    // A negative unit price would quietly lower the cart total: no catalog sells below zero.
    if (price < 0) throw new RangeError("is negative");
    lineTotal = multiplyMinor(price, quantity);
  } catch (error) {
    context.onInvalidLine?.(itemId, `price "${priceText}": ${(error as Error).message}`);
    return undefined;
  }
  return {
    item_id: itemId,
    product_id: text(values[at.product_id]),
    name: text(values[at.name]),
    price,
    quantity,
    configuration: parseConfiguration(text(values[at.configuration])),
    line_total: lineTotal,
    image_url: text(values[at.image_url]),
    category_id: text(values[at.category_id]),
  };
}

/** Position of each field in the scripts' HMGET reply (`lineFields` order). */
const at = {
  product_id: lineFields.indexOf("product_id"),
  name: lineFields.indexOf("name"),
  price: lineFields.indexOf("price"),
  quantity: lineFields.indexOf("quantity"),
  configuration: lineFields.indexOf("configuration"),
  image_url: lineFields.indexOf("image_url"),
  category_id: lineFields.indexOf("category_id"),
} satisfies Record<LineField, number>;

/** A field's value; a field the hash lacks (false in the reply) reads as "". */
function text(value: string | false | undefined): string {
  return typeof value === "string" ? value : "";
}

/** The web channel stores "{}" or a JSON object; anything else reads as no configuration. */
export function parseConfiguration(json: string): Record<string, unknown> {
  // "{}" (a product without options) is most lines; it needs no parser.
  if (json === "" || json === "{}") return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
