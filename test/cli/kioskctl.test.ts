import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src-main/infra/redis-server-process.js";
import { retailCatalogPath } from "../kit/catalogs.js";
import { runKioskctl, type KioskctlRun } from "../kit/kioskctl-process.js";
import { snapshotKeyspace } from "../kit/redis-snapshot.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";

/** kioskctl run as staff run it: a separate process, configured by the environment, against a real Redis. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const built = path.join(root, "dist", "cli", "kioskctl.mjs");
// The CLI under test, bundled from the current source as scripts/build.mjs does, so that each of
// the many child processes starts in a fraction of the time tsx would take. Two levels below the
// repository, like dist/cli, so that the CLI finds the app's root (and the sample catalog).
const bundleDir = path.join(root, "dist", `kioskctl-test-${process.pid}`);
const bundle = path.join(bundleDir, "kioskctl.mjs");

let redis: TestRedis;
let raw: Redis;
let workDir: string;

const kioskctl = (args: string[], env: Record<string, string> = {}, entry: string[] = [bundle]) =>
  runKioskctl(entry, args, { REDIS_URL: redis.url, ...env });

/** A failure is exactly one line on stderr, `kioskctl: <reason>`, and a non-zero exit code. */
function expectOneLineFailure(run: KioskctlRun, code: number, reason: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr).toMatch(/^kioskctl: [^\n]+\n$/);
  expect(run.stderr).toMatch(reason);
}

const cartKeys = ["session_id", "currency", "items", "item_count", "cart_total"];
const lineKeys = ["item_id", "product_id", "name", "price", "quantity", "configuration", "line_total"];

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
  workDir = mkdtempSync(path.join(os.tmpdir(), "kioskctl-test-"));
});

