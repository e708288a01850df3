import type { Redis } from "ioredis";
import type { Logger } from "../infra/logger.js";

/**
 * The web channel writes cart keys with plain HSET/SADD/EXPIRE and publishes nothing, so the only
 * way to hear its changes is keyspace notifications. They are a server setting, off by default
 * and not persisted across a restart of a server we do not own, so they are (re)enabled on every
 * connect. Needed classes: K (keyspace channel), g (DEL, EXPIRE, RENAME), h (hashes), s (sets),
 * x (expired keys: a cart that times out becomes empty on screen).
 */
const neededFlags = ["K", "g", "h", "s", "x"] as const;
/** What the "A" alias stands for in Redis 7. */
const aliasA = "g$lshzxetd";

export function missingKeyspaceFlags(current: string): string[] {
  return neededFlags.filter(
    (flag) => !current.includes(flag) && !(current.includes("A") && aliasA.includes(flag)),
  );
}

export const keyspaceRefusedMessage =
  "live sync: this Redis does not allow `CONFIG SET notify-keyspace-events`, so carts changed by " +
  "writers that do not publish on `cart-events` (such as the Django web channel) will not update " +
  "on screen until the next change made here. Enable it on the server: notify-keyspace-events Kghsx";

/**
 * Makes sure the server sends the keyspace events live sync needs, keeping any flags that others
 * rely on. Returns false (after one log line) when the server refuses CONFIG, as managed Redis
 * services often do.
 */
export async function enableKeyspaceNotifications(redis: Redis, log: Logger): Promise<boolean> {
  try {
    const reply = (await redis.config("GET", "notify-keyspace-events")) as string[];
    const current = reply[1] ?? "";
    const missing = missingKeyspaceFlags(current);
    if (missing.length === 0) return true;
    await redis.config("SET", "notify-keyspace-events", current + missing.join(""));
    return true;
  } catch (error) {
    if (isCommandRefused(error)) {
      log.warn(keyspaceRefusedMessage, `(${(error as Error).message})`);
      return false;
    }
    throw error;
  }
}

/** A reply error from the server (unknown/renamed command, ACL NOPERM), as opposed to a lost connection. */
export function isCommandRefused(error: unknown): boolean {
  return error instanceof Error && error.name === "ReplyError";
}
