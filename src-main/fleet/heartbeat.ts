import os from "node:os";
import type { Redis } from "ioredis";
import type { Logger } from "../infra/logger.js";
import {
  encodeKioskRecord,
  HEARTBEAT_SECONDS,
  kioskKey,
  RECORD_TTL_SECONDS,
  type KioskRecordFields,
} from "./kiosk-record.js";

/** What the heartbeat reads from the running app at each beat. */
export interface HeartbeatSources {
  redis: () => "up" | "down";
  assistant: () => { mode: "openai" | "offline"; reachable: boolean };
  /** Whether a screen of this process shows a customer's session now. */
  inUse: () => boolean;
}

export interface HeartbeatOptions {
  redis: Redis;
  id: string;
  role: "kiosk" | "counter";
  appVersion: string;
  sources: HeartbeatSources;
  log: Logger;
  intervalMs?: number;
  clock?: () => Date;
}

/**
 * Announces this process to the fleet (kiosk-record.ts): one HSET + EXPIRE per beat, in one
 * MULTI so a record never lacks its TTL. A beat that fails (Redis away) is simply skipped: the
 * record then ages and `kioskctl fleet` flags the process as silent, which is the truth as far as
 * the shop's Redis knows. stop() deletes the record, so a clean stop leaves no ghost.
 */
export class Heartbeat {
  private readonly startedAt: string;
  private readonly clock: () => Date;
  private timer: ReturnType<typeof setInterval> | undefined;
  private crashes = 0;

  constructor(private readonly options: HeartbeatOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.startedAt = this.clock().toISOString();
  }

  /** The Electron shell reports each renderer crash (crash-recovery.ts). */
  rendererCrashed(): void {
    this.crashes++;
    void this.beat();
  }

  start(): void {
    void this.beat();
    this.timer ??= setInterval(() => void this.beat(), this.options.intervalMs ?? HEARTBEAT_SECONDS * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.options.redis.del(kioskKey(this.options.id)).catch(() => {});
  }

  /** Writes the record now; resolves false when Redis did not take it. */
  async beat(): Promise<boolean> {
    const { sources } = this.options;
    const assistant = sources.assistant();
    const fields: KioskRecordFields = {
      role: this.options.role,
      app_version: this.options.appVersion,
      host: os.hostname(),
      pid: process.pid,
      started_at: this.startedAt,
      last_seen: this.clock().toISOString(),
      redis: sources.redis(),
      assistant_mode: assistant.mode,
      assistant_reachable: assistant.reachable,
      renderer_crashes: this.crashes,
      in_use: sources.inUse(),
    };
    const key = kioskKey(this.options.id);
    try {
      await this.options.redis
        .multi()
        .hset(key, encodeKioskRecord(fields))
        .expire(key, RECORD_TTL_SECONDS)
        .exec();
      return true;
    } catch {
      return false;
    }
  }
}
