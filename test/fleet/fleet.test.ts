import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionInfo } from "../../src-shared/contract.js";
import { loadOrCreateKioskId } from "../../src-main/fleet/kiosk-id.js";
import { runKioskctl } from "../kit/kioskctl-process.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { RawClient, startShell, type Shell } from "../kit/shell-harness.js";

const tsx = [path.join("node_modules", "tsx", "dist", "cli.mjs"), "src-main/cli/kioskctl.ts"];

let redis: TestRedis;
let kiosk: Shell;
let counter: Shell;
beforeAll(async () => {
  redis = await startTestRedis();
  kiosk = await startShell({ redis, env: { KIOSK_ID: "kiosk-entrance" } });
  counter = await startShell({ redis, env: { KIOSK_ID: "counter-1", APP_ROLE: "counter" } });
});
afterAll(async () => {
  await kiosk?.close();
  await counter?.close();
  await redis?.stop();
});

const fleet = async () => {
  const run = await runKioskctl(tsx, ["fleet", "--json"], { REDIS_URL: redis.url });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { members: Array<Record<string, unknown>>; unreadable: string[] };
};

describe("the shop's fleet in kioskctl fleet", { timeout: 60_000 }, () => {
  it("lists every running kiosk and counter with its state, and who is serving a customer", async () => {
    const screen = await RawClient.connect(kiosk.wsUrl);
    await screen.ok<SessionInfo>("session-start");
    await kiosk.services.heartbeat.beat();
    const { members } = await fleet();
    expect(members).toEqual([
      expect.objectContaining({
        id: "counter-1",
        role: "counter",
        silent: false,
        redis: "up",
        assistant_mode: "offline",
        in_use: false,
      }),
      expect.objectContaining({
        id: "kiosk-entrance",
        role: "kiosk",
        app_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        silent: false,
        renderer_crashes: 0,
        in_use: true,
      }),
    ]);
    await screen.close();
  });

  it("flags a kiosk that stopped announcing itself, and drops one that stopped cleanly", async () => {
    // What a kiosk that froze a minute ago leaves behind; and a record another system wrote badly.
    const admin = redis.client();
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    await admin.hset("kiosk:kiosk-frozen", {
      role: "kiosk",
      app_version: "0.1.0",
      host: "till-3",
      pid: "4242",
      started_at: minuteAgo,
      last_seen: minuteAgo,
      redis: "up",
      assistant_mode: "offline",
      assistant_reachable: "true",
      renderer_crashes: "2",
      in_use: "true",
    });
    await admin.hset("kiosk:poisoned", { role: "<script>", pid: "many" });
    await counter.close();
    const listed = await fleet();
    expect(listed.members.map((m) => [m.id, m.silent])).toEqual([
      ["kiosk-entrance", false],
      ["kiosk-frozen", true],
    ]);
    expect(listed.unreadable).toEqual(["kiosk:poisoned"]);
    const text = await runKioskctl(tsx, ["fleet"], { REDIS_URL: redis.url });
    expect(text.stdout).toMatch(/^SILENT\s+kiosk-frozen\s+kiosk/m);
    expect(text.stdout).toMatch(/2 listed, 1 silent/);
  });

  it("a kiosk without KIOSK_ID keeps the id generated into its data folder", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-id-"));
    const first = loadOrCreateKioskId(dir);
    expect(first).toMatch(/^kiosk-[0-9a-f]{8}$/);
    expect(loadOrCreateKioskId(dir)).toBe(first);
  });
});
