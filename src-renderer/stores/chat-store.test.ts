import { describe, expect, it } from "vitest";
import type { AssistantReply } from "../../src-shared/assistant.js";
import { AppError } from "../../src-shared/errors.js";
import { bootedStores } from "../test-support/render.js";
import { deferred, FakeKioskApi } from "../test-support/fake-kiosk-api.js";
import { addedReply, bouquetLine, cartOf, sessionA, sessionB } from "../test-support/fixtures.js";

describe("chat store", () => {
  it("shows the customer's message at once, streams the reply, then shows the reply with its action", async () => {
    const reply = deferred<AssistantReply>();
    const api = new FakeKioskApi({ "chat-send": () => reply.promise });
    const { chat } = (await bootedStores(api, sessionA)).stores;

    const sending = chat.getState().sendMessage("  I want 2 balloon bouquets ");
    expect(chat.getState().sending).toBe(true);
    expect(chat.getState().messages).toMatchObject([{ role: "user", content: "I want 2 balloon bouquets" }]);
    expect(api.callsTo("chat-send")).toEqual([{ message: "I want 2 balloon bouquets" }]);

    api.emit("chat-token", { session_id: sessionA, text: "Added 2 × " });
    api.emit("chat-token", { session_id: sessionB, text: "someone else's words" });
    api.emit("chat-token", { session_id: sessionA, text: "Balloon Bouquet" });
    expect(chat.getState().streamingText).toBe("Added 2 × Balloon Bouquet");

    reply.resolve(addedReply(cartOf(sessionA, [bouquetLine(2)])));
    expect(await sending).toBe(true);
    const { messages, sending: still, streamingText } = chat.getState();
    expect(still).toBe(false);
    expect(streamingText).toBe("");
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ role: "assistant", mode: "offline", action: { type: "item_added" } });
  });

  it("sends nothing while a reply is awaited, and nothing empty", async () => {
    const reply = deferred<AssistantReply>();
    const api = new FakeKioskApi({ "chat-send": () => reply.promise });
    const { chat } = (await bootedStores(api, sessionA)).stores;
    expect(await chat.getState().sendMessage("   ")).toBe(false);
    void chat.getState().sendMessage("hello");
    expect(await chat.getState().sendMessage("hello again")).toBe(false);
    expect(api.callsTo("chat-send")).toHaveLength(1);
  });

  it("puts the conversation back as it was and says why when sending fails", async () => {
    const api = new FakeKioskApi({
      "chat-send": () => {
        throw new AppError("assistant_unavailable", "The assistant is not available right now.");
      },
    });
    const { chat } = (await bootedStores(api, sessionA)).stores;
    expect(await chat.getState().sendMessage("hello")).toBe(false);
    expect(chat.getState()).toMatchObject({
      messages: [],
      sending: false,
      error: "The assistant is not available right now.",
    });
  });

  it("restores the conversation of a resumed session", async () => {
    const cart = cartOf(sessionA, [bouquetLine(2)]);
    const api = new FakeKioskApi({
      "chat-history": () => ({
        messages: [{ role: "user", content: "I want 2 balloon bouquets" }, addedReply(cart)],
      }),
    });
    const { chat } = (await bootedStores(api, sessionA)).stores;
    expect(chat.getState().messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("drops a reply that arrives after the chat was reset for the next customer", async () => {
    const reply = deferred<AssistantReply>();
    const api = new FakeKioskApi({ "chat-send": () => reply.promise });
    const { chat } = (await bootedStores(api, sessionA)).stores;
    const sending = chat.getState().sendMessage("hello");
    chat.getState().reset();
    reply.resolve(addedReply(cartOf(sessionA, [bouquetLine(2)])));
    expect(await sending).toBe(false);
    expect(chat.getState().messages).toEqual([]);
  });
});
