import type { Redis } from "ioredis";
import type { AppConfig } from "../config/config.js";
import { Catalog } from "../catalog/catalog.js";
import { CartService } from "../cart/cart-service.js";
import { AssistantService } from "../assistant/assistant-service.js";
import { OrderService } from "../orders/order-service.js";
import { createRedisClient } from "../infra/redis-client.js";
import { RedisHealthCheck } from "../infra/redis-health.js";
import { createRequestHandlers } from "../api/request-handlers.js";
import { RequestDispatcher } from "../api/request-dispatcher.js";
import { SessionTokens } from "../api/session-tokens.js";
import type { RateLimit } from "../api/token-bucket.js";
import { ConnectionRegistry } from "../sync/connection-registry.js";
import { ConnectionStatusMonitor } from "../sync/connection-status.js";
import { CartSync, type CartSyncOptions } from "../sync/cart-sync.js";
import { OrderSync } from "../sync/order-sync.js";
import { consoleLogger, type Logger } from "../infra/logger.js";
import { loadOrCreateSessionSecret } from "./session-secret.js";
import { Heartbeat } from "../fleet/heartbeat.js";
import { loadOrCreateKioskId } from "../fleet/kiosk-id.js";
import { appVersion } from "../config/config.js";
import {
  dataDirOf,
  resolveRedisTarget,
  startEmbeddedRedis,
  type EmbeddedRedis,
} from "../infra/redis-location.js";
import { describeRedisTarget } from "../infra/redis-target.js";
import { CartReferenceIndex } from "../cart/cart-reference-index.js";
import { CounterTerminal } from "../counter/counter-terminal.js";
import { StaffAudit } from "../staff/staff-audit.js";
import { StaffStore } from "../staff/staff-store.js";

export { resolveRedisUrl, defaultDataDir, dataDirOf } from "../infra/redis-location.js";

/** Everything the desktop app and `npm run web` run on. Built once, closed once. */
export interface Services {
  config: AppConfig;
  log: Logger;
  /** Where Redis is, as people read it (a URL, or `sentinel://name@host:port,.../1`; no passwords). */
  redisUrl: string;
  redis: Redis;
  /** Set when this process started the private redis-server (and will stop it). */
  embeddedRedis: EmbeddedRedis | undefined;
  catalog: Catalog;
  cart: CartService;
  orders: OrderService;
  assistant: AssistantService;
  registry: ConnectionRegistry;
  status: ConnectionStatusMonitor;
  sync: CartSync;
  /** Signs and checks the tokens that let a screen resume its session. */
  sessions: SessionTokens;
  /** This process's record in the fleet (`kiosk:{id}`); the Electron shell reports renderer crashes to it. */
  heartbeat: Heartbeat;
  /** The transport-agnostic API: both IPC and the WebSocket hand every request to it. */
  dispatcher: RequestDispatcher;
  /** The counter terminal's side: its own gate, screens and order queue (src-main/counter/). */
  counter: CounterTerminal;
  staff: StaffStore;
  audit: StaffAudit;
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
  /** Forces the live sync's mechanism (tests and `npm run bench sync` measure each). */
  syncMechanism?: CartSyncOptions["mechanism"];
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
    let target = await resolveRedisTarget(config, { localUrl: options.localRedisUrl });
    let embeddedRedis: EmbeddedRedis | undefined;
    if (!target) {
      const dataDir = dataDirOf(config);
      embeddedRedis = await startEmbeddedRedis(dataDir);
      cleanup.push(() => embeddedRedis!.stop());
      target = embeddedRedis.url;
      log.info(`redis: started a private redis-server at ${target} (data in ${dataDir})`);
    }
    const redisUrl = describeRedisTarget(target);

    const catalog = await Catalog.load(config.catalogPath);
    const redis = createRedisClient(target);
    cleanup.push(() => redis.quit().catch(() => redis.disconnect()));

    const cart = new CartService({
      redis,
      catalog,
      maxQuantityPerLine: config.maxQuantityPerLine,
      ttlSeconds: config.cartTtlSeconds,
      replication: config.replication,
    });
    const orders = new OrderService({
      redis,
      catalog,
      maxQuantityPerLine: config.maxQuantityPerLine,
      cartTtlSeconds: config.cartTtlSeconds,
      retentionDays: config.orderRetentionDays,
      onInvalidOrder: (orderId, reason) => log.warn(`orders: order ${orderId} cannot be read: ${reason}`),
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
    const sync = new CartSync({
      redis,
      carts: cart,
      registry,
      status,
      log,
      mechanism: options.syncMechanism,
    });
    cleanup.push(() => sync.close());
    await sync.start();
    status.start();
    const health = new RedisHealthCheck({
      redis,
      onChange: (answering) => {
        status.setRedisAnswering(answering);
        if (answering) log.info("redis: answering again");
        else log.warn("redis: connected but not answering (PING past its deadline); reported as down");
      },
    });
    health.start();
    cleanup.push(async () => health.stop());

    const kioskId = config.fleet.kioskId ?? loadOrCreateKioskId(dataDirOf(config));
    const heartbeat = new Heartbeat({
      redis,
      id: kioskId,
      role: config.fleet.role,
      appVersion: appVersion(),
      sources: {
        redis: () => status.get().redis,
        assistant: () => assistant.status(),
        inUse: () => registry.watchedSessions().length > 0,
      },
      log,
    });
    heartbeat.start();
    cleanup.push(() => heartbeat.stop());
    const orderSync = new OrderSync({ redis, orders, registry, log });
    cleanup.push(() => orderSync.close());
    await orderSync.start();

    const references = new CartReferenceIndex(redis, config.cartTtlSeconds);
    const staff = new StaffStore(redis);
    const audit = new StaffAudit({ redis, retentionSeconds: orders.retentionSeconds, log });
    const counter = new CounterTerminal({
      redis,
      registry,
      catalog,
      cart,
      orders,
      staff,
      audit,
      references,
      status,
      idleTimeoutSeconds: config.counter.idleTimeoutSeconds,
      receiptPrinter: config.receiptPrinter,
      terminalName: kioskId,
      log,
    });
    cleanup.push(() => counter.close());
    await counter.start();

    const dispatcher = new RequestDispatcher(
      createRequestHandlers({
        catalog,
        references,
        cart,
        orders,
        assistant,
        status,
        ui: config.ui,
        receiptPrinter: config.receiptPrinter,
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
      orders,
      assistant,
      registry,
      status,
      sync,
      sessions,
      heartbeat,
      dispatcher,
      counter,
      staff,
      audit,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
