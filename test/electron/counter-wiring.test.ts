import { EventEmitter } from "node:events";
import type { IpcMainInvokeEvent } from "electron";
import { describe, expect, it, vi } from "vitest";
import { bridgeMethodNames, ipcRequestChannel } from "../../src-shared/bridge.js";
import {
  counterBridgeMethodNames,
  counterIpcEventChannel,
  counterIpcRequestChannel,
  counterRequestChannels,
} from "../../src-shared/counter-contract.js";
import { requestChannels, type Result } from "../../src-shared/contract.js";
import { CounterConnection, type CounterEventSink } from "../../src-main/counter/counter-connection.js";
import { CounterDispatcher } from "../../src-main/counter/counter-dispatcher.js";
import type { CounterHandlers } from "../../src-main/counter/counter-handlers.js";
import { silentLogger } from "../../src-main/infra/logger.js";
import { ConnectionRegistry } from "../../src-main/sync/connection-registry.js";
import { COUNTER_START_URL } from "../../src-main/electron/app-protocol.js";
import { buildCounterBridge, exposeCounterBridge } from "../../src-main/electron/counter-bridge.js";
import { CounterWindows, registerCounterIpcHandlers } from "../../src-main/electron/counter-ipc.js";
import { createMainWindow } from "../../src-main/electron/main-window.js";
import { mainWindowOptions } from "../../src-main/electron/window-options.js";

/** The counter window's wiring (APP_ROLE=counter), with stand-ins for Electron's objects. */

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  readonly send = vi.fn();
  readonly print = vi.fn();
  isDestroyed() {
    return this.destroyed;
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>>();
  handle(channel: string, handler: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>) {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: Partial<IpcMainInvokeEvent>, input: unknown) {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler(event as IpcMainInvokeEvent, input) as Promise<Result<unknown>>;
  }
}

const status = {
  get: () => ({
    redis: "up" as const,
    assistant: { mode: "offline" as const, reachable: true },
    keyspace_notifications: true,
  }),
};

function wire() {
  const registry = new ConnectionRegistry();
  const calls: string[] = [];
  const handlers = new Proxy({} as CounterHandlers, {
    get: (_t, channel: string) => async () => {
      calls.push(channel);
      return channel === "counter-sign-out" ? { signed_out: true } : { closed: true };
    },
  });
  const dispatcher = new CounterDispatcher(
    handlers,
    {
      get: async (id: string) => ({
        id,
        name: "Amina",
        role: "cashier" as const,
        created_at: "",
        updated_at: "",
        locked_seconds: 0,
      }),
    },
    silentLogger,
  );
  const counter = {
    dispatcher,
    attach: (emit: CounterEventSink) => new CounterConnection(registry, emit, "Till 1", 600_000, () => {}),
    detach: (c: CounterConnection) => c.close(),
  };
  const windows = new CounterWindows(counter, status);
  const ipcMain = new FakeIpcMain();
  registerCounterIpcHandlers({ ipcMain, counter, windows, log: silentLogger });
  const contents = new FakeWebContents();
  const connection = windows.attach(contents as never);
  const fromPage = {
    sender: contents,
    senderFrame: { url: COUNTER_START_URL, parent: null },
  } as unknown as Partial<IpcMainInvokeEvent>;
  return { ipcMain, calls, contents, connection, fromPage, registry };
}

