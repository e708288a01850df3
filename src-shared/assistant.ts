import { z } from "zod";
import { CartLineSchema } from "./cart.js";
import { ProductSummarySchema } from "./catalog.js";

/**
 * The assistant's reply: the web channel's step 8 shape, extended. Cart figures in `action` are
 * read from Redis after the tools ran, never taken from the model's text.
 */

export const cartActionTypes = [
  "item_added",
  "item_removed",
  "quantity_updated",
  "cart_cleared",
  "cart_viewed",
  /** "I'd like to pay": a card whose button opens the Checkout screen (the customer places the order). */
  "checkout_offered",
] as const;

export const CartActionSchema = z.object({
  type: z.enum(cartActionTypes),
  cart_items: z.array(CartLineSchema),
  cart_total: z.number().int(),
  item_count: z.number().int().nonnegative(),
  currency: z.string(),
  /** The line the action changed (added to, updated or removed), when there was one. */
  item: z
    .object({
      item_id: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      price: z.number().int(),
      configuration: z.record(z.string(), z.unknown()),
    })
    .optional(),
});
export type CartAction = z.infer<typeof CartActionSchema>;

export const ProductsFoundActionSchema = z.object({
  type: z.literal("products_found"),
  products: z.array(ProductSummarySchema),
  currency: z.string(),
});
export type ProductsFoundAction = z.infer<typeof ProductsFoundActionSchema>;

export const AssistantActionSchema = z.union([CartActionSchema, ProductsFoundActionSchema]);
export type AssistantAction = z.infer<typeof AssistantActionSchema>;

export const AssistantModeSchema = z.enum(["openai", "offline"]);
export type AssistantMode = z.infer<typeof AssistantModeSchema>;

export const AssistantReplySchema = z.object({
  role: z.literal("assistant"),
  content: z.string(),
  metadata: z.object({
    tools_used: z.array(z.string()),
    mode: AssistantModeSchema,
    action: AssistantActionSchema.optional(),
  }),
});
export type AssistantReply = z.infer<typeof AssistantReplySchema>;

/** One message of the conversation as the screen shows it (history restored after a restart). */
export const ChatMessageSchema = z.union([
  z.object({ role: z.literal("user"), content: z.string() }),
  AssistantReplySchema,
]);
export type ChatMessage = z.infer<typeof ChatMessageSchema>;
