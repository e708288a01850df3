import type { Redis } from "ioredis";
import type { SessionId } from "../../src-shared/session.js";

/**
 * Sessions a kiosk started over from (#14): their resume tokens no longer open them, so a token
 * copied from the previous customer's screen (or its local storage) cannot reopen their cart. A
 * short string key per session, outside the web channel's `cart:` namespace, kept as long as a
 * token could still be valid; in Redis so that every process serving the shop agrees.
 */
export class SessionRevocations {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async revoke(sessionId: SessionId): Promise<void> {
    await this.redis.set(revocationKey(sessionId), "1", "EX", this.ttlSeconds);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(revocationKey(sessionId))) === 1;
  }
}

export function revocationKey(sessionId: string): string {
  return `kiosk-revoked:${sessionId}`;
}
