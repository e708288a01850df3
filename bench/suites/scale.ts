/**
 * `npm run bench scale`: many kiosk screens on one shop's Redis. Two app processes (the built web
 * server, `dist/server/web.mjs`, as a shop runs it) share one private redis-server; simulated
 * screens (WebSocket clients, each with its own session, split across the two apps) add, change
 * and remove lines as fast as a busy customer taps (one change, then 100 ms, then the next), while
 * a web-channel writer (another OS process) hammers 200 other carts. Levels of 10, 40, 80 and 160
 * screens run 15 s each.
 *
 * Per level: cart operations per second acknowledged, the time from sending a change to the
 * screen's `cart-changed` event for it (p50/p99: what a customer waits to see the badge move), the
 * CPU the apps and Redis spent (share of one core), and at the end every screen's cart in Redis
 * checked against the changes acknowledged to it: lines lost or doubled must be 0.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import type { Cart } from "../../src-shared/cart.js";
import type { SessionInfo } from "../../src-shared/contract.js";
import { newOperationId } from "../../src-shared/operation-id.js";
import { appRoot } from "../../src-main/config/config.js";
import { freePort, startRedisServer } from "../../src-main/infra/redis-server-process.js";
import { ExternalWriter } from "../../test/kit/external-writer.js";
import { RawClient } from "../../test/kit/shell-harness.js";
import { percentile, round, type SuiteResult } from "../stats.js";

/** BENCH_SCALE_LEVELS / BENCH_SCALE_SECONDS: a shorter run, to try the suite. */
const levels = (process.env.BENCH_SCALE_LEVELS ?? "10,40,80,160").split(",").map(Number);
const secondsPerLevel = Number(process.env.BENCH_SCALE_SECONDS ?? 15);
const thinkMs = 100;
const apps = 2;
const otherCarts = 200;
/** Products of the sample catalog without required options, so every add is one request. */
const products = ["42", "45", "47", "12", "25", "52"];

interface App {
  child: ChildProcess;
  wsUrl: string;
}

async function startApp(redisUrl: string, dataDir: string): Promise<App> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(appRoot, "dist", "server", "web.mjs")], {
    cwd: appRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: os.homedir(),
      PORT: String(port),
      HOST: "127.0.0.1",
      REDIS_URL: redisUrl,
      DATA_DIR: dataDir,
      ASSISTANT_MODE: "offline",
      LOG_LEVEL: "warn",
      // A shop's limits are per address; here every simulated screen comes from 127.0.0.1.
      WS_MAX_CONNECTIONS: "2000",
      WS_MAX_CONNECTIONS_PER_ADDRESS: "2000",
      CART_CHANGES_PER_MINUTE_PER_ADDRESS: "1000000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready at")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`app exited with ${code}: ${output}`)));
  });
  child.stdout!.resume();
  return { child, wsUrl: `ws://127.0.0.1:${port}/ws` };
}

/** CPU time (ms) a process has used, from /proc (Linux). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / 100;
}

async function redisCpuMs(admin: Redis): Promise<number> {
  const info = await admin.info("cpu");
  const value = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)![1]);
  return (value("used_cpu_sys") + value("used_cpu_user")) * 1000;
}

/** One simulated screen: its session, what it was told, and the lines it believes it has. */
class Screen {
  readonly expected = new Map<string, number>();
  readonly latenciesMs: number[] = [];
  acknowledged = 0;
  failed = 0;
  private constructor(
    readonly client: RawClient,
    readonly session: string,
  ) {}

  static async open(wsUrl: string): Promise<Screen> {
    const client = await RawClient.connect(wsUrl);
    const { session_id } = await client.ok<SessionInfo>("session-start");
    return new Screen(client, session_id);
  }

  /** Customers' changes in a plausible mix: mostly adds, some quantity changes and removals. */
  async step(): Promise<void> {
    const lines = [...this.expected.keys()];
    const roll = Math.random();
    let channel: string;
    let input: Record<string, unknown>;
    if (lines.length === 0 || roll < 0.6) {
      channel = "cart-add";
      input = { product_id: products[Math.floor(Math.random() * products.length)], quantity: 1 };
    } else if (roll < 0.85) {
      channel = "cart-update-quantity";
      input = {
        item_id: lines[Math.floor(Math.random() * lines.length)],
        quantity: 1 + Math.floor(Math.random() * 5),
      };
    } else {
      channel = "cart-remove";
      input = { item_id: lines[Math.floor(Math.random() * lines.length)] };
    }
    const mark = this.client.events.length;
    const sent = performance.now();
    const result = await this.client.request(channel, { ...input, operation_id: newOperationId() });
    if (!result.ok) {
      this.failed++;
      return;
    }
    this.acknowledged++;
    const cart = result.value as Cart;
    this.expected.clear();
    for (const line of cart.items) this.expected.set(line.item_id, line.quantity);
    const event = await this.client
      .waitForEvent("cart-changed", (e) => e.cart.updated_at === cart.updated_at, 5_000, mark)
      .catch(() => undefined);
    if (event) this.latenciesMs.push(performance.now() - sent);
  }
}

