import type { Redis } from "ioredis";
import { z } from "zod";
import type { Order } from "../../src-shared/order.js";
import { SessionIdSchema, type SessionId } from "../../src-shared/session.js";
import type { Logger } from "../infra/logger.js";
import { ORDER_EVENTS_CHANNEL } from "../orders/order-keys.js";
import type { ConnectionRegistry } from "./connection-registry.js";

export interface OrderSyncOptions {
  /** The app's command connection; the subscriber is a duplicate of it. */
  redis: Redis;
  orders: { getForSession(sessionId: SessionId, orderId: string): Promise<Order> };
  registry: ConnectionRegistry;
  log: Logger;
}

/** The pub/sub announcement the order scripts publish (order-scripts.ts); only these fields matter here. */
const AnnouncementSchema = z.object({ order_id: z.uuid(), session_id: SessionIdSchema });

/**
 * The live order feed: every order script announces its event on the `order-events` channel,
 * whoever ran it (this kiosk, the counter, kioskctl, another app). For a session some screen
 * shows, the order is read once and sent as `order-changed` to that session's connections only,
 * so a customer sees "Paid" the moment the cashier records it. Nothing is polled. A screen that
 * was away while Redis was down reads its order again when the connection comes back.
 */
export class OrderSync {
  private readonly subscriber: Redis;
  private closed = false;

  constructor(private readonly options: OrderSyncOptions) {
    this.subscriber = options.redis.duplicate({
      lazyConnect: true,
      enableOfflineQueue: true,
      autoResubscribe: true,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
      connectionName: "kiosk-order-sync",
    });
  }

  /** Subscribes; does not fail when Redis is down (it subscribes once it is back). */
  async start(): Promise<void> {
    this.subscriber.on(
      "message",
      (channel: string, message: string) => void this.onMessage(channel, message),
    );
    this.subscriber.on("error", () => {
      /* reconnects by itself; the cart sync reports the status */
    });
    await this.subscriber.connect().catch(() => {});
    await this.subscriber.subscribe(ORDER_EVENTS_CHANNEL).catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriber.disconnect();
  }

  private async onMessage(channel: string, message: string): Promise<void> {
    if (this.closed || channel !== ORDER_EVENTS_CHANNEL) return;
    let parsed;
    try {
      parsed = AnnouncementSchema.safeParse(JSON.parse(message));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const { order_id: orderId, session_id: sessionId } = parsed.data;
    if (!this.options.registry.isWatched(sessionId)) return;
    try {
      const order = await this.options.orders.getForSession(sessionId, orderId);
      this.options.registry.emitToSession(sessionId, "order-changed", { order });
    } catch (error) {
      this.options.log.warn(`order sync: could not read order ${orderId}`, error);
    }
  }
}
