import type { AssistantAction, CartAction } from "../../src-shared/assistant.js";
import type { Cart, CartLine } from "../../src-shared/cart.js";
import type { ToolEvent } from "./turn-context.js";

/**
 * The reply's action card (the seed's step 8), computed from what the tools did in this turn: the
 * last tool that changed or showed the cart decides the card, and its figures are the cart Redis
 * returned to that tool call (each cart call is one round trip that reads the cart back after the
 * change). The model's text is never read for this. Without a cart tool, the last search or
 * product lookup gives product cards.
 */
export function actionFromEvents(
  events: readonly ToolEvent[],
  currency: string,
): AssistantAction | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    switch (event.tool) {
      case "add_to_cart":
        return cartAction("item_added", event.mutation.cart, event.mutation.item);
      case "update_quantity":
      case "remove_from_cart":
        return cartAction(
          event.mutation.change === "item_removed" ? "item_removed" : "quantity_updated",
          event.mutation.cart,
          event.mutation.item,
        );
      case "clear_cart":
        return event.confirmationRequested
          ? cartAction("cart_viewed", event.cart)
          : cartAction("cart_cleared", event.mutation.cart);
      case "view_cart":
        return cartAction("cart_viewed", event.cart);
      case "offer_checkout":
        return cartAction("checkout_offered", event.cart);
    }
  }
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.tool === "search_products")
      return { type: "products_found", products: event.products, currency };
    if (event.tool === "get_product_details")
      return { type: "products_found", products: [event.summary], currency };
  }
  return undefined;
}

function cartAction(type: CartAction["type"], cart: Cart, line?: CartLine): CartAction {
  return {
    type,
    cart_items: cart.items,
    cart_total: cart.cart_total,
    item_count: cart.item_count,
    currency: cart.currency,
    ...(line
      ? {
          item: {
            item_id: line.item_id,
            name: line.name,
            quantity: line.quantity,
            price: line.price,
            configuration: line.configuration,
          },
        }
      : {}),
  };
}
