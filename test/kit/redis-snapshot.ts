import type { Redis } from "ioredis";

/** One key as a snapshot holds it: its type, and its contents in an order-independent form. */
export interface KeySnapshot {
  type: string;
  value: unknown;
}

/**
 * Every key matching `pattern` with its type and contents, to prove what a refused or foreign call
 * did not write: take one before, one after, and compare them with `toEqual`. Sets are sorted
 * (SMEMBERS has no order); lists keep theirs, which is part of what was written.
 */
export async function snapshotKeyspace(redis: Redis, pattern = "*"): Promise<Record<string, KeySnapshot>> {
  const out: Record<string, KeySnapshot> = {};
  for (const key of (await redis.keys(pattern)).sort()) {
    const type = await redis.type(key);
    out[key] = { type, value: await readValue(redis, key, type) };
  }
  return out;
}

async function readValue(redis: Redis, key: string, type: string): Promise<unknown> {
  switch (type) {
    case "hash":
      return redis.hgetall(key);
    case "set":
      return (await redis.smembers(key)).sort();
    case "list":
      return redis.lrange(key, 0, -1);
    case "zset":
      return redis.zrange(key, 0, -1, "WITHSCORES");
    case "string":
      return redis.get(key);
    default:
      // Streams and module types: the serialised value still tells whether it changed.
      return (await redis.dumpBuffer(key))?.toString("base64") ?? null;
  }
}
