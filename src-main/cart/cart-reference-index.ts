import type { Redis } from "ioredis";
import {
  cartReference,
  CartReferenceSchema,
  SessionIdSchema,
  type SessionId,
} from "../../src-shared/session.js";
import { parseOrThrow } from "../../src-shared/errors.js";

/**
 * Finds a cart by the reference its kiosk shows without walking the keyspace (issue #12): each
 * session a kiosk starts or resumes is remembered under its reference,
 *
 *   cart-ref:{REFERENCE}    sorted set: session ids, scored by when last seen (ms); expires with the carts
 *
 * and a lookup reads one small set. Carts the web channel writes directly are not in it (they
 * never show a kiosk reference); `kioskctl cart find` still scans for those.
 */
export const cartReferenceKey = (reference: string): string => `cart-ref:${reference}`;

export class CartReferenceIndex {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async remember(sessionId: SessionId): Promise<void> {
    const key = cartReferenceKey(cartReference(sessionId));
    const now = this.clock().getTime();
    await this.redis
      .multi()
      .zadd(key, now, sessionId)
      // What the cart TTL has already expired leaves the set too.
      .zremrangebyscore(key, "-inf", now - this.ttlSeconds * 1000)
      .expire(key, this.ttlSeconds)
      .exec();
  }

  /** The sessions seen with that reference within the cart TTL, most recent first. */
  async sessions(reference: string): Promise<SessionId[]> {
    const ref = parseOrThrow(CartReferenceSchema, reference, "cart reference").toUpperCase();
    const since = this.clock().getTime() - this.ttlSeconds * 1000;
    const ids = await this.redis.zrevrangebyscore(cartReferenceKey(ref), "+inf", since);
    return ids.filter((id): id is SessionId => SessionIdSchema.safeParse(id).success);
  }
}
