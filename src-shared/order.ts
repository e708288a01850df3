import { z } from "zod";
import { CatalogIdSchema } from "./catalog.js";

/**
 * Checkout and orders, as they cross boundaries (the kiosk contract, kioskctl, the staff channel
 * of the counter). Amounts are integers in the minor unit of `currency`; the Redis edge (decimal
 * strings, see docs/redis-schema.md) is src-main/orders/order-codec.ts.
 */

export const orderStatuses = ["placed", "paid", "ready", "collected", "delivered", "cancelled"] as const;
export const OrderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const paymentMethods = ["cash", "card", "mobile_money"] as const;
export const PaymentMethodSchema = z.enum(paymentMethods, {
  message: 'the payment method is one of "cash", "card" or "mobile_money"',
});
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** A delivery option as the screen sees it: price in minor units. */
export const DeliveryOptionViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number().int().nonnegative(),
  description: z.string(),
});
export type DeliveryOptionView = z.infer<typeof DeliveryOptionViewSchema>;

export const FulfilmentChoicesSchema = z.object({
  collection: z.boolean(),
  delivery: z.array(DeliveryOptionViewSchema),
});
export type FulfilmentChoices = z.infer<typeof FulfilmentChoicesSchema>;

// ---- Contact and address ----

const phoneFormat =
  "Enter the phone number in international format: a + and the country code, e.g. +256 701 618576.";

/**
 * A phone number in international format, normalised: spaces, dashes, dots and brackets dropped,
 * a leading 00 read as +. E.164 allows at most 15 digits, and a country code never starts with 0.
 * "+256 701 618576" -> "+256701618576".
 */
