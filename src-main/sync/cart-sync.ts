import type { Redis } from "ioredis";
import type { Cart } from "../../src-shared/cart.js";
import type { SessionId } from "../../src-shared/session.js";
import type { Logger } from "../infra/logger.js";
import { waitForReady } from "../infra/redis-client.js";
import { CartEventsWatch } from "./cart-events-watch.js";
import type { ConnectionRegistry } from "./connection-registry.js";
import type { ConnectionStatusMonitor } from "./connection-status.js";
import { isCommandRefused } from "./keyspace-notifications.js";
import { KeyspaceWatch } from "./keyspace-watch.js";
import type { SessionWatch, SyncMechanism } from "./session-watch.js";
import { TrackingWatch } from "./tracking-watch.js";

export interface CartSyncOptions {
  /** The app's command connection: reads carts and registers what to listen to. */
  redis: Redis;
  carts: { getCart(sessionId: SessionId): Promise<Cart> };
  registry: ConnectionRegistry;
  status: ConnectionStatusMonitor;
  log: Logger;
  /**
   * After a cart is read, further changes within this window are gathered into one more read at
   * its end (ms): the first change of a burst is sent at once, the rest of the burst once.
   */
  coalesceMs?: number;
  /** Only this mechanism (then the `events` fallback); default: the best the server allows. */
  mechanism?: Exclude<SyncMechanism, "events">;
  /** How long start() waits for the command connection once the subscriber is connected (ms). */
  startTimeoutMs?: number;
}

/** How soon a failed attempt to set up listening is tried again while both connections are up (ms). */
const rearmDelayMs = 500;

interface ReadState {
  reading: boolean;
  /** A change arrived while reading: read once more when the window ends. */
  again: boolean;
  /** Send even if the cart is unchanged (a screen asked, or a resync). */
  force: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() before which a new read waits (the coalescing window). */
  quietUntil: number;
}

/**
 * The live cart feed: tells the connections showing a session that its cart changed, whoever
 * changed it (this kiosk, another kiosk, kioskctl, the web channel writing keys directly). It
 * listens only to the sessions this process shows (session-watch.ts), so its cost does not grow
 * with the rest of the shop's traffic.
 *
 * The first change of a burst is read and sent at once; changes arriving during that read or the
 * window after it are gathered into one read at the end of the window. A cart-service mutation is
 * one script, whose keys all change before the read, so it yields one event; a multi-command
 * write by another system yields at most two (its first command, then the rest). A read whose
 * cart equals the one last sent (a TTL refresh) sends nothing.
 *
 * Redis going away is seen on the connections: status goes "down" at once; on reconnect (to the
 * same server or, under Sentinel, to the new primary) the listening is set up again, server
 * settings it needs are checked on that server, and the cart of every shown session is re-read,
 * so a change made while we were away is not missed.
 */
