import type { Redis } from "ioredis";
import { CartEventMessageSchema, type Cart } from "../../src-shared/cart.js";
import { SessionIdSchema, type SessionId } from "../../src-shared/session.js";
import type { Logger } from "../infra/logger.js";
import { CART_EVENTS_CHANNEL, parseCartKey } from "../cart/cart-keys.js";
import { waitForReady } from "../infra/redis-client.js";
import type { ConnectionRegistry } from "./connection-registry.js";
import type { ConnectionStatusMonitor } from "./connection-status.js";
import { enableKeyspaceNotifications } from "./keyspace-notifications.js";

export interface CartSyncOptions {
  /** The app's command connection: reads carts and sets the keyspace notification flags. */
  redis: Redis;
  carts: { getCart(sessionId: SessionId): Promise<Cart> };
  registry: ConnectionRegistry;
  status: ConnectionStatusMonitor;
  log: Logger;
  /** Quiet time after the last notification of a burst before the cart is read (ms). */
  debounceMs?: number;
  /** Upper bound on how long a continuous stream of writes can delay an event (ms). */
  maxWaitMs?: number;
  /** How long start() waits for the command connection once the subscriber is connected (ms). */
  startTimeoutMs?: number;
}

interface PendingRefresh {
  timer: ReturnType<typeof setTimeout> | undefined;
  firstAt: number;
  force: boolean;
}

/**
 * The live cart feed. Listens to the cart service's `cart-events` messages and to keyspace
 * notifications on `cart:*` (which catch the web channel's and any other writer's plain HSET/SADD,
 * published or not), maps each to its session, and after a short quiet window reads that cart
 * once and sends `cart-changed` to the connections showing it. One mutation touches several keys
 * (and its PUBLISH arrives too), so the window turns one change into one event.
 *
 * Redis going away is seen on the subscriber's socket: status goes "down" at once; on reconnect
 * the subscriptions and keyspace flags are restored first and the carts of every watched session
 * are re-read, so a change made while we were away is not missed.
 */
