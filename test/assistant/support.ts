import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { silentLogger } from "../../src-main/app/logger.js";
import { AssistantService } from "../../src-main/assistant/assistant-service.js";
import type { CartService } from "../../src-main/cart/cart-service.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import type { AppConfig } from "../../src-main/config/config.js";

/** Helpers shared by the assistant's test files. */

export const newSession = () => `session-${randomUUID()}`;

export const offlineConfig: AppConfig["assistant"] = {
  mode: "offline",
  apiKey: undefined,
  baseUrl: undefined,
  model: "gpt-4.1-mini",
  timeoutMs: 5_000,
  historyTurns: 20,
};

export function openaiConfig(
  baseUrl: string,
  overrides: Partial<AppConfig["assistant"]> = {},
): AppConfig["assistant"] {
  return { ...offlineConfig, mode: "openai", apiKey: "sk-test", baseUrl, model: "gpt-test", ...overrides };
}

export function makeAssistant(
  deps: { cart: CartService; catalog: Catalog; redis: Redis },
  config: AppConfig["assistant"],
): AssistantService {
  return new AssistantService({ ...deps, config, logger: silentLogger });
}

/** Every key of the database with its contents (lists, hashes, sets), to prove what was not written. */
export async function snapshot(redis: Redis, pattern = "*"): Promise<Record<string, unknown>> {
  const keys = (await redis.keys(pattern)).sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const type = await redis.type(key);
    out[key] =
      type === "hash"
        ? await redis.hgetall(key)
        : type === "set"
          ? (await redis.smembers(key)).sort()
          : type === "list"
            ? await redis.lrange(key, 0, -1)
            : await redis.get(key);
  }
  return out;
}
