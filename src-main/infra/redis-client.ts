import { Redis, type RedisOptions } from "ioredis";
import { AppError } from "../../src-shared/errors.js";
import type { RedisTarget, SentinelTarget } from "./redis-target.js";
import { restartWhenEndedUnasked } from "./restart-ended-client.js";

/**
 * The app's Redis connection. A kiosk must never freeze on a tap because Redis is away, so the
 * client fails fast instead of queueing: no offline queue, short connect and command timeouts. It
 * reconnects by itself with a capped back-off, and the next call after Redis is back simply works.
 *
 * On one server, in-flight commands are failed (not resent) when the connection drops. Under
 * Sentinel they are resent to the new primary (ioredis's autoResendUnfulfilledCommands): a
 * failover is exactly when a command may have run on the old primary without its answer arriving,
 * and every cart mutation carries an operation id, so a resent mutation that had already run (and
 * replicated) returns the cart without applying the change again (cart-scripts.ts).
 */

export const defaultRedisUrl = "redis://127.0.0.1:6379/1";

const cartUnavailableMessage =
  "The cart service is unavailable right now. Please try again in a moment or ask a member of staff.";

export interface RedisClientOptions {
  /** Called for connection errors, which ioredis emits as events (default: ignored; callers see them as failed commands). */
  onError?: (error: Error) => void;
  /** Overrides for tests and benchmarks. */
  overrides?: Partial<RedisOptions>;
}

/** Reconnect after 100 ms, 200 ms, ... at most every 2 s, forever. */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, 2_000);
}

const failFast: RedisOptions = {
  enableOfflineQueue: false,
  // 0: a command in flight when the connection drops fails at once rather than waiting for a reconnect.
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  connectTimeout: 2_000,
  commandTimeout: 2_000,
  retryStrategy: reconnectDelay,
  // How long disconnect() waits for a socket to close before destroying it (ioredis default 2 s).
  disconnectTimeout: 500,
};

/** A demoted primary (back after a failover, now a replica) answers writes with READONLY. */
export function isReadOnlyReply(error: Error): boolean {
  return error.message.startsWith("READONLY");
}

function sentinelOptions(target: SentinelTarget): RedisOptions {
  return {
    sentinels: target.sentinels,
    name: target.name,
    sentinelPassword: target.sentinelPassword,
    password: target.password,
    db: target.db,
    role: "master",
    // Listen to the sentinels' +switch-master and move at once, instead of waiting for the old
    // primary's socket to fail: a paused (SIGSTOP) primary keeps its connections open.
    failoverDetector: true,
    // A command whose connection dropped is held over a few reconnects and resent to the new
    // primary (safe: see above); its caller still gets its answer or an error within commandTimeout.
    maxRetriesPerRequest: 20,
    autoResendUnfulfilledCommands: true,
    // 2: reconnect (asking the sentinels again) and resend the refused command.
    reconnectOnError: (error) => (isReadOnlyReply(error) ? 2 : false),
    sentinelRetryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    // A sentinel that accepts connections but does not answer (paused, SIGSTOP) must not hold up
    // finding the primary: without a timeout, asking it waits until it resumes.
    sentinelCommandTimeout: 1_000,
    sentinelMaxConnections: 3,
  };
}

export function createRedisClient(target: RedisTarget, options: RedisClientOptions = {}): Redis {
  const settings = {
    ...failFast,
    ...(typeof target === "string" ? {} : sentinelOptions(target)),
    ...options.overrides,
  };
  const client =
    typeof target === "string" ? new Redis(target, settings) : restartWhenEndedUnasked(new Redis(settings));
  // Without a listener ioredis prints every failed reconnect attempt; failures reach callers as
  // rejected commands (see isRedisDownError), so the event itself needs no handling.
  client.on("error", options.onError ?? (() => {}));
  return client;
}

/** Resolves once the client can run commands; rejects with `cart_unavailable` after `timeoutMs`. */
export async function waitForReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === "ready") return;
  if (client.status === "end") throw cartUnavailable();
  if (client.status === "wait") client.connect().catch(() => {});
  await new Promise<void>((resolve, reject) => {
    const done = (error?: AppError) => {
      clearTimeout(timer);
      client.off("ready", onReady);
      client.off("end", onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => done();
    const onEnd = () => done(cartUnavailable());
    const timer = setTimeout(() => done(cartUnavailable()), timeoutMs);
    client.once("ready", onReady);
    client.once("end", onEnd);
  });
}

const downMessages = [
  "Stream isn't writeable",
  "Connection is closed",
  "Command timed out",
  "Reached the max retries per request limit",
  "Command aborted due to connection close",
  "connect ETIMEDOUT",
];
const downCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
/** Replies that mean the server cannot serve data right now, not that the command was wrong. */
const downReplies = /^(LOADING|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN)\b/;

/** Fewer replicas than asked for confirmed a write in time (WAIT): it is not acknowledged. */
export class ReplicationUnconfirmedError extends Error {
  override readonly name = "ReplicationUnconfirmedError";
  constructor(confirmed: number, wanted: number) {
    super(`${confirmed} of ${wanted} replicas confirmed the write in time`);
  }
}

/** REDIS_WAIT_REPLICAS / REDIS_WAIT_TIMEOUT_MS: how many replicas must hold a write before it counts. */
export interface ReplicationPolicy {
  waitReplicas: number;
  waitTimeoutMs: number;
}

/**
 * After a write on `redis`, waits until the policy's replicas hold it (WAIT counts what this
 * connection wrote) and throws ReplicationUnconfirmedError (a "Redis is down" error) when they do
 * not in time: the write may hold on the primary, so callers retry it with the same operation id
 * or idempotency key, which replays it rather than applying it twice. No policy: returns at once.
 */
export async function confirmReplicated(redis: Redis, policy: ReplicationPolicy | undefined): Promise<void> {
  if (!policy || policy.waitReplicas <= 0) return;
  const confirmed = await redis.wait(policy.waitReplicas, policy.waitTimeoutMs);
  if (confirmed < policy.waitReplicas) throw new ReplicationUnconfirmedError(confirmed, policy.waitReplicas);
}

/** True when `error` means Redis could not be reached or did not answer, not that a command was refused. */
export function isRedisDownError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof ReplicationUnconfirmedError) return true;
  if (error.name === "MaxRetriesPerRequestError" || error.name === "AbortError") return true;
  const code = (error as NodeJS.ErrnoException).code;
  if (code && downCodes.has(code)) return true;
  if (downMessages.some((m) => error.message.includes(m))) return true;
  return error.name === "ReplyError" && downReplies.test(error.message);
}

function cartUnavailable(): AppError {
  return new AppError("cart_unavailable", cartUnavailableMessage);
}

/**
 * Maps a Redis connectivity failure to the customer-facing `cart_unavailable` AppError; any other
 * error is returned unchanged, so callers write `throw asCartUnavailable(error)`.
 */
export function asCartUnavailable(error: unknown): unknown {
  return isRedisDownError(error) ? cartUnavailable() : error;
}

/**
 * Runs one Redis round trip for a service, waiting up to `readyTimeoutMs` for a (re)connecting
 * client and turning "Redis is down" into `cart_unavailable`.
 */
export async function redisRoundTrip<T>(
  client: Redis,
  readyTimeoutMs: number,
  roundTrip: () => Promise<T>,
): Promise<T> {
  try {
    if (client.status !== "ready") await waitForReady(client, readyTimeoutMs);
    return await roundTrip();
  } catch (error) {
    throw asCartUnavailable(error);
  }
}
