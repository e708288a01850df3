import type { SessionId } from "../../src-shared/session.js";

/**
 * How the live sync hears that a shown session's cart changed. Three ways, best first:
 *
 * - `tracking`: Redis client-side caching invalidations in broadcast mode, one key prefix per shown
 *   session (`CLIENT TRACKING ON REDIRECT <subscriber> BCAST PREFIX cart:<sid>`). Redis sends this
 *   process only the keys of its own sessions, for every writer (the web channel's plain HSET
 *   included), needs no server setting (works where `CONFIG SET` is refused) and batches the keys
 *   one command touched into one message.
 * - `keyspace`: keyspace notifications, one pattern per shown session (`__keyspace@1__:cart:<sid>*`).
 *   Also only this process's sessions, but needs `notify-keyspace-events` on the server and costs
 *   Redis a pattern match per notification per shown session of every kiosk.
 * - `events`: the cart service's own `cart-events` messages only (every kiosk's changes to every
 *   cart, filtered here; the web channel's writes are not seen). The last resort, when the server
 *   allows neither of the above.
 *
 * `npm run bench sync` measures the first two (bench/results/sync.json).
 */
export type SyncMechanism = "tracking" | "keyspace" | "events";

export interface SessionWatch {
  readonly mechanism: SyncMechanism;
  /**
   * Starts listening on fresh connections (after every (re)connect) for `sessions`. Resolves false,
   * or rejects with the server's ReplyError, when the server does not allow this mechanism.
   */
  arm(sessions: readonly SessionId[]): Promise<boolean>;
  /** Adds a session that gained its first screen. */
  show(sessionId: SessionId): Promise<void>;
  /** Drops a session that no screen shows any more. */
  hide(sessionId: SessionId): Promise<void>;
}

/** What a watch reports: one session's cart changed, or (a FLUSHDB) possibly every cart. */
export type ChangeListener = (sessionId: SessionId | "all") => void;