afterAll(async () => {
  await redis.stop();
  rmSync(workDir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

describe("kioskctl with the sample catalog", { timeout: 60_000 }, () => {
  it("adds with options, shows, sets a quantity, removes and clears a cart", async () => {
    const session = `session-${randomUUID()}`;
    const added = await kioskctl([
      "cart",
      "add",
      session,
      "81",
      "--qty",
      "2",
      "--option",
      "size=M",
      "--option",
      "colour=blue",
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Added 2 × Birthday T-Shirt \(colour: Blue, size: M\)/);
    expect(added.stdout).toMatch(/UGX\s70,000/);

    const bouquet = await kioskctl(["cart", "add", session, "42", "--json"]);
    const afterAdd = JSON.parse(bouquet.stdout);
    expect(afterAdd).toMatchObject({ item_count: 3, cart_total: 130_000 });

    const shown = await kioskctl(["cart", "show", session, "--json"]);
    expect(shown.code).toBe(0);
    const cart = JSON.parse(shown.stdout);
    expect(Object.keys(cart)).toEqual(cartKeys);
    expect(cart).toMatchObject({ session_id: session, currency: "UGX", item_count: 3, cart_total: 130_000 });
    for (const line of cart.items) expect(Object.keys(line)).toEqual(lineKeys);
    const shirt = cart.items.find((l: { product_id: string }) => l.product_id === "81");
    expect(shirt).toEqual({
      item_id: expect.stringMatching(/^81_[0-9a-f]{16}$/),
      product_id: "81",
      name: "Birthday T-Shirt",
      price: 35_000,
      quantity: 2,
      configuration: { colour: "Blue", size: "M" },
      line_total: 70_000,
    });
    // What kioskctl wrote is what the web channel reads: decimal strings in Redis.
    expect(await raw.hgetall(`cart:${session}:item:${shirt.item_id}`)).toMatchObject({
      price: "35000",
      quantity: "2",
    });

    const setQty = await kioskctl(["cart", "set-qty", session, shirt.item_id, "5", "--json"]);
    expect(JSON.parse(setQty.stdout)).toMatchObject({ item_count: 6, cart_total: 5 * 35_000 + 60_000 });

    const removed = await kioskctl(["cart", "remove", session, shirt.item_id]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Removed Birthday T-Shirt\./);
    expect(removed.stdout).toMatch(/Total: UGX\s60,000/);

    const cleared = await kioskctl(["cart", "clear", session, "--json"]);
    expect(JSON.parse(cleared.stdout)).toEqual({
      session_id: session,
      currency: "UGX",
      items: [],
      item_count: 0,
      cart_total: 0,
    });
  });

  it("changes and removes a web-channel line whose id has a space or ':', as the cart shows it (#14)", async () => {
    const session = `session-${randomUUID()}`;
    const itemId = "legacy:7 large";
    await raw.sadd(`cart:${session}:items`, itemId);
    await raw.hset(`cart:${session}:item:${itemId}`, {
      product_id: "42",
      name: "Balloon Bouquet",
      price: "60000",
      quantity: "1",
      configuration: "{}",
    });
    const shown = JSON.parse((await kioskctl(["cart", "show", session, "--json"])).stdout);
    expect(shown.items.map((l: { item_id: string }) => l.item_id)).toEqual([itemId]);
    const setQty = await kioskctl(["cart", "set-qty", session, itemId, "4", "--json"]);
    expect(setQty.code, setQty.stderr).toBe(0);
    expect(JSON.parse(setQty.stdout)).toMatchObject({ item_count: 4 });
    const removed = await kioskctl(["cart", "remove", session, itemId]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await raw.exists(`cart:${session}:item:${itemId}`)).toBe(0);
  });

  it("finds a cart by the reference the checkout screen shows, for the cashier", async () => {
    const session = `session-${randomUUID()}`;
    expect((await kioskctl(["cart", "add", session, "42", "--qty", "2"])).code).toBe(0);
    const reference = session.slice(-6).toUpperCase();

    const found = await kioskctl(["cart", "find", reference, "--json"]);
    expect(found.code, found.stderr).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject([
      { session_id: session, item_count: 2, cart_total: 120_000 },
    ]);
    const text = await kioskctl(["cart", "find", reference.toLowerCase()]);
    expect(text.stdout).toContain(`Session ${session}`);

    const missing = await kioskctl(["cart", "find", "ZZZZZZ"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe("kioskctl: No cart has the reference ZZZZZZ.");
  });

  it("refuses bad input with one line and a non-zero exit, writing nothing", async () => {
    const session = `session-${randomUUID()}`;
    await kioskctl(["cart", "add", session, "42"]);
    const before = await snapshotKeyspace(raw);
    const refusals: Array<[string[], number, RegExp]> = [
      [["cart", "add", "cart:*", "42"], 2, /session id/],
      [["cart", "add", session, "42", "--qty", "0"], 2, /whole number from 1 to 99/],
      [["cart", "add", session, "42", "--qty", "lots"], 2, /--qty/],
      [["cart", "add", session, "42", "--qty", "100"], 1, /at most 99/],
      [["cart", "add", session, "9999"], 1, /don't have a product/],
      [["cart", "add", session, "22", "--option", "size=3 kg"], 1, /Red Velvet Cake in 3 kg is sold out/],
      [["cart", "add", session, "81", "--option", "size"], 2, /key=value/],
      [["cart", "set-qty", session, "42_0", "2"], 1, /not in your cart/],
      [["cart", "show"], 2, /missing required argument 'session'/],
    ];
    const runs = await Promise.all(refusals.map(([args]) => kioskctl(args)));
    runs.forEach((run, i) => expectOneLineFailure(run, refusals[i]![1], refusals[i]![2]));
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("refuses option names that reach a prototype, as the WebSocket does, writing nothing (#14)", async () => {
    const session = `session-${randomUUID()}`;
    await kioskctl(["cart", "add", session, "42"]);
    const before = await snapshotKeyspace(raw);
    for (const [product, name] of [
      ["42", "__proto__"],
      ["81", "constructor"],
      ["81", "prototype"],
    ] as const) {
      const run = await kioskctl(["cart", "add", session, product, "--option", `${name}=x`]);
      expectOneLineFailure(run, 2, new RegExp(`"${name}" is not allowed`));
    }
    expect(await snapshotKeyspace(raw)).toEqual(before);
  });

  it("fails in one line when Redis is unreachable or the configuration is bad", async () => {
    const closedPort = await freePort();
    expectOneLineFailure(
      await kioskctl(["cart", "show", `session-${randomUUID()}`], {
        REDIS_URL: `redis://127.0.0.1:${closedPort}/1`,
      }),
      1,
      /Redis at redis:\/\/127\.0\.0\.1:\d+\/1 is unreachable/,
    );
    expectOneLineFailure(
      await kioskctl(["cart", "show", `session-${randomUUID()}`], { MAX_QUANTITY_PER_LINE: "lots" }),
      2,
      /Invalid configuration: MAX_QUANTITY_PER_LINE: expects a whole number/,
    );
    expectOneLineFailure(
      await kioskctl(["cart", "show", `session-${randomUUID()}`], { DATA_DIR: "kiosk-data" }),
      2,
      /Invalid configuration: DATA_DIR: expects an absolute path/,
    );
    expectOneLineFailure(
      await kioskctl(["catalog", "show", "42"], { CATALOG_PATH: path.join(workDir, "missing.json") }),
      1,
      /Cannot read the catalog/,
    );
  });

  it("doctor reports Redis, its database, the catalog and the assistant's mode", async () => {
    const run = await kioskctl(["doctor", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: true,
      redis: { ok: true, url: redis.url, database: 1, version: expect.stringMatching(/^\d+\./) },
      catalog: { ok: true, store: "Kampala Party & Gifts", currency: "UGX", products: 35 },
      assistant: { mode: "offline" },
    });
    const closedPort = await freePort();
    const down = await kioskctl(["doctor"], { REDIS_URL: `redis://127.0.0.1:${closedPort}/1` });
    expectOneLineFailure(down, 1, /doctor found a problem with Redis/);
    expect(down.stdout).toMatch(/Redis\s+FAIL/);
    expect(down.stdout).toMatch(/Catalog\s+ok/);
  });

  it("doctor masks the model server URL's password and key, as it masks Redis's (#14)", async () => {
    const env = {
      ASSISTANT_MODE: "openai",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: "https://kiosk:hunter2@llm.shop.lan/v1?api-key=s3cr3t&region=eu",
    };
    const text = await kioskctl(["doctor"], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/at https:\/\/kiosk:\*\*\*@llm\.shop\.lan\/v1\?api-key=\*\*\*&region=eu/);
    const json = await kioskctl(["doctor", "--json"], env);
    expect(JSON.parse(json.stdout).assistant.base_url).toBe(
      "https://kiosk:***@llm.shop.lan/v1?api-key=***&region=eu",
    );
    for (const run of [text, json]) expect(run.stdout + run.stderr).not.toMatch(/hunter2|s3cr3t/);
  });

  it("doctor prints the configuration's warnings: openai mode without a key runs offline", async () => {
    const run = await kioskctl(["doctor"], { ASSISTANT_MODE: "openai" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Assistant\s+offline/);
    expect(run.stdout).toMatch(/Warning\s+ASSISTANT_MODE is openai but OPENAI_API_KEY is not set/);
    const json = JSON.parse((await kioskctl(["doctor", "--json"], { ASSISTANT_MODE: "openai" })).stdout);
    expect(json.warnings).toEqual([expect.stringMatching(/runs offline/)]);
  });

  it("searches and shows the catalog", async () => {
    const search = await kioskctl(["catalog", "search", "balon", "bouquet", "--json"]);
    expect(search.code, search.stderr).toBe(0);
    const found = JSON.parse(search.stdout);
    expect(found).toMatchObject({ query: "balon bouquet", currency: "UGX" });
    expect(found.results[0]).toMatchObject({ product_id: "42", name: "Balloon Bouquet", price: 60_000 });

    const show = await kioskctl(["catalog", "show", "81"]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Birthday T-Shirt {2}\[81\]/);
    expect(show.stdout).toMatch(/81-l-pink\s+size=L colour=Pink\s+sold out\s+UGX\s35,000/);
    expectOneLineFailure(
      await kioskctl(["catalog", "show", "nope"]),
      1,
      /don't have a product with id "nope"/,
    );
  });
});

describe("kioskctl with the imported retail catalog", { timeout: 60_000 }, () => {
  let catalogPath: string;

  beforeAll(async () => {
    catalogPath = path.join(workDir, "retail", "catalog.json");
    const run = await kioskctl(["catalog", "import", retailCatalogPath, "--out", catalogPath, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ out: catalogPath, products: 50 });
  });

  it("writes a catalog with its images that kioskctl then loads", async () => {
    expect(existsSync(catalogPath)).toBe(true);
    expect(readdirSync(path.join(workDir, "retail")).length).toBeGreaterThan(1);
    const doctor = await kioskctl(["doctor", "--json"], { CATALOG_PATH: catalogPath });
    expect(JSON.parse(doctor.stdout).catalog).toMatchObject({ ok: true, currency: "USD", products: 50 });
  });

  it("adds a variant with its options and keeps cents exact", async () => {
    const env = { CATALOG_PATH: catalogPath };
    const session = `wa_2567${Date.now() % 1_000_000}`;
    const options = ["--option", "capacity=1L", "--option", "material=glass", "--option", "color=silver"];
    const added = await kioskctl(["cart", "add", session, "1075968781", "--qty", "3", ...options], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/\$411\.51/);
    const shown = JSON.parse((await kioskctl(["cart", "show", session, "--json"], env)).stdout);
    expect(shown).toMatchObject({ currency: "USD", item_count: 3, cart_total: 41_151 });
    expect(shown.items[0]).toMatchObject({ price: 13_717, line_total: 41_151 });
    expect(await raw.hget(`cart:${session}:item:${shown.items[0].item_id}`, "price")).toBe("137.17");

    const soldOut = ["--option", "capacity=2L", "--option", "material=glass", "--option", "color=silver"];
    expectOneLineFailure(
      await kioskctl(["cart", "add", session, "1075968781", ...soldOut], env),
      1,
      /sold out/,
    );
  });

  it("searches, shows, changes, removes and clears on the retail catalog, in text and JSON", async () => {
    const env = { CATALOG_PATH: catalogPath };
    const run = async (args: string[]) => {
      const result = await kioskctl(args, env);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    };
    expect(await run(["catalog", "search", "blue t-shirt size M"])).toMatch(
      /^\s*9523456873\s+T-Shirt\s+Clothing & Shoes\s+color=blue size=M\s+\$46\.66$/m,
    );
    const found = JSON.parse(await run(["catalog", "search", "yoga mat", "--json"]));
    expect(found.results[0]).toMatchObject({ product_id: "4635925001", name: "Yoga Mat" });
    expect(await run(["catalog", "show", "9523456873"])).toMatch(/color=blue size=M .*\$50\.88/);
    const shirt = JSON.parse(await run(["catalog", "show", "9523456873", "--json"]));
    expect(shirt).toMatchObject({ currency: "USD", product: { id: "9523456873", name: "T-Shirt" } });

    const session = `session-${randomUUID()}`;
    const blueM = ["--option", "color=blue", "--option", "size=M", "--option", "material=cotton"];
    await run([
      "cart",
      "add",
      session,
      "9523456873",
      "--qty",
      "2",
      ...blueM.concat(["--option", "style=crew neck"]),
    ]);
    await run([
      "cart",
      "add",
      session,
      "4635925001",
      "--option",
      "thickness=4mm",
      "--option",
      "material=PVC",
      "--option",
      "color=blue",
    ]);
    const cart = JSON.parse(await run(["cart", "show", session, "--json"]));
    const shirtLine = cart.items.find((l: { product_id: string }) => l.product_id === "9523456873");
    expect(cart).toMatchObject({ item_count: 3, cart_total: 2 * 5088 + 9253 });

    const changed = JSON.parse(await run(["cart", "set-qty", session, shirtLine.item_id, "5", "--json"]));
    expect(changed).toMatchObject({ item_count: 6, cart_total: 5 * 5088 + 9253 });
    expect(await raw.hget(`cart:${session}:item:${shirtLine.item_id}`, "quantity")).toBe("5");
    const removed = JSON.parse(await run(["cart", "remove", session, shirtLine.item_id, "--json"]));
    expect(removed).toMatchObject({ item_count: 1, cart_total: 9253 });
    const located = JSON.parse(await run(["cart", "find", session.slice(-6), "--json"]));
    expect(JSON.stringify(located)).toContain(session);
    const cleared = JSON.parse(await run(["cart", "clear", session, "--json"]));
    expect(cleared).toMatchObject({ items: [], item_count: 0, cart_total: 0 });
  });

  it("refuses a file that is not a retail catalog", async () => {
    expectOneLineFailure(
      await kioskctl(["catalog", "import", catalogPath, "--out", path.join(workDir, "again.json")]),
      2,
      /retail catalog is malformed/,
    );
    expectOneLineFailure(
      await kioskctl([
        "catalog",
        "import",
        path.join(workDir, "none.json"),
        "--out",
        path.join(workDir, "x.json"),
      ]),
      2,
      /no such file/,
    );
  });
});

describe.skipIf(!existsSync(built))("the built kioskctl (npm run build)", () => {
  it("runs from dist/cli/kioskctl.mjs through bin/kioskctl.mjs", async () => {
    const run = await kioskctl(["doctor", "--json"], {}, [path.join(root, "bin", "kioskctl.mjs")]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, redis: { database: 1 } });
  });
});
