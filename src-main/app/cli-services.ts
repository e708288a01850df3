import type { Redis } from "ioredis";
import { AppError } from "../../src-shared/errors.js";
import { CartService } from "../cart/cart-service.js";
import { OrderService } from "../orders/order-service.js";
import { Catalog } from "../catalog/catalog.js";
import type { AppConfig } from "../config/config.js";
import { createRedisClient, defaultRedisUrl, waitForReady } from "../infra/redis-client.js";
import { cartOptionsFrom, orderOptionsFrom } from "./service-options.js";
import { resolveRedisTarget } from "../infra/redis-location.js";
import { describeRedisTarget } from "../infra/redis-target.js";

/**
 * What a `kioskctl` command needs, built from the same configuration as the app and opened only
 * when asked for: `catalog show` never connects to Redis, `catalog import` loads no catalog.
 * `close()` releases whatever was opened, so the process can exit.
 */
export interface CliServices {
  config: AppConfig;
  catalog(): Promise<Catalog>;
  /** The connected client and its URL; rejects with `cart_unavailable` naming the URL when Redis does not answer. */
  redis(): Promise<{ client: Redis; url: string }>;
  cart(): Promise<CartService>;
  orders(): Promise<OrderService>;
  close(): Promise<void>;
}

export interface CliServicesOptions {
  /** The conventional local Redis probed when REDIS_URL is unset (tests point it elsewhere). */
  localRedisUrl?: string;
  connectTimeoutMs?: number;
}

export function createCliServices(config: AppConfig, options: CliServicesOptions = {}): CliServices {
  return new LazyCliServices(config, options);
}

class LazyCliServices implements CliServices {
  private catalogLoad: Promise<Catalog> | undefined;
  private connection: Promise<{ client: Redis; url: string }> | undefined;
  private cartService: Promise<CartService> | undefined;
  private orderService: Promise<OrderService> | undefined;
  private client: Redis | undefined;

  constructor(
    readonly config: AppConfig,
    private readonly options: CliServicesOptions,
  ) {}

  catalog(): Promise<Catalog> {
    return (this.catalogLoad ??= Catalog.load(this.config.catalogPath));
  }

  redis(): Promise<{ client: Redis; url: string }> {
    return (this.connection ??= this.connect());
  }

  cart(): Promise<CartService> {
    return (this.cartService ??= Promise.all([this.redis(), this.catalog()]).then(
      ([{ client }, catalog]) => new CartService({ redis: client, catalog, ...cartOptionsFrom(this.config) }),
    ));
  }

  orders(): Promise<OrderService> {
    return (this.orderService ??= Promise.all([this.redis(), this.catalog()]).then(
      ([{ client }, catalog]) =>
        new OrderService({ redis: client, catalog, ...orderOptionsFrom(this.config) }),
    ));
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // QUIT on a client that is not connected would only fail after the command timeout.
    if (client.status === "ready") await client.quit().catch(() => client.disconnect());
    else client.disconnect();
  }

  private async connect(): Promise<{ client: Redis; url: string }> {
    // The app's own rule (REDIS_URL, else a local Redis, else the app's embedded server), so that
    // kioskctl sees the carts the running app sees; when none answers, the default is tried and reported.
    const target =
      (await resolveRedisTarget(this.config, { localUrl: this.options.localRedisUrl })) ??
      this.options.localRedisUrl ??
      defaultRedisUrl;
    const url = describeRedisTarget(target);
    let lastError: Error | undefined;
    const client = createRedisClient(target, { onError: (error) => (lastError = error) });
    this.client = client;
    // An operator waits for one answer: the first refused connection is the answer.
    const firstError = new Promise<never>((_, reject) => client.once("error", reject));
    firstError.catch(() => {});
    try {
      await Promise.race([waitForReady(client, this.options.connectTimeoutMs ?? 2_000), firstError]);
    } catch {
      const why = lastError?.message ?? "no answer";
      throw new AppError("cart_unavailable", `Redis at ${url} is unreachable (${why}).`);
    }
    return { client, url };
  }
}
