import { z } from "zod";
import { CatalogIdSchema, OptionChoiceSchema } from "./catalog.js";

/**
 * The largest quantity any boundary accepts for one line, whatever MAX_QUANTITY_PER_LINE says:
 * far above a shop's real limit (the cart service enforces that one, in plain words), it only
 * refuses absurd numbers before they reach Redis or the model's tools.
 */
export const QUANTITY_HARD_LIMIT = 10_000;

/** All amounts are integers in the minor unit of `currency` (see money.ts). */
export const CartLineSchema = z.object({
  item_id: z.string(),
  product_id: z.string(),
  name: z.string(),
  /** Unit price in minor units, as stored on the line when it was added. */
  price: z.number().int(),
  quantity: z.number().int().positive(),
  configuration: z.record(z.string(), z.unknown()),
  line_total: z.number().int(),
  image_url: z.string(),
  category_id: z.string(),
});
export type CartLine = z.infer<typeof CartLineSchema>;

export const CartSchema = z.object({
  session_id: z.string(),
  currency: z.string(),
  items: z.array(CartLineSchema),
  /** Sum of quantities, as the cart badge shows it. */
  item_count: z.number().int().nonnegative(),
  cart_total: z.number().int(),
  updated_at: z.string().nullable(),
  customer_id: z.string().optional(),
  phone_number: z.string().optional(),
});
export type Cart = z.infer<typeof CartSchema>;

export const cartChangeKinds = [
  "item_added",
  "quantity_updated",
  "item_removed",
  "cart_cleared",
  "customer_attached",
  /** An order was placed from the cart: its ordered lines left it (src-main/orders/). */
  "checked_out",
] as const;
export const CartChangeKindSchema = z.enum(cartChangeKinds);
export type CartChangeKind = z.infer<typeof CartChangeKindSchema>;

/**
 * What an add names: a product, its options and a quantity. Never a price or a name. The
 * contract's `cart-add` is this schema, so the screen and the cart service accept the same adds.
 */
export const AddItemInputSchema = z
  .object({
    product_id: CatalogIdSchema,
    quantity: z.number().int().min(1).max(QUANTITY_HARD_LIMIT),
    options: OptionChoiceSchema.default({}),
  })
  .strict();
export type AddItemInput = z.input<typeof AddItemInputSchema>;

/**
 * The message published on the `cart-events` pub/sub channel after every mutation, so other kiosks
 * and counter terminals can refresh. Documented in docs/redis-schema.md.
 */
export const CartEventMessageSchema = z.object({
  session_id: z.string(),
  change: CartChangeKindSchema,
  updated_at: z.string(),
});
export type CartEventMessage = z.infer<typeof CartEventMessageSchema>;

/** Links a cart to a customer record or a phone number (the web channel's optional meta fields). */
export const AttachCustomerInputSchema = z
  .object({
    customer_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "a customer id has 1-64 letters, digits, '_' or '-'")
      .optional(),
    phone_number: z
      .string()
      .regex(/^\+?[0-9]{6,20}$/, 'a phone number looks like "+256701618576"')
      .optional(),
  })
  .strict()
  .refine((c) => c.customer_id !== undefined || c.phone_number !== undefined, {
    message: "give a customer id or a phone number",
  });
export type AttachCustomerInput = z.input<typeof AttachCustomerInputSchema>;