export class CartSync {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly pattern: string;
  private readonly keyspacePrefix: string;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly startTimeoutMs: number;
  private readonly pending = new Map<SessionId, PendingRefresh>();
  private readonly inFlight = new Map<SessionId, { again: boolean; force: boolean }>();
  /** The last cart sent per session, so a notification that changed nothing (a TTL refresh) sends nothing. */
  private readonly lastSent = new Map<SessionId, string>();
  private up = false;
  private transition: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: CartSyncOptions) {
    this.redis = options.redis;
    this.debounceMs = options.debounceMs ?? 20;
    this.maxWaitMs = options.maxWaitMs ?? 100;
    this.startTimeoutMs = options.startTimeoutMs ?? 5_000;
    const db = this.redis.options.db ?? 0;
    this.keyspacePrefix = `__keyspace@${db}__:`;
    this.pattern = `${this.keyspacePrefix}cart:*`;
    // A connection of its own: a subscribed connection can issue no other command. It queues
    // commands while offline (unlike the app's fail-fast client) and retries quickly, because
    // its reconnect is what brings the screens back after an outage.
    this.subscriber = this.redis.duplicate({
      lazyConnect: true,
      enableOfflineQueue: true,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
      connectionName: "kiosk-cart-sync",
    });
  }

  /**
   * Subscribes and reports the status before it resolves when Redis is reachable. Does not fail
   * when Redis is down: it recovers by itself.
   */
  async start(): Promise<void> {
    this.subscriber.on("message", (channel: string, message: string) => this.onMessage(channel, message));
    this.subscriber.on("pmessage", (_pattern: string, channel: string) => this.onKeyspace(channel));
    this.subscriber.on("error", () => {
      /* reported through status; ioredis reconnects by itself */
    });
    this.subscriber.on("ready", () => this.evaluate());
    this.subscriber.on("close", () => this.evaluate());
    this.redis.on("ready", this.onCommandConnection);
    this.redis.on("close", this.onCommandConnection);
    if (this.redis.status === "wait") this.redis.connect().catch(() => {});
    await this.subscriber.connect().catch(() => {});
    // When Redis answered the subscriber, the command connection (dialled in parallel) is moments
    // away: wait for it too, so that the status (and the keyspace warning) is known when the app
    // starts serving, rather than a first "down" that flips to "up" a moment later.
    if (this.subscriber.status === "ready") {
      await waitForReady(this.redis, this.startTimeoutMs).catch(() => {});
    }
    this.evaluate();
    await this.transition;
  }

  /** Reads the session's cart now (after the quiet window) and sends it, even if unchanged. */
  refresh(sessionId: SessionId): void {
    this.schedule(sessionId, true);
  }

  /** Resolves once pending status transitions (subscribe, resync) have run; for tests. */
  async settled(): Promise<void> {
    await this.transition;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.redis.off("ready", this.onCommandConnection);
    this.redis.off("close", this.onCommandConnection);
    this.subscriber.disconnect();
    await this.transition.catch(() => {});
  }

  private onMessage(channel: string, message: string): void {
    if (channel !== CART_EVENTS_CHANNEL) return;
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      return;
    }
    const parsed = CartEventMessageSchema.safeParse(json);
    if (!parsed.success) return;
    const session = SessionIdSchema.safeParse(parsed.data.session_id);
    if (session.success) this.schedule(session.data, false);
  }

  private onKeyspace(channel: string): void {
    if (!channel.startsWith(this.keyspacePrefix)) return;
    // parseCartKey ignores keys that are not the cart's (such as `cart:{sid}:chat`).
    const parsed = parseCartKey(channel.slice(this.keyspacePrefix.length));
    if (!parsed) return;
    const session = SessionIdSchema.safeParse(parsed.sessionId);
    if (session.success) this.schedule(session.data, false);
  }

  private schedule(sessionId: SessionId, force: boolean): void {
    if (this.closed || !this.options.registry.isWatched(sessionId)) return;
    const running = this.inFlight.get(sessionId);
    if (running) {
      // A write landed while the cart was being read: read again once this read is done.
      running.again = true;
      running.force ||= force;
      return;
    }
    const now = performance.now();
    let pending = this.pending.get(sessionId);
    if (pending) clearTimeout(pending.timer);
    else this.pending.set(sessionId, (pending = { timer: undefined, firstAt: now, force: false }));
    pending.force ||= force;
    const delay = Math.max(0, Math.min(this.debounceMs, pending.firstAt + this.maxWaitMs - now));
    pending.timer = setTimeout(() => void this.flush(sessionId), delay);
  }

  private async flush(sessionId: SessionId): Promise<void> {
    const pending = this.pending.get(sessionId);
    this.pending.delete(sessionId);
    const state = { again: false, force: false };
    this.inFlight.set(sessionId, state);
    try {
      if (!this.options.registry.isWatched(sessionId)) {
        this.lastSent.delete(sessionId);
        return;
      }
      this.forgetUnwatched();
      const cart = await this.options.carts.getCart(sessionId);
      const json = JSON.stringify(cart);
      if (pending?.force || this.lastSent.get(sessionId) !== json) {
        this.lastSent.set(sessionId, json);
        this.options.registry.emitToSession(sessionId, "cart-changed", { session_id: sessionId, cart });
      }
    } catch (error) {
      // Redis went away between the notification and the read: the resync after reconnect
      // re-reads every watched cart, so nothing is lost. Anything else is a bug worth a log line.
      if (this.redis.status === "ready") {
        this.options.log.error(`live sync: could not read the cart of ${sessionId}`, error);
      }
    } finally {
      this.inFlight.delete(sessionId);
      if (state.again) this.schedule(sessionId, state.force);
    }
  }

  /** Every customer gets a new session: drop what was sent to sessions no screen shows any more. */
  private forgetUnwatched(): void {
    if (this.lastSent.size <= 64) return;
    for (const sessionId of this.lastSent.keys()) {
      if (!this.options.registry.isWatched(sessionId)) this.lastSent.delete(sessionId);
    }
  }

  private readonly onCommandConnection = () => this.evaluate();

  /** Serialises status transitions so a flapping connection cannot interleave two resyncs. */
  private evaluate(): void {
    if (this.closed) return;
    this.transition = this.transition.then(() => this.applyState()).catch(() => {});
  }

  private async applyState(): Promise<void> {
    const reachable = this.subscriber.status === "ready" && this.redis.status === "ready";
    if (reachable === this.up) return;
    if (!reachable) {
      this.up = false;
      this.options.status.update({ redis: "down" });
      this.options.log.warn("live sync: Redis is unreachable; retrying");
      return;
    }
    try {
      // Order matters: listen first, then read, so no write falls between the two.
      await this.subscriber.subscribe(CART_EVENTS_CHANNEL);
      await this.subscriber.psubscribe(this.pattern);
      const keyspace = await enableKeyspaceNotifications(this.redis, this.options.log);
      this.up = true;
      this.options.status.update({ redis: "up", keyspace_notifications: keyspace });
      for (const sessionId of this.options.registry.watchedSessions()) this.schedule(sessionId, true);
    } catch {
      // Lost again while restoring; the next "ready" event runs this again.
    }
  }
}
