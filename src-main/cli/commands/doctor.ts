import type { Command } from "commander";
import { redactUrl } from "../../infra/redis-target.js";
import { askSentinels, type SentinelAnswer } from "../../infra/sentinel-probe.js";
import { withJsonOption, type CliContext } from "../cli-context.js";

/** `kioskctl doctor`: is this kiosk able to work? Redis, its database, the catalog, the assistant's mode. */

interface RedisCheck {
  ok: boolean;
  url?: string;
  database?: number;
  version?: string;
  keyspace_events?: string;
  /** The server this client reached (host:port) and its replication role. */
  reached?: string;
  role?: string;
  /** Under Sentinel: the monitored name and what each configured sentinel says. */
  sentinel?: { name: string; sentinels: SentinelAnswer[] };
  error?: string;
}

interface CatalogCheck {
  ok: boolean;
  path: string;
  store?: string;
  currency?: string;
  products?: number;
  categories?: number;
  error?: string;
}

export function register(program: Command, context: CliContext): void {
  withJsonOption(
    program.command("doctor").description("check Redis, the catalog and the assistant's configuration"),
    "{ok, redis: {ok, url, database, version, keyspace_events, reached, role, sentinel?: {name, sentinels: " +
      "[{sentinel, ok, primary?, error?}]}, error?}, catalog: {ok, path, store, currency, " +
      "products, categories, error?}, assistant: {mode, model, base_url}, warnings: [text]}. Exits 1 when a check fails.",
  ).action(async (options: { json?: boolean }) => {
    const services = context.services();
    const { config } = services;
    const [redis, catalog] = await Promise.all([checkRedis(context), checkCatalog(context)]);
    const assistant = {
      mode: config.assistant.mode,
      model: config.assistant.mode === "openai" ? config.assistant.model : null,
      base_url:
        config.assistant.mode === "openai"
          ? redactUrl(config.assistant.baseUrl ?? "https://api.openai.com/v1")
          : null,
    };
    const ok = redis.ok && catalog.ok;

    const mark = (pass: boolean) => (pass ? "ok  " : "FAIL");
    const text = [
      `Redis      ${mark(redis.ok)}  ${
        redis.ok
          ? `${redis.url} (database ${redis.database}, Redis ${redis.version}, keyspace events "${redis.keyspace_events ?? "unknown"}")`
          : redis.error
      }`,
      ...(redis.reached ? [`           reached ${redis.reached} (${redis.role})`] : []),
      ...(redis.sentinel?.sentinels ?? []).map(
        (s) =>
          `Sentinel   ${mark(s.ok)}  ${s.sentinel}: ${s.ok ? `primary "${redis.sentinel!.name}" at ${s.primary}` : s.error}`,
      ),
      `Catalog    ${mark(catalog.ok)}  ${
        catalog.ok
          ? `${catalog.store}: ${catalog.products} products in ${catalog.categories} categories, ${catalog.currency} (${catalog.path})`
          : catalog.error
      }`,
      `Assistant  ${
        assistant.mode === "openai"
          ? `openai, model ${assistant.model} at ${assistant.base_url}`
          : "offline (set OPENAI_API_KEY for the language model)"
      }`,
      // Settings the app starts with anyway, but not as the operator probably meant.
      ...config.warnings.map((warning) => `Warning    ${warning}`),
    ].join("\n");
    context.print(options, { json: { ok, redis, catalog, assistant, warnings: config.warnings }, text });
    if (!ok) {
      const failed = [!redis.ok && "Redis", !catalog.ok && "the catalog"].filter(Boolean).join(" and ");
      throw new Error(`doctor found a problem with ${failed}.`);
    }
  });
}

async function checkRedis(context: CliContext): Promise<RedisCheck> {
  const target = context.services().config.sentinel;
  const sentinel = target && { name: target.name, sentinels: await askSentinels(target) };
  try {
    const { client, url } = await context.services().redis();
    const info = await client.info("server");
    const version = /redis_version:(\S+)/.exec(info)?.[1];
    // Managed Redis services often forbid CONFIG: then the setting is simply unknown.
    const events = await client.config("GET", "notify-keyspace-events").then(
      (reply) => (reply as string[])[1],
      () => undefined,
    );
    const role = /role:(\w+)/.exec(await client.info("replication"))?.[1];
    const stream = (client as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
    return {
      ok: true,
      url,
      database: client.options.db ?? 0,
      version,
      keyspace_events: events,
      reached: stream?.remoteAddress ? `${stream.remoteAddress}:${stream.remotePort}` : undefined,
      role,
      sentinel,
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message, sentinel };
  }
}

async function checkCatalog(context: CliContext): Promise<CatalogCheck> {
  const path = context.services().config.catalogPath;
  try {
    const catalog = await context.services().catalog();
    return {
      ok: true,
      path,
      store: catalog.store.name,
      currency: catalog.store.currency,
      products: catalog.allProducts().length,
      categories: catalog.categories().length,
    };
  } catch (error) {
    return { ok: false, path, error: (error as Error).message };
  }
}
