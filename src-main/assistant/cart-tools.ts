import { tool } from "langchain";
import { z } from "zod";
import { QUANTITY_HARD_LIMIT, type Cart, type CartLine } from "../../src-shared/cart.js";
import { CatalogIdSchema, OptionChoiceSchema, type ProductView } from "../../src-shared/catalog.js";
import { AppError } from "../../src-shared/errors.js";
import { countOf, moneyFormatter, nameWithOptions, nouns } from "../../src-shared/format.js";
import { decimalToMinor } from "../../src-shared/money.js";
import { ItemIdSchema } from "../../src-shared/session.js";
import type { CartMutation, CartService } from "../cart/cart-service.js";
import type { Catalog } from "../catalog/catalog.js";
import { turnOf, type ToolEvent, type TurnContext } from "./turn-context.js";

/**
 * The assistant's tools, created once per service and bound in code to each turn's session, which
 * they read from the agent's runtime context (turn-context.ts): no tool
 * takes a session id (the web channel's did, so one prompt could reach another customer's cart),
 * a price or a name (those come from the catalog). Schemas are strict, so an extra argument is
 * refused before anything runs. Each tool answers with short text for the model and, as its
 * artifact, a record of what it did (from which the reply's action card is built).
 */

const productId = CatalogIdSchema.describe("The product's id exactly as search_products returned it.");

export const toolSchemas = {
  search_products: z
    .object({
      query: z
        .string()
        .max(200)
        .describe(
          'What the customer is looking for, in their words ("balloon bouquet", "blue t-shirt"). May be empty to browse.',
        ),
      category: z.string().min(1).max(64).optional().describe("Only this category (its id or its name)."),
      min_price: z
        .number()
        .nonnegative()
        .optional()
        .describe("Lowest unit price, in major units of the store currency."),
      max_price: z
        .number()
        .nonnegative()
        .optional()
        .describe("Highest unit price, in major units of the store currency."),
    })
    .strict(),
  get_product_details: z.object({ product_id: productId }).strict(),
  add_to_cart: z
    .object({
      product_id: productId,
      quantity: z.number().int().min(1).max(QUANTITY_HARD_LIMIT).describe("How many to add."),
      options: OptionChoiceSchema.optional().describe(
        'The chosen value of EVERY option of the product, names and values as get_product_details lists them, e.g. {"size": "M", "color": "blue"}. Omit for products without options.',
      ),
    })
    .strict(),
  view_cart: z.object({}).strict(),
  update_quantity: z
    .object({
      item_id: ItemIdSchema.optional().describe("The cart line's item_id, as view_cart shows it."),
      product_id: productId
        .optional()
        .describe("Instead of item_id: the product, when the cart has exactly one line of it."),
      quantity: z
        .number()
        .int()
        .min(0)
        .max(QUANTITY_HARD_LIMIT)
        .describe("The line's new quantity; 0 removes the line."),
    })
    .strict()
    .refine((a) => (a.item_id === undefined) !== (a.product_id === undefined), {
      message: "give either item_id or product_id (exactly one of them)",
    }),
  remove_from_cart: z
    .object({ item_id: ItemIdSchema.describe("The cart line's item_id, as view_cart shows it.") })
    .strict(),
  clear_cart: z
    .object({
      confirmed: z
        .boolean()
        .describe(
          "false: records the request and tells you what to ask. true: only after the customer said yes to that question, in their next message.",
        ),
    })
    .strict(),
  offer_checkout: z.object({}).strict(),
} as const;

export type ToolName = keyof typeof toolSchemas;
export const toolNames = Object.keys(toolSchemas) as ToolName[];

const descriptions: Record<ToolName, string> = {
  search_products:
    "Search the shop's catalog. Returns products with their id, name, price and options. Always search before adding, and use only the ids it returns.",
  get_product_details:
    "Full details of one product: description, its options and, for products with variants, every variant with its price and whether it is available.",
  add_to_cart:
    "Add a product to the customer's cart. The price comes from the catalog. If the product has options, every option must be chosen by the customer first.",
  view_cart: "Show the customer's cart: each line with its item_id, quantity and price, and the total.",
  update_quantity: "Change the quantity of one line of the customer's cart (0 removes it).",
  remove_from_cart: "Remove one line from the customer's cart.",
  clear_cart:
    "Empty the customer's cart. Call it with confirmed=false first, ask the customer to confirm, and call it with confirmed=true only when they say yes in their next message.",
  offer_checkout:
    "When the customer wants to pay or check out: shows them a card with a button that opens the Checkout screen, where they review the order and place it themselves. It places, pays or changes nothing.",
};

export interface CartToolDeps {
  cart: CartService;
  catalog: Catalog;
}

