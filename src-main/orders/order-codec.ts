import { z } from "zod";
import { describeZodError } from "../../src-shared/errors.js";
import { decimalToMinor, minorToDecimal } from "../../src-shared/money.js";
import {
  FulfilmentSchema,
  OrderSchema,
  OrderStatusSchema,
  PaymentMethodSchema,
  StaffActorSchema,
  type Order,
  type OrderLine,
  type Payment,
} from "../../src-shared/order.js";
import { flatToRecord } from "../cart/cart-codec.js";

/**
 * The order at the Redis edge: a hash of strings the web channel can read without our code.
 * Amounts are decimal strings in major units, as the cart's prices are ("180000", "50.88"); the
 * structured parts (lines, fulfilment, contact, payments, cancellation) are JSON strings with
 * their amounts in the same decimal form. docs/redis-schema.md lists every field.
 */

export class OrderRecordError extends Error {
  override readonly name = "OrderRecordError";
}

const Decimal = z.string().regex(/^\d+(\.\d+)?$/, "is not a decimal amount");

const StoredLineSchema = z.object({
  item_id: z.string(),
  product_id: z.string(),
  variant_id: z.string().optional(),
  name: z.string(),
  configuration: z.record(z.string(), z.string()),
  unit_price: Decimal,
  quantity: z.number().int().positive(),
  line_total: Decimal,
});

const StoredPaymentSchema = z.object({
  method: PaymentMethodSchema,
  amount: Decimal,
  tendered: Decimal.optional(),
  change: Decimal.optional(),
  reference: z.string().optional(),
  recorded_by: StaffActorSchema,
  at: z.string(),
});

const StoredCancellationSchema = z.object({
  reason: z.string(),
  refund_due: Decimal,
  recorded_by: StaffActorSchema,
  at: z.string(),
});

const StoredOrderSchema = z.object({
  order_id: z.string().min(1),
  number: z.string().min(1),
  status: OrderStatusSchema,
  session_id: z.string(),
  currency: z.string(),
  subtotal: Decimal,
  delivery_charge: Decimal,
  total: Decimal,
  lines: z.string(),
  fulfilment: z.string(),
  contact: z.string(),
  payments: z.string().default("[]"),
  cancellation: z.string().optional(),
  day: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** The fields an order hash is written with (strings), except order_id, number and status, which the script sets. */
export function encodeOrderFields(
  order: Omit<Order, "order_id" | "number" | "status">,
  exponent: number,
  extra: { idempotency_key: string; fingerprint: string },
): Record<string, string> {
  const money = (minor: number) => minorToDecimal(minor, exponent);
  return {
    session_id: order.session_id,
    currency: order.currency,
    subtotal: money(order.subtotal),
    delivery_charge: money(order.delivery_charge),
    total: money(order.total),
    lines: encodeLines(order.lines, exponent),
    fulfilment: JSON.stringify(order.fulfilment),
    contact: JSON.stringify(order.contact),
    payments: encodePayments(order.payments, exponent),
    day: order.day,
    created_at: order.created_at,
    updated_at: order.updated_at,
    idempotency_key: extra.idempotency_key,
    fingerprint: extra.fingerprint,
  };
}

export function encodeLines(lines: OrderLine[], exponent: number): string {
  return JSON.stringify(
    lines.map((line) => ({
      item_id: line.item_id,
      product_id: line.product_id,
      ...(line.variant_id === undefined ? {} : { variant_id: line.variant_id }),
      name: line.name,
      configuration: line.configuration,
      unit_price: minorToDecimal(line.price, exponent),
      quantity: line.quantity,
      line_total: minorToDecimal(line.line_total, exponent),
    })),
  );
}

export function encodePayments(payments: Payment[], exponent: number): string {
  const money = (minor: number) => minorToDecimal(minor, exponent);
  return JSON.stringify(
    payments.map((p) => ({
      method: p.method,
      amount: money(p.amount),
      ...(p.tendered === undefined ? {} : { tendered: money(p.tendered) }),
      ...(p.change === undefined ? {} : { change: money(p.change) }),
      ...(p.reference === undefined ? {} : { reference: p.reference }),
      recorded_by: p.recorded_by,
      at: p.at,
    })),
  );
}

export function encodeCancellation(
  cancellation: NonNullable<Order["cancellation"]>,
  exponent: number,
): string {
  return JSON.stringify({ ...cancellation, refund_due: minorToDecimal(cancellation.refund_due, exponent) });
}

/**
 * Reads an order hash (flat HGETALL list or record). An order is money: a record that does not
 * read completely (written by hand, or by another system gone wrong) is refused whole with the
 * reason, never shown half-read.
 */
export function decodeOrder(flat: string[] | Record<string, string>, exponent: number): Order {
  const record = Array.isArray(flat) ? flatToRecord(flat) : flat;
  const stored = StoredOrderSchema.safeParse(record);
  if (!stored.success) throw new OrderRecordError(`unreadable order: ${describeZodError(stored.error)}`);
  const s = stored.data;
  const money = (decimal: string) => decimalToMinor(decimal, exponent);
  try {
    const lines = z.array(StoredLineSchema).parse(JSON.parse(s.lines));
    const payments = z.array(StoredPaymentSchema).parse(JSON.parse(s.payments));
    const cancellation =
      s.cancellation === undefined ? undefined : StoredCancellationSchema.parse(JSON.parse(s.cancellation));
    return OrderSchema.parse({
      order_id: s.order_id,
      number: s.number,
      status: s.status,
      session_id: s.session_id,
      currency: s.currency,
      lines: lines.map((l) => ({
        item_id: l.item_id,
        product_id: l.product_id,
        ...(l.variant_id === undefined ? {} : { variant_id: l.variant_id }),
        name: l.name,
        configuration: l.configuration,
        price: money(l.unit_price),
        quantity: l.quantity,
        line_total: money(l.line_total),
      })),
      subtotal: money(s.subtotal),
      delivery_charge: money(s.delivery_charge),
      total: money(s.total),
      fulfilment: FulfilmentSchema.parse(JSON.parse(s.fulfilment)),
      contact: JSON.parse(s.contact) as unknown,
      payments: payments.map((p) => ({
        method: p.method,
        amount: money(p.amount),
        ...(p.tendered === undefined ? {} : { tendered: money(p.tendered) }),
        ...(p.change === undefined ? {} : { change: money(p.change) }),
        ...(p.reference === undefined ? {} : { reference: p.reference }),
        recorded_by: p.recorded_by,
        at: p.at,
      })),
      ...(cancellation && {
        cancellation: { ...cancellation, refund_due: money(cancellation.refund_due) },
      }),
      day: s.day,
      created_at: s.created_at,
      updated_at: s.updated_at,
    });
  } catch (error) {
    const why = error instanceof z.ZodError ? describeZodError(error) : (error as Error).message;
    throw new OrderRecordError(`unreadable order ${s.order_id}: ${why}`);
  }
}
