import { z } from "zod";

/**
 * The fleet's heartbeat record: every app process (kiosk or counter) keeps a `kiosk:{id}` hash in
 * the shop's Redis (database 1, beside the carts, outside the web channel's `cart:` keys), written
 * every HEARTBEAT_SECONDS with a TTL of RECORD_TTL_SECONDS and deleted on a clean stop.
 * `kioskctl fleet` lists them; one whose last_seen is older than SILENT_AFTER_SECONDS went silent
 * (crashed, frozen, off the network) and is flagged until its record expires. docs/redis-schema.md.
 */

export const HEARTBEAT_SECONDS = 15;
/** Three missed heartbeats. */
export const SILENT_AFTER_SECONDS = 45;
/** How long a silent process stays listed (flagged) before its record goes. */
export const RECORD_TTL_SECONDS = 300;

export const KioskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "a kiosk id has 1-64 letters, digits, '_', '-' or '.'");

export function kioskKey(id: string): string {
  return `kiosk:${id}`;
}

const flag = z.enum(["true", "false"]).transform((v) => v === "true");
const count = z.string().regex(/^\d+$/).transform(Number);
const iso = z.string().datetime({ offset: true });

/** The hash as stored: every field a string, as the carts' are. Parsed before use (another process wrote it). */
export const KioskRecordSchema = z.object({
  role: z.enum(["kiosk", "counter"]),
  app_version: z.string().max(64),
  host: z.string().max(255),
  pid: count,
  started_at: iso,
  last_seen: iso,
  redis: z.enum(["up", "down"]),
  assistant_mode: z.enum(["openai", "offline"]),
  assistant_reachable: flag,
  renderer_crashes: count,
  in_use: flag,
});
export type KioskRecord = z.infer<typeof KioskRecordSchema>;

export interface KioskRecordFields {
  role: "kiosk" | "counter";
  app_version: string;
  host: string;
  pid: number;
  started_at: string;
  last_seen: string;
  redis: "up" | "down";
  assistant_mode: "openai" | "offline";
  assistant_reachable: boolean;
  renderer_crashes: number;
  in_use: boolean;
}

/** The hash's fields as strings. */
export function encodeKioskRecord(fields: KioskRecordFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
}
