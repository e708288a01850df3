import { moneyFormatter, nameWithOptions } from "../../src-shared/format.js";
import type { Order, Quote } from "../../src-shared/order.js";
import { table } from "./cli-format.js";

/** Orders and quotes as kioskctl prints them: `--json` (amounts in minor units) and for people. */

export function orderJson(order: Order) {
  return {
    order_id: order.order_id,
    number: order.number,
    status: order.status,
    session_id: order.session_id,
    currency: order.currency,
    lines: order.lines.map((l) => ({
      product_id: l.product_id,
      name: l.name,
      configuration: l.configuration,
      price: l.price,
      quantity: l.quantity,
      line_total: l.line_total,
    })),
    subtotal: order.subtotal,
    delivery_charge: order.delivery_charge,
    total: order.total,
    fulfilment: order.fulfilment,
    contact: order.contact,
    payments: order.payments.map((p) => ({
      method: p.method,
      amount: p.amount,
      ...(p.tendered === undefined ? {} : { tendered: p.tendered }),
      ...(p.change === undefined ? {} : { change: p.change }),
      ...(p.reference === undefined ? {} : { reference: p.reference }),
      recorded_by: p.recorded_by,
      at: p.at,
    })),
    ...(order.cancellation && { cancellation: order.cancellation }),
    created_at: order.created_at,
    updated_at: order.updated_at,
  };
}

export const orderJsonShape =
  "{order_id, number, status, session_id, currency, lines: [{product_id, name, configuration, price, quantity, " +
  "line_total}], subtotal, delivery_charge, total, fulfilment: {type, ...}, contact, payments: [{method, amount, " +
  "tendered?, change?, reference?, recorded_by, at}], cancellation?, created_at, updated_at}; amounts in minor units.";

export function quoteJson(quote: Quote) {
  return {
    session_id: quote.session_id,
    currency: quote.currency,
    lines: quote.lines.map((l) => ({
      item_id: l.item_id,
      product_id: l.product_id,
      name: l.name,
      configuration: l.configuration,
      price: l.price,
      quantity: l.quantity,
      line_total: l.line_total,
    })),
    subtotal: quote.subtotal,
    changes: quote.changes,
    orderable: quote.orderable,
  };
}

export const quoteJsonShape =
  "{session_id, currency, lines: [{item_id, product_id, name, configuration, price, quantity, line_total}], " +
  "subtotal, changes: [{item_id, kind, message}], orderable}; amounts in minor units at the catalog's prices.";

const statusWords: Record<Order["status"], string> = {
  placed: "placed, not paid",
  paid: "paid",
  ready: "paid, ready",
  collected: "collected",
  delivered: "delivered",
  cancelled: "cancelled",
};

function lineRows(lines: Quote["lines"] | Order["lines"], money: (minor: number) => string): string[][] {
  return lines.map((l) => [
    `  ${l.quantity} × ${nameWithOptions(l.name, l.configuration)}`,
    `@ ${money(l.price)}`,
    money(l.line_total),
  ]);
}

export function quoteText(quote: Quote, locale: string): string {
  const money = moneyFormatter({ currency: quote.currency, locale });
  const out = [`Quote for ${quote.session_id}, at the catalog's prices:`];
  if (quote.lines.length) out.push(table(lineRows(quote.lines, money)), `Subtotal: ${money(quote.subtotal)}`);
  else out.push("  nothing that can be ordered");
  for (const change of quote.changes) out.push(`Changed: ${change.message}`);
  return out.join("\n");
}

export function orderText(order: Order, locale: string): string {
  const money = moneyFormatter({ currency: order.currency, locale });
  const f = order.fulfilment;
  const how =
    f.type === "collection"
      ? "collect at the counter"
      : `deliver (${f.option_name}) to ${f.address.recipient}, ${f.address.street}, ${f.address.area}` +
        (f.address.notes ? ` (${f.address.notes})` : "");
  const contact = [order.contact.name, order.contact.phone].filter(Boolean).join(", ");
  const out = [
    `Order ${order.number} (${statusWords[order.status]}), ${order.day}, ${how}`,
    `  order id ${order.order_id}, session ${order.session_id}${contact ? `, contact ${contact}` : ""}`,
    table(lineRows(order.lines, money)),
    `Subtotal: ${money(order.subtotal)}`,
  ];
  if (order.delivery_charge > 0) out.push(`Delivery: ${money(order.delivery_charge)}`);
  out.push(`Total: ${money(order.total)}`);
  for (const p of order.payments) {
    const cash =
      p.tendered === undefined ? "" : `, ${money(p.tendered)} tendered, change ${money(p.change ?? 0)}`;
    const ref = p.reference ? `, ref ${p.reference}` : "";
    out.push(
      `Paid ${money(p.amount)} by ${p.method.replace("_", " ")}${cash}${ref} (${p.recorded_by.staff}, ${p.at})`,
    );
  }
  if (order.cancellation) {
    const c = order.cancellation;
    out.push(
      `Cancelled: ${c.reason} (${c.recorded_by.staff}, ${c.at})` +
        (c.refund_due > 0 ? `; refund due ${money(c.refund_due)}` : ""),
    );
  }
  return out.join("\n");
}
