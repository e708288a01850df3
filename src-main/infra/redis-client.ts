import { Redis, type RedisOptions } from "ioredis";
import { AppError } from "../../src-shared/errors.js";

/**
 * The app's Redis connection. A kiosk must never freeze on a tap because Redis is away, so the
 * client fails fast instead of queueing: no offline queue, short connect and command timeouts, and
 * in-flight commands are failed (not resent) when the connection drops, because a resent cart
 * mutation that had already run would be applied twice. It reconnects by itself with a capped
 * back-off, and the next call after Redis is back simply works.
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

export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    // 0: a command in flight when the connection drops fails at once rather than waiting for a reconnect.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: reconnectDelay,
    // How long disconnect() waits for a socket to close before destroying it (ioredis default 2 s).
    disconnectTimeout: 500,
    ...options.overrides,
  });
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

/** True when `error` means Redis could not be reached or did not answer, not that a command was refused. */
export function isRedisDownError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
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
