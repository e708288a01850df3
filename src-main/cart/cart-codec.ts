import type { Cart, CartLine } from "../../src-shared/cart.js";
import { describeZodError } from "../../src-shared/errors.js";
import { ItemIdSchema } from "../../src-shared/session.js";
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
  for (const [itemId, type] of asList(reply.unreadable)) {
    context.onInvalidLine?.(itemId, `its key holds a Redis ${type}, not a hash`);
  }
  const readable: CartLine[] = [];
  for (const [itemId, fields] of asList(reply.lines)) {
    const line = decodeLine(itemId, fields, context);
    if (line) readable.push(line);
  }
  const items = withinSafeTotal(readable, context);
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
  return cart;
}

/**
 * Each line's total is a safe integer, but lines another program wrote may still add up past
 * Number.MAX_SAFE_INTEGER. Summed smallest first, the lines that would push the cart's total or
 * count out of the exact range are the outsized ones: they are left out and reported like any
 * other unreadable line, so the rest of the cart still shows (a throw here would answer
 * `internal` after a mutation had already written).
 */
function withinSafeTotal(lines: CartLine[], context: DecodeContext): CartLine[] {
  let total = 0;
  let count = 0;
  const kept: CartLine[] = [];
  for (const line of [...lines].sort((a, b) => a.line_total - b.line_total)) {
    if (!Number.isSafeInteger(total + line.line_total) || !Number.isSafeInteger(count + line.quantity)) {
      context.onInvalidLine?.(
        line.item_id,
        `its total ${line.line_total} takes the cart total beyond exact numbers`,
      );
      continue;
    }
    total += line.line_total;
    count += line.quantity;
    kept.push(line);
  }
  return kept;
}

export function decodeLine(itemId: string, values: LineValues, context: DecodeContext): CartLine | undefined {
  // A line the customer could see but not change or remove is worse than one left out (#14).
  const id = ItemIdSchema.safeParse(itemId);
  if (!id.success) {
    context.onInvalidLine?.(itemId, `its item id cannot be addressed: ${describeZodError(id.error)}`);
    return undefined;
  }
  const quantityText = text(values[at.quantity]).trim();
  if (
    !/^\d+$/.test(quantityText) ||
    Number(quantityText) < 1 ||
    !Number.isSafeInteger(Number(quantityText))
  ) {
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
