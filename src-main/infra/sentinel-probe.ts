import { Redis } from "ioredis";
import type { SentinelTarget } from "./redis-target.js";

/** One sentinel's answer to "where is the primary?", for `kioskctl doctor`. */
export interface SentinelAnswer {
  /** host:port of the sentinel. */
  sentinel: string;
  ok: boolean;
  /** host:port of the primary this sentinel names. */
  primary?: string;
  error?: string;
}

/**
 * Asks every configured sentinel for the primary, each on a short-lived connection of its own, so
 * an operator sees which sentinels answer and whether they agree.
 */
export async function askSentinels(target: SentinelTarget, timeoutMs = 1_000): Promise<SentinelAnswer[]> {
  return Promise.all(
    target.sentinels.map(async ({ host, port }) => {
      const sentinel = `${host}:${port}`;
      const client = new Redis({
        host,
        port,
        password: target.sentinelPassword,
        lazyConnect: true,
        connectTimeout: timeoutMs,
        commandTimeout: timeoutMs,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      });
      client.on("error", () => {});
      try {
        await client.connect();
        const reply = (await client.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", target.name)) as
          [string, string] | null;
        if (!reply) return { sentinel, ok: false, error: `does not monitor "${target.name}"` };
        return { sentinel, ok: true, primary: `${reply[0]}:${reply[1]}` };
      } catch (error) {
        return { sentinel, ok: false, error: (error as Error).message };
      } finally {
        client.disconnect();
      }
    }),
  );
}
