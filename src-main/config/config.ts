import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { QUANTITY_HARD_LIMIT } from "../../src-shared/cart.js";
import type { SentinelTarget } from "../infra/redis-target.js";

/**
 * The one place where settings are read. Every setting has an embedded default so that the app
 * runs with nothing configured; an environment variable overrides it. A bad value stops start-up
 * with a message naming the variable and what it expects; a combination that can still run (an
 * online assistant without its key) runs, and says so in `warnings`.
 */

/** The repository (or packaged app) root: two levels above this file in src-main/config or dist/*. */
export const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The app's version, from package.json (shown in the fleet list). */
export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(appRoot, "package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return "unknown";
  }
}
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

const hostPort = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
const sentinelList = z
  .string()
  .transform((list) =>
    list
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(hostPort, 'expects host:port pairs such as "10.0.0.5:26379,10.0.0.6:26379"'))
      .min(1, 'expects host:port pairs such as "10.0.0.5:26379,10.0.0.6:26379"'),
  )
  .transform((list) =>
    list.map((entry) => {
      const [, host, port] = hostPort.exec(entry)!;
      return { host: host!.replace(/^\[|\]$/g, ""), port: Number(port) };
    }),
  );

export const EnvSchema = z.object({
  /** Unset means: use 127.0.0.1:6379 database 1 if it answers, else start a private redis-server. */
  REDIS_URL: redisUrl.optional(),
  /** Redis Sentinel instead of one server: the sentinels to ask for the primary (host:port, comma-separated). */
  REDIS_SENTINELS: sentinelList.optional(),
  /** The primary's name in the sentinels' configuration. */
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "expects the name the sentinels monitor, such as mymaster")
    .default("mymaster"),
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /** The primary's and replicas' password under Sentinel (with REDIS_URL, put it in the URL). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /**
   * Replicas that must hold a cart change before it is acknowledged (Redis WAIT after each
   * mutation). 0: acknowledged once the primary has it (asynchronous replication).
   */
  REDIS_WAIT_REPLICAS: wholeNumber(0, 10).default(0),
  /** How long a mutation waits for REDIS_WAIT_REPLICAS before it is acknowledged anyway (logged). */
  REDIS_WAIT_TIMEOUT_MS: wholeNumber(1, 10_000).default(100),
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
  /** This process's name in the fleet (`kiosk:{id}`, kioskctl fleet). Unset: generated once into DATA_DIR. */
  KIOSK_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "expects 1-64 letters, digits, '_', '-' or '.', such as kiosk-entrance")
    .optional(),
  /** What this process is in the fleet: a customer kiosk or a staff counter. */
  APP_ROLE: z.enum(["kiosk", "counter"], { message: 'expects "kiosk" or "counter"' }).default("kiosk"),
  SESSION_SECRET: z.string().min(32, "expects at least 32 characters").optional(),
  /** A signed-in counter terminal signs out after this long without a request. */
  COUNTER_IDLE_TIMEOUT_SECONDS: wholeNumber(30, 24 * 3600).default(600),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  redisUrl: string | undefined;
  /** Set when REDIS_SENTINELS is: the app finds its primary through these sentinels. */
  sentinel: SentinelTarget | undefined;
  /** Replication acknowledgement of cart changes (REDIS_WAIT_REPLICAS, REDIS_WAIT_TIMEOUT_MS). */
  replication: { waitReplicas: number; waitTimeoutMs: number };
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
  fleet: { kioskId: string | undefined; role: "kiosk" | "counter" };
  counter: { idleTimeoutSeconds: number };
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
  if (e.REDIS_URL && e.REDIS_SENTINELS) {
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_SENTINELS: set either REDIS_URL (one Redis) or REDIS_SENTINELS (Redis Sentinel), not both",
    );
  }
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
    sentinel: e.REDIS_SENTINELS && {
      kind: "sentinel",
      sentinels: e.REDIS_SENTINELS,
      name: e.REDIS_SENTINEL_NAME,
      sentinelPassword: e.REDIS_SENTINEL_PASSWORD,
      password: e.REDIS_PASSWORD,
      // The web channel's database, as with REDIS_URL.
      db: 1,
    },
    replication: { waitReplicas: e.REDIS_WAIT_REPLICAS, waitTimeoutMs: e.REDIS_WAIT_TIMEOUT_MS },
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
    fleet: { kioskId: e.KIOSK_ID, role: e.APP_ROLE },
    counter: { idleTimeoutSeconds: e.COUNTER_IDLE_TIMEOUT_SECONDS },
    warnings,
  };
}
