import type { Cart, CartLine } from "../../../src-shared/cart.js";
import type { ProductView } from "../../../src-shared/catalog.js";
import { countOf, moneyFormatter, nouns } from "../../../src-shared/format.js";
import type { Catalog } from "../../catalog/catalog.js";
import type { PendingState, ToolEvent } from "../turn-context.js";
import { describeOptions, type OptionConstraint, type VariantDecision } from "./product-match.js";
import type { AddItem } from "./understand.js";

/**
 * The offline assistant's sentences: answers written from what the tools returned, and the
 * questions it asks when it cannot act yet. Every reply starts by saying it is the offline mode.
 */

export const OFFLINE_PREFIX = "(Offline mode) ";

/** What the offline model reads back from a tool message. */
export interface ToolResult {
  name: string;
  ok: boolean;
  content: string;
  event: ToolEvent | undefined;
}

export interface Answer {
  text: string;
  pending?: PendingState;
}

/** The most choices one reply lists: a question is short enough to read at a glance. */
export const MAX_LISTED = 5;

export class Phrases {
  constructor(private readonly catalog: Catalog) {}

  money(minor: number): string {
    return moneyFormatter(this.catalog.store)(minor);
  }

  private items(count: number): string {
    return countOf(count, nouns.item, this.catalog.store.locale);
  }

  private lineName(line: CartLine): string {
    const product = this.catalog.product(line.product_id);
    const options = describeOptions(product, line.configuration);
    return `${line.name}${options ? ` (${options})` : ""}`;
  }

  cartListing(cart: Cart): string {
    if (cart.items.length === 0) return "Your cart is empty.";
    const lines = cart.items.map((l) => `${l.quantity} × ${this.lineName(l)}: ${this.money(l.line_total)}`);
    return `Your cart: ${lines.join("; ")}. Total ${this.money(cart.cart_total)} (${this.items(cart.item_count)}).`;
  }

  cartTotals(cart: Cart): string {
    return cart.items.length === 0
      ? "Your cart is now empty."
      : `Your cart now has ${this.items(cart.item_count)}, total ${this.money(cart.cart_total)}.`;
  }

  productList(
    products: ReadonlyArray<{ name: string; price: number; available: boolean; has_options?: boolean }>,
  ): string {
    return products
      .slice(0, MAX_LISTED)
      .map(
        (p, i) =>
          `${i + 1}. ${p.name}: ${p.has_options ? "from " : ""}${this.money(p.price)}${p.available ? "" : " (sold out)"}`,
      )
      .join("; ");
  }

  private priceRange(min: number | undefined, max: number | undefined): string {
    if (min !== undefined && max !== undefined) return ` between ${this.money(min)} and ${this.money(max)}`;
    if (max !== undefined) return ` under ${this.money(max)}`;
    if (min !== undefined) return ` over ${this.money(min)}`;
    return "";
  }

  productDetails(product: ProductView): string {
    // A description that already lists every value needs no second list.
    const described = product.options.every((a) => a.values.every((v) => product.description.includes(v)));
    const options =
      product.options.length && !described
        ? ` It comes in ${product.options.map((a) => `${a.name}: ${a.values.join(", ")}`).join("; ")}.`
        : "";
    const price =
      product.variants.length > 1 ? `from ${this.money(product.price)}` : this.money(product.price);
    return `${product.name} (${price}): ${product.description}${options}${product.available ? "" : " It is sold out at the moment."}`;
  }

  /** A tool's refusal in a customer's words (the model-facing hints removed). */
  toolError(content: string): string {
    const message = content
      .replace(/^Error:\s*/, "")
      .replace(/\s*Nothing was changed\.?/g, "")
      .replace(/\s*Call it again.*$/s, "")
      .trim();
    return `Sorry: ${message.charAt(0).toLowerCase()}${message.slice(1)}`.replace(/\s+$/, "");
  }

  /** Sentences for the tool results of this turn; `intentKind` decides which results speak. */
  fromResults(results: readonly ToolResult[], intentKind: string): string[] {
    const parts: string[] = [];
    let lastCart: Cart | undefined;
    const mutated = results.some((r) => r.ok && r.event && "mutation" in r.event);
    for (const result of results) {
      if (!result.ok || !result.event) {
        parts.push(this.toolError(result.content));
        continue;
      }
      const event = result.event;
      switch (event.tool) {
        case "add_to_cart": {
          const line = event.mutation.item;
          if (line)
            parts.push(
              `Added ${event.quantity} × ${this.lineName(line)} (${this.money(line.price * event.quantity)}).`,
            );
          lastCart = event.mutation.cart;
          break;
        }
        case "update_quantity":
        case "remove_from_cart": {
          const line = event.mutation.item;
          const name = line ? this.lineName(line) : "that item";
          parts.push(
            event.mutation.change === "item_removed"
              ? `Removed ${name} from your cart.`
              : `You now have ${line?.quantity ?? "?"} × ${name}.`,
          );
          lastCart = event.mutation.cart;
          break;
        }
        case "clear_cart":
          if (event.confirmationRequested) {
            parts.push(
              event.cart.items.length === 0
                ? "Your cart is already empty."
                : `Do you really want to empty your cart (${this.items(event.cart.item_count)}, ${this.money(event.cart.cart_total)})? Say "yes" to empty it or "no" to keep it.`,
            );
          } else parts.push("Your cart is now empty.");
          break;
        case "view_cart":
          if (!mutated && intentKind === "view_cart") parts.push(this.cartListing(event.cart));
          break;
        case "offer_checkout":
          parts.push(
            event.cart.items.length === 0
              ? "Your cart is empty, so there is nothing to pay for yet. Tell me what you would like and I will add it."
              : `Your cart has ${this.items(event.cart.item_count)}, ${this.money(event.cart.cart_total)}. Tap "Check out" to review your order and choose how to receive it; you pay at the counter.`,
          );
          break;
        case "search_products":
          if (intentKind === "search" || intentKind === "details") {
            parts.push(
              event.products.length
                ? `Here is what I found: ${this.productList(event.products)}.`
                : `Sorry, I couldn't find anything${event.query ? ` for "${event.query}"` : ""}${this.priceRange(event.minPrice, event.maxPrice)}.`,
            );
          }
          break;
        case "get_product_details":
          if (intentKind === "details") parts.push(this.productDetails(event.product));
          break;
      }
    }
    if (lastCart && lastCart.items.length > 0) parts.push(this.cartTotals(lastCart));
    return parts;
  }

