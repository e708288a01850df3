import { expect } from "vitest";
import type { AssistantReply } from "../../src-shared/assistant.js";
import type { Cart, CartLine } from "../../src-shared/cart.js";
import type { ProductView } from "../../src-shared/catalog.js";
import type { ConnectionStatus, RequestOutput } from "../../src-shared/contract.js";
import type { Order, Quote } from "../../src-shared/order.js";

export const sessionA = "session-11111111-2222-4333-8444-555555555555";
export const sessionB = "session-99999999-8888-4777-8666-555555555555";

/** What session-start and session-resume answer; the test double's token is made up. */
export const sessionInfo = (sessionId: string) => ({
  session_id: sessionId,
  resume_token: `token-${sessionId}`,
});

/** Every cart action carries an operation id of its own (src-shared/operation-id.ts). */
export const anOperationId = expect.stringMatching(/^[0-9a-f]{32}$/) as unknown as string;

export const store = {
  name: "Kampala Party & Gifts",
  currency: "UGX",
  locale: "en",
  time_zone: "Africa/Kampala",
};

export function line(overrides: Partial<CartLine> & Pick<CartLine, "item_id" | "name">): CartLine {
  const price = overrides.price ?? 60000;
  const quantity = overrides.quantity ?? 1;
  return {
    product_id: overrides.item_id.split("_")[0]!,
    price,
    quantity,
    configuration: {},
    line_total: price * quantity,
    image_url: "/catalog-images/x.svg",
    category_id: "5",
    ...overrides,
  };
}

export function cartOf(
  sessionId: string,
  items: CartLine[],
  updatedAt: string | null = "2025-10-16T10:30:00.000Z",
): Cart {
  return {
    session_id: sessionId,
    currency: "UGX",
    items,
    item_count: items.reduce((n, l) => n + l.quantity, 0),
    cart_total: items.reduce((n, l) => n + l.line_total, 0),
    updated_at: items.length ? updatedAt : null,
  };
}

export const bouquetLine = (quantity = 2) =>
  line({ item_id: "42_abc", name: "Balloon Bouquet", price: 60000, quantity });

/** A `connection-status`: everything up unless said otherwise. */
export function connectionStatus(
  redis: ConnectionStatus["redis"] = "up",
  assistantReachable = true,
): ConnectionStatus {
  return {
    redis,
    assistant: { mode: "offline", reachable: assistantReachable },
    keyspace_notifications: true,
  };
}

export function appStatus(
  overrides: Partial<RequestOutput<"app-status">> = {},
  ui: Partial<RequestOutput<"app-status">["ui"]> = {},
): RequestOutput<"app-status"> {
  return {
    session_id: null,
    store,
    connection: connectionStatus(),
    ...overrides,
    ui: {
      kiosk_mode: false,
      idle_timeout_seconds: 120,
      idle_countdown_seconds: 15,
      max_quantity_per_line: 99,
      checkout_start_over_seconds: 60,
      receipt_printer: false,
      ...ui,
    },
  };
}

export function addedReply(cart: Cart, itemId = "42_abc"): AssistantReply {
  const item = cart.items.find((l) => l.item_id === itemId)!;
  return {
    role: "assistant",
    content: `Added ${item.quantity} × ${item.name} to your cart.`,
    metadata: {
      tools_used: ["search_products", "add_to_cart"],
      mode: "offline",
      action: {
        type: "item_added",
        cart_items: cart.items,
        cart_total: cart.cart_total,
        item_count: cart.item_count,
        currency: cart.currency,
        item: {
          item_id: item.item_id,
          name: item.name,
          quantity: item.quantity,
          price: item.price,
          configuration: item.configuration,
        },
      },
    },
  };
}

/** A product with two option axes and variants, one sold out and one dearer. */
export const tshirt: ProductView = {
  id: "81",
  name: "Birthday T-Shirt",
  description: "A soft cotton tee.",
  category: "8",
  image_url: "/catalog-images/tshirt.svg",
  price: 30000,
  available: true,
  options: [
    { name: "size", values: ["S", "M", "XL"] },
    { name: "colour", values: ["White", "Blue"] },
  ],
  variants: [
    { id: "81-s-white", options: { size: "S", colour: "White" }, price: 30000, available: true },
    { id: "81-s-blue", options: { size: "S", colour: "Blue" }, price: 30000, available: true },
    { id: "81-m-white", options: { size: "M", colour: "White" }, price: 30000, available: true },
    { id: "81-m-blue", options: { size: "M", colour: "Blue" }, price: 30000, available: false },
    { id: "81-xl-white", options: { size: "XL", colour: "White" }, price: 35000, available: false },
    { id: "81-xl-blue", options: { size: "XL", colour: "Blue" }, price: 35000, available: false },
  ],
};

export const fingerprint = `${"a".repeat(40)}-${"b".repeat(16)}`;

/** A quote of two balloon bouquets at today's price, with the sample shop's delivery options. */
export function quoteOf(overrides: Partial<Quote> = {}): Quote {
  return {
    session_id: sessionA,
    currency: "UGX",
    lines: [
      {
        item_id: "42_abc",
        product_id: "42",
        name: "Balloon Bouquet",
        configuration: {},
        price: 60000,
        quantity: 2,
        line_total: 120000,
        image_url: "/catalog-images/x.svg",
      },
    ],
    subtotal: 120000,
    item_count: 2,
    changes: [],
    orderable: true,
    fingerprint,
    fulfilment: {
      collection: true,
      delivery: [
        {
          id: "kampala-central",
          name: "Kampala central, same day",
          price: 10000,
          description: "Within Kampala's central division.",
        },
      ],
    },
    ...overrides,
  };
}

export function orderOf(overrides: Partial<Order> = {}): Order {
  return {
    order_id: "0b7c2f9e-3d1a-4c5b-9e8f-1a2b3c4d5e6f",
    number: "K-042",
    status: "placed",
    session_id: sessionA,
    currency: "UGX",
    lines: quoteOf().lines.map(({ image_url: _image, ...line }) => line),
    subtotal: 120000,
    delivery_charge: 0,
    total: 120000,
    fulfilment: { type: "collection" },
    contact: {},
    payments: [],
    day: "2026-12-03",
    created_at: "2026-12-03T22:30:00.000Z",
    updated_at: "2026-12-03T22:30:00.000Z",
    ...overrides,
  };
}
