import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import {
  isRedisServerInstalled,
  redisInstallHint,
  startRedisServer,
  type RedisServerHandle,
} from "../../src-main/infra/redis-server-process.js";

/**
 * Each test file starts its own private redis-server on a free port, in a temporary directory,
 * and stops it afterwards. Tests never use a Redis they did not start.
 */
export interface TestRedis extends RedisServerHandle {
  /** A fresh client on database 1; closed by stop(). */
  client(): Redis;
  dir: string;
}

export async function startTestRedis(options: { appendOnly?: boolean } = {}): Promise<TestRedis> {
  if (!isRedisServerInstalled()) throw new Error(`Tests need a local redis-server. ${redisInstallHint}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-test-redis-"));
  const server = await startRedisServer({ dir, appendOnly: options.appendOnly ?? false });
  const clients: Redis[] = [];
  return {
    ...server,
    dir,
    client() {
      const c = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
