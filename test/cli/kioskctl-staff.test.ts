import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DayReport } from "../../src-shared/counter-contract.js";
import { readAudit } from "../../src-main/staff/staff-audit.js";
import { StaffStore } from "../../src-main/staff/staff-store.js";
import type { KioskctlRun } from "../kit/kioskctl-process.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";

/** `kioskctl staff ...` and `kioskctl report day` as a manager runs them: separate processes, a real Redis. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bundleDir = path.join(root, "dist", `kioskctl-staff-test-${process.pid}`);
const bundle = path.join(bundleDir, "kioskctl.mjs");

let redis: TestRedis;
let raw: Redis;

/** Runs kioskctl with `stdin` piped in (never a terminal, as in a script). */
function kioskctl(args: string[], stdin = ""): Promise<KioskctlRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), REDIS_URL: redis.url, USER: "joseph" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  await build({
    entryPoints: [path.join(root, "src-main", "cli", "kioskctl.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  redis = await startTestRedis();
  raw = redis.client();
});

afterAll(async () => {
  await redis.stop();
  rmSync(bundleDir, { recursive: true, force: true });
});

describe("kioskctl staff", { timeout: 90_000 }, () => {
  it("adds with a piped PIN, lists, sets a PIN, removes; the PIN is kept only as a salted scrypt hash", async () => {
    const added = await kioskctl(
      ["staff", "add", "Amina Nakato", "--role", "cashier", "--pin-stdin"],
      "4821\n",
    );
    expect(added, added.stderr).toMatchObject({ code: 0, stdout: "Added Amina Nakato (cashier).\n" });
    expect(
      (await kioskctl(["staff", "add", "Joseph", "--role", "manager", "--pin-stdin"], "77301955")).code,
    ).toBe(0);
    const listed = await kioskctl(["staff", "list", "--json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { name: "Amina Nakato", role: "cashier", locked_seconds: 0 },
      { name: "Joseph", role: "manager" },
    ]);
    const record = await raw.hgetall("staff:amina nakato");
    expect(record.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(record)).not.toContain("4821");

    const store = new StaffStore(raw);
    expect((await store.signIn("amina nakato", "4821")).ok).toBe(true);
    expect((await kioskctl(["staff", "set-pin", "amina nakato", "--pin-stdin"], "135790")).code).toBe(0);
    expect((await store.signIn("Amina Nakato", "4821")).ok).toBe(false);
    expect((await store.signIn("Amina Nakato", "135790")).ok).toBe(true);

    expect((await kioskctl(["staff", "remove", "Amina Nakato"])).stdout).toBe("Removed Amina Nakato.\n");
    expect(await raw.exists("staff:amina nakato")).toBe(0);
    const audit = await readAudit(raw);
    expect(audit.map((e) => [e.action, e.staff, e.terminal, e.detail])).toEqual([
      ["staff-add", "joseph", "kioskctl", "Amina Nakato (cashier)"],
      ["staff-add", "joseph", "kioskctl", "Joseph (manager)"],
      ["staff-set-pin", "joseph", "kioskctl", "Amina Nakato"],
      ["staff-remove", "joseph", "kioskctl", "Amina Nakato"],
    ]);
  });

  it("refuses in one line: no terminal and no --pin-stdin, a bad PIN, a bad role, a name taken, an unknown name", async () => {
    const noTty = await kioskctl(["staff", "add", "Grace", "--role", "cashier"]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(/^kioskctl: No terminal to type the PIN at: pipe it in with --pin-stdin/);
    const shortPin = await kioskctl(["staff", "add", "Grace", "--role", "cashier", "--pin-stdin"], "12");
    expect(shortPin).toMatchObject({ code: 2, stderr: "kioskctl: Invalid PIN: a PIN is 4 to 8 digits\n" });
    const role = await kioskctl(["staff", "add", "Grace", "--role", "owner", "--pin-stdin"], "1234");
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("cashier, manager");
    const taken = await kioskctl(["staff", "add", "joseph", "--role", "cashier", "--pin-stdin"], "1234");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("There is already a member of staff called joseph");
    expect(await kioskctl(["staff", "remove", "Nobody"])).toMatchObject({
      code: 1,
      stderr: "kioskctl: There is no member of staff called Nobody.\n",
    });
    expect(await raw.exists("staff:grace")).toBe(0);
  });
});

describe("kioskctl report day", { timeout: 90_000 }, () => {
  it("adds up a day exactly, as JSON and as text", async () => {
    const session = `session-${randomUUID()}`;
    expect((await kioskctl(["cart", "add", session, "42", "--qty", "2"])).code).toBe(0);
    const placed = await kioskctl(["order", "place", session, "--json"]);
    const order = JSON.parse(placed.stdout) as { number: string; total: number };
    const paid = await kioskctl(["order", "pay", order.number, "--method", "cash", "--tendered", "200000"]);
    expect(paid.code, paid.stderr).toBe(0);
    const report = JSON.parse((await kioskctl(["report", "day", "--json"])).stdout) as DayReport;
    expect(report).toMatchObject({
      order_count: 1,
      paid_total: order.total,
      cash_expected: order.total,
      unpaid: { count: 0, total: 0 },
      cancelled: { count: 0, refunds_owed: 0 },
    });
    const text = (await kioskctl(["report", "day"])).stdout;
    expect(text).toMatch(/^Day \d{4}-\d{2}-\d{2}: 1 order\n/);
    expect(text).toContain("Cash expected in the drawer: UGX");
    const other = JSON.parse(
      (await kioskctl(["report", "day", "--date", "2020-01-01", "--json"])).stdout,
    ) as DayReport;
    expect(other).toMatchObject({ day: "2020-01-01", order_count: 0, paid_total: 0 });
    expect((await kioskctl(["report", "day", "--date", "yesterday"])).code).toBe(2);
  });
});
