import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src-main/infra/logger.js";
import { createServices, resolveRedisUrl, type Services } from "../../src-main/app/services.js";
import { defaultDataDir } from "../../src-main/infra/redis-location.js";
import { loadConfig } from "../../src-main/config/config.js";
import { waitForReady } from "../../src-main/infra/redis-client.js";
import { freePort, redisInstallHint } from "../../src-main/infra/redis-server-process.js";
import { missingKeyspaceFlags } from "../../src-main/sync/keyspace-notifications.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";

let dir: string;
/** A port nothing listens on, standing in for "no Redis on 127.0.0.1:6379" (tests never touch 6379). */
let nothingThere: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-services-"));
  nothingThere = `redis://127.0.0.1:${await freePort()}/1`;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configIn = (dataDir: string, env: Record<string, string> = {}) =>
  loadConfig({ DATA_DIR: dataDir, ASSISTANT_MODE: "offline", ...env });

/** A worker process (test/kit/embedded-redis-worker.ts) and the JSON lines it prints. */
function startWorker(dataDir: string, session: string) {
  const worker = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    "..",
    "kit",
    "embedded-redis-worker.ts",
  );
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", worker, dataDir, session, nothingThere],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    child,
    send: (line: string) => child.stdin!.write(`${line}\n`),
    next: async () => String((await lines.next()).value ?? ""),
  };
}

describe("createServices: one embedded redis-server per data folder (#14)", () => {
  it(
    "several app processes started at once on one data folder start one redis-server and share its carts",
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(dir, "race");
      const session = "session-00000000-0000-4000-8000-0000000000a1";
      const workers = Array.from({ length: 4 }, () => startWorker(dataDir, session));
      try {
        // Every worker loaded and waiting, then all told at once: the start itself is the race.
        for (const w of workers) expect(await w.next()).toBe("ready");
        for (const w of workers) w.send("go");
        const started = await Promise.all(
          workers.map(async (w) => JSON.parse(await w.next()) as { url: string; owned: boolean }),
        );
        expect(new Set(started.map((s) => s.url)).size, JSON.stringify(started)).toBe(1);
        expect(started.filter((s) => s.owned)).toHaveLength(1);
        for (const w of workers) w.send("read");
        const seen = await Promise.all(
          workers.map(async (w) => JSON.parse(await w.next()) as { count: number }),
        );
        expect(seen.map((s) => s.count)).toEqual([4, 4, 4, 4]);
        expect(existsSync(path.join(dataDir, "redis", "embedded-redis.lock"))).toBe(false);
      } finally {
        // The owner last: the others use its server until they close.
        for (const w of workers) {
          w.send("exit");
          w.child.stdin!.end();
        }
        await Promise.all(
          workers.map(
            (w) =>
              new Promise((resolve) => {
                if (w.child.exitCode !== null) return resolve(undefined);
                const kill = setTimeout(() => w.child.kill("SIGKILL"), 15_000);
                w.child.once("exit", () => resolve(clearTimeout(kill)));
              }),
          ),
        );
      }
    },
  );

  it("takes over a lock left by a process that died, and refuses to wait for ever on a live one", async () => {
    const { startOrJoinEmbeddedRedis } = await import("../../src-main/infra/redis-location.js");
    const dataDir = path.join(dir, "stale");
    mkdirSync(path.join(dataDir, "redis"), { recursive: true });
    const lock = path.join(dataDir, "redis", "embedded-redis.lock");
    // A pid that is not running (the kernel's pid_max is far below it).
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 30, at: Date.now() }));
    const started = await startOrJoinEmbeddedRedis(dataDir, { waitMs: 10_000 });
    try {
      expect(started.owned).toBeDefined();
    } finally {
      await started.owned?.stop();
    }
    // A live holder (this process) that never finishes: the wait ends with a message naming the lock.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, at: Date.now() }));
    await expect(startOrJoinEmbeddedRedis(dataDir, { waitMs: 300 })).rejects.toThrow(/embedded-redis\.lock/);
    rmSync(lock);
  });
});

