import { createHash } from "node:crypto";
import { AppError } from "../../src-shared/errors.js";
import { moneyFormatter } from "../../src-shared/format.js";
import { decimalToMinor, multiplyMinor } from "../../src-shared/money.js";
import type { OrderLine, Quote, QuoteChange } from "../../src-shared/order.js";
import { asList, lineFields, type LineValues } from "../cart/cart-scripts.js";
import { parseConfiguration } from "../cart/cart-codec.js";
import type { Catalog } from "../catalog/catalog.js";
import type { QuoteReadReply } from "./order-scripts.js";

/**
 * Prices a cart afresh from the catalog, as Odoo's kiosk does "to avoid manipulation from the
 * frontend": the price stored on a cart line (the price of the moment it was added, or whatever a
 * web-channel writer put there) is only compared, never used. Lines whose product or variant is
 * gone or sold out cannot be ordered; a quantity above the per-line maximum is ordered at the
 * maximum. Every difference is a change the customer sees before confirming.
 */

export interface PricedCart {
  quote: Quote;
  /** The lines to order, with the item ids that leave the cart when it is placed. */
  lines: OrderLine[];
  /** The cart part of the fingerprint (computed by Redis, see order-scripts.ts). */
  cartFingerprint: string;
}

const at = Object.fromEntries(lineFields.map((f, i) => [f, i])) as Record<
  (typeof lineFields)[number],
  number
>;
const byName = new Intl.Collator("en").compare;

function text(value: string | false | undefined): string {
  return typeof value === "string" ? value : "";
}

export function priceCart(
  sessionId: string,
  reply: QuoteReadReply,
  catalog: Catalog,
  maxQuantityPerLine: number,
): PricedCart {
  const { currency, locale } = catalog.store;
  const money = moneyFormatter({ currency, locale });
  const lines: Array<OrderLine & { image_url: string }> = [];
  const changes: QuoteChange[] = [];
  const stored = asList(reply.lines).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [itemId, values] of stored) {
    const line = priceLine(itemId, values);
    if (line) lines.push(line);
  }
  lines.sort((a, b) => byName(a.name, b.name) || (a.item_id < b.item_id ? -1 : 1));
  const subtotal = lines.reduce((sum, line) => sum + line.line_total, 0);
  if (!Number.isSafeInteger(subtotal)) throw new AppError("invalid_input", "This order is too large.");
  const fulfilment = catalog.orders.fulfilment;
  const pricing = createHash("sha256")
    .update(JSON.stringify([lines, changes.map((c) => [c.item_id, c.kind]), fulfilment]))
    .digest("hex")
    .slice(0, 16);
  const fingerprint = `${reply.fingerprint}-${pricing}`;
  return {
    quote: {
      session_id: sessionId,
      currency,
      lines,
      subtotal,
      item_count: lines.reduce((sum, line) => sum + line.quantity, 0),
      changes,
      orderable: lines.length > 0,
      fingerprint,
      fulfilment,
    },
    lines: lines.map(({ image_url: _image, ...line }) => line),
    cartFingerprint: reply.fingerprint,
  };

  function priceLine(itemId: string, values: LineValues): (OrderLine & { image_url: string }) | undefined {
    const quantityText = text(values[at.quantity]).trim();
    // A line the cart cannot read either (it does not show it) is not ordered and stays in the cart.
    if (!/^\d+$/.test(quantityText) || Number(quantityText) < 1) return undefined;
    const storedName = text(values[at.name]) || "An item";
    const productId = text(values[at.product_id]);
    const options = Object.fromEntries(
      Object.entries(parseConfiguration(text(values[at.configuration]))).map(([k, v]) => [k, String(v)]),
    );
    let choice;
    try {
      choice = catalog.resolveChoice(productId, options);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const product = catalog.product(productId);
      const name = product?.name ?? storedName;
      const described = Object.values(options).join(", ");
      if (!product) {
        changes.push({
          item_id: itemId,
          kind: "no_longer_sold",
          message: `${name} is no longer sold, so it cannot be ordered.`,
        });
      } else if (error.code === "sold_out") {
        changes.push({
          item_id: itemId,
          kind: "sold_out",
          message: `${name}${described ? ` in ${described}` : ""} is sold out, so it cannot be ordered.`,
        });
      } else {
        changes.push({
          item_id: itemId,
          kind: "option_unavailable",
          message: `${name}${described ? ` in ${described}` : ""} is no longer made, so it cannot be ordered.`,
        });
      }
      return undefined;
    }
    const { product, configuration, unitPrice, variantId } = choice;
    let quantity = Number(quantityText);
    if (quantity > maxQuantityPerLine) {
      changes.push({
        item_id: itemId,
        kind: "quantity_limit",
        message:
          `One order line holds at most ${maxQuantityPerLine} × ${product.name}: ` +
          `the order has ${maxQuantityPerLine} (your cart had ${quantity}).`,
      });
      quantity = maxQuantityPerLine;
    }
    let storedPrice: number | undefined;
    try {
      storedPrice = decimalToMinor(text(values[at.price]), catalog.exponent);
    } catch {
      storedPrice = undefined;
    }
    if (storedPrice !== unitPrice) {
      const up = storedPrice === undefined || unitPrice > storedPrice;
      changes.push({
        item_id: itemId,
        kind: up ? "price_up" : "price_down",
        message:
          storedPrice === undefined || storedPrice < 0
            ? `${product.name} costs ${money(unitPrice)} each (the price on the cart line was not a price).`
            : `${product.name} now costs ${money(unitPrice)} each (it was ${money(storedPrice)}).`,
      });
    }
    return {
      item_id: itemId,
      product_id: product.id,
      ...(variantId === undefined ? {} : { variant_id: variantId }),
      name: product.name,
      configuration,
      price: unitPrice,
      quantity,
      line_total: multiplyMinor(unitPrice, quantity),
      image_url: product.image_url,
    };
  }
}