  /** The question for an item that cannot be added yet, and what to remember for the answer. */
  question(item: Exclude<AddItem, { kind: "ready" }>, results: readonly ToolResult[]): Answer {
    switch (item.kind) {
      case "ask_variant":
        return this.variantQuestion(item.product, item.quantity, item.constraints, item.decision);
      case "ask_product": {
        const list = item.candidates
          .slice(0, MAX_LISTED)
          .map((p, i) => `${i + 1}. ${p.name} (${this.money(p.price)})`)
          .join("; ");
        return {
          text: `We have several${item.phrase ? ` "${item.phrase}"` : ""}: ${list}. Which one would you like?`,
          pending: {
            kind: "choose_product",
            product_ids: item.candidates.slice(0, MAX_LISTED).map((p) => p.id),
            quantity: item.quantity,
          },
        };
      }
      case "unknown_product": {
        const found = results
          .map((r) => r.event)
          .find((e): e is Extract<ToolEvent, { tool: "search_products" }> => e?.tool === "search_products");
        if (found && found.products.length > 0) {
          return {
            text: `I couldn't find "${item.phrase}" exactly. Maybe one of these? ${this.productList(found.products)}.`,
          };
        }
        return { text: `Sorry, we don't have "${item.phrase}".` };
      }
    }
  }

  private variantQuestion(
    product: ProductView,
    quantity: number,
    constraints: OptionConstraint[],
    decision: Exclude<VariantDecision, { kind: "chosen" }>,
  ): Answer {
    const said = constraints.map((c) => c.values.join(" or ")).join(", ");
    const options = Object.fromEntries(
      constraints.filter((c) => c.axes.length === 1).map((c) => [c.axes[0]!, c.values]),
    );
    const choices = decision.kind === "ask" ? decision.choices : decision.alternatives;
    const varying =
      decision.kind === "ask" && decision.missingAxes.length > 0
        ? decision.missingAxes
        : product.options.map((a) => a.name);
    const listed = choices.slice(0, MAX_LISTED);
    const describe = (c: { options: Record<string, string>; price: number }) =>
      `${describeOptions(product, c.options, varying)} (${this.money(c.price)})`;
    const list = listed.map((c, i) => `${i + 1}. ${describe(c)}`).join("; ");
    const axesHint = product.options
      .filter((a) => varying.includes(a.name))
      .map(
        (a) => `${a.name}: ${[...new Set(choices.map((c) => c.options[a.name]).filter(Boolean))].join(", ")}`,
      )
      .join("; ");
    let head: string;
    if (decision.kind === "sold_out") head = `Sorry, ${product.name} in ${said} is sold out.`;
    else if (decision.kind === "not_made") head = `${product.name} doesn't come in ${said}.`;
    else head = `Which ${product.name} would you like${said ? ` (${said})` : ""}?`;
    if (choices.length === 0) return { text: `${head} There is none available at the moment.` };
    const body =
      choices.length <= MAX_LISTED
        ? ` ${decision.kind === "ask" ? "Choices" : "Available"}: ${list}. Say the number or the options.`
        : ` It comes in ${axesHint}. Tell me the options you want, for example "${listed[0] ? varying.map((axis) => listed[0]!.options[axis]).join(", ") : ""}".`;
    return {
      text: head + body,
      pending: {
        kind: "choose_variant",
        product_id: product.id,
        quantity,
        options,
        choices: choices.length <= MAX_LISTED ? listed.map((c) => c.options) : [],
      },
    };
  }

  help(): string {
    const names = this.catalog
      .allProducts()
      .filter((p) => p.available && p.options.length === 0)
      .slice(0, 1)
      .map((p) => p.name.toLowerCase());
    const example = names[0] ?? "balloon bouquet";
    return (
      "I'm the shop's offline assistant, so I understand simple requests. Try: " +
      `"add a ${example}", "I want 2 blue t-shirts size M", "make the t-shirts 3", "remove the ${example}", ` +
      `"show my cart", "do you have anything under ${this.money(this.cheapPrice())}?" or "empty my cart".`
    );
  }

  private cheapPrice(): number {
    const prices = this.catalog
      .allProducts()
      .map((p) => p.price)
      .sort((a, b) => a - b);
    return prices[Math.floor(prices.length / 2)] ?? 0;
  }

  greeting(): string {
    return `Hello, welcome to ${this.catalog.store.name}! ${this.help()}`;
  }
}
