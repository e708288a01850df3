import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatMessageSchema } from "../../src-shared/assistant.js";
import { chatKey } from "../../src-main/assistant/chat-memory.js";
import { parseCartKey } from "../../src-main/cart/cart-keys.js";
import type { CartService } from "../../src-main/cart/cart-service.js";
import type { Catalog } from "../../src-main/catalog/catalog.js";
import type { ScriptedOpenAIServer } from "../kit/scripted-openai-server.js";
import {
  makeAssistant,
  newSession,
  offlineConfig,
  openaiConfig,
  startAssistantTestBed,
  type AssistantTestBed,
} from "../kit/assistant-rig.js";

/** The conversation kept in Redis beside the cart: what survives a restart, what is trimmed, what expires. */

let bed: AssistantTestBed;
let client: Redis;
let server: ScriptedOpenAIServer;
let catalog: Catalog;
let cart: CartService;

beforeAll(async () => {
  bed = await startAssistantTestBed({ ttlSeconds: 3600 });
  ({ client, server, catalog, cart } = bed);
});
afterAll(() => bed?.close());

beforeEach(() => server.reset());

const offline = (historyTurns = 20) =>
  makeAssistant({ cart, catalog, redis: client }, { ...offlineConfig, historyTurns });

describe("conversation memory", () => {
  it("survives a new assistant instance (an app restart) and is cleared on reset", async () => {
    const session = newSession();
    const first = offline();
    const reply = await first.chat(session, "I want 2 balloon bouquets");
    const expected = [{ role: "user", content: "I want 2 balloon bouquets" }, reply];
    expect(await first.history(session)).toEqual(expected);

    const restarted = offline();
    const history = await restarted.history(session);
    expect(history).toEqual(expected);
    for (const message of history) expect(ChatMessageSchema.parse(message)).toEqual(message);

    await restarted.clearHistory(session);
    expect(await restarted.history(session)).toEqual([]);
    expect(await client.exists(chatKey(session))).toBe(0);
    // Clearing the conversation leaves the cart alone.
    expect((await cart.getCart(session)).item_count).toBe(2);
  });

  it("keeps a question open across a restart: the confirmation of an emptied cart", async () => {
    const session = newSession();
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    const asked = await offline().chat(session, "empty my cart");
    expect(asked.content).toMatch(/Do you really want to empty your cart/);
    // The open question is stored, but not shown.
    expect(JSON.stringify(await offline().history(session))).not.toContain("confirm_clear");
    expect((await client.lrange(chatKey(session), -1, -1))[0]).toContain(
      '"pending":{"kind":"confirm_clear"}',
    );

    const done = await offline().chat(session, "yes");
    expect(done.metadata.action?.type).toBe("cart_cleared");
    expect((await cart.getCart(session)).items).toEqual([]);
  });

  it("keeps the last turns only, with the cart's TTL, under a key the cart sync ignores", async () => {
    const session = newSession();
    const assistant = offline(2);
    for (const message of ["hello", "show my cart", "add a party hat"])
      await assistant.chat(session, message);
    const stored = await client.lrange(chatKey(session), 0, -1);
    expect(stored.map((s) => JSON.parse(s).content)).toEqual([
      "show my cart",
      expect.stringMatching(/^\(Offline mode\) Your cart is empty/),
      "add a party hat",
      expect.stringMatching(/^\(Offline mode\) Added 1 × Party Hats/),
    ]);
    const ttl = await client.ttl(chatKey(session));
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    expect(chatKey(session)).toBe(`cart:${session}:chat`);
    expect(parseCartKey(chatKey(session))).toBeUndefined();
  });

  it("expires together with the cart: a turn keeps the cart alive, a cart change keeps the chat alive", async () => {
    const session = newSession();
    const assistant = offline();
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    await assistant.chat(session, "hello");
    const keys = await client.keys(`cart:${session}*`);
    expect(keys).toHaveLength(4);
    expect(keys).toEqual(
      expect.arrayContaining([`cart:${session}`, `cart:${session}:items`, chatKey(session)]),
    );
    const ttls = async () => Promise.all(keys.map((key) => client.ttl(key)));
    const age = () => Promise.all(keys.map((key) => client.expire(key, 100)));

    // A turn that does not touch the cart ("hello") refreshes every key of it too.
    await age();
    await assistant.chat(session, "hello again");
    for (const ttl of await ttls()) expect(ttl).toBeGreaterThan(3500);

    // A cart change made elsewhere (the screen, kioskctl) refreshes the conversation.
    await age();
    await cart.addItem(session, { product_id: "42", quantity: 1 });
    for (const ttl of await ttls()) expect(ttl).toBeGreaterThan(3500);
  });

  it("gives the model the last turns as context", async () => {
    const session = newSession();
    const assistant = makeAssistant(
      { cart, catalog, redis: client },
      openaiConfig(server.baseUrl, { historyTurns: 1 }),
    );
    server.script({ content: "Hi! What can I get you?" }, { content: "Sure." }, { content: "Bye." });
    await assistant.chat(session, "hello");
    await assistant.chat(session, "I am planning a party");
    await assistant.chat(session, "thanks");
    const text = (content: unknown) =>
      Array.isArray(content) ? content.map((part: { text?: string }) => part.text ?? "").join("") : content;
    const sent = server.requests[2]!.body.messages.map((m) => [m.role, text(m.content)]);
    expect(sent).toEqual([
      ["system", expect.stringContaining("shopping assistant of Kampala Party & Gifts")],
      ["user", "I am planning a party"],
      ["assistant", "Sure."],
      ["user", "thanks"],
    ]);
  });

  it("stops a turn still running when its session ends, and it writes no chat back", async () => {
    // The customer walks away mid-reply and the kiosk starts over: the old turn must neither keep
    // the model busy until its deadline nor save the old conversation after it was cleared.
    const session = newSession();
    const assistant = makeAssistant(
      { cart, catalog, redis: client },
      openaiConfig(server.baseUrl, { timeoutMs: 20_000 }),
    );
    server.script({ content: "Hello!" }, { fail: "hang" });
    await assistant.chat(session, "hello");
    const failure = (turn: Promise<unknown>) =>
      turn.then(
        () => "answered",
        (error: unknown) => error,
      );
    const running = failure(assistant.chat(session, "I want 2 balloon bouquets"));
    const queued = failure(assistant.chat(session, "and a party hat"));
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));

    await assistant.clearHistory(session);
    // The hanging request was given up (its connection closed by the client), not left to its deadline.
    await vi.waitFor(() => expect(server.requests[1]!.serverMs).toBeGreaterThan(0));
    const ended = { code: "forbidden", message: expect.stringMatching(/conversation has ended/) };
    expect(await running).toMatchObject(ended);
    expect(await queued).toMatchObject(ended);
    expect(server.requests).toHaveLength(2);
    expect(await client.exists(chatKey(session))).toBe(0);
    expect((await cart.getCart(session)).items).toEqual([]);

    // The session id itself is not poisoned: a later turn for it runs normally.
    server.script({ content: "Hi again." });
    expect((await assistant.chat(session, "hello")).content).toBe("Hi again.");
  });

  it("runs one session's turns one after another", async () => {
    const session = newSession();
    const assistant = offline();
    await Promise.all([
      assistant.chat(session, "add a party hat"),
      assistant.chat(session, "add a balloon bouquet"),
      assistant.chat(session, "show my cart"),
    ]);
    const contents = (await assistant.history(session)).map((m) => m.content);
    expect(contents[0]).toBe("add a party hat");
    expect(contents[2]).toBe("add a balloon bouquet");
    expect(contents[4]).toBe("show my cart");
    expect(contents[5]).toMatch(/1 × Party Hats.*1 × Balloon Bouquet|1 × Balloon Bouquet.*1 × Party Hats/);
  });

  it("keeps customers apart when their turns run at once on the one shared agent", async () => {
    // The agent is built once per service and each turn travels as runtime context: interleaved
    // turns must still reach only their own cart and their own open question.
    const assistant = offline();
    const [first, second] = [newSession(), newSession()];
    await Promise.all([assistant.chat(first, "add a party hat"), assistant.chat(second, "empty my cart")]);
    await Promise.all([
      assistant.chat(first, "yes"),
      assistant.chat(second, "add a balloon bouquet"),
      assistant.chat(first, "add a balloon bouquet"),
    ]);
    const names = async (session: string) =>
      (await cart.getCart(session)).items.map((l) => `${l.quantity} × ${l.name}`).sort();
    expect(await names(first)).toEqual(["1 × Balloon Bouquet", "1 × Party Hats"]);
    expect(await names(second)).toEqual(["1 × Balloon Bouquet"]);
  });

  it("refuses a malformed session id before touching Redis", async () => {
    await expect(offline().chat("cart:*", "hello")).rejects.toMatchObject({ code: "invalid_input" });
    await expect(offline().history("session-1:chat")).rejects.toMatchObject({ code: "invalid_input" });
    await expect(offline().chat(newSession(), "   ")).rejects.toMatchObject({ code: "invalid_input" });
  });
});