describe("the counter window's IPC", () => {
  it("registers exactly the counter's channels: no kiosk request is reachable from the counter window", async () => {
    const { ipcMain, fromPage } = wire();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      counterRequestChannels.map(counterIpcRequestChannel).sort(),
    );
    for (const channel of requestChannels) {
      await expect(ipcMain.invoke(ipcRequestChannel(channel), fromPage, {})).rejects.toThrow("No handler");
    }
  });

  it("refuses everything but sign-in and status before sign-in; afterwards passes requests on that window's connection", async () => {
    const { ipcMain, calls, connection, fromPage } = wire();
    const cartClose = counterIpcRequestChannel("counter-cart-close");
    const input = { session_id: "session-00000000-0000-4000-8000-000000000001" };
    expect(await ipcMain.invoke(cartClose, fromPage, input)).toEqual({
      ok: false,
      error: { code: "forbidden", message: "Sign in first." },
    });
    expect(calls).toEqual([]);
    connection.signIn({ id: "amina", name: "Amina", role: "cashier", terminal: "Till 1", signed_in_at: "" });
    expect(await ipcMain.invoke(cartClose, fromPage, input)).toEqual({ ok: true, value: { closed: true } });
    expect(await ipcMain.invoke(counterIpcRequestChannel("counter-day-report"), fromPage, {})).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: expect.stringContaining("manager") },
    });
    expect(calls).toEqual(["counter-cart-close"]);
  });

  it("refuses a sub-frame, another origin, or a window that is not the counter's", async () => {
    const { ipcMain, calls, contents } = wire();
    const channel = counterIpcRequestChannel("counter-status");
    const frames = [
      { sender: contents, senderFrame: { url: COUNTER_START_URL, parent: {} } },
      { sender: contents, senderFrame: { url: "https://evil.example/", parent: null } },
      { sender: new FakeWebContents(), senderFrame: { url: COUNTER_START_URL, parent: null } },
    ];
    for (const frame of frames) {
      expect(await ipcMain.invoke(channel, frame as never, {})).toMatchObject({
        ok: false,
        error: { code: "forbidden" },
      });
    }
    expect(calls).toEqual([]);
  });

  it("signs out when the page reloads, sends events on the counter's channels, and forgets a destroyed window", () => {
    const { contents, connection, registry } = wire();
    connection.signIn({ id: "amina", name: "Amina", role: "cashier", terminal: "Till 1", signed_in_at: "" });
    contents.emit("did-finish-load");
    expect(connection.staff).toBeNull();
    expect(contents.send).toHaveBeenCalledWith(
      counterIpcEventChannel("counter-connection-status"),
      status.get(),
    );
    contents.emit("destroyed");
    expect(registry.all()).toEqual([]);
  });
});

describe("the counter window", () => {
  const ui = {
    kioskMode: false,
    devTools: false,
    idleTimeoutSeconds: 120,
    idleCountdownSeconds: 15,
    checkoutStartOverSeconds: 60,
  };

  it("loads counter.html with the counter's preload, isolated like the kiosk's", () => {
    class FakeWindow extends EventEmitter {
      readonly webContents = new FakeWebContents();
      readonly show = vi.fn();
      readonly loadURL = vi.fn(async () => {});
      constructor(readonly options: unknown) {
        super();
      }
    }
    const window = createMainWindow(
      { BrowserWindow: FakeWindow as never },
      { ui, preloadPath: "/app/counter-preload.cjs", log: silentLogger, role: "counter" },
    ) as unknown as FakeWindow;
    expect(window.loadURL).toHaveBeenCalledWith("app://kiosk/counter.html");
    expect(window.options).toMatchObject({
      title: "Counter",
      webPreferences: {
        preload: "/app/counter-preload.cjs",
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    expect(mainWindowOptions(ui, "p", "counter").webPreferences).toEqual(
      mainWindowOptions(ui, "p").webPreferences,
    );
  });

  it("exposes `counter` with exactly the counter contract's methods, none of the kiosk's", async () => {
    const contextBridge = { exposeInMainWorld: vi.fn() };
    const ipc = {
      invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
      on: vi.fn(),
      removeListener: vi.fn(),
    };
    exposeCounterBridge(contextBridge, ipc as never);
    const [name, bridge] = contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(name).toBe("counter");
    expect(Object.keys(bridge).sort()).toEqual([...counterBridgeMethodNames].sort());
    expect(Object.keys(bridge).filter((m) => bridgeMethodNames.includes(m))).toEqual([]);
    expect(Object.keys(bridge)).toContain("counterOrderPay");
    expect(Object.keys(bridge)).toContain("onCounterOrderEvent");
    await expect(buildCounterBridge(ipc as never).counterQueue({})).resolves.toEqual({
      ok: true,
      value: "counter:request:counter-queue",
    });
  });
});