export function createCartTools({ cart, catalog }: CartToolDeps) {
  const money = moneyFormatter(catalog.store);
  const items = (count: number) => countOf(count, nouns.item, catalog.store.locale);
  const done = (turn: TurnContext, text: string, event: ToolEvent): [string, ToolEvent] => [
    text,
    turn.record(event),
  ];
  const cartSummary = (c: Cart) =>
    c.items.length === 0
      ? "The cart is now empty."
      : `Cart: ${items(c.item_count)}, total ${money(c.cart_total)}.`;
  const lineText = (line: CartLine) => `${line.quantity} × ${nameWithOptions(line.name, line.configuration)}`;

  const toMinor = (amount: number | undefined, what: string) => {
    if (amount === undefined) return undefined;
    const text = String(amount);
    try {
      return decimalToMinor(text, catalog.exponent);
    } catch {
      throw new AppError(
        "invalid_input",
        `${what} ${text} is not an amount of ${catalog.store.currency} (at most ${catalog.exponent} decimal places).`,
      );
    }
  };

  const productLine = (p: ProductView) => {
    const from = p.variants.length > 1 && new Set(p.variants.map((v) => v.price)).size > 1 ? "from " : "";
    const options = p.options.length
      ? `; options: ${p.options.map((a) => `${a.name} (${a.values.join(", ")})`).join("; ")}`
      : "; no options";
    return `- [id ${p.id}] ${p.name}: ${from}${money(p.price)}${p.available ? "" : " (sold out)"}${options}`;
  };

  /**
   * One tool of the assistant, by name: the name picks its description and zod schema, and the run
   * gets the turn (the session, set in code as runtime context) rather than anything from the model.
   * It answers the text the model reads, with the event the reply's action is built from.
   */
  const cartTool = <N extends ToolName>(
    name: N,
    run: (args: z.infer<(typeof toolSchemas)[N]>, turn: TurnContext) => Promise<[string, ToolEvent]>,
  ) =>
    tool((args: z.infer<(typeof toolSchemas)[N]>, runtime) => run(args, turnOf(runtime)), {
      name,
      description: descriptions[name],
      schema: toolSchemas[name],
      responseFormat: "content_and_artifact",
    });

  const searchProducts = cartTool(
    "search_products",
    async ({ query, category, min_price, max_price }, turn) => {
      const categoryId = category === undefined ? undefined : resolveCategory(catalog, category);
      const minPrice = toMinor(min_price, "min_price");
      const maxPrice = toMinor(max_price, "max_price");
      const hits = catalog.search(query, { category: categoryId, minPrice, maxPrice, limit: 8 });
      const products = hits.map((h) => h.product);
      const text = products.length
        ? `Found ${countOf(products.length, nouns.product, catalog.store.locale)}:\n${products.map(productLine).join("\n")}`
        : `No products match "${query}"${categoryId ? ` in ${catalog.categoryName(categoryId)}` : ""}` +
          `${minPrice !== undefined ? ` from ${money(minPrice)}` : ""}${maxPrice !== undefined ? ` up to ${money(maxPrice)}` : ""}.`;
      return done(turn, text, {
        tool: "search_products",
        query,
        minPrice,
        maxPrice,
        products: products.map((p) => catalog.summary(p)),
      });
    },
  );

  const getProductDetails = cartTool("get_product_details", async ({ product_id }, turn) => {
    const p = catalog.productOrThrow(product_id);
    const variants = p.variants.length
      ? "\nVariants (pass the chosen variant's options exactly):\n" +
        p.variants
          .map(
            (v) =>
              `- ${Object.entries(v.options)
                .map(([k, val]) => `${k}=${val}`)
                .join(", ")}: ${money(v.price)}${v.available ? "" : " (sold out)"}`,
          )
          .join("\n")
      : "";
    const text = `${productLine(p).slice(2)}\nCategory: ${catalog.categoryName(p.category) ?? p.category}\n${p.description}${variants}`;
    return done(turn, text, { tool: "get_product_details", product: p, summary: catalog.summary(p) });
  });

  const addToCart = cartTool("add_to_cart", async ({ product_id, quantity, options }, turn) => {
    const mutation = await cart.addItem(turn.sessionId, { product_id, quantity, options: options ?? {} });
    const line = mutation.item;
    const text = line
      ? `Added ${quantity} × ${nameWithOptions(line.name, line.configuration)} at ${money(line.price)} each; the line (item_id ${line.item_id}) now has ${line.quantity}. ${cartSummary(mutation.cart)}`
      : `Added ${quantity}. ${cartSummary(mutation.cart)}`;
    return done(turn, text, { tool: "add_to_cart", quantity, mutation });
  });

  const viewCart = cartTool("view_cart", async (_args, turn) => {
    const c = await cart.getCart(turn.sessionId);
    const text = c.items.length
      ? `Cart (${items(c.item_count)}, total ${money(c.cart_total)}):\n` +
        c.items
          .map(
            (l) => `- item_id ${l.item_id}: ${lineText(l)}, ${money(l.price)} each, ${money(l.line_total)}`,
          )
          .join("\n")
      : "The cart is empty.";
    return done(turn, text, { tool: "view_cart", cart: c });
  });

  const mutationText = (mutation: CartMutation) => {
    const line = mutation.item;
    const what = line ? `${nameWithOptions(line.name, line.configuration)}` : "The line";
    const head =
      mutation.change === "item_removed"
        ? `Removed ${what} from the cart.`
        : `${what} now has quantity ${line?.quantity ?? "?"}${line ? ` (item_id ${line.item_id})` : ""}.`;
    return `${head} ${cartSummary(mutation.cart)}`;
  };

  const updateQuantity = cartTool("update_quantity", async ({ item_id, product_id, quantity }, turn) => {
    let itemId = item_id;
    if (itemId === undefined) {
      const lines = (await cart.getCart(turn.sessionId)).items.filter((l) => l.product_id === product_id);
      if (lines.length === 0)
        throw new AppError("not_found", `There is no line of product ${product_id} in the cart.`);
      if (lines.length > 1) {
        throw new AppError(
          "invalid_input",
          `The cart has ${lines.length} lines of ${lines[0]!.name}; pass the item_id of one: ${lines.map((l) => `${l.item_id} (${lineText(l)})`).join(", ")}.`,
        );
      }
      itemId = lines[0]!.item_id;
    }
    const mutation = await cart.updateQuantity(turn.sessionId, itemId, quantity);
    return done(turn, mutationText(mutation), { tool: "update_quantity", mutation });
  });

  const removeFromCart = cartTool("remove_from_cart", async ({ item_id }, turn) => {
    const mutation = await cart.removeItem(turn.sessionId, item_id);
    return done(turn, mutationText(mutation), { tool: "remove_from_cart", mutation });
  });

  const clearCart = cartTool("clear_cart", async ({ confirmed }, turn) => {
    // Confirmation is enforced here, not left to the prompt: only a request recorded in the
    // previous turn can be confirmed, so no single message (nor an injected instruction) can
    // empty a cart on its own.
    if (!confirmed || turn.previousPending?.kind !== "confirm_clear") {
      if (confirmed) {
        throw new AppError(
          "invalid_input",
          "The cart was not cleared: the customer has not confirmed yet. Call clear_cart with confirmed=false, ask them, and wait for their answer.",
        );
      }
      const current = await cart.getCart(turn.sessionId);
      turn.pending = { kind: "confirm_clear" };
      const text =
        `Not cleared yet. The cart has ${items(current.item_count)} (total ${money(current.cart_total)}). ` +
        "Ask the customer to confirm that they want to remove everything; only if they say yes in their next message, call clear_cart with confirmed=true.";
      return done(turn, text, { tool: "clear_cart", confirmationRequested: true, cart: current });
    }
    const mutation = await cart.clearCart(turn.sessionId);
    return done(turn, "The cart is now empty.", {
      tool: "clear_cart",
      confirmationRequested: false,
      mutation,
    });
  });

  // Only the customer's tap on the Checkout screen places an order: the model can offer the way
  // there and nothing more. No tool places, pays, cancels or changes an order (#11).
  const offerCheckout = cartTool("offer_checkout", async (_args, turn) => {
    const c = await cart.getCart(turn.sessionId);
    const text = c.items.length
      ? `A checkout card is shown (${items(c.item_count)}, total ${money(c.cart_total)}). Tell the customer to tap "Check out" to review the order, choose collection or delivery and place it; they pay at the counter.`
      : "The cart is empty: nothing to check out. Offer to help them find something.";
    return done(turn, text, { tool: "offer_checkout", cart: c });
  });

  return [
    searchProducts,
    getProductDetails,
    addToCart,
    viewCart,
    updateQuantity,
    removeFromCart,
    clearCart,
    offerCheckout,
  ];
}

function resolveCategory(catalog: Catalog, category: string): string {
  const wanted = category.trim().toLowerCase();
  const found = catalog
    .categories()
    .find((c) => c.id.toLowerCase() === wanted || c.name.toLowerCase() === wanted);
  if (!found) {
    throw new AppError(
      "not_found",
      `There is no category "${category}". Categories: ${catalog
        .categories()
        .map((c) => c.name)
        .join(", ")}.`,
    );
  }
  return found.id;
}
