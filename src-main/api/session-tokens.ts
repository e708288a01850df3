import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../src-shared/errors.js";
import type { SessionId } from "../../src-shared/session.js";

/** Only the kiosk's own shape: `wa_<digits>` sessions belong to WhatsApp and are never resumed from a screen. */
const kioskSessionPattern =
  /^session-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** One message for every refusal, so a refusal tells nothing about whether that session exists. */
const refusal = "This session cannot be resumed here.";

/**
 * Resume tokens: an HMAC-SHA256 of the session id under the install's secret. `session-start`
 * hands one out with the new session; `session-resume` needs it back. Without this, any WebSocket
 * client (the Origin check stops only browsers) could take over a customer's cart by naming its
 * id. Nothing is stored: the token is recomputed, so it survives restarts as long as the secret does.
 */
export class SessionTokens {
  private readonly key: Buffer;

  constructor(secret: string | Buffer) {
    this.key = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, "utf8");
    if (this.key.length < 32) throw new Error("The session secret needs at least 32 bytes.");
  }

  issue(sessionId: SessionId): string {
    return this.mac(sessionId).toString("base64url");
  }

  /** Throws `forbidden` unless `token` was issued here for `sessionId`, a kiosk session. */
  verify(sessionId: string, token: string): void {
    if (!kioskSessionPattern.test(sessionId)) throw new AppError("forbidden", refusal);
    const expected = this.mac(sessionId);
    const given = Buffer.from(token, "base64url");
    // timingSafeEqual needs equal lengths; comparing the expected value with itself keeps the time alike.
    const sameLength = given.length === expected.length;
    if (!timingSafeEqual(sameLength ? given : expected, expected) || !sameLength) {
      throw new AppError("forbidden", refusal);
    }
  }

  private mac(sessionId: string): Buffer {
    return createHmac("sha256", this.key).update(sessionId, "utf8").digest();
  }
}
