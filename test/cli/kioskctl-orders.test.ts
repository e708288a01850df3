import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src-main/infra/redis-server-process.js";
import { runKioskctl, type KioskctlRun } from "../kit/kioskctl-process.js";
import { snapshotKeyspace } from "../kit/redis-snapshot.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";

/** `kioskctl order ...` as staff at the counter use it: separate processes against a real Redis. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const bundleDir = path.join(root, "dist", `kioskctl-orders-test-${process.pid}`);
const bundle = path.join(bundleDir, "kioskctl.mjs");

let redis: TestRedis;
let raw: Redis;

const kioskctl = (args: string[], env: Record<string, string> = {}) =>
  runKioskctl([bundle], args, { REDIS_URL: redis.url, USER: "sarah", ...env });

function expectOneLineFailure(run: KioskctlRun, code: number, reason: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).toMatch(/^kioskctl: [^\n]+\n$/);
  expect(run.stderr).toMatch(reason);
}

const json = (run: KioskctlRun) => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown> & { number: string };
};

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

describe("kioskctl order", { timeout: 90_000 }, () => {
  it("quotes, places a delivery, pays cash with change, marks ready, delivers; refusals are one line, exit 1", async () => {
    const session = `session-${randomUUID()}`;
    expect((await kioskctl(["cart", "add", session, "42", "--qty", "2"])).code).toBe(0);
    await raw.hset(`cart:${session}:item:42_44136fa355b3678a`, "price", "50000"); // a stale price

    const quote = json(await kioskctl(["order", "quote", session, "--json"]));
    expect(Object.keys(quote)).toEqual([
      "session_id",
      "currency",
      "lines",
      "subtotal",
      "changes",
      "orderable",
    ]);
    expect(quote).toMatchObject({
      subtotal: 120_000,
      orderable: true,
      changes: [{ item_id: "42_44136fa355b3678a", kind: "price_up" }],
    });
    const text = await kioskctl(["order", "quote", session]);
    expect(text.stdout).toMatch(/Changed: Balloon Bouquet now costs UGX.60,000 each \(it was UGX.50,000\)\./);

    const placeArgs = [
      "order",
      "place",
      session,
      "--deliver",
      "kampala-central",
      "--address",
      "Kololo, Plot 12 Acacia Avenue",
      "--name",
      "Nakato",
      "--phone",
      "+256 701 618576",
      "--key",
      "counter-checkout-0001",
    ];
    const placed = json(await kioskctl([...placeArgs, "--json"]));
    expect(Object.keys(placed)).toEqual([
      "order_id",
      "number",
      "status",
      "session_id",
      "currency",
      "lines",
      "subtotal",
      "delivery_charge",
      "total",
      "fulfilment",
      "contact",
      "payments",
      "created_at",
      "updated_at",
      "changes",
    ]);
    expect(placed).toMatchObject({
      number: expect.stringMatching(/^K-\d{3}$/),
      status: "placed",
      lines: [
        {
          product_id: "42",
          name: "Balloon Bouquet",
          configuration: {},
          price: 60_000,
          quantity: 2,
          line_total: 120_000,
        },
      ],
      subtotal: 120_000,
      delivery_charge: 10_000,
      total: 130_000,
      fulfilment: {
        type: "delivery",
        option_id: "kampala-central",
        address: { recipient: "Nakato", area: "Kololo", street: "Plot 12 Acacia Avenue" },
      },
      contact: { name: "Nakato", phone: "+256701618576" },
      payments: [],
    });
    // The same key again: the same order, said so.
    const again = await kioskctl(placeArgs);
    expect(again.stdout).toMatch(new RegExp(`^Order ${placed.number} was already placed\\.`));

    const n = placed.number;
    expectOneLineFailure(
      await kioskctl(["order", "pay", n, "--method", "cash", "--tendered", "100000"]),
      1,
      /UGX.100,000 tendered is less than the total of UGX.130,000\./,
    );
    const paid = json(
      await kioskctl(["order", "pay", n, "--method", "cash", "--tendered", "200000", "--json"]),
    );
    expect(paid.payments).toEqual([
      {
        method: "cash",
        amount: 130_000,
        tendered: 200_000,
        change: 70_000,
        recorded_by: { staff: "sarah", terminal: "kioskctl" },
        at: expect.any(String),
      },
    ]);
    expectOneLineFailure(
      await kioskctl(["order", "pay", n, "--method", "card"]),
      1,
      new RegExp(`${n} is already paid\\.`),
    );
    expectOneLineFailure(
      await kioskctl(["order", "collect", n]),
      1,
      /is for delivery: mark it delivered instead/,
    );
    expect((await kioskctl(["order", "ready", n])).stdout).toMatch(new RegExp(`^${n} is ready\\.`));
    expect(json(await kioskctl(["order", "deliver", n, "--by", "Moses", "--json"])).status).toBe("delivered");
    expectOneLineFailure(await kioskctl(["order", "cancel", n, "--reason", "late"]), 1, /already delivered/);

    const shown = await kioskctl(["order", "show", n]);
    expect(shown.stdout).toMatch(new RegExp(`^Order ${n} \\(delivered\\)`));
    expect(shown.stdout).toMatch(/Paid UGX.130,000 by cash, UGX.200,000 tendered, change UGX.70,000/);
    const listed = JSON.parse(
      (await kioskctl(["order", "list", "--status", "delivered", "--json"])).stdout,
    ) as Array<{ number: string }>;
    expect(listed.map((o) => o.number)).toEqual([n]);
    expect(JSON.parse((await kioskctl(["order", "list", "--json"])).stdout)).toHaveLength(1);
  });

  it("cancels a paid order and says the money must be returned", async () => {
    const session = `session-${randomUUID()}`;
    await kioskctl(["cart", "add", session, "45"]);
    const placed = json(await kioskctl(["order", "place", session, "--json"]));
    await kioskctl([
      "order",
      "pay",
      placed.number,
      "--method",
      "mobile_money",
      "--reference",
      "MP240101.1234",
    ]);
    const cancelled = await kioskctl([
      "order",
      "cancel",
      placed.number,
      "--reason",
      "Out of stock after all",
    ]);
    expect(cancelled.stdout).toMatch(/The payment must be returned to the customer\./);
    expect(cancelled.stdout).toMatch(/refund due UGX.12,000/);
  });

  it("refuses bad input before writing anything: usage errors exit 2, refusals exit 1", async () => {
    const session = `session-${randomUUID()}`;
    await kioskctl(["cart", "add", session, "42"]);
    const before = await snapshotKeyspace(raw);
    expectOneLineFailure(
      await kioskctl(["order", "place", session, "--key", "bad key!"]),
      2,
      /idempotency key has 8 to 128/,
    );
    expectOneLineFailure(
      await kioskctl(["order", "place", session, "--phone", "0701618576"]),
      2,
      /international format/,
    );
    expectOneLineFailure(
      await kioskctl([
        "order",
        "place",
        session,
        "--deliver",
        "moon",
        "--address",
        "Kololo, Acacia Avenue",
        "--phone",
        "+256701618576",
        "--name",
        "N",
      ]),
      2,
      /There is no delivery option "moon"/,
    );
    expectOneLineFailure(
      await kioskctl(["order", "place", session, "--deliver", "kampala-central"]),
      2,
      /Delivery needs --address/,
    );
    expectOneLineFailure(
      await kioskctl(["order", "pay", "K-001", "--method", "bitcoin"]),
      2,
      /Allowed choices are cash, card, mobile_money/,
    );
    expectOneLineFailure(
      await kioskctl(["order", "pay", "K-001", "--method", "cash", "--tendered", "12.5"]),
      2,
      /--tendered expects an amount/,
    );
    expectOneLineFailure(await kioskctl(["order", "cancel", "K-001"]), 2, /--reason/);
    expectOneLineFailure(await kioskctl(["order", "show", "K-777"]), 1, /There is no order K-777\./);
    expectOneLineFailure(
      await kioskctl(["order", "place", `session-${randomUUID()}`]),
      1,
      /Your cart is empty/,
    );
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("says Redis is unreachable in one line, exit 1", async () => {
    const port = await freePort();
    expectOneLineFailure(
      await kioskctl(["order", "list"], { REDIS_URL: `redis://127.0.0.1:${port}/1` }),
      1,
      /Redis at redis:\/\/127\.0\.0\.1:\d+\/1 is unreachable/,
    );
  });
});