export class CartSync {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly coalesceMs: number;
  private readonly startTimeoutMs: number;
  private readonly watches: SessionWatch[];
  private active: SessionWatch | undefined;
  private readonly reads = new Map<SessionId, ReadState>();
  /** The last cart sent per session, so a notification that changed nothing sends nothing. */
  private readonly lastSent = new Map<SessionId, string>();
  private up = false;
  private transition: Promise<void> = Promise.resolve();
  private closed = false;
  private rearmTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: CartSyncOptions) {
    this.redis = options.redis;
    this.coalesceMs = options.coalesceMs ?? 20;
    this.startTimeoutMs = options.startTimeoutMs ?? 5_000;
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
    const onChange = (session: SessionId | "all") => {
      if (session === "all") this.resync(false);
      else this.schedule(session, false);
    };
    const tracking = new TrackingWatch(this.redis, this.subscriber, onChange);
    const keyspace = new KeyspaceWatch(this.redis, this.subscriber, options.log, onChange);
    const events = new CartEventsWatch(this.subscriber, onChange);
    const preferred = { tracking, keyspace }[options.mechanism ?? "tracking"];
    this.watches = options.mechanism ? [preferred, events] : [tracking, keyspace, events];
  }

  /** The way changes are heard now (undefined while Redis is unreachable). */
  get mechanism(): SyncMechanism | undefined {
    return this.up ? this.active?.mechanism : undefined;
  }

  /**
   * Subscribes and reports the status before it resolves when Redis is reachable. Does not fail
   * when Redis is down: it recovers by itself.
   */
  async start(): Promise<void> {
    this.subscriber.on("error", () => {
      /* reported through status; ioredis reconnects by itself */
    });
    this.subscriber.on("ready", () => this.evaluate());
    this.subscriber.on("close", () => this.evaluate());
    this.redis.on("ready", this.onCommandConnection);
    this.redis.on("close", this.onCommandConnection);
    this.options.registry.setWatchListener({
      shown: (session) => this.serialise(() => this.show(session)),
      hidden: (session) => void this.serialise(() => this.hide(session)),
    });
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

  /** Reads the session's cart now (or at the end of the window) and sends it, even if unchanged. */
  refresh(sessionId: SessionId): void {
    this.schedule(sessionId, true);
  }

  /** Resolves once pending transitions (subscribe, resync) have run; for tests. */
  async settled(): Promise<void> {
    await this.transition;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.rearmTimer);
    for (const state of this.reads.values()) clearTimeout(state.timer);
    this.reads.clear();
    this.options.registry.setWatchListener(undefined);
    this.redis.off("ready", this.onCommandConnection);
    this.redis.off("close", this.onCommandConnection);
    this.subscriber.disconnect();
    await this.transition.catch(() => {});
  }

  private async show(sessionId: SessionId): Promise<void> {
    if (!this.up || !this.active) return; // the next arm includes it
    try {
      await this.active.show(sessionId);
    } catch {
      // Lost the connection meanwhile: the re-arm after reconnect listens to it.
    }
  }

  private async hide(sessionId: SessionId): Promise<void> {
    const state = this.reads.get(sessionId);
    if (state && !state.reading) {
      clearTimeout(state.timer);
      this.reads.delete(sessionId);
    }
    this.lastSent.delete(sessionId);
    if (!this.up || !this.active) return;
    await this.active.hide(sessionId).catch(() => {});
  }

  private schedule(sessionId: SessionId, force: boolean): void {
    if (this.closed || !this.options.registry.isWatched(sessionId)) return;
    let state = this.reads.get(sessionId);
    if (!state) {
      state = { reading: false, again: false, force: false, timer: undefined, quietUntil: 0 };
      this.reads.set(sessionId, state);
    }
    state.force ||= force;
    if (state.reading) {
      state.again = true;
      return;
    }
    if (state.timer) return;
    const wait = state.quietUntil - performance.now();
    if (wait <= 0) void this.read(sessionId, state);
    else {
      const s = state;
      s.timer = setTimeout(() => {
        s.timer = undefined;
        void this.read(sessionId, s);
      }, wait);
    }
  }

  private async read(sessionId: SessionId, state: ReadState): Promise<void> {
    state.reading = true;
    state.quietUntil = performance.now() + this.coalesceMs;
    const force = state.force;
    state.force = false;
    try {
      if (!this.options.registry.isWatched(sessionId)) return;
      const cart = await this.options.carts.getCart(sessionId);
      const json = JSON.stringify(cart);
      if ((force || this.lastSent.get(sessionId) !== json) && this.options.registry.isWatched(sessionId)) {
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
      state.reading = false;
      if (state.again) {
        state.again = false;
        this.schedule(sessionId, false);
      } else if (!this.options.registry.isWatched(sessionId)) {
        clearTimeout(state.timer);
        this.reads.delete(sessionId);
      }
    }
  }

  private resync(force: boolean): void {
    for (const sessionId of this.options.registry.watchedSessions()) this.schedule(sessionId, force);
  }

  private readonly onCommandConnection = () => this.evaluate();

  /** Serialises transitions and watch changes, so a flapping connection cannot interleave them. */
  private serialise(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step).catch(() => {});
    this.transition = next;
    return next;
  }

  private evaluate(): void {
    if (this.closed) return;
    void this.serialise(() => this.applyState());
  }

  private async applyState(): Promise<void> {
    const reachable = this.subscriber.status === "ready" && this.redis.status === "ready";
    if (reachable === this.up) return;
    if (!reachable) {
      this.up = false;
      this.options.status.update({ redis: "down" });
      this.options.log.warn("live sync: Redis is unreachable; retrying");
      // Listening is set up again from scratch on a fresh subscriber (the registrations of the
      // command connection are gone with it).
      if (this.subscriber.status === "ready") this.subscriber.disconnect(true);
      return;
    }
    try {
      // Order matters: listen first, then read, so no write falls between the two.
      this.active = await this.arm();
      this.up = true;
      this.options.status.update({
        redis: "up",
        keyspace_notifications: this.active.mechanism !== "events",
      });
      this.resync(true);
    } catch (error) {
      // Lost again while restoring: the next "ready" event runs this again. But a step can also
      // fail with both connections still up (a command timing out on a loaded server, a primary
      // demoted mid-failover), and then no event comes: try again shortly, or the screens would
      // stay without live sync for good.
      this.options.log.warn("live sync: could not listen for changes; trying again", error);
      clearTimeout(this.rearmTimer);
      this.rearmTimer = setTimeout(() => this.evaluate(), rearmDelayMs);
    }
  }

  /** Sets up the best mechanism the server allows, for every shown session. */
  private async arm(): Promise<SessionWatch> {
    const sessions = this.options.registry.watchedSessions();
    for (const watch of this.watches) {
      try {
        if (await watch.arm(sessions)) return watch;
      } catch (error) {
        if (!isCommandRefused(error)) throw error;
        this.options.log.warn(
          `live sync: this Redis refuses the ${watch.mechanism} mechanism (${(error as Error).message}); trying the next`,
        );
      }
    }
    throw new Error("unreachable: the events mechanism always arms");
  }
}
