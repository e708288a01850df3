import type { OrderStatus } from "../../../src-shared/order.js";

/** The order's status in the customer's words, and what happens next. */
export const orderStatusWords: Record<OrderStatus, { label: string; next: string }> = {
  placed: { label: "Placed", next: "Waiting for your payment at the counter." },
  paid: { label: "Paid", next: "Thank you! Your order is being prepared." },
  ready: { label: "Ready", next: "Your order is ready." },
  collected: { label: "Collected", next: "Enjoy your order!" },
  delivered: { label: "Delivered", next: "Your order was delivered." },
  cancelled: { label: "Cancelled", next: "This order was cancelled. Please ask a member of staff." },
};

/** From these on, nothing is waiting on the customer: the screen may start over by itself. */
export const settledStatuses: ReadonlySet<OrderStatus> = new Set([
  "paid",
  "ready",
  "collected",
  "delivered",
  "cancelled",
]);
