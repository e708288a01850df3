import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";

/**
 * Starts a private `redis-server`: the app's embedded default when no Redis is configured, and each
 * test suite's own database (tests never touch a Redis they did not start).
 */

export const redisInstallHint =
  "redis-server is not installed. Install it with `sudo apt-get install redis-server` (Debian/Ubuntu) " +
  "or `brew install redis` (macOS), or set REDIS_URL to a Redis you run.";

export interface RedisServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Data directory; with `appendOnly` the AOF lives here. */
  dir: string;
  appendOnly?: boolean;
  /** `notify-keyspace-events` flags; the live cart sync needs hash, set, generic and expiry events. */
  keyspaceEvents?: string;
  binary?: string;
  /** More server arguments (tests: `--replicaof`, replication settings). */
  extraArgs?: string[];
}

export interface RedisServerHandle {
  port: number;
  /** URL of database 1, the web channel's database. */
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function isRedisServerInstalled(binary = "redis-server"): boolean {
  const probe = spawnSync(binary, ["--version"], { stdio: "ignore" });
  return probe.error === undefined && probe.status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startRedisServer(options: RedisServerOptions): Promise<RedisServerHandle> {
  const binary = options.binary ?? "redis-server";
  if (!isRedisServerInstalled(binary)) throw new Error(redisInstallHint);
  mkdirSync(options.dir, { recursive: true });
  const port = options.port || (await freePort());
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    options.dir,
    "--save",
    "",
    "--appendonly",
    options.appendOnly ? "yes" : "no",
    "--notify-keyspace-events",
    options.keyspaceEvents ?? "Kghsx",
    "--daemonize",
    "no",
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    const onData = () => {
      if (/Ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}:\n${output}`));
    });
  });
  // Keep draining output so the pipe never fills and blocks the server.
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    port,
    url: `redis://127.0.0.1:${port}/1`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
