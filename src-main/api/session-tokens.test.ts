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
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
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

  it("needs a secret of at least 32 bytes", () => {
    expect(() => new SessionTokens("short")).toThrow(/at least 32 bytes/);
  });
});
