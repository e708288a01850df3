import type { CartServiceOptions } from "../cart/cart-service.js";
import type { AppConfig } from "../config/config.js";
import type { OrderServiceOptions } from "../orders/order-service.js";

/**
 * What the configuration says about the cart and order services, for both composition roots (the
 * app's services and kioskctl's), so that a setting such as REDIS_WAIT_REPLICAS reaches every
 * writer the same way.
 */
export const cartOptionsFrom = (config: AppConfig) =>
  ({
    maxQuantityPerLine: config.maxQuantityPerLine,
    ttlSeconds: config.cartTtlSeconds,
    replication: config.replication,
  }) satisfies Partial<CartServiceOptions>;

export const orderOptionsFrom = (config: AppConfig) =>
  ({
    maxQuantityPerLine: config.maxQuantityPerLine,
    cartTtlSeconds: config.cartTtlSeconds,
    retentionDays: config.orderRetentionDays,
    replication: config.replication,
  }) satisfies Partial<OrderServiceOptions>;
