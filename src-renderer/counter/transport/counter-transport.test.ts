import { afterEach, describe, expect, it, vi } from "vitest";
import type { CounterBridge } from "../../../src-shared/counter-contract.js";
import { anOrder } from "../../test-support/fake-counter-api.js";
import type { SocketLike } from "../../transport/contract-socket.js";
import { counterApiFromBridge, createCounterApi, createWebSocketCounterApi } from "./index.js";

/**
 * The counter's transports hand its stores only what its contract allows: events checked against
 * counterEvents (a kiosk event name is not one), answers paired with their requests, and word of
 * the link dropping and coming back, so the stores can sign in again and catch up.
 */

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: Array<{ id: number; channel: string; input: unknown }> = [];
  send(data: string) {
    this.sent.push(JSON.parse(data) as { id: number; channel: string; input: unknown });
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function socketApi() {
  const sockets: FakeSocket[] = [];
  const api = createWebSocketCounterApi({
    url: "ws://shop/counter-ws",
    createSocket: () => {
      sockets.push(new FakeSocket());
      return sockets.at(-1)!;
    },
    baseDelayMs: 1,
    maxDelayMs: 1,
  });
  return { api, sockets };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  delete window.counter;
});

describe("the counter's WebSocket", () => {
  it("passes on only events of the counter's contract that match it", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { api, sockets } = socketApi();
    sockets[0]!.open();
    const seen: unknown[] = [];
    api.on("counter-order-event", (payload) => seen.push(payload));
    const order = anOrder();
    sockets[0]!.deliver({
      event: "counter-order-event",
      payload: { event_id: "nope", kind: "placed", order },
    });
    sockets[0]!.deliver({ event: "order-changed", payload: { order } });
    sockets[0]!.deliver({
      event: "counter-order-event",
      payload: { event_id: "1-0", kind: "placed", order },
    });
    expect(seen).toEqual([{ event_id: "1-0", kind: "placed", order }]);
    expect(warn).toHaveBeenCalledOnce();
    api.dispose();
  });

  it("fails a request in flight when the socket drops, says the link is down, then back up", async () => {
    const { api, sockets } = socketApi();
    const links: boolean[] = [];
    api.onLink((up) => links.push(up));
    sockets[0]!.open();
    const pay = api.request("counter-order-pay", {
      order: "K-001",
      payment: { method: "cash", tendered: 200000 },
    });
    expect(sockets[0]!.sent).toMatchObject([{ channel: "counter-order-pay" }]);
    sockets[0]!.onclose?.({ code: 1006 });
    await expect(pay).rejects.toMatchObject({ message: expect.stringMatching(/Lost the connection/) });
    expect(links).toEqual([false]);

    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    sockets[1]!.open();
    expect(links).toEqual([false, true]);
    const status = api.request("counter-queue", {});
    const frame = sockets[1]!.sent[0]!;
    sockets[1]!.deliver({
      id: frame.id,
      result: { ok: false, error: { code: "forbidden", message: "Sign in first." } },
    });
    await expect(status).rejects.toMatchObject({ code: "forbidden", message: "Sign in first." });
    api.dispose();
  });
});

describe("the counter's transport chosen at start", () => {
  it("is the preload's window.counter under Electron", async () => {
    const counterStatus = vi.fn(async () => ({ ok: false, error: { code: "internal", message: "x" } }));
    window.counter = { counterStatus } as unknown as CounterBridge;
    await expect(createCounterApi().request("counter-status", {})).rejects.toMatchObject({
      code: "internal",
    });
    expect(counterStatus).toHaveBeenCalledOnce();
  });

  it("is a WebSocket to /counter-ws on the page's own origin in a browser, never the kiosk's /ws", () => {
    const urls: string[] = [];
    vi.stubGlobal("WebSocket", function (url: string) {
      urls.push(url);
      return new FakeSocket();
    });
    createCounterApi();
    expect(urls).toEqual([`ws://${window.location.host}/counter-ws`]);
  });

  it("checks the bridge's events against the counter's contract too", () => {
    let listener: ((payload: unknown) => void) | undefined;
    const bridge = {
      onCounterSignedOut: (l: (payload: unknown) => void) => {
        listener = l;
        return () => {};
      },
    } as unknown as CounterBridge;
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const seen: unknown[] = [];
    counterApiFromBridge(bridge).on("counter-signed-out", (p) => seen.push(p));
    listener!({ reason: "lunch", message: "x" });
    listener!({ reason: "idle", message: "Signed out after 10 minutes without use." });
    expect(seen).toEqual([{ reason: "idle", message: "Signed out after 10 minutes without use." }]);
  });
});
