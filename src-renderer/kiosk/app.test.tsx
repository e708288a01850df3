import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AssistantReply } from "../../src-shared/assistant.js";
import { deferred, FakeKioskApi, memoryStorage } from "../test-support/fake-kiosk-api.js";
import {
  addedReply,
  appStatus,
  bouquetLine,
  cartOf,
  connectionStatus,
  sessionA,
  sessionB,
  sessionInfo,
} from "../test-support/fixtures.js";
import { renderWithStores } from "../test-support/render.js";
import { createStores } from "../stores/create-stores.js";
import { App } from "./app.js";

function kioskApi() {
  let session = sessionA;
  const sessions = [sessionA, sessionB];
  const api = new FakeKioskApi({
    "app-status": () => appStatus({}, { idle_timeout_seconds: 120, idle_countdown_seconds: 15 }),
    "session-start": () => sessionInfo((session = sessions.shift()!)),
    "cart-get": () => cartOf(session, []),
    "catalog-categories": () => ({ categories: [{ id: "5", name: "Balloons", product_count: 6 }] }),
  });
  return api;
}

/** The app past its welcome screen: booted, a session started, rendered. */
async function renderStartedKiosk() {
  const api = kioskApi();
  const stores = createStores(api, { memory: memoryStorage() });
  await stores.kiosk.getState().boot();
  await stores.kiosk.getState().start();
  renderWithStores(<App />, stores);
  return { api, stores };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the kiosk screen", () => {
  it("starts on a touch anywhere on the welcome screen, then chats: the card and the badge follow", async () => {
    const api = kioskApi();
    const reply = deferred<AssistantReply>();
    api.handlers["chat-send"] = () => reply.promise;
    const stores = createStores(api, { memory: memoryStorage() });
    await stores.kiosk.getState().boot();
    renderWithStores(<App />, stores);

    expect(screen.getByRole("button", { name: "Start" })).toBeTruthy();
    await userEvent.click(screen.getByText("Touch anywhere to begin"));
    expect(await screen.findByRole("heading", { name: "Shopping assistant" })).toBeTruthy();
    expect(api.callsTo("session-start")).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Show me balloons" })).toBeTruthy();
    expect(screen.getByText("Offline assistant")).toBeTruthy();

    await userEvent.type(screen.getByRole("textbox", { name: "Message" }), "I want 2 balloon bouquets");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);

    const cart = cartOf(sessionA, [bouquetLine(2)]);
    act(() => api.emit("cart-changed", { session_id: sessionA, cart }));
    reply.resolve(addedReply(cart));
    const card = await screen.findByRole("region", { name: "Added to cart" });
    expect(within(card).getByText("Balloon Bouquet")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Cart, 2 items" })).toBeTruthy();
    expect((screen.getByRole("textbox", { name: "Message" }) as HTMLInputElement).value).toBe("");
  });

  it("types with the on-screen keyboard", async () => {
    await renderStartedKiosk();
    const keyboard = screen.getByRole("group", { name: "Keyboard for the message" });
    for (const key of ["h", "i"]) await userEvent.click(within(keyboard).getByRole("button", { name: key }));
    expect((screen.getByRole("textbox", { name: "Message" }) as HTMLInputElement).value).toBe("hi");
    await userEvent.click(within(keyboard).getByRole("button", { name: "Delete" }));
    expect((screen.getByRole("textbox", { name: "Message" }) as HTMLInputElement).value).toBe("h");
  });

  it("asks whether the customer is still there when idle, then starts over with a new session", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = kioskApi();
    api.handlers["chat-history"] = () => ({ messages: [] });
    const stores = createStores(api, { memory: memoryStorage() });
    await stores.kiosk.getState().boot();
    await stores.kiosk.getState().start();
    act(() => {
      stores.chat.setState({ messages: [{ id: "x", role: "user", content: "hello" }] });
    });
    renderWithStores(<App />, stores);

    await act(() => vi.advanceTimersByTimeAsync(119_000));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    const dialog = screen.getByRole("alertdialog", { name: "Are you still there?" });
    expect(within(dialog).getByText(/start over in 15 seconds/)).toBeTruthy();

    // "I'm still here" keeps everything as it was.
    await act(async () => within(dialog).getByRole("button", { name: "I'm still here" }).click());
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(stores.kiosk.getState().sessionId).toBe(sessionA);

    await act(() => vi.advanceTimersByTimeAsync(121_000));
    expect(screen.getByRole("alertdialog")).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(16_000));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByRole("button", { name: "Start" })).toBeTruthy();
    expect(stores.kiosk.getState().sessionId).toBe(sessionB);
    expect(stores.chat.getState().messages).toEqual([]);
  });

  it("shows a banner when the cart service is unreachable", async () => {
    const { api } = await renderStartedKiosk();
    expect(screen.queryByRole("alert")).toBeNull();
    act(() => api.emit("connection-status", connectionStatus("down", true)));
    expect(screen.getByRole("alert").textContent).toContain("The cart service is unreachable.");
    expect(screen.getByRole("alert").textContent).not.toContain("assistant");
  });

  it("says once that the kiosk lost its connection when nothing can be reached", async () => {
    // What the WebSocket transport reports while its socket is gone: both down, one message.
    const { api } = await renderStartedKiosk();
    act(() => api.emit("connection-status", connectionStatus("down", false)));
    const text = screen.getByRole("alert").textContent;
    expect(text).toContain("This kiosk has lost its connection to the shop's system.");
    expect(text).not.toMatch(/cart service is unreachable|assistant is unreachable/);
    act(() => api.emit("connection-status", connectionStatus("up", false)));
    expect(screen.getByRole("alert").textContent).toContain("The assistant is unreachable.");
  });

  it("in kiosk mode blocks the context menu and text selection", async () => {
    const api = kioskApi();
    api.handlers["app-status"] = () => appStatus({}, { kiosk_mode: true });
    const stores = createStores(api, { memory: memoryStorage() });
    await stores.kiosk.getState().boot();
    renderWithStores(<App />, stores);
    expect(document.documentElement.classList.contains("kiosk-mode")).toBe(true);
    const menu = new MouseEvent("contextmenu", { bubbles: true, cancelable: true });
    screen.getByRole("button", { name: "Start" }).dispatchEvent(menu);
    expect(menu.defaultPrevented).toBe(true);
  });
});
