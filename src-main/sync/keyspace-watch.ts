import type { Redis } from "ioredis";
import { SessionIdSchema, type SessionId } from "../../src-shared/session.js";
import type { Logger } from "../infra/logger.js";
import { cartKeys, parseCartKey } from "../cart/cart-keys.js";
import { enableKeyspaceNotifications } from "./keyspace-notifications.js";
import type { ChangeListener, SessionWatch } from "./session-watch.js";

/**
 * Live sync through keyspace notifications, one pattern per shown session
 * (`__keyspace@<db>__:cart:<sid>*`: the meta hash, the item set and every line, whose ids the
 * web channel chooses). The fallback when the server refuses `CLIENT TRACKING`; it needs
 * `notify-keyspace-events`, which is (re)enabled on every connect (a new primary after a failover
 * has its own settings). Session ids hold no glob characters (SessionIdSchema).
 */
export class KeyspaceWatch implements SessionWatch {
  readonly mechanism = "keyspace";
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly log: Logger,
    onChange: ChangeListener,
  ) {
    this.prefix = `__keyspace@${redis.options.db ?? 0}__:`;
    this.subscriber.on("pmessage", (_pattern: string, channel: string) => {
      if (!channel.startsWith(this.prefix)) return;
      // parseCartKey ignores keys that are not the cart's (such as `cart:{sid}:chat`).
      const parsed = parseCartKey(channel.slice(this.prefix.length));
      const session = parsed && SessionIdSchema.safeParse(parsed.sessionId);
      if (session?.success) onChange(session.data);
    });
  }

  async arm(sessions: readonly SessionId[]): Promise<boolean> {
    if (!(await enableKeyspaceNotifications(this.redis, this.log))) return false;
    if (sessions.length > 0) await this.subscriber.psubscribe(...sessions.map((s) => this.pattern(s)));
    return true;
  }

  async show(sessionId: SessionId): Promise<void> {
    await this.subscriber.psubscribe(this.pattern(sessionId));
  }

  async hide(sessionId: SessionId): Promise<void> {
    await this.subscriber.punsubscribe(this.pattern(sessionId));
  }

  private pattern(sessionId: SessionId): string {
    return `${this.prefix}${cartKeys(sessionId).meta}*`;
  }
}
