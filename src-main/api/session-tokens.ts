import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../src-shared/errors.js";
import type { SessionId } from "../../src-shared/session.js";

/** Only the kiosk's own shape: `wa_<digits>` sessions belong to WhatsApp and are never resumed from a screen. */
const kioskSessionPattern =
  /^session-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** One message for every refusal, so a refusal tells nothing about whether that session exists. */
const refusal = "This session cannot be resumed here.";

export function resumeRefused(): AppError {
  return new AppError("forbidden", refusal);
}

/** 4 bytes of issue time (seconds) then 32 of HMAC: 36 bytes, 48 base64url characters, no padding. */
const issuedBytes = 4;
const macBytes = 32;

export interface SessionTokenOptions {
  /** How long a token opens its session (the cart's lifetime: past it there is nothing to resume). */
  maxAgeSeconds?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

/**
 * Resume tokens: the time they were issued and an HMAC-SHA256 of the session id and that time
 * under the install's secret. `session-start` hands one out with the new session;
 * `session-resume` needs it back. Without this, any WebSocket client (the Origin check stops only
 * browsers) could take over a customer's cart by naming its id. Nothing is stored: the token is
 * recomputed, so it survives restarts as long as the secret does; a token older than
 * `maxAgeSeconds` no longer opens anything, and a session the kiosk started over from is revoked
 * apart (session-revocations.ts).
 *
 * Only the canonical spelling is accepted (#14): Node's base64url decoder ignores the unused bits
 * of a last character and skips characters it does not know, so several strings decode to the
 * same bytes; the token is compared as the string this install would issue.
 */
export class SessionTokens {
  private readonly key: Buffer;
  private readonly maxAgeSeconds: number;
  private readonly now: () => number;

  constructor(secret: string | Buffer, options: SessionTokenOptions = {}) {
    this.key = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, "utf8");
    if (this.key.length < 32) throw new Error("The session secret needs at least 32 bytes.");
    this.maxAgeSeconds = options.maxAgeSeconds ?? 604_800;
    this.now = options.now ?? Date.now;
  }

  issue(sessionId: SessionId): string {
    return this.token(sessionId, Math.floor(this.now() / 1000));
  }

  /** Throws `forbidden` unless `token` was issued here for `sessionId`, a kiosk session, and has not expired. */
  verify(sessionId: string, token: string): void {
    if (!kioskSessionPattern.test(sessionId)) throw resumeRefused();
    const bytes = Buffer.from(token, "base64url");
    const issuedAt = bytes.length === issuedBytes + macBytes ? bytes.readUInt32BE(0) : 0;
    const expected = Buffer.from(this.token(sessionId, issuedAt), "utf8");
    const given = Buffer.from(token, "utf8");
    // timingSafeEqual needs equal lengths; comparing the expected value with itself keeps the time alike.
    const sameLength = given.length === expected.length;
    if (!timingSafeEqual(sameLength ? given : expected, expected) || !sameLength) throw resumeRefused();
    const age = Math.floor(this.now() / 1000) - issuedAt;
    if (age > this.maxAgeSeconds) throw resumeRefused();
  }

  private token(sessionId: string, issuedAt: number): string {
    const issued = Buffer.alloc(issuedBytes);
    issued.writeUInt32BE(issuedAt >>> 0);
    const mac = createHmac("sha256", this.key).update(issued).update(sessionId, "utf8").digest();
    return Buffer.concat([issued, mac]).toString("base64url");
  }
}