describe("createServices: where Redis comes from", () => {
  it("starts a private redis-server (AOF and keyspace events on) when none is configured or answering, findable by kioskctl, stopped on close", async () => {
    const dataDir = path.join(dir, "embedded");
    const config = configIn(dataDir);
    let services: Services | undefined = await createServices(config, {
      log: silentLogger,
      localRedisUrl: nothingThere,
    });
    try {
      expect(services.embeddedRedis).toBeDefined();
      const url = services.redisUrl;
      expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+\/1$/);
      // The app's client fails fast instead of queueing: a command sent while it is still
      // connecting is refused, so wait for it (a loaded CI machine can be slow to get there).
      await waitForReady(services.redis, 10_000);
      expect(await services.redis.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
      expect(
        missingKeyspaceFlags(
          ((await services.redis.config("GET", "notify-keyspace-events")) as string[])[1]!,
        ),
      ).toEqual([]);
      expect(await services.redis.config("GET", "dir")).toEqual(["dir", path.join(dataDir, "redis")]);
      // kioskctl, a separate process, resolves the same server from the data folder.
      const record = JSON.parse(readFileSync(path.join(dataDir, "redis", "embedded-redis.json"), "utf8"));
      expect(record.url).toBe(url);
      expect(await resolveRedisUrl(config, { localUrl: nothingThere })).toBe(url);

      // A second app instance (web and desktop at once) uses the running server instead of starting another on the same files.
      const second = await createServices(config, { log: silentLogger, localRedisUrl: nothingThere });
      expect(second.embeddedRedis).toBeUndefined();
      expect(second.redisUrl).toBe(url);
      await second.close();
      expect(await services.redis.ping()).toBe("PONG");

      await services.cart.addItem("session-00000000-0000-4000-8000-00000000000a", {
        product_id: "42",
        quantity: 3,
      });
      const process = services.embeddedRedis!.handle.process;
      await services.close();
      services = undefined;
      expect(process.exitCode !== null || process.signalCode !== null).toBe(true);
      expect(existsSync(path.join(dataDir, "redis", "embedded-redis.json"))).toBe(false);
      expect(await resolveRedisUrl(config, { localUrl: nothingThere })).toBeUndefined();

      // Started again: the carts are still there (AOF).
      services = await createServices(config, { log: silentLogger, localRedisUrl: nothingThere });
      await waitForReady(services.redis, 10_000);
      const cart = await services.cart.getCart("session-00000000-0000-4000-8000-00000000000a");
      expect(cart.item_count).toBe(3);
    } finally {
      await services?.close();
    }
  });

  it("uses REDIS_URL when it is set, and a Redis answering on the local default before starting its own", async () => {
    const redis: TestRedis = await startTestRedis();
    try {
      const configured = await createServices(
        configIn(path.join(dir, "configured"), { REDIS_URL: redis.url }),
        {
          log: silentLogger,
          localRedisUrl: nothingThere,
        },
      );
      expect(configured.redisUrl).toBe(redis.url);
      expect(configured.embeddedRedis).toBeUndefined();
      await configured.close();

      const local = await createServices(configIn(path.join(dir, "local")), {
        log: silentLogger,
        localRedisUrl: redis.url,
      });
      expect(local.redisUrl).toBe(redis.url);
      expect(local.embeddedRedis).toBeUndefined();
      await local.close();
      expect(existsSync(path.join(dir, "local", "redis"))).toBe(false);
    } finally {
      await redis.stop();
    }
  });

  it("says how to install redis-server when it is missing, and leaves nothing running", async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(dir, "empty-bin");
    try {
      await expect(
        createServices(configIn(path.join(dir, "missing")), {
          log: silentLogger,
          localRedisUrl: nothingThere,
        }),
      ).rejects.toThrow(redisInstallHint);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it("keeps its data in a per-user folder by default", () => {
    expect(defaultDataDir({ XDG_DATA_HOME: "/x" }, "linux")).toBe(path.join("/x", "kiosk-assistant"));
    expect(defaultDataDir({}, "linux")).toBe(path.join(os.homedir(), ".local", "share", "kiosk-assistant"));
    expect(defaultDataDir({}, "darwin")).toContain(
      path.join("Library", "Application Support", "kiosk-assistant"),
    );
  });
});

describe("keyspace notification flags", () => {
  it("adds only what live sync needs, and counts the A alias", () => {
    expect(missingKeyspaceFlags("")).toEqual(["K", "g", "h", "s", "x"]);
    expect(missingKeyspaceFlags("Khgx$")).toEqual(["s"]);
    expect(missingKeyspaceFlags("KA")).toEqual([]);
    expect(missingKeyspaceFlags("EA")).toEqual(["K"]);
  });
});
