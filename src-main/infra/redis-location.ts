import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { AppConfig } from "../config/config.js";
import { defaultRedisUrl } from "./redis-client.js";
import type { RedisTarget } from "./redis-target.js";
import { startRedisServer, type RedisServerHandle } from "./redis-server-process.js";

/**
 * Where the app's Redis is. In order: REDIS_URL; else a Redis answering on 127.0.0.1:6379
 * (database 1, the web channel's); else the app's own embedded redis-server, whose URL is
 * recorded in the data folder so that `kioskctl` (a separate process) finds the same carts.
 */

export const appDirName = "kiosk-assistant";

/** The per-user data folder (DATA_DIR overrides): XDG on Linux, the usual places elsewhere. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === "win32")
    return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), appDirName);
  if (platform === "darwin") return path.join(home, "Library", "Application Support", appDirName);
  return path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), appDirName);
}

export function dataDirOf(config: Pick<AppConfig, "dataDir">): string {
  return path.resolve(config.dataDir ?? defaultDataDir());
}

const RecordSchema = z.object({ url: z.string().startsWith("redis://"), pid: z.number().int() });
type EmbeddedRecord = z.infer<typeof RecordSchema>;

export function embeddedRedisDir(dataDir: string): string {
  return path.join(dataDir, "redis");
}

function recordFile(dataDir: string): string {
  return path.join(embeddedRedisDir(dataDir), "embedded-redis.json");
}

function lockFile(dataDir: string): string {
  return path.join(embeddedRedisDir(dataDir), "embedded-redis.lock");
}

export function readEmbeddedRecord(dataDir: string): EmbeddedRecord | undefined {
  try {
    const parsed = RecordSchema.safeParse(JSON.parse(readFileSync(recordFile(dataDir), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** True when a Redis at `url` answers PING within `timeoutMs` (no password, no TLS: the local cases). */
export function redisAnswers(url: string, timeoutMs = 300): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || 6379) });
    let reply = "";
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
    socket.on("error", () => done(false));
  });
}

export interface ResolveRedisOptions {
  /** The conventional local Redis; overridable so tests never touch port 6379. */
  localUrl?: string;
}

/**
 * The Redis URL the app uses, or undefined when the app should start its embedded server.
 * `kioskctl` calls this too (then falls back to the local default, which answers cart_unavailable).
 */
export async function resolveRedisUrl(
  config: Pick<AppConfig, "redisUrl" | "dataDir">,
  options: ResolveRedisOptions = {},
): Promise<string | undefined> {
  if (config.redisUrl) return config.redisUrl;
  const localUrl = options.localUrl ?? defaultRedisUrl;
  if (await redisAnswers(localUrl)) return localUrl;
  const record = readEmbeddedRecord(dataDirOf(config));
  if (record && (await redisAnswers(record.url))) return record.url;
  return undefined;
}

/**
 * The Redis the app uses: the Sentinel deployment when REDIS_SENTINELS is set, else
 * resolveRedisUrl's answer (undefined: start the embedded server).
 */
export async function resolveRedisTarget(
  config: Pick<AppConfig, "redisUrl" | "dataDir" | "sentinel">,
  options: ResolveRedisOptions = {},
): Promise<RedisTarget | undefined> {
  return config.sentinel ?? (await resolveRedisUrl(config, options));
}

export interface EmbeddedRedis {
  url: string;
  handle: RedisServerHandle;
  stop(): Promise<void>;
}

/**
 * Starts the private redis-server: data in the app's data folder, AOF on (a kiosk's carts survive
 * a power cut), keyspace notifications on for the live sync. Its URL is recorded for kioskctl and
 * removed again when it stops. Throws the install hint when redis-server is missing.
 */
export async function startEmbeddedRedis(dataDir: string): Promise<EmbeddedRedis> {
  const dir = embeddedRedisDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const handle = await startRedisServer({ dir, appendOnly: true, keyspaceEvents: "Kghsx" });
  writeFileSync(
    recordFile(dataDir),
    JSON.stringify({ url: handle.url, pid: handle.process.pid ?? 0 }) + "\n",
  );
  // A crash of the app must not leave an orphaned server holding the AOF.
  const killOnExit = () => handle.process.kill("SIGTERM");
  process.once("exit", killOnExit);
  return {
    url: handle.url,
    handle,
    async stop() {
      process.off("exit", killOnExit);
      const record = readEmbeddedRecord(dataDir);
      if (record?.url === handle.url) rmSync(recordFile(dataDir), { force: true });
      await handle.stop();
    },
  };
}