export async function run(): Promise<SuiteResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-bench-scale-"));
  const server = await startRedisServer({ dir: path.join(dir, "redis") });
  const admin = new Redis(server.url);
  const started: App[] = [];
  const writer = ExternalWriter.start(server.url);
  const results: SuiteResult["results"] = [];
  try {
    for (let i = 0; i < apps; i++) started.push(await startApp(server.url, path.join(dir, `app-${i}`)));
    const others = Array.from({ length: otherCarts }, () => `session-${randomUUID()}`);

    for (const level of levels) {
      const screens = await Promise.all(
        Array.from({ length: level }, (_, i) => Screen.open(started[i % apps]!.wsUrl)),
      );
      let hammering = true;
      let webWrites = 0;
      const hammer = (async () => {
        while (hammering) {
          await writer.write({ op: "hammer", sessions: others, count: 200 });
          webWrites += 200;
        }
      })();
      const cpuBefore = started.map((a) => processCpuMs(a.child.pid!));
      const redisBefore = await redisCpuMs(admin);
      const t0 = performance.now();
      const deadline = t0 + secondsPerLevel * 1000;
      await Promise.all(
        screens.map(async (screen) => {
          while (performance.now() < deadline) {
            await screen.step();
            await new Promise((resolve) => setTimeout(resolve, thinkMs));
          }
        }),
      );
      const wallMs = performance.now() - t0;
      hammering = false;
      await hammer;
      const appCpu = started.map((a, i) => processCpuMs(a.child.pid!) - cpuBefore[i]!);
      const redisCpu = (await redisCpuMs(admin)) - redisBefore;

      // Every cart as Redis holds it, against what the screen was last told.
      let lost = 0;
      let doubled = 0;
      for (const screen of screens) {
        const members = await admin.smembers(`cart:${screen.session}:items`);
        for (const [item, quantity] of screen.expected) {
          const stored = Number(await admin.hget(`cart:${screen.session}:item:${item}`, "quantity"));
          if (!members.includes(item) || stored < quantity) lost++;
          else if (stored > quantity) doubled++;
        }
        for (const item of members) if (!screen.expected.has(item)) doubled++;
      }
      const latencies = screens.flatMap((s) => s.latenciesMs.map((ms) => ms * 1000));
      const acknowledged = screens.reduce((n, s) => n + s.acknowledged, 0);
      results.push({
        name: `${level} screens`,
        screens: level,
        cart_ops_per_s: round(acknowledged / (wallMs / 1000)),
        failed_ops: screens.reduce((n, s) => n + s.failed, 0),
        change_to_cart_changed_p50_ms: round(percentile(latencies, 50) / 1000, 2),
        change_to_cart_changed_p99_ms: round(percentile(latencies, 99) / 1000, 2),
        web_channel_writes_per_s: round(webWrites / (wallMs / 1000)),
        app_cpu_share_of_a_core: appCpu.map((ms) => round(ms / wallMs, 2)),
        redis_cpu_share_of_a_core: round(redisCpu / wallMs, 2),
        lines_lost: lost,
        lines_doubled: doubled,
      });
      await Promise.all(screens.map((s) => s.client.close()));
    }
    return {
      suite: "scale",
      results,
      workload: {
        apps,
        seconds_per_level: secondsPerLevel,
        think_ms: thinkMs,
        web_channel: `a separate process writing ${otherCarts} other carts as fast as it can (plain HSET/SADD)`,
        mix: "60% add, 25% quantity change, 15% removal, each with its own operation id",
        machine_cores: os.cpus().length,
      },
    };
  } finally {
    await writer.stop();
    for (const app of started) {
      app.child.kill("SIGTERM");
      await once(app.child, "exit").catch(() => undefined);
    }
    admin.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
