import { describe, expect, it, vi } from "vitest";
import type { AssistantReply } from "../../src-shared/assistant.js";
import type { Result } from "../../src-shared/contract.js";
import { silentLogger } from "../infra/logger.js";
import { loadConfig } from "../config/config.js";
import { ConnectionRegistry } from "../sync/connection-registry.js";
import { ConnectionContext } from "./connection-context.js";
import { RequestDispatcher } from "./request-dispatcher.js";
import { createRequestHandlers, type ApiServices } from "./request-handlers.js";
import { SessionTokens } from "./session-tokens.js";

/**
 * The handlers with stand-ins for the services they call (the real ones are exercised over the
 * WebSocket in test/api): what reaches the assistant, and what is refused before it.
 */

const reply: AssistantReply = {
  role: "assistant",
  content: "Hello!",
  metadata: { tools_used: [], mode: "offline" },
};

function setup(overrides: Partial<ApiServices> = {}) {
  let now = 0;
  const assistant = {
    chat: vi.fn(async () => reply),
    history: vi.fn(async () => []),
    clearHistory: vi.fn(async () => {}),
  };
  const warnings: string[] = [];
  const config = loadConfig({ MAX_QUANTITY_PER_LINE: "12" });
  const handlers = createRequestHandlers({
    catalog: {
      store: { name: "Shop", currency: "UGX", locale: "en", time_zone: "Africa/Kampala" },
    } as ApiServices["catalog"],
    cart: {} as ApiServices["cart"],
    orders: {} as ApiServices["orders"],
    assistant,
    status: {
      get: () => ({
        redis: "up",
        assistant: { mode: "offline", reachable: true },
        keyspace_notifications: true,
      }),
    },
    ui: config.ui,
    maxQuantityPerLine: config.maxQuantityPerLine,
    sessions: new SessionTokens("a test secret that is long enough!"),
    log: { ...silentLogger, warn: (message) => warnings.push(message) },
    chatRateLimit: { burst: 5, refillMs: 2_000 },
    now: () => now,
    ...overrides,
  });
  const dispatcher = new RequestDispatcher(handlers, silentLogger);
  const registry = new ConnectionRegistry();
  const connect = () => new ConnectionContext(registry, () => {});
  const call = (ctx: ConnectionContext, channel: string, input: unknown = {}) =>
    dispatcher.dispatch(ctx, channel, input) as Promise<Result>;
  const advance = (ms: number) => (now += ms);
  return { assistant, warnings, connect, call, advance };
}

const quickly = "You're sending messages very quickly — please wait a moment.";

describe("chat-send rate limit, per connection", () => {
  it("lets a burst of 5 through, then refuses in words a customer understands, and refills 1 per 2 s", async () => {
    const { assistant, connect, call, advance } = setup();
    const screen = connect();
    await call(screen, "session-start");
    for (let i = 0; i < 5; i++) {
      expect(await call(screen, "chat-send", { message: `hello ${i}` })).toMatchObject({ ok: true });
    }
    expect(await call(screen, "chat-send", { message: "hello again" })).toEqual({
      ok: false,
      error: { code: "rate_limited", message: quickly },
    });
    expect(assistant.chat).toHaveBeenCalledTimes(5);

    advance(1_999);
    expect(await call(screen, "chat-send", { message: "now?" })).toMatchObject({
      error: { code: "rate_limited" },
    });
    advance(1);
    expect(await call(screen, "chat-send", { message: "now" })).toMatchObject({ ok: true });
    expect(await call(screen, "chat-send", { message: "and again" })).toMatchObject({
      error: { code: "rate_limited" },
    });
    expect(assistant.chat).toHaveBeenCalledTimes(6);
  });

  it("counts each connection apart, and spends nothing on refused input", async () => {
    const { connect, call } = setup({ chatRateLimit: { burst: 1, refillMs: 60_000 } });
    const first = connect();
    const second = connect();
    await call(first, "session-start");
    await call(second, "session-start");
    expect(await call(first, "chat-send", { message: "  " })).toMatchObject({
      error: { code: "invalid_input" },
    });
    expect(await call(first, "chat-send", { message: "hi" })).toMatchObject({ ok: true });
    expect(await call(first, "chat-send", { message: "hi" })).toMatchObject({
      error: { code: "rate_limited" },
    });
    expect(await call(second, "chat-send", { message: "hi" })).toMatchObject({ ok: true });
  });
});

describe("session-start on a connection that already has a session (the next customer)", () => {
  it("clears the previous session's conversation, and only on a reset", async () => {
    const { assistant, connect, call } = setup();
    const screen = connect();
    const first = (await call(screen, "session-start")) as { ok: true; value: { session_id: string } };
    expect(assistant.clearHistory).not.toHaveBeenCalled();
    const second = (await call(screen, "session-start")) as { ok: true; value: { session_id: string } };
    expect(second.value.session_id).not.toBe(first.value.session_id);
    expect(assistant.clearHistory).toHaveBeenCalledExactlyOnceWith(first.value.session_id);
  });

  it("still starts the new session when the old conversation cannot be cleared (Redis down), and logs it", async () => {
    const { assistant, warnings, connect, call } = setup();
    assistant.clearHistory.mockRejectedValue(new Error("Connection is closed."));
    const screen = connect();
    await call(screen, "session-start");
    expect(await call(screen, "session-start")).toMatchObject({ ok: true });
    expect(warnings).toEqual([expect.stringMatching(/could not clear the chat of the previous session/)]);
  });
});

describe("app-status", () => {
  it("tells the screen the per-line maximum for its quantity steppers", async () => {
    const { connect, call } = setup();
    expect(await call(connect(), "app-status")).toMatchObject({
      ok: true,
      value: { ui: { max_quantity_per_line: 12 } },
    });
  });
});
