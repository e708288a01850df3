import { AppError } from "../../src-shared/errors.js";
import type { Order, OrderStatus } from "../../src-shared/order.js";

/**
 * The one home of the order lifecycle:
 *
 *   placed -> paid -> ready (optional) -> collected (collection) | delivered (delivery)
 *   placed | paid | ready -> cancelled (a paid one records the refund owed)
 *
 * `ready` is a paid order put aside for the customer, so it can still be cancelled like a paid
 * one. Each refusal says, in the staff's words, why and what to do instead.
 */

export const staffActions = ["pay", "ready", "collect", "deliver", "cancel"] as const;
export type StaffAction = (typeof staffActions)[number];

interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
}

export const transitions: Record<StaffAction, Transition> = {
  pay: { from: ["placed"], to: "paid" },
  ready: { from: ["paid"], to: "ready" },
  collect: { from: ["paid", "ready"], to: "collected" },
  deliver: { from: ["paid", "ready"], to: "delivered" },
  cancel: { from: ["placed", "paid", "ready"], to: "cancelled" },
};

const pastTense: Record<OrderStatus, string> = {
  placed: "placed",
  paid: "paid",
  ready: "ready",
  collected: "collected",
  delivered: "delivered",
  cancelled: "cancelled",
};

/** Throws a refusal (`not_allowed`) unless `action` may happen to `order` now; changes nothing. */
export function checkTransition(order: Order, action: StaffAction): Transition {
  const transition = transitions[action];
  const n = order.number;
  const fulfilment = order.fulfilment.type;
  if (action === "collect" && fulfilment === "delivery") {
    throw refusal(`${n} is for delivery: mark it delivered instead.`);
  }
  if (action === "deliver" && fulfilment === "collection") {
    throw refusal(`${n} is collected at the counter: mark it collected instead.`);
  }
  if (transition.from.includes(order.status)) return transition;
  const status = order.status;
  if (status === "cancelled") throw refusal(`${n} was cancelled; nothing more can be done with it.`);
  if (status === "collected" || status === "delivered") {
    throw refusal(`${n} was already ${pastTense[status]}; it cannot be changed any more.`);
  }
  switch (action) {
    case "pay":
      throw refusal(`${n} is already paid.`);
    case "ready":
      throw refusal(
        status === "placed" ? `${n} is not paid yet: take the payment first.` : `${n} is already ready.`,
      );
    case "collect":
    case "deliver":
      throw refusal(`${n} is not paid yet: take the payment before handing it over.`);
    case "cancel":
      throw refusal(`${n} cannot be cancelled now.`);
  }
}

function refusal(message: string): AppError {
  return new AppError("not_allowed", message);
}

/** What the stream calls each action's event. */
export const eventNames: Record<StaffAction, string> = {
  pay: "paid",
  ready: "ready",
  collect: "collected",
  deliver: "delivered",
  cancel: "cancelled",
};
