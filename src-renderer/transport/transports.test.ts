import { afterEach, describe, expect, it, vi } from "vitest";
import { requestMethodName, type KioskBridge } from "../../src-shared/bridge.js";
import type { EventPayload, KioskApi } from "../../src-shared/contract.js";
import { cartOf, sessionA, sessionInfo } from "../test-support/fixtures.js";
import { kioskApiFromBridge } from "./bridge-api.js";
import { createKioskApi } from "./index.js";
import { createWebSocketKioskApi, type SocketLike } from "./ws-api.js";

/**
 * Both transports hand the stores only events that match the contract: the Electron preload's
 * bridge and the browser's WebSocket, checked by one function (parse-event.ts).
 */

/** A bridge whose `on<Event>` methods record the listener, so the test plays the main process. */
function fakeBridge() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const bridge = new Proxy({} as KioskBridge, {
    get: (_target, name: string) =>
      name.startsWith("on")
        ? (listener: (payload: unknown) => void) => {
            listeners.set(name, listener);
            return () => listeners.delete(name);
          }
        : async () => ({ ok: true, value: sessionInfo(sessionA) }),
  });
  return {
    api: kioskApiFromBridge(bridge),
    send: (name: string, payload: unknown) => listeners.get(name)?.(payload),
  };
}

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: unknown[] = [];
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
}

function fakeWebSocket() {
  const socket = new FakeSocket();
  const api = createWebSocketKioskApi({ url: "ws://kiosk/ws", createSocket: () => socket });
  socket.open();
  return {
    api,
    socket,
    send: (_name: string, payload: unknown, event = "cart-changed") =>
      socket.onmessage?.({ data: JSON.stringify({ event, payload }) }),
  };
}

const valid: EventPayload<"cart-changed"> = { session_id: sessionA, cart: cartOf(sessionA, []) };
const invalid: unknown[] = [
  { session_id: sessionA, cart: {} },
  { session_id: "cart:*", cart: cartOf(sessionA, []) },
  { session_id: sessionA, cart: { ...cartOf(sessionA, []), item_count: -1 } },
  null,
  "cart",
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each([
  ["the Electron preload bridge", fakeBridge],
  ["the WebSocket", fakeWebSocket],
] as const)("events through %s", (_name, make) => {
  it("reach the listener only when they match the contract", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { api, send } = make() as { api: KioskApi; send: (name: string, payload: unknown) => void };
    const seen: unknown[] = [];
    api.on("cart-changed", (payload) => seen.push(payload));
    for (const payload of invalid) send("onCartChanged", payload);
    expect(seen).toEqual([]);
    expect(warn).toHaveBeenCalled();
    send("onCartChanged", valid);
    expect(seen).toEqual([valid]);
  });
});

describe("the WebSocket transport's session", () => {
  it("resumes with the token it was given after the socket reconnects", async () => {
    const sockets: FakeSocket[] = [];
    const api = createWebSocketKioskApi({
      url: "ws://kiosk/ws",
      createSocket: () => {
        sockets.push(new FakeSocket());
        return sockets.at(-1)!;
      },
      baseDelayMs: 1,
      maxDelayMs: 1,
    });
    sockets[0]!.open();
    const started = api.request("session-start", {});
    const frame = sockets[0]!.sent[0] as { id: number };
    sockets[0]!.onmessage?.({
      data: JSON.stringify({ id: frame.id, result: { ok: true, value: sessionInfo(sessionA) } }),
    });
    await started;

    sockets[0]!.onclose?.({ code: 1006 });
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    sockets[1]!.open();
    expect(sockets[1]!.sent[0]).toMatchObject({ channel: "session-resume", input: sessionInfo(sessionA) });
    api.dispose();
  });
});

describe("the transport chosen at start", () => {
  afterEach(() => {
    delete window.kiosk;
    vi.unstubAllGlobals();
  });

  it("is the preload's bridge under Electron, and no socket is opened", async () => {
    const sockets: string[] = [];
    vi.stubGlobal("WebSocket", function (url: string) {
      sockets.push(url);
    });
    const sessionStart = vi.fn(async () => ({ ok: true, value: sessionInfo(sessionA) }));
    window.kiosk = { [requestMethodName("session-start")]: sessionStart } as unknown as KioskBridge;
    expect(await createKioskApi().request("session-start", {})).toEqual(sessionInfo(sessionA));
    expect(sessionStart).toHaveBeenCalledOnce();
    expect(sockets).toEqual([]);
  });

  it("is a WebSocket to /ws on the page's own origin in a browser", () => {
    const sockets: string[] = [];
    vi.stubGlobal("WebSocket", function (this: FakeSocket, url: string) {
      sockets.push(url);
      return new FakeSocket();
    });
    createKioskApi();
    expect(sockets).toEqual([`ws://${window.location.host}/ws`]);
  });
});
