import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { AssistantReply } from "../../../src-shared/assistant.js";
import { deferred } from "../../test-support/fake-kiosk-api.js";
import { addedReply, bouquetLine, cartOf, sessionA, sessionB } from "../../test-support/fixtures.js";
import { bootedStores, renderWithStores } from "../../test-support/render.js";
import { ChatScreen } from "./chat-screen.js";

describe("the chat screen", () => {
  it("shows the reply as it streams in, then the whole reply with its card", async () => {
    const reply = deferred<AssistantReply>();
    const { stores, api } = await bootedStores({ "chat-send": () => reply.promise }, sessionA);
    renderWithStores(<ChatScreen />, stores);
    const log = screen.getByRole("log", { name: "Conversation" });

    await userEvent.type(screen.getByRole("textbox", { name: "Message" }), "I want 2 balloon bouquets");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(within(log).getByText("I want 2 balloon bouquets")).toBeTruthy();
    expect(within(log).getByText("The assistant is writing")).toBeTruthy();

    act(() => api.emit("chat-token", { session_id: sessionA, text: "Added 2 × " }));
    act(() => api.emit("chat-token", { session_id: sessionA, text: "Balloon Bouquet" }));
    // Another session's tokens never show here.
    act(() => api.emit("chat-token", { session_id: sessionB, text: "!!" }));
    expect(within(log).getByText("Added 2 × Balloon Bouquet")).toBeTruthy();
    expect(within(log).queryByText("The assistant is writing")).toBeNull();

    await act(async () => reply.resolve(addedReply(cartOf(sessionA, [bouquetLine(2)]))));
    expect(within(log).queryByText("Added 2 × Balloon Bouquet")).toBeNull();
    expect(within(log).getByRole("region", { name: "Added to cart" })).toBeTruthy();
  });
});
