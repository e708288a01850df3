import type { Redis } from "ioredis";
import { KioskRecordSchema, SILENT_AFTER_SECONDS, type KioskRecord } from "./kiosk-record.js";

export interface FleetMember extends KioskRecord {
  id: string;
  /** No heartbeat for SILENT_AFTER_SECONDS: crashed, frozen or cut off. */
  silent: boolean;
  seconds_since_seen: number;
}

export interface FleetList {
  members: FleetMember[];
  /** Records that could not be read (written by something else), by key. */
  unreadable: string[];
}

/** Every `kiosk:{id}` record in the shop's Redis (one SCAN: an operator's command, never a hot path). */
export async function listFleet(redis: Redis, now: Date = new Date()): Promise<FleetList> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", "kiosk:*", "COUNT", 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  const members: FleetMember[] = [];
  const unreadable: string[] = [];
  for (const key of keys.sort()) {
    const parsed = KioskRecordSchema.safeParse(await redis.hgetall(key));
    if (!parsed.success) {
      unreadable.push(key);
      continue;
    }
    const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(parsed.data.last_seen)) / 1000));
    members.push({
      id: key.slice("kiosk:".length),
      ...parsed.data,
      silent: seconds >= SILENT_AFTER_SECONDS,
      seconds_since_seen: seconds,
    });
  }
  return { members, unreadable };
}
