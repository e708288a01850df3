import type { Redis } from "ioredis";
import { isoTimestamp } from "../cart/cart-service.js";
import type { Logger } from "../infra/logger.js";

/**
 * The `staff-audit` stream: one entry per staff action (sign-in, failed sign-in, lockout,
 * sign-out, payment, status change, cancellation, cart edit, order placed for a customer, and
 * kioskctl's staff changes), with who, which terminal, what, which order or cart, and when.
 * Entries older than the order retention are trimmed as new ones arrive (XADD MINID), like
 * `order-events`. Layout: docs/redis-schema.md ("Staff").
 */

export const STAFF_AUDIT_STREAM = "staff-audit";

export const auditActions = [
  "sign-in",
  "sign-in-failed",
  "sign-in-locked",
  "sign-out",
  "idle-sign-out",
  "payment",
  "ready",
  "collected",
  "delivered",
  "cancel",
  "cart-add",
  "cart-set-quantity",
  "cart-remove",
  "order-place",
  "receipt-print",
  "staff-add",
  "staff-remove",
  "staff-set-pin",
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  action: AuditAction;
  /** The member of staff (as typed at a failed sign-in); "kioskctl" for the command line's own changes. */
  staff: string;
  role?: string;
  terminal: string;
  order?: string;
  /** The cart's session id. */
  cart?: string;
  /** "ok", or "refused" with the refusal's message in `detail`. */
  outcome: "ok" | "refused";
  detail?: string;
}

export interface StaffAuditOptions {
  redis: Redis;
  retentionSeconds: number;
  log: Logger;
  clock?: () => Date;
}

export class StaffAudit {
  private readonly clock: () => Date;

  constructor(private readonly options: StaffAuditOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Appends one entry. An action already done is not undone when its audit entry cannot be
   * written (Redis went away between the two): that is logged, so the log still has it.
   */
  async record(entry: AuditEntry): Promise<void> {
    const now = this.clock();
    const fields: string[] = ["at", isoTimestamp(now)];
    for (const [key, value] of Object.entries(entry)) {
      if (value !== undefined) fields.push(key, String(value));
    }
    const minId = String(Math.max(0, now.getTime() - this.options.retentionSeconds * 1000));
    try {
      await this.options.redis.xadd(STAFF_AUDIT_STREAM, "MINID", "~", minId, "*", ...fields);
    } catch (error) {
      this.options.log.warn(`staff audit: could not record ${fields.join(" ")}`, error);
    }
  }
}

/** Reads the stream back (kioskctl, tests): newest last. */
export async function readAudit(redis: Redis, count = 1000): Promise<Array<Record<string, string>>> {
  const entries = await redis.xrevrange(STAFF_AUDIT_STREAM, "+", "-", "COUNT", count);
  return entries.reverse().map(([id, flat]) => {
    const record: Record<string, string> = { id };
    for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
    return record;
  });
}
