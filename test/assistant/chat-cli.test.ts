import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AssistantReplySchema, type AssistantReply, type CartAction } from "../../src-shared/assistant.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { importRetailCatalog, writeCatalog } from "../../src-main/catalog/import-retail.js";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { retailCatalogPath } from "../kit/catalogs.js";
import { runKioskctl } from "../kit/kioskctl-process.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { startScriptedOpenAIServer, type ScriptedOpenAIServer } from "../kit/scripted-openai-server.js";
import { newSession } from "../kit/assistant-rig.js";

/**
 * `kioskctl chat` as staff (or a script) run it: a separate process, configured only by its
 * environment, against a real Redis, in offline mode and against an OpenAI-compatible server, on
 * both catalogs.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const source = path.join(root, "src-main", "cli", "kioskctl.ts");
const built = path.join(root, "dist", "cli", "kioskctl.mjs");

/** Newest modification time of the sources the CLI is built from. */
function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs;
    }),
  );
}

/**
 * The built CLI when it is up to date (`npm test` builds first; starting it takes a third of the
 * time), else the sources through tsx, so a stale build is never what gets tested.
 */
const entry =
  existsSync(built) &&
  statSync(built).mtimeMs >
    Math.max(newestSource(path.join(root, "src-main")), newestSource(path.join(root, "src-shared")))
    ? [built]
    : ["--import", "tsx", source];

let redis: TestRedis;
let client: Redis;
let server: ScriptedOpenAIServer;
let workDir: string;
let retailPath: string;

const kioskctl = (args: string[], env: Record<string, string> = {}) =>
  runKioskctl(entry, args, { REDIS_URL: redis.url, ...env });

async function chat(session: string, message: string, env: Record<string, string>): Promise<AssistantReply> {
  const run = await kioskctl(["chat", session, message, "--json"], env);
  expect(run.code, run.stderr).toBe(0);
  return AssistantReplySchema.parse(JSON.parse(run.stdout));
}

async function cartOf(session: string, catalogPath: string) {
  const cart = new CartService({ redis: client, catalog: await Catalog.load(catalogPath) });
  return (await cart.getCart(session)).items.map((l) => ({
    name: l.name,
    quantity: l.quantity,
    configuration: l.configuration,
  }));
}

beforeAll(async () => {
  [redis, server] = await Promise.all([startTestRedis(), startScriptedOpenAIServer()]);
  client = redis.client();
  workDir = mkdtempSync(path.join(os.tmpdir(), "kioskctl-chat-"));
  retailPath = path.join(workDir, "retail", "catalog.json");
  await writeCatalog(importRetailCatalog(JSON.parse(readFileSync(retailCatalogPath, "utf8"))), retailPath);
});

