import { queueLists } from "../../src-shared/counter-contract.js";
import type { Order, OrderStatus } from "../../src-shared/order.js";

/**
 * The queue's lists as the counter shows them: the contract's lists (`queueLists`, which statuses
 * each holds), with orders to hand over split into those collected at the counter and those to
 * deliver, and the finished ones limited to today.
 */

export type CounterListId = "to_pay" | "to_hand_over" | "delivery" | "done" | "cancelled";

export interface CounterList {
  id: CounterListId;
  title: string;
  /** What the list says when it is empty. */
  empty: string;
  includes(order: Order, today: string | null): boolean;
}

const inStatuses = (statuses: readonly OrderStatus[], status: OrderStatus) => statuses.includes(status);

export const counterLists: readonly CounterList[] = [
  {
    id: "to_pay",
    title: "To pay",
    empty: "No order is waiting for payment.",
    includes: (order) => inStatuses(queueLists.to_pay, order.status),
  },
  {
    id: "to_hand_over",
    title: "To hand over",
    empty: "No paid order is waiting to be collected.",
    includes: (order) =>
      inStatuses(queueLists.to_hand_over, order.status) && order.fulfilment.type === "collection",
  },
  {
    id: "delivery",
    title: "Delivery",
    empty: "No paid order is waiting for delivery.",
    includes: (order) =>
      inStatuses(queueLists.to_hand_over, order.status) && order.fulfilment.type === "delivery",
  },
  {
    id: "done",
    title: "Done today",
    empty: "No order has been handed over today.",
    includes: (order, today) => inStatuses(queueLists.done, order.status) && (!today || order.day === today),
  },
  {
    id: "cancelled",
    title: "Cancelled",
    empty: "No order was cancelled today.",
    includes: (order, today) =>
      inStatuses(queueLists.cancelled, order.status) && (!today || order.day === today),
  },
];

/** The orders of one list, oldest first (the queue is served in that order). */
export function ordersOf(list: CounterList, orders: Readonly<Record<string, Order>>, today: string | null) {
  return Object.values(orders)
    .filter((order) => list.includes(order, today))
    .sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** An order's status in the words of its badge. */
export const statusLabels: Readonly<Record<OrderStatus, string>> = {
  placed: "To pay",
  paid: "Paid",
  ready: "Ready",
  collected: "Collected",
  delivered: "Delivered",
  cancelled: "Cancelled",
};

export const paymentMethodLabels = { cash: "Cash", card: "Card", mobile_money: "Mobile money" } as const;
