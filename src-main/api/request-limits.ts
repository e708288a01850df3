import { AppError } from "../../src-shared/errors.js";
import type { LimitsConfig } from "../config/config.js";
import { TokenBucket, type RateLimit } from "./token-bucket.js";

/**
 * Limits per client address and in all (#14): the per-connection chat bucket alone let forty
 * connections send forty times the turns, and cart changes had no limit at all. A rate of N per
 * minute is a token bucket holding a quarter minute's worth (N/4, at least 1) refilled evenly,
 * so a person's bursts pass and a script's steady stream is cut to the rate.
 *
 * The address is the socket's peer address (no X-Forwarded-For: nothing in front of `npm run web`
 * is trusted to set it). Electron windows count as one address, "local".
 */
export function perMinute(rate: number): RateLimit {
  return { burst: Math.max(1, Math.ceil(rate / 4)), refillMs: 60_000 / rate };
}

/** Past this many tracked addresses the buckets are forgotten (they refill to full anyway). */
const MAX_TRACKED_ADDRESSES = 10_000;

class BucketsByAddress {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly limit: RateLimit,
    private readonly now?: () => number,
  ) {}

  take(address: string): boolean {
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_ADDRESSES) this.buckets.clear();
      this.buckets.set(address, (bucket = new TokenBucket(this.limit, this.now)));
    }
    return bucket.take();
  }
}

export class RequestLimits {
  private readonly chatPerAddress: BucketsByAddress;
  private readonly chatTotal: TokenBucket;
  private readonly cartPerAddress: BucketsByAddress;

  constructor(
    private readonly limits: Pick<LimitsConfig, "chatTurnsPerMinute" | "cartChangesPerMinute">,
    now?: () => number,
  ) {
    this.chatPerAddress = new BucketsByAddress(perMinute(limits.chatTurnsPerMinute.perAddress), now);
    this.chatTotal = new TokenBucket(perMinute(limits.chatTurnsPerMinute.total), now);
    this.cartPerAddress = new BucketsByAddress(perMinute(limits.cartChangesPerMinute.perAddress), now);
  }

  /** Throws `rate_limited` when this address, or the shop in all, has used its chat turns. */
  chatTurn(address: string): void {
    if (!this.chatPerAddress.take(address)) {
      throw new AppError(
        "rate_limited",
        `This device has sent ${this.limits.chatTurnsPerMinute.perAddress} messages to the assistant in the last minute — please wait a moment.`,
      );
    }
    if (!this.chatTotal.take()) {
      throw new AppError(
        "rate_limited",
        "The assistant is answering many customers right now — please try again in a moment.",
      );
    }
  }

  /** Throws `rate_limited` when this address changes carts faster than any person could. */
  cartChange(address: string): void {
    if (!this.cartPerAddress.take(address)) {
      throw new AppError(
        "rate_limited",
        "This device is changing carts too quickly — please wait a moment and try again.",
      );
    }
  }
}
