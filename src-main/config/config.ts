import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { QUANTITY_HARD_LIMIT } from "../../src-shared/cart.js";

/**
 * The one place where settings are read. Every setting has an embedded default so that the app
 * runs with nothing configured; an environment variable overrides it. A bad value stops start-up
 * with a message naming the variable and what it expects; a combination that can still run (an
 * online assistant without its key) runs, and says so in `warnings`.
 */

/** The repository (or packaged app) root: two levels above this file in src-main/config or dist/*. */
export const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const defaultCatalogPath = path.join(appRoot, "resources", "catalog", "sample-catalog.json");

const booleanFromEnv = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    message: 'expects one of "true" or "false" (or 1/0, yes/no, on/off)',
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: "expects a whole number" })
    .int("expects a whole number")
    .min(min, `expects at least ${min}`)
    .max(max, `expects at most ${max}`);

const redisUrl = z
  .string()
  .url("expects a URL such as redis://127.0.0.1:6379/1")
  // URL.canParse first: refine also runs when .url() has already failed, and new URL() would throw.
  .refine(
    (u) => URL.canParse(u) && /^rediss?:$/.test(new URL(u).protocol),
    "expects a redis:// or rediss:// URL",
  );

export const EnvSchema = z.object({
  /** Unset means: use 127.0.0.1:6379 database 1 if it answers, else start a private redis-server. */
  REDIS_URL: redisUrl.optional(),
  CATALOG_PATH: z.string().min(1).optional(),
  MAX_QUANTITY_PER_LINE: wholeNumber(1, QUANTITY_HARD_LIMIT).default(99),
  CART_TTL_SECONDS: wholeNumber(60, 365 * 24 * 3600).default(604_800),
  ASSISTANT_MODE: z.enum(["openai", "offline"], { message: 'expects "openai" or "offline"' }).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url("expects a URL such as https://api.openai.com/v1").optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4.1-mini"),
  OPENAI_TIMEOUT_MS: wholeNumber(1_000, 300_000).default(30_000),
  CHAT_HISTORY_TURNS: wholeNumber(0, 200).default(20),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: wholeNumber(0, 65_535).default(3000),
  /** Extra origins (comma-separated, e.g. "http://kiosk-3.shop.lan:3000") allowed to open the WebSocket. */
  ALLOWED_ORIGINS: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[^/\s]+$/,
            'expects origins such as "http://kiosk-3.shop.lan:3000", comma-separated',
          ),
      ),
    )
    .optional(),
  KIOSK_MODE: booleanFromEnv.default(false),
  DEV_TOOLS: booleanFromEnv.default(false),
  IDLE_TIMEOUT_SECONDS: wholeNumber(10, 24 * 3600).default(120),
  IDLE_COUNTDOWN_SECONDS: wholeNumber(3, 300).default(15),
  /** How long orders, their indexes and the order-events stream are kept in Redis. */
  ORDER_RETENTION_DAYS: wholeNumber(1, 3650).default(90),
  /** The confirmation screen starts over by itself this long after the order is paid or left. */
  CHECKOUT_START_OVER_SECONDS: wholeNumber(5, 3600).default(60),
  /** Desktop app: the printer receipts go to (its system name); unset: the browser's print dialog. */
  RECEIPT_PRINTER: z.string().trim().min(1).max(200).optional(),
  /** Where the embedded redis-server and the session secret live; one folder for desktop, web and kioskctl. */
  DATA_DIR: z.string().min(1).optional(),
  /**
   * Signs the tokens that let a screen resume its session. Unset: a random secret generated once
   * and kept in DATA_DIR. Set it to share resumable sessions between several app instances.
   */
  SESSION_SECRET: z.string().min(32, "expects at least 32 characters").optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  redisUrl: string | undefined;
  catalogPath: string;
  maxQuantityPerLine: number;
  cartTtlSeconds: number;
  orderRetentionDays: number;
  receiptPrinter: string | undefined;
  assistant: {
    mode: "openai" | "offline";
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
    timeoutMs: number;
    historyTurns: number;
  };
  server: { host: string; port: number; allowedOrigins?: string[] };
  ui: {
    kioskMode: boolean;
    devTools: boolean;
    idleTimeoutSeconds: number;
    idleCountdownSeconds: number;
    checkoutStartOverSeconds: number;
  };
  dataDir: string | undefined;
  sessionSecret: string | undefined;
  /** What an operator should know: the app starts anyway (logged at start, shown by `kioskctl doctor`). */
  warnings: string[];
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads settings from `env` (process.env by default). Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = EnvSchema.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const warnings: string[] = [];
  let mode = e.ASSISTANT_MODE ?? (e.OPENAI_API_KEY ? "openai" : "offline");
  if (mode === "openai" && !e.OPENAI_API_KEY) {
    // Issue 2: without a key the assistant is offline. A kiosk must still open for customers.
    mode = "offline";
    warnings.push(
      "ASSISTANT_MODE is openai but OPENAI_API_KEY is not set: the assistant runs offline until a key is configured.",
    );
  }
  return {
    redisUrl: e.REDIS_URL,
    catalogPath: path.resolve(e.CATALOG_PATH ?? defaultCatalogPath),
    maxQuantityPerLine: e.MAX_QUANTITY_PER_LINE,
    cartTtlSeconds: e.CART_TTL_SECONDS,
    orderRetentionDays: e.ORDER_RETENTION_DAYS,
    receiptPrinter: e.RECEIPT_PRINTER,
    assistant: {
      mode,
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      historyTurns: e.CHAT_HISTORY_TURNS,
    },
    server: { host: e.HOST, port: e.PORT, allowedOrigins: e.ALLOWED_ORIGINS },
    ui: {
      kioskMode: e.KIOSK_MODE,
      devTools: e.DEV_TOOLS,
      idleTimeoutSeconds: e.IDLE_TIMEOUT_SECONDS,
      idleCountdownSeconds: e.IDLE_COUNTDOWN_SECONDS,
      checkoutStartOverSeconds: e.CHECKOUT_START_OVER_SECONDS,
    },
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET,
    warnings,
  };
}
