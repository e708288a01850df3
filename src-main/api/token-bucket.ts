/**
 * A token bucket: `burst` requests at once, then one more every `refillMs`. Used per connection
 * for `chat-send`, where each request may cost a call to the language model.
 */
export interface RateLimit {
  burst: number;
  refillMs: number;
}

/** A customer types a few messages in a row, then reads; a script sending hundreds is stopped. */
export const CHAT_RATE_LIMIT: RateLimit = { burst: 5, refillMs: 2_000 };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.last = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const now = this.now();
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed / this.limit.refillMs);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
