import type { Redis } from "ioredis";
import type { AppConfig } from "../config/config.js";
import { Catalog } from "../catalog/catalog.js";
import { CartService } from "../cart/cart-service.js";
import { AssistantService } from "../assistant/assistant-service.js";
import { createRedisClient } from "../infra/redis-client.js";
import { createRequestHandlers } from "../api/request-handlers.js";
import { RequestDispatcher } from "../api/request-dispatcher.js";
import { SessionTokens } from "../api/session-tokens.js";
import type { RateLimit } from "../api/token-bucket.js";
import { ConnectionRegistry } from "../sync/connection-registry.js";
import { ConnectionStatusMonitor } from "../sync/connection-status.js";
import { CartSync } from "../sync/cart-sync.js";
import { consoleLogger, type Logger } from "../infra/logger.js";
import { loadOrCreateSessionSecret } from "./session-secret.js";
import {
  dataDirOf,
  resolveRedisUrl,
  startEmbeddedRedis,
  type EmbeddedRedis,
} from "../infra/redis-location.js";

export { resolveRedisUrl, defaultDataDir, dataDirOf } from "../infra/redis-location.js";

/** Everything the desktop app and `npm run web` run on. Built once, closed once. */
export interface Services {
  config: AppConfig;
  log: Logger;
  redisUrl: string;
  redis: Redis;
  /** Set when this process started the private redis-server (and will stop it). */
  embeddedRedis: EmbeddedRedis | undefined;
  catalog: Catalog;
  cart: CartService;
  assistant: AssistantService;
  registry: ConnectionRegistry;
  status: ConnectionStatusMonitor;
  sync: CartSync;
  /** Signs and checks the tokens that let a screen resume its session. */
  sessions: SessionTokens;
  /** The transport-agnostic API: both IPC and the WebSocket hand every request to it. */
  dispatcher: RequestDispatcher;
  close(): Promise<void>;
}

export interface CreateServicesOptions {
  log?: Logger;
  /** The conventional local Redis to try before starting one (tests point it at a closed port). */
  localRedisUrl?: string;
  /** Overrides SESSION_SECRET and the secret kept in the data folder (tests). */
  sessionSecret?: string;
  /** Overrides the per-connection chat-send limit (CHAT_RATE_LIMIT). */
  chatRateLimit?: RateLimit;
}

/**
 * The composition root: Redis (configured, local, or our own embedded server), the catalog, the
 * cart, the assistant, the live sync, and the API over them. Each piece gets its dependencies
 * passed in; nothing here is a module-level singleton. If a step fails, what was already started
 * is stopped again, so a failed start leaves no redis-server behind.
 */
export async function createServices(
  config: AppConfig,
  options: CreateServicesOptions = {},
): Promise<Services> {
  const log = options.log ?? consoleLogger;
  // The desktop app and `npm run web` both start here: what the operator should know is said once.
  for (const warning of config.warnings) log.warn(`config: ${warning}`);
  const cleanup: Array<() => Promise<unknown>> = [];
  const closeAll = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => log.error("close:", error));
    cleanup.length = 0;
  };
  try {
    const sessions = new SessionTokens(
      options.sessionSecret ?? config.sessionSecret ?? loadOrCreateSessionSecret(dataDirOf(config)),
    );
    let redisUrl = await resolveRedisUrl(config, { localUrl: options.localRedisUrl });
    let embeddedRedis: EmbeddedRedis | undefined;
    if (!redisUrl) {
      const dataDir = dataDirOf(config);
      embeddedRedis = await startEmbeddedRedis(dataDir);
      cleanup.push(() => embeddedRedis!.stop());
      redisUrl = embeddedRedis.url;
      log.info(`redis: started a private redis-server at ${redisUrl} (data in ${dataDir})`);
    }

    const catalog = await Catalog.load(config.catalogPath);
    const redis = createRedisClient(redisUrl);
    cleanup.push(() => redis.quit().catch(() => redis.disconnect()));

    const cart = new CartService({
      redis,
      catalog,
      maxQuantityPerLine: config.maxQuantityPerLine,
      ttlSeconds: config.cartTtlSeconds,
    });
    const assistant = new AssistantService({
      cart,
      catalog,
      redis,
      config: config.assistant,
      ttlSeconds: config.cartTtlSeconds,
      logger: log,
    });

    const registry = new ConnectionRegistry();
    const status = new ConnectionStatusMonitor(registry, () => assistant.status());
    cleanup.push(async () => status.stop());
    const sync = new CartSync({ redis, carts: cart, registry, status, log });
    cleanup.push(() => sync.close());
    await sync.start();
    status.start();

    const dispatcher = new RequestDispatcher(
      createRequestHandlers({
        catalog,
        cart,
        assistant,
        status,
        ui: config.ui,
        maxQuantityPerLine: config.maxQuantityPerLine,
        sessions,
        log,
        chatRateLimit: options.chatRateLimit,
      }),
      log,
    );

    return {
      config,
      log,
      redisUrl,
      redis,
      embeddedRedis,
      catalog,
      cart,
      assistant,
      registry,
      status,
      sync,
      sessions,
      dispatcher,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
