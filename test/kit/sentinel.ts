import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import {
  freePort,
  startRedisServer,
  type RedisServerHandle,
} from "../../src-main/infra/redis-server-process.js";
import type { SentinelTarget } from "../../src-main/infra/redis-target.js";
import type { TestRedis } from "./redis.js";

/**
 * A Sentinel deployment of real processes for the failover tests: Debian's redis-server as a
 * primary and a replica, and redis-sentinel three times (quorum 2), all on loopback in a
 * temporary folder. `down-after-milliseconds` is short so a failover takes a few seconds.
 */

export const sentinelInstallHint =
  "redis-sentinel is not installed. Install it with `sudo apt-get install redis-sentinel` (Debian/Ubuntu).";

export function isSentinelInstalled(): boolean {
  const probe = spawnSync("redis-sentinel", ["--version"], { stdio: "ignore" });
  return probe.error === undefined && probe.status === 0;
}

export interface DataNode {
  port: number;
  handle: RedisServerHandle;
}

export interface SentinelRig {
  name: string;
  dir: string;
  nodes: DataNode[];
  sentinelPorts: number[];
  /** REDIS_SENTINELS, REDIS_SENTINEL_NAME for the app. */
  env: Record<string, string>;
  /** The primary's port as the sentinels report it now. */
  primaryPort(): Promise<number>;
  node(port: number): DataNode;
  /** Resolves with the new primary's port once a quorum of sentinels names a primary other than `oldPort`. */
  waitForNewPrimary(oldPort: number, timeoutMs?: number): Promise<number>;
  /** A client of the current primary (found through the sentinels), database 1; closed by stop(). */
  client(): Redis;
  /**
   * The rig as a TestRedis, for harnesses that take one (startShell): its url is the first
   * primary's, but the app is meant to be configured with `env` (REDIS_URL empty); stop() is the rig's.
   */
  asTestRedis(): TestRedis;
  /** The redis-sentinel process on `port`, for tests that pause one. */
  sentinel(port: number): ChildProcess;
  /** The address list for the app's SentinelTarget, in the rig's order. */
  target(): SentinelTarget;
  /** The last lines of every sentinel's log, for a failing test's message. */
  logTail(lines?: number): string;
  /** Starts a stopped data node again on its port (it rejoins as a replica of the current primary). */
  restart(port: number): Promise<void>;
  stop(): Promise<void>;
}

export interface SentinelRigOptions {
  /** Replicas of the primary (default 1). */
  replicas?: number;
  downAfterMs?: number;
  /** Extra arguments for both data nodes (e.g. min-replicas-to-write). */
  serverArgs?: string[];
}

const name = "kiosk";

