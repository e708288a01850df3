import type { Redis } from "ioredis";
import { SessionIdSchema, type SessionId } from "../../src-shared/session.js";
import { cartKeys, parseCartKey } from "../cart/cart-keys.js";
import type { ChangeListener, SessionWatch } from "./session-watch.js";

/** Where Redis sends client-side caching invalidations for a RESP2 client that redirects them. */
const INVALIDATE_CHANNEL = "__redis__:invalidate";

/**
 * Live sync through `CLIENT TRACKING ... BCAST PREFIX` (see session-watch.ts). The command
 * connection registers the prefixes (one `cart:<sid>` per shown session) and redirects the
 * invalidations to the subscriber connection, which RESP2 needs because invalidations arrive as
 * pub/sub messages there.
 *
 * Redis refuses overlapping prefixes on one client (`cart:wa_123456` and `cart:wa_1234567`), so
 * the registered set is the shortest cover of the shown sessions: a longer prefix under a shorter
 * one adds nothing, since every key is mapped back to its exact session here. Prefixes can be
 * added one at a time but not removed, so hiding a session re-registers the rest (OFF then ON in
 * one MULTI, so no write falls between the two). Tracking is not per database: a write to a key
 * of the same name in another database costs one needless read of the cart, nothing worse.
 */
export class TrackingWatch implements SessionWatch {
  readonly mechanism = "tracking";
  private readonly sessions = new Set<SessionId>();
  private registered: string[] = [];
  private redirectId: number | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    onChange: ChangeListener,
  ) {
    this.subscriber.on("messageBuffer", (channel: Buffer, keys: Buffer[] | null) => {
      if (channel.toString() !== INVALIDATE_CHANNEL) return;
      // A null list means "everything" (FLUSHDB, FLUSHALL).
      if (keys === null) return onChange("all");
      for (const key of keys) {
        const parsed = parseCartKey(key.toString());
        const session = parsed && SessionIdSchema.safeParse(parsed.sessionId);
        if (session?.success) onChange(session.data);
      }
    });
  }

  async arm(sessions: readonly SessionId[]): Promise<boolean> {
    this.sessions.clear();
    for (const s of sessions) this.sessions.add(s);
    // The subscriber is a fresh connection here: its id can be asked before it subscribes.
    this.redirectId = Number(await this.subscriber.client("ID"));
    // Also the probe: a server (or an ACL) without CLIENT TRACKING rejects this with a ReplyError.
    await this.redis.call("CLIENT", "TRACKING", "OFF");
    this.registered = [];
    await this.subscriber.subscribe(INVALIDATE_CHANNEL);
    await this.register(this.cover());
    return true;
  }

  async show(sessionId: SessionId): Promise<void> {
    this.sessions.add(sessionId);
    const prefix = prefixOf(sessionId);
    const wanted = this.cover();
    if (wanted.length === this.registered.length + 1 && !this.registered.some((p) => overlaps(p, prefix))) {
      await this.enable([prefix]);
      this.registered = wanted;
    } else if (!sameSet(wanted, this.registered)) {
      await this.register(wanted);
    }
  }

  async hide(sessionId: SessionId): Promise<void> {
    this.sessions.delete(sessionId);
    const wanted = this.cover();
    if (!sameSet(wanted, this.registered)) await this.register(wanted);
  }

  /** Replaces the registered prefixes with `prefixes` atomically. */
  private async register(prefixes: string[]): Promise<void> {
    const multi = this.redis.multi().call("CLIENT", "TRACKING", "OFF");
    // BCAST with no prefix at all would mean every key of the server: never sent.
    if (prefixes.length > 0) multi.call(...this.trackingOn(prefixes));
    const replies = (await multi.exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
    this.registered = prefixes;
  }

  private async enable(prefixes: string[]): Promise<void> {
    await this.redis.call(...this.trackingOn(prefixes));
  }

  private trackingOn(prefixes: string[]): [string, ...string[]] {
    return [
      "CLIENT",
      "TRACKING",
      "ON",
      "REDIRECT",
      String(this.redirectId),
      "BCAST",
      ...prefixes.flatMap((p) => ["PREFIX", p]),
    ];
  }

  /** The shortest prefixes covering every shown session. */
  private cover(): string[] {
    const all = [...this.sessions].map(prefixOf).sort((a, b) => a.length - b.length);
    const kept: string[] = [];
    for (const p of all) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
    return kept;
  }
}

function prefixOf(sessionId: SessionId): string {
  return cartKeys(sessionId).meta;
}

function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((p) => b.includes(p));
}
