import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { silentLogger } from "../../src-main/infra/logger.js";
import { AssistantService } from "../../src-main/assistant/assistant-service.js";
import { CartService, type CartServiceOptions } from "../../src-main/cart/cart-service.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import type { AppConfig } from "../../src-main/config/config.js";
import { loadSampleCatalog } from "./catalogs.js";
import { startTestRedis, type TestRedis } from "./redis.js";
import { startScriptedOpenAIServer, type ScriptedOpenAIServer } from "./scripted-openai-server.js";

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

/** What the agent tests run against: a private Redis, a scripted OpenAI server and the sample catalog. */
export interface AssistantTestBed {
  redis: TestRedis;
  client: Redis;
  server: ScriptedOpenAIServer;
  catalog: Catalog;
  cart: CartService;
  close(): Promise<void>;
}

export async function startAssistantTestBed(
  cartOptions: Omit<CartServiceOptions, "redis" | "catalog"> = {},
): Promise<AssistantTestBed> {
  const [redis, server, catalog] = await Promise.all([
    startTestRedis(),
    startScriptedOpenAIServer(),
    loadSampleCatalog(),
  ]);
  const client = redis.client();
  return {
    redis,
    client,
    server,
    catalog,
    cart: new CartService({ ...cartOptions, redis: client, catalog }),
    async close() {
      await server.close();
      await redis.stop();
    },
  };
}
