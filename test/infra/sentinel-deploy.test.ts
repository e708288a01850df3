import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRoot } from "../../src-main/config/config.js";
import {
  freePort,
  startRedisServer,
  type RedisServerHandle,
} from "../../src-main/infra/redis-server-process.js";
import { runKioskctl } from "../kit/kioskctl-process.js";
import { waitForReplicas, waitUntil } from "../kit/sentinel.js";

/**
 * The Sentinel deployment the README and docker-compose.yml describe (deploy/sentinel/) is a real,
 * working topology: the very files start a primary, two replicas and three sentinels (real
 * processes, on free loopback ports instead of 6380-6382 and 26379-26381), and kioskctl, configured
 * only with REDIS_SENTINELS, finds the primary, writes a cart there, and the replicas hold it.
 */

const deploy = path.join(appRoot, "deploy", "sentinel");
const tsx = [path.join("node_modules", "tsx", "dist", "cli.mjs"), "src-main/cli/kioskctl.ts"];

let dir: string;
const nodes: RedisServerHandle[] = [];
const sentinels: ChildProcess[] = [];
const sentinelPorts: number[] = [];
let env: Record<string, string>;

/** A data node from deploy/sentinel/redis.conf, as the compose file starts it (plus a private port and folder). */
async function startDataNode(replicaOf?: number): Promise<RedisServerHandle> {
  const port = await freePort();
  return startRedisServer({
    port,
    dir: path.join(dir, `node-${port}`),
    // The file's own settings (AOF, keyspace events, min-replicas) are what is under test, so the
    // launcher's defaults are overridden by reading the file after them.
    extraArgs: [
      "--include",
      path.join(deploy, "redis.conf"),
      "--port",
      String(port),
      ...(replicaOf ? ["--replicaof", "127.0.0.1", String(replicaOf)] : []),
    ],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-deploy-"));
  const primary = await startDataNode();
  nodes.push(primary, await startDataNode(primary.port), await startDataNode(primary.port));
  await waitForReplicas(primary.port, 2);

  const template = readFileSync(path.join(deploy, "sentinel.conf"), "utf8");
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const conf = path.join(dir, `sentinel-${port}.conf`);
    // As docker compose does: a copy the sentinel may rewrite; only the primary's port differs here.
    writeFileSync(
      conf,
      template.replace(/^(sentinel monitor mymaster 127\.0\.0\.1) 6380 /m, `$1 ${primary.port} `),
    );
    const child = spawn(
      "redis-sentinel",
      [conf, "--port", String(port), "--bind", "127.0.0.1", "--dir", dir],
      {
        stdio: "ignore",
      },
    );
    sentinels.push(child);
    sentinelPorts.push(port);
  }
  env = {
    REDIS_URL: "",
    REDIS_SENTINELS: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(","),
    REDIS_SENTINEL_NAME: "mymaster",
    DATA_DIR: path.join(dir, "app"),
  };
}, 60_000);

afterAll(async () => {
  for (const s of sentinels) s.kill("SIGKILL");
  await Promise.all(nodes.map((n) => n.stop()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the Sentinel deployment in deploy/sentinel", { timeout: 60_000 }, () => {
  it("docker-compose.yml starts its data nodes and sentinels from these files", () => {
    const compose = readFileSync(path.join(appRoot, "docker-compose.yml"), "utf8");
    expect(compose).toContain("./deploy/sentinel/redis.conf:/etc/redis/redis.conf:ro");
    expect(compose).toContain("./deploy/sentinel/sentinel.conf:/etc/redis/sentinel.conf:ro");
    expect(compose.match(/profiles: \[sentinel\]/g)).toHaveLength(2); // the two anchors
  });

  it("its data nodes have the settings the kiosks need: keyspace events, AOF, refusing writes without a replica", async () => {
    for (const node of nodes) {
      const client = new Redis({ port: node.port, host: "127.0.0.1", lazyConnect: true });
      await client.connect();
      const [, events] = (await client.config("GET", "notify-keyspace-events")) as string[];
      const [, aof] = (await client.config("GET", "appendonly")) as string[];
      const [, minReplicas] = (await client.config("GET", "min-replicas-to-write")) as string[];
      client.disconnect();
      for (const flag of "Kghsx") expect(events).toContain(flag);
      expect(aof).toBe("yes");
      expect(minReplicas).toBe("1");
    }
  });

  it("kioskctl finds the primary through the three sentinels, writes a cart there, and both replicas hold it", async () => {
    await waitUntil(
      async () => {
        const run = await runKioskctl(tsx, ["doctor", "--json"], env);
        const report = JSON.parse(run.stdout || "{}") as {
          redis?: {
            ok: boolean;
            role?: string;
            sentinel?: { sentinels: Array<{ ok: boolean; primary?: string }> };
          };
        };
        return (
          report.redis?.ok === true &&
          report.redis.role === "master" &&
          report.redis.sentinel?.sentinels.filter((s) => s.primary === `127.0.0.1:${nodes[0]!.port}`)
            .length === 3
        );
      },
      30_000,
      "kioskctl doctor to reach the primary through all three sentinels",
    );

    const session = `session-${randomUUID()}`;
    const add = await runKioskctl(tsx, ["cart", "add", session, "42", "--qty", "2", "--json"], env);
    expect(add.code, add.stderr).toBe(0);
    for (const replica of nodes.slice(1)) {
      const client = new Redis({ port: replica.port, host: "127.0.0.1", db: 1, lazyConnect: true });
      await client.connect();
      await waitUntil(
        async () => (await client.exists(`cart:${session}`)) === 1,
        5_000,
        "the replica to hold the cart",
      );
      client.disconnect();
    }
  });
});