export interface EmbeddedRedisLockOptions {
  /** How long a loser waits for the winner's server before giving up. */
  waitMs?: number;
  /** A lock older than this is stale even when its pid is alive (a pid reused by another program). */
  staleMs?: number;
  /** Told when this process uses a server another process started. */
  onJoined?: (url: string) => void;
}

/** What `startOrJoinEmbeddedRedis` found: this process's own server, or another's. */
export type EmbeddedRedisStart = { url: string; owned: EmbeddedRedis } | { url: string; owned?: undefined };

/**
 * The embedded redis-server of `dataDir`, started by exactly one process (#14): two apps started
 * at once (web and desktop, or two `npm run web`) would otherwise each find no server, each start
 * one on the same append-only files, and split the shop's carts between them. Starting is under
 * a lock file created with O_EXCL (`wx`), which one process wins; the others wait until the
 * winner's server answers at the recorded URL and use it. A lock whose pid is gone, or older than
 * `staleMs` (a start takes about a second), was left by a crash and is taken over.
 *
 * A plain O_EXCL file rather than proper-lockfile: the lock is held only for a start (no
 * long-lived lock to refresh), the stale rule needs the holder's pid (which proper-lockfile's
 * mkdir lock does not record), and no dependency is added for twenty lines.
 */
export async function startOrJoinEmbeddedRedis(
  dataDir: string,
  options: EmbeddedRedisLockOptions = {},
): Promise<EmbeddedRedisStart> {
  const waitMs = options.waitMs ?? 30_000;
  const staleMs = options.staleMs ?? 20_000;
  mkdirSync(embeddedRedisDir(dataDir), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const running = await runningEmbeddedUrl(dataDir);
    if (running) {
      options.onJoined?.(running);
      return { url: running };
    }
    if (takeLock(dataDir)) {
      try {
        // The previous holder may have finished between our look and our lock.
        const started = await runningEmbeddedUrl(dataDir);
        if (started) {
          options.onJoined?.(started);
          return { url: started };
        }
        const owned = await startEmbeddedRedis(dataDir);
        return { url: owned.url, owned };
      } finally {
        rmSync(lockFile(dataDir), { force: true });
      }
    }
    removeStaleLock(dataDir, staleMs);
    if (Date.now() > deadline) {
      throw new Error(
        `Another process has been starting the embedded redis-server in ${embeddedRedisDir(dataDir)} ` +
          `for over ${Math.round(waitMs / 1000)} s; if none is running, delete ${lockFile(dataDir)}.`,
      );
    }
    await sleep(50 + Math.random() * 50);
  }
}

async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  const record = readEmbeddedRecord(dataDir);
  return record && (await redisAnswers(record.url)) ? record.url : undefined;
}

/** Creates the lock file atomically; false when another process holds it. */
function takeLock(dataDir: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile(dataDir), "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, at: Date.now() }) + "\n");
  } finally {
    closeSync(fd);
  }
  return true;
}

const LockSchema = z.object({ pid: z.number().int(), at: z.number() });

function removeStaleLock(dataDir: string, staleMs: number): void {
  const file = lockFile(dataDir);
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(file, "utf8");
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return; // released meanwhile
  }
  const lock = parseLock(text);
  const old = Date.now() - (lock?.at ?? mtimeMs) > staleMs;
  // A lock without a readable pid is a holder between creating and writing it: stale only once old.
  if (!old && !(lock && !isAlive(lock.pid))) return;
  // Only the lock we judged: one taken meanwhile by a live process has other contents.
  try {
    if (readFileSync(file, "utf8") === text) rmSync(file, { force: true });
  } catch {
    // gone already
  }
}

function parseLock(text: string): z.infer<typeof LockSchema> | undefined {
  try {
    const parsed = LockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
