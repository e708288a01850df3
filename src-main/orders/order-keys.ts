import type { OrderStatus } from "../../src-shared/order.js";

/**
 * The orders' keys in the shared Redis (database 1, beside the carts). Documented for the web
 * channel in docs/redis-schema.md ("Orders"). Order ids are uuid v7 (time-ordered); session ids
 * and idempotency keys are validated before they are spliced into a key (no ':', '*', spaces).
 *
 *   order:{order_id}                     hash: the order (amounts as decimal strings, major units)
 *   order:number:{number}                string: the order id of the latest order with that number
 *   order:idem:{session_id}:{key}        string: the order a checkout attempt placed (expires)
 *   orders:seq:{YYYY-MM-DD}              string: the day's order counter (shop's time zone)
 *   orders:day:{YYYY-MM-DD}              sorted set: order ids of that day, scored by creation (ms)
 *   orders:status:{status}               sorted set: order ids in that status, scored by last change (ms)
 *   cart:{session_id}:checkout           hash: order_id and fingerprint of the cart's last checkout
 *   order-events                         stream: every order event; also a pub/sub channel
 */

export const ORDER_KEY_PREFIX = "order:";
export const ORDER_STATUS_KEY_PREFIX = "orders:status:";

/** The stream every order event is appended to, and the pub/sub channel it is announced on. */
export const ORDER_EVENTS_STREAM = "order-events";
export const ORDER_EVENTS_CHANNEL = "order-events";

export const orderKey = (orderId: string): string => ORDER_KEY_PREFIX + orderId;
export const orderNumberKey = (number: string): string => `order:number:${number}`;
export const idempotencyKey = (sessionId: string, key: string): string => `order:idem:${sessionId}:${key}`;
export const daySequenceKey = (day: string): string => `orders:seq:${day}`;
export const dayIndexKey = (day: string): string => `orders:day:${day}`;
export const statusIndexKey = (status: OrderStatus): string => ORDER_STATUS_KEY_PREFIX + status;
export const checkoutKey = (sessionId: string): string => `cart:${sessionId}:checkout`;