afterAll(async () => {
  await server?.close();
  await redis?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

beforeEach(() => server.reset());

// Each turn is a new process (about 2-4 s under load): allow a whole conversation per test.
const conversationTimeout = 90_000;

describe("kioskctl chat, offline", () => {
  it(
    'adds, changes and removes lines on the sample catalog ("I want 2 balloon bouquets")',
    { timeout: conversationTimeout },
    async () => {
      const session = newSession();
      const env = { ASSISTANT_MODE: "offline" };
      const added = await chat(session, "I want 2 balloon bouquets", env);
      expect(added.metadata).toMatchObject({ mode: "offline", tools_used: ["add_to_cart"] });
      expect(added.content).toMatch(/^\(Offline mode\) Added 2 × Balloon Bouquet/);
      const action = added.metadata.action as CartAction;
      expect(action).toMatchObject({
        type: "item_added",
        cart_total: 120000,
        item_count: 2,
        currency: "UGX",
      });
      expect(await cartOf(session, defaultCatalogPath)).toEqual([
        { name: "Balloon Bouquet", quantity: 2, configuration: {} },
      ]);

      await chat(session, "make the balloon bouquets 3", env);
      expect(await cartOf(session, defaultCatalogPath)).toEqual([
        { name: "Balloon Bouquet", quantity: 3, configuration: {} },
      ]);
      const removed = await chat(session, "remove the balloon bouquets", env);
      expect(removed.metadata.action?.type).toBe("item_removed");
      expect(await cartOf(session, defaultCatalogPath)).toEqual([]);
    },
  );

  it(
    "adds, changes and removes lines on the imported retail catalog, across turns",
    { timeout: conversationTimeout },
    async () => {
      const session = newSession();
      const env = { ASSISTANT_MODE: "offline", CATALOG_PATH: retailPath };
      const asked = await chat(session, "I want a t-shirt", env);
      expect(asked.content).toMatch(/Which T-Shirt/);
      // The question is remembered in Redis between two processes.
      await chat(session, "blue, size M", env);
      const tshirt = { color: "blue", size: "M", material: "cotton", style: "crew neck" };
      expect(await cartOf(session, retailPath)).toEqual([
        { name: "T-Shirt", quantity: 1, configuration: tshirt },
      ]);
      await chat(session, "make the t-shirt 4", env);
      expect(await cartOf(session, retailPath)).toEqual([
        { name: "T-Shirt", quantity: 4, configuration: tshirt },
      ]);
      await chat(session, "remove the t-shirt", env);
      expect(await cartOf(session, retailPath)).toEqual([]);
    },
  );

  it("prints the reply for people without --json", { timeout: conversationTimeout }, async () => {
    const run = await kioskctl(["chat", newSession(), "add a party hat"], { ASSISTANT_MODE: "offline" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\(Offline mode\) Added 1 × Party Hats.*\n\[cart: 1 item, UGX\s12,000\]\n$/s);
  });

  it(
    "fails with one line for a bad session id, and writes nothing",
    { timeout: conversationTimeout },
    async () => {
      const before = await client.dbsize();
      const run = await kioskctl(["chat", "cart:*", "hello", "--json"], { ASSISTANT_MODE: "offline" });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^kioskctl: Invalid session id: [^\n]+\n$/);
      expect(await client.dbsize()).toBe(before);
    },
  );
});

describe("kioskctl chat, with an OpenAI-compatible server", () => {
  const openai = () => ({
    ASSISTANT_MODE: "openai",
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: server.baseUrl,
  });

  it(
    "runs the agent against OPENAI_BASE_URL on the sample catalog",
    { timeout: conversationTimeout },
    async () => {
      const session = newSession();
      server.script(
        { toolCalls: [{ name: "search_products", arguments: { query: "balloon bouquets" } }] },
        { toolCalls: [{ name: "add_to_cart", arguments: { product_id: "42", quantity: 2 } }] },
        { content: "Added 2 Balloon Bouquets." },
      );
      const reply = await chat(session, "I want 2 balloon bouquets", openai());
      expect(reply).toMatchObject({
        content: "Added 2 Balloon Bouquets.",
        metadata: { mode: "openai", tools_used: ["search_products", "add_to_cart"] },
      });
      expect(server.requests).toHaveLength(3);
      expect(server.requests[0]!.headers.authorization).toBe("Bearer sk-test");
      expect(await cartOf(session, defaultCatalogPath)).toEqual([
        { name: "Balloon Bouquet", quantity: 2, configuration: {} },
      ]);

      server.script(
        { toolCalls: [{ name: "update_quantity", arguments: { product_id: "42", quantity: 1 } }] },
        { content: "Now 1." },
      );
      await chat(session, "only one please", openai());
      expect(await cartOf(session, defaultCatalogPath)).toEqual([
        { name: "Balloon Bouquet", quantity: 1, configuration: {} },
      ]);
    },
  );

  it("adds a variant and removes it on the retail catalog", { timeout: conversationTimeout }, async () => {
    const session = newSession();
    const catalog = await Catalog.load(retailPath);
    const tshirt = catalog.allProducts().find((p) => p.name === "T-Shirt")!;
    const options = { color: "blue", size: "M", material: "cotton", style: "crew neck" };
    server.script(
      { toolCalls: [{ name: "add_to_cart", arguments: { product_id: tshirt.id, quantity: 2, options } }] },
      { content: "Added." },
    );
    const added = await chat(session, "2 blue t-shirts, M, cotton, crew neck", {
      ...openai(),
      CATALOG_PATH: retailPath,
    });
    const line = (added.metadata.action as CartAction).cart_items[0]!;
    expect(line).toMatchObject({ name: "T-Shirt", quantity: 2, price: 5088, configuration: options });

    server.script(
      { toolCalls: [{ name: "remove_from_cart", arguments: { item_id: line.item_id } }] },
      { content: "Removed." },
    );
    await chat(session, "remove them", { ...openai(), CATALOG_PATH: retailPath });
    expect(await cartOf(session, retailPath)).toEqual([]);
  });

  it("answers offline, and says so, when the server fails", { timeout: conversationTimeout }, async () => {
    const session = newSession();
    server.setResponder(() => ({ fail: "500" }));
    const run = await kioskctl(["chat", session, "I want 2 balloon bouquets", "--json"], openai());
    expect(run.code).toBe(0);
    const reply = AssistantReplySchema.parse(JSON.parse(run.stdout));
    expect(reply.metadata.mode).toBe("offline");
    expect(run.stderr).toMatch(/^kioskctl: assistant: the model failed \(HTTP 500\); answering offline\n$/);
    expect(await cartOf(session, defaultCatalogPath)).toEqual([
      { name: "Balloon Bouquet", quantity: 2, configuration: {} },
    ]);
  });
});