export const PhoneSchema = z
  .string()
  .trim()
  .transform((raw) => raw.replace(/[\s().-]/g, "").replace(/^00/, "+"))
  .pipe(z.string().regex(/^\+[1-9][0-9]{6,14}$/, phoneFormat));

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} has at most ${max} characters`)
    // Control characters have no place on a receipt or a delivery slip.
    .refine((s) => !/\p{Cc}/u.test(s), `${what} cannot contain control characters`);

const required = (max: number, what: string) => text(max, what).pipe(z.string().min(1, `enter ${what}`));

const optional = (max: number, what: string) =>
  text(max, what)
    .optional()
    .transform((s) => (s === "" ? undefined : s));

export const ContactInputSchema = z
  .object({
    name: optional(80, "a name"),
    phone: z
      .string()
      .optional()
      .transform((s) => (s?.trim() === "" ? undefined : s))
      .pipe(PhoneSchema.optional()),
  })
  .strict();
export type ContactInput = z.input<typeof ContactInputSchema>;
export type Contact = z.output<typeof ContactInputSchema>;

/** A delivery address suited to a city without street numbers everywhere: area, street or landmark. */
export const AddressInputSchema = z
  .object({
    /** Who receives it; the contact's name when left out. */
    recipient: optional(80, "the recipient's name"),
    area: required(80, "the area (e.g. Kololo)"),
    street: required(160, "a street or landmark"),
    notes: optional(300, "the notes"),
  })
  .strict();
export type AddressInput = z.input<typeof AddressInputSchema>;

export const FulfilmentInputSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("collection") }).strict(),
    z
      .object({ type: z.literal("delivery"), option_id: CatalogIdSchema, address: AddressInputSchema })
      .strict(),
  ],
  { message: 'choose how to receive the order: "collection" or "delivery"' },
);
export type FulfilmentInput = z.input<typeof FulfilmentInputSchema>;

/**
 * What a delivery needs beyond the address's own fields: a phone for the rider and someone to
 * receive it (the address's recipient, or the contact's name). The kiosk's form and the order
 * service both ask here, so the screen refuses exactly what placing would refuse.
 */
export function deliveryProblems(
  contact: { name?: string | undefined; phone?: string | undefined },
  address: { recipient?: string | undefined },
): { phone?: string; recipient?: string } {
  return {
    ...(contact.phone === undefined
      ? { phone: "Enter a phone number for the delivery, so the rider can call." }
      : {}),
    ...(address.recipient === undefined && contact.name === undefined
      ? { recipient: "Enter the name of the person who receives the delivery." }
      : {}),
  };
}

/** 8 to 128 letters, digits, '-' and '_' (a uuid serves): one per checkout attempt, from the client. */
export const IdempotencyKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{8,128}$/,
    "an idempotency key has 8 to 128 letters, digits, '-' or '_' (a uuid serves)",
  );

/** The fingerprint of the lines the customer reviewed (from the quote). */
export const FingerprintSchema = z
  .string()
  .regex(/^[0-9a-f]{40}-[0-9a-f]{16}$/, "not a checkout fingerprint");

export const PlaceOrderInputSchema = z
  .object({
    fingerprint: FingerprintSchema,
    idempotency_key: IdempotencyKeySchema,
    fulfilment: FulfilmentInputSchema.prefault({ type: "collection" }),
    contact: ContactInputSchema.prefault({}),
  })
  .strict();
export type PlaceOrderInput = z.input<typeof PlaceOrderInputSchema>;

// ---- The quote ----

export const quoteChangeKinds = [
  "price_up",
  "price_down",
  "no_longer_sold",
  "sold_out",
  "option_unavailable",
  "quantity_limit",
] as const;
export const QuoteChangeKindSchema = z.enum(quoteChangeKinds);
export type QuoteChangeKind = z.infer<typeof QuoteChangeKindSchema>;

export const QuoteChangeSchema = z.object({
  item_id: z.string(),
  kind: QuoteChangeKindSchema,
  message: z.string(),
});
export type QuoteChange = z.infer<typeof QuoteChangeSchema>;

/** A line as ordered: the catalog's name and price at the time of the quote or order. */
export const OrderLineSchema = z.object({
  item_id: z.string(),
  product_id: z.string(),
  variant_id: z.string().optional(),
  name: z.string(),
  configuration: z.record(z.string(), z.string()),
  price: z.number().int().nonnegative(),
  quantity: z.number().int().positive(),
  line_total: z.number().int().nonnegative(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

export const QuoteSchema = z.object({
  session_id: z.string(),
  currency: z.string(),
  /** The lines that can be ordered, at the catalog's prices. */
  lines: z.array(OrderLineSchema.extend({ image_url: z.string() })),
  subtotal: z.number().int().nonnegative(),
  item_count: z.number().int().nonnegative(),
  changes: z.array(QuoteChangeSchema),
  /** At least one line can be ordered. */
  orderable: z.boolean(),
  fingerprint: FingerprintSchema,
  fulfilment: FulfilmentChoicesSchema,
});
export type Quote = z.infer<typeof QuoteSchema>;

// ---- The order ----

export const FulfilmentSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("collection") }),
  z.object({
    type: z.literal("delivery"),
    option_id: z.string(),
    option_name: z.string(),
    address: z.object({
      recipient: z.string(),
      area: z.string(),
      street: z.string(),
      notes: z.string().optional(),
    }),
  }),
]);
export type Fulfilment = z.infer<typeof FulfilmentSchema>;

/** Who recorded a staff action: the person and, from the counter, which terminal. */
export const StaffActorSchema = z
  .object({
    staff: z.string().trim().min(1).max(64),
    terminal: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type StaffActor = z.infer<typeof StaffActorSchema>;

export const PaymentSchema = z.object({
  method: PaymentMethodSchema,
  amount: z.number().int().nonnegative(),
  tendered: z.number().int().nonnegative().optional(),
  change: z.number().int().nonnegative().optional(),
  reference: z.string().optional(),
  recorded_by: StaffActorSchema,
  at: z.string(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export const OrderSchema = z.object({
  order_id: z.string(),
  number: z.string(),
  status: OrderStatusSchema,
  session_id: z.string(),
  currency: z.string(),
  lines: z.array(OrderLineSchema),
  subtotal: z.number().int().nonnegative(),
  delivery_charge: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  fulfilment: FulfilmentSchema,
  contact: z.object({ name: z.string().optional(), phone: z.string().optional() }),
  payments: z.array(PaymentSchema),
  /** Set once cancelled; `refund_due` is what was paid and must be returned. */
  cancellation: z
    .object({
      reason: z.string(),
      refund_due: z.number().int().nonnegative(),
      recorded_by: StaffActorSchema,
      at: z.string(),
    })
    .optional(),
  /** The shop's calendar day of the order (its time zone), which the number is unique within. */
  day: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Order = z.infer<typeof OrderSchema>;

/** What a payment names: the amount is always the order's total, never the caller's. */
export const PaymentInputSchema = z
  .object({
    method: PaymentMethodSchema,
    /** Cash handed over, in minor units; the total when left out. */
    tendered: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    /** The card slip number or the mobile-money transaction id. */
    reference: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9 ._/-]{1,64}$/, "a reference has 1-64 letters, digits, spaces, '.', '_', '/' or '-'")
      .optional(),
  })
  .strict();
export type PaymentInput = z.input<typeof PaymentInputSchema>;

export const CancelReasonSchema = z
  .string()
  .trim()
  .min(1, "give a reason for the cancellation")
  .max(200, "a reason has at most 200 characters");

/** A short, spoken order number: a letter prefix and the day's counter, e.g. K-042. */
export const OrderNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{1,3}-[0-9]{3,6}$/, 'an order number looks like "K-042"'));

/** What `order-changed` carries to the kiosk that placed the order. */
export const OrderChangedSchema = z.object({ order: OrderSchema });
