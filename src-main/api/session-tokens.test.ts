import { describe, expect, it } from "vitest";
import { AppError } from "../../src-shared/errors.js";
import { SessionTokens } from "./session-tokens.js";

const sessionA = "session-11111111-2222-4333-8444-555555555555";
const sessionB = "session-99999999-8888-4777-8666-555555555555";
const tokens = new SessionTokens("x".repeat(32));

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

describe("session resume tokens", () => {
  it("accepts the token issued for a session, again and again (nothing is stored)", () => {
    const token = tokens.issue(sessionA);
    expect(token).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(() => tokens.verify(sessionA, token)).not.toThrow();
    expect(() => new SessionTokens("x".repeat(32)).verify(sessionA, token)).not.toThrow();
  });

  it("refuses another session's token, a wrong or truncated token, another install's token and WhatsApp ids, all with the same words", () => {
    const token = tokens.issue(sessionA);
    const refusals = [
      refusal(() => tokens.verify(sessionB, token)),
      refusal(() => tokens.verify(sessionA, tokens.issue(sessionB))),
      refusal(() => tokens.verify(sessionA, token.slice(0, -1))),
      refusal(() => tokens.verify(sessionA, "A".repeat(43))),
      refusal(() => tokens.verify(sessionA, "")),
      refusal(() => new SessionTokens("y".repeat(32)).verify(sessionA, token)),
      refusal(() => tokens.verify("wa_256701618576", tokens.issue("wa_256701618576"))),
    ];
    for (const error of refusals) {
      expect(error).toBeInstanceOf(AppError);
      expect(error.toJSON()).toEqual({ code: "forbidden", message: "This session cannot be resumed here." });
    }
  });

  it("accepts only the token's own spelling, not other strings that decode to the same bytes (#14)", () => {
    const token = tokens.issue(sessionA);
    const variants = [
      // Node's decoder ignores characters it does not know and a last character's unused bits.
      `${token.slice(0, 10)}.${token.slice(10)}`,
      `${token}=`,
      ` ${token}`,
      `${token}A`,
      token.replace(/-/g, "+").replace(/_/g, "/"),
    ].filter((variant) => variant !== token);
    expect(variants.length).toBeGreaterThan(3);
    for (const variant of variants) {
      expect(Buffer.from(variant, "base64url").subarray(0, 36)).toEqual(Buffer.from(token, "base64url"));
      expect(() => tokens.verify(sessionA, variant), variant).toThrow(AppError);
    }
    // The token format of before #14 (43 characters, the last with spare bits) opens nothing now.
    const old = Buffer.alloc(32, 7).toString("base64url");
    for (const last of "ABCD")
      expect(() => tokens.verify(sessionA, old.slice(0, -1) + last)).toThrow(AppError);
  });

  it("stops opening its session once it is older than the cart's lifetime", () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const clocked = new SessionTokens("x".repeat(32), { maxAgeSeconds: 3600, now: () => now });
    const token = clocked.issue(sessionA);
    now += 3600_000;
    expect(() => clocked.verify(sessionA, token)).not.toThrow();
    now += 1000;
    expect(() => clocked.verify(sessionA, token)).toThrow(/cannot be resumed/);
  });

  it("needs a secret of at least 32 bytes", () => {
    expect(() => new SessionTokens("short")).toThrow(/at least 32 bytes/);
  });
});
