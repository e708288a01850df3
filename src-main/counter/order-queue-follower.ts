import type { Redis } from "ioredis";
import { AppError } from "../../src-shared/errors.js";
import type { Order } from "../../src-shared/order.js";
import type { Logger } from "../infra/logger.js";
import { ORDER_EVENTS_STREAM } from "../orders/order-keys.js";

/** One `order-events` entry with the order as it is now. */
export interface QueueEvent {
  event_id: string;
  kind: string;
  order: Order;
}

export interface OrderQueueFollowerOptions {
  /** The app's command connection: the follower blocks on a duplicate of it, never on this one. */
  redis: Redis;
  orders: { find(reference: string): Promise<Order> };
  onEvent: (event: QueueEvent) => void;
  /** False while nobody would see an event: entries are then only counted past, orders not read. */
  wanted?: () => boolean;
  log: Logger;
  /** How long one XREAD blocks (ms); short enough that closing does not wait long. */
  blockMs?: number;
}

/**
 * The counter's live order queue: follows the `order-events` stream with XREAD BLOCK from the
 * last entry it handed on, so every event arrives once and in order. Pub/sub (the kiosks' order
 * sync) forgets what is published while a subscriber is away; a stream does not: when Redis
 * restarts or the connection drops, the follower reads again from the same id and catches up
 * on everything written meanwhile (as far as Redis kept it: with persistence, all of it).
 *
 * A screen that reconnects reads the whole queue again (`counter-queue`, with the id of the last
 * entry it includes) and drops events at or before that id, so it neither misses nor doubles one.
 */
export class OrderQueueFollower {
  private readonly reader: Redis;
  private lastId: string | undefined;
  private closed = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: OrderQueueFollowerOptions) {
    this.reader = options.redis.duplicate({
      lazyConnect: true,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
      connectionName: "counter-order-queue",
    });
    this.reader.on("error", () => {
      /* reconnects by itself; the loop retries from the last id */
    });
  }

  /** The id the next read starts after (the stream's last entry when the follower started). */
  get position(): string | undefined {
    return this.lastId;
  }

  /** Starts following from the stream's end now; does not fail when Redis is down (it starts when it is back). */
  async start(): Promise<void> {
    await this.reader.connect().catch(() => {});
    // Known before start resolves: a screen's first queue read then cannot fall before it.
    // (Redis down at start: the loop reads it once Redis is back.)
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000).unref());
    this.lastId = await Promise.race([latestEventId(this.reader).then((id) => id ?? "0-0"), timeout]).catch(
      () => undefined,
    );
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        if (this.lastId === undefined) this.lastId = (await latestEventId(this.reader)) ?? "0-0";
        const reply = await this.reader.xread(
          "COUNT",
          100,
          "BLOCK",
          this.options.blockMs ?? 5_000,
          "STREAMS",
          ORDER_EVENTS_STREAM,
          this.lastId,
        );
        failures = 0;
        for (const [, entries] of reply ?? []) {
          for (const [id, flat] of entries) {
            await this.hand(id, flat);
            this.lastId = id;
          }
        }
      } catch (error) {
        if (this.closed) return;
        if (failures++ === 0)
          this.options.log.warn("counter queue: reading order-events failed; retrying", error);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** failures, 2_000)));
      }
    }
  }

  private async hand(id: string, flat: string[]): Promise<void> {
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
    if (!fields.order_id || this.options.wanted?.() === false) return;
    try {
      const order = await this.options.orders.find(fields.order_id);
      this.options.onEvent({ event_id: id, kind: fields.event ?? "changed", order });
    } catch (error) {
      // Redis went away mid-way: read this entry again once it is back (the loop retries from lastId).
      if (!(error instanceof AppError) || (error.code !== "not_found" && error.code !== "internal"))
        throw error;
      // Gone past its retention, or unreadable: the queue cannot show it; the others still come.
      this.options.log.warn(`counter queue: order ${fields.order_id} of event ${id} cannot be read`, error);
    }
  }
}

/** The id of the stream's newest entry, or undefined when it has none. */
export async function latestEventId(redis: Redis): Promise<string | undefined> {
  const [last] = await redis.xrevrange(ORDER_EVENTS_STREAM, "+", "-", "COUNT", 1);
  return last?.[0];
}