export async function startSentinelRig(options: SentinelRigOptions = {}): Promise<SentinelRig> {
  if (!isSentinelInstalled())
    throw new Error(`The failover tests need redis-sentinel. ${sentinelInstallHint}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-sentinel-"));
  const downAfterMs = options.downAfterMs ?? 1_000;
  const serverArgs = options.serverArgs ?? [];
  const nodes: DataNode[] = [];
  const sentinels: ChildProcess[] = [];
  const sentinelPorts: number[] = [];

  const startNode = async (port: number, replicaOf?: number) => {
    const nodeDir = path.join(dir, `node-${port}`);
    const handle = await startRedisServer({
      port,
      dir: nodeDir,
      appendOnly: true,
      extraArgs: [...serverArgs, ...(replicaOf ? ["--replicaof", "127.0.0.1", String(replicaOf)] : [])],
    });
    return { port, handle };
  };

  try {
    const primary = await startNode(await freePort());
    nodes.push(primary);
    for (let i = 0; i < (options.replicas ?? 1); i++)
      nodes.push(await startNode(await freePort(), primary.port));
    await waitForReplicas(primary.port, options.replicas ?? 1);

    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = path.join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          "bind 127.0.0.1",
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
          `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          // Read by logTail() when a test fails: what the sentinels saw and decided.
          `logfile ${path.join(dir, `sentinel-${port}.log`)}`,
          "",
        ].join("\n"),
      );
      const child = spawn("redis-sentinel", [conf], { stdio: ["ignore", "pipe", "pipe"] });
      child.stdout?.resume();
      child.stderr?.resume();
      sentinels.push(child);
      sentinelPorts.push(port);
    }
    // Each sentinel must know the others (hello messages every 2 s) before a failover can be voted.
    await waitUntil(
      async () => {
        for (const port of sentinelPorts) {
          const replies = await askSentinel(port, ["SENTINEL", "SENTINELS", name]).catch(() => []);
          if ((replies as unknown[]).length < 2) return false;
        }
        return true;
      },
      20_000,
      "the three sentinels to discover each other",
    );
  } catch (error) {
    for (const s of sentinels) s.kill("SIGKILL");
    for (const n of nodes) n.handle.process.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const primaryPort = async () => {
    for (const port of sentinelPorts) {
      const reply = (await askSentinel(port, ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", name]).catch(
        () => null,
      )) as [string, string] | null;
      if (reply) return Number(reply[1]);
    }
    throw new Error("no sentinel answered");
  };

  const clients: Redis[] = [];
  const rig: SentinelRig = {
    name,
    dir,
    nodes,
    sentinelPorts,
    env: {
      REDIS_SENTINELS: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(","),
      REDIS_SENTINEL_NAME: name,
    },
    primaryPort,
    node(port) {
      const found = nodes.find((n) => n.port === port);
      if (!found) throw new Error(`no data node on ${port}`);
      return found;
    },
    async waitForNewPrimary(oldPort, timeoutMs = 15_000) {
      let found = oldPort;
      await waitUntil(
        async () => {
          const answers = await Promise.all(
            sentinelPorts.map((port) =>
              askSentinel(port, ["SENTINEL", "GET-MASTER-ADDR-BY-NAME", name]).catch(() => null),
            ),
          );
          const moved = answers.filter((a) => a && Number((a as string[])[1]) !== oldPort) as string[][];
          if (moved.length >= 2) found = Number(moved[0]![1]);
          return moved.length >= 2;
        },
        timeoutMs,
        "the sentinels to promote a new primary",
      );
      return found;
    },
    client() {
      const client = new Redis({
        sentinels: sentinelPorts.map((port) => ({ host: "127.0.0.1", port })),
        name,
        db: 1,
        maxRetriesPerRequest: 5,
      });
      client.on("error", () => {});
      clients.push(client);
      return client;
    },
    asTestRedis() {
      const first = nodes[0]!;
      return {
        ...first.handle,
        dir,
        client: () => rig.client(),
        stop: () => rig.stop(),
      };
    },
    sentinel(port) {
      const index = sentinelPorts.indexOf(port);
      if (index < 0) throw new Error(`no sentinel on ${port}`);
      return sentinels[index]!;
    },
    target() {
      return {
        kind: "sentinel",
        sentinels: sentinelPorts.map((port) => ({ host: "127.0.0.1", port })),
        name,
        db: 1,
      };
    },
    logTail(lines = 25) {
      return sentinelPorts
        .map((port) => {
          const file = path.join(dir, `sentinel-${port}.log`);
          const text = existsSync(file) ? readFileSync(file, "utf8") : "(no log)";
          return `sentinel ${port}:\n${text.trimEnd().split("\n").slice(-lines).join("\n")}`;
        })
        .join("\n");
    },
    async restart(port) {
      const index = nodes.findIndex((n) => n.port === port);
      const node = nodes[index]!;
      node.handle.process.kill("SIGCONT");
      await node.handle.stop();
      // Back as a replica of the current primary, as an admin would start it. Started as the old
      // primary, it waits for the sentinels to notice and demote it, which on a loaded machine took
      // longer than the tests' 30 s (seen in CI).
      nodes[index] = await startNode(port, await primaryPort());
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await Promise.all(
        sentinels.map(
          (s) =>
            new Promise<void>((resolve) => {
              if (s.exitCode !== null || s.signalCode !== null) return resolve();
              s.once("exit", () => resolve());
              s.kill("SIGKILL");
            }),
        ),
      );
      for (const n of nodes) n.handle.process.kill("SIGCONT");
      for (const s of sentinels) s.kill("SIGCONT");
      await Promise.all(nodes.map((n) => n.handle.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

async function askSentinel(port: number, command: string[]): Promise<unknown> {
  const client = new Redis({
    port,
    host: "127.0.0.1",
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 500,
    // A paused sentinel accepts the connection and never answers.
    commandTimeout: 1_000,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return await client.call(command[0]!, ...command.slice(1));
  } finally {
    client.disconnect();
  }
}

/** Waits until the primary on `primaryPort` has `count` replicas online. */
export async function waitForReplicas(primaryPort: number, count: number, timeoutMs = 15_000): Promise<void> {
  const client = new Redis({ port: primaryPort, host: "127.0.0.1", maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  try {
    await waitUntil(
      async () => {
        const info = await client.info("replication").catch(() => "");
        return (info.match(/slave\d+:.*state=online/g) ?? []).length >= count;
      },
      timeoutMs,
      `${count} replicas to be online`,
    );
  } finally {
    client.disconnect();
  }
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  /** What the state was at the timeout, added to the error. */
  explain?: () => string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const state = explain ? `\n${explain()}` : "";
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
}
