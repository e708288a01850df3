import { EventEmitter } from "node:events";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IpcMainInvokeEvent } from "electron";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bridgeMethodNames, ipcEventChannel, ipcRequestChannel } from "../../src-shared/bridge.js";
import { requestChannels, type Result } from "../../src-shared/contract.js";
import { silentLogger } from "../../src-main/infra/logger.js";
import { RequestDispatcher } from "../../src-main/api/request-dispatcher.js";
import type { RequestHandlers } from "../../src-main/api/request-handlers.js";
import { ConnectionRegistry } from "../../src-main/sync/connection-registry.js";
import { APP_START_URL, createAppProtocolHandler } from "../../src-main/electron/app-protocol.js";
import {
  claimSingleInstance,
  closeServicesBeforeQuit,
  keepDisplayAwake,
} from "../../src-main/electron/app-lifecycle.js";
import { reloadOnCrash } from "../../src-main/electron/crash-recovery.js";
import { denyAllPermissions, hardenWebContents } from "../../src-main/electron/hardening.js";
import { registerIpcHandlers, WindowConnections } from "../../src-main/electron/ipc.js";
import { buildKioskBridge, exposeKioskBridge } from "../../src-main/electron/kiosk-bridge.js";
import { createMainWindow } from "../../src-main/electron/main-window.js";
import { mainWindowOptions } from "../../src-main/electron/window-options.js";

/** Stand-ins for the Electron objects the wiring receives as parameters. */
class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  readonly send = vi.fn();
  readonly reload = vi.fn();
  readonly closeDevTools = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly mainFrame = { url: APP_START_URL, parent: null };
  /** What a printer stand-in answers to webContents.print. */
  printSucceeds = true;
  readonly print = vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) =>
    setImmediate(() => callback(this.printSucceeds, this.printSucceeds ? "" : "Printer is out of paper")),
  );
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>>();
  handle(channel: string, handler: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: Partial<IpcMainInvokeEvent>, input: unknown) {
    return this.handlers.get(channel)!(event as IpcMainInvokeEvent, input) as Promise<Result<unknown>>;
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
  const connections = new WindowConnections(registry, status);
  const ipcMain = new FakeIpcMain();
  const calls: Array<{ channel: string; input: unknown; connectionId: number }> = [];
  // Real dispatcher, handlers that only record: shows what reaches a handler and what is refused before.
  const handlers = new Proxy({} as RequestHandlers, {
    get: (_target, channel: string) => async (input: unknown, ctx: { id: number }) => {
      calls.push({ channel, input, connectionId: ctx.id });
      if (channel === "session-resume") return input;
      if (channel === "catalog-categories") return { categories: [] };
      return undefined;
    },
  });
  const dispatcher = new RequestDispatcher(handlers, silentLogger);
  registerIpcHandlers({ ipcMain, dispatcher, connections, log: silentLogger });
  const contents = new FakeWebContents();
  const ctx = connections.attach(contents as never);
  const eventFrom = (frame: { url: string; parent: unknown } | null, sender = contents) =>
    ({ sender, senderFrame: frame }) as unknown as Partial<IpcMainInvokeEvent>;
  return { registry, connections, ipcMain, calls, contents, ctx, eventFrom };
}

describe("Electron receipt printing", () => {
  it("a window's connection prints its page silently to the named printer, and reports a failed job", async () => {
    const { ctx, contents } = wire();
    expect(await ctx.printPage!("EPSON TM-T20III")).toBe(true);
    expect(contents.print).toHaveBeenCalledWith(
      { silent: true, deviceName: "EPSON TM-T20III", printBackground: true, margins: { marginType: "none" } },
      expect.any(Function),
    );
    contents.printSucceeds = false;
    expect(await ctx.printPage!("EPSON TM-T20III")).toBe(false);
    contents.destroyed = true;
    expect(await ctx.printPage!("EPSON TM-T20III")).toBe(false);
    expect(contents.print).toHaveBeenCalledTimes(2);
  });
});

describe("Electron IPC wiring", () => {
  it("registers one invoke handler for every request channel of the contract, and nothing else", () => {
    const { ipcMain } = wire();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(requestChannels.map(ipcRequestChannel).sort());
  });

  it("passes a request from the app's own main frame to the handler, on that window's connection", async () => {
    const { ipcMain, calls, ctx, eventFrom } = wire();
    const result = await ipcMain.invoke(
      ipcRequestChannel("catalog-categories"),
      eventFrom({ url: "app://kiosk/index.html", parent: null }),
      {},
    );
    expect(result).toEqual({ ok: true, value: { categories: [] } });
    expect(calls).toEqual([{ channel: "catalog-categories", input: {}, connectionId: ctx.id }]);
  });

  it.each([
    ["a sub-frame of our page", { url: "app://kiosk/index.html", parent: {} }],
    ["a page of another origin", { url: "https://evil.example/", parent: null }],
    ["a file:// page", { url: "file:///etc/passwd", parent: null }],
    ["a look-alike host", { url: "app://kiosk.evil/index.html", parent: null }],
    ["a frame that is gone", null],
  ])("refuses %s before parsing anything", async (_what, frame) => {
    const { ipcMain, calls, eventFrom } = wire();
    const result = await ipcMain.invoke(ipcRequestChannel("session-resume"), eventFrom(frame), {
      session_id: "session-00000000-0000-4000-8000-000000000000",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(calls).toEqual([]);
  });

  it("refuses a window that is not one of the app's connections", async () => {
    const { ipcMain, calls, eventFrom } = wire();
    const stranger = new FakeWebContents();
    const result = await ipcMain.invoke(
      ipcRequestChannel("catalog-categories"),
      eventFrom({ url: "app://kiosk/index.html", parent: null }, stranger),
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(calls).toEqual([]);
  });

  it("answers invalid input with the typed error, without running the handler", async () => {
    const { ipcMain, calls, eventFrom } = wire();
    const frame = eventFrom({ url: "app://kiosk/index.html", parent: null });
    const answers = await Promise.all([
      ipcMain.invoke(ipcRequestChannel("cart-add"), frame, { product_id: "x", quantity: -1 }),
      ipcMain.invoke(ipcRequestChannel("session-resume"), frame, { session_id: "cart:*" }),
      ipcMain.invoke(ipcRequestChannel("catalog-categories"), frame, { extra: 1 }),
      ipcMain.invoke(ipcRequestChannel("cart-add"), frame, JSON.parse('{"__proto__":{"polluted":1}}')),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: "invalid_input" } });
      expect(answer).not.toHaveProperty("error.stack");
    }
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("sends events to the window on the event's own channel, and forgets the window when it is destroyed", () => {
    const { registry, contents, ctx } = wire();
    ctx.setSession("session-00000000-0000-4000-8000-000000000001");
    registry.broadcast("connection-status", status.get());
    expect(contents.send).toHaveBeenCalledWith(ipcEventChannel("connection-status"), status.get());
    contents.emit("did-finish-load");
    expect(contents.send).toHaveBeenCalledTimes(2);
    contents.destroyed = true;
    contents.emit("destroyed");
    expect(registry.all()).toEqual([]);
    expect(registry.isWatched("session-00000000-0000-4000-8000-000000000001")).toBe(false);
  });
});

describe("Electron window", () => {
  const ui = {
    kioskMode: false,
    devTools: false,
    idleTimeoutSeconds: 120,
    idleCountdownSeconds: 15,
    checkoutStartOverSeconds: 60,
  };

  it("isolates the page: context isolation, sandbox, no Node, web security, no webviews", () => {
    const prefs = mainWindowOptions(ui, "/app/preload.cjs").webPreferences!;
    expect(prefs).toMatchObject({
      preload: "/app/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it("is a full-screen kiosk window by configuration and an ordinary one otherwise; devtools only with DEV_TOOLS", () => {
    expect(mainWindowOptions({ ...ui, kioskMode: true }, "p")).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
    });
    expect(mainWindowOptions(ui, "p")).toMatchObject({ kiosk: false, fullscreen: false, frame: true });
    expect(mainWindowOptions({ ...ui, devTools: true }, "p").webPreferences?.devTools).toBe(true);
  });

  it("loads the app:// start page and shows the window once it is ready", async () => {
    const created: FakeWindow[] = [];
    class FakeWindow extends EventEmitter {
      readonly webContents = new FakeWebContents();
      readonly show = vi.fn();
      readonly loadURL = vi.fn(async () => {});
      constructor(readonly options: unknown) {
        super();
        created.push(this);
      }
    }
    const window = createMainWindow(
      { BrowserWindow: FakeWindow as never },
      { ui, preloadPath: "/p.cjs", log: silentLogger },
    ) as unknown as FakeWindow;
    expect(created).toHaveLength(1);
    expect(window.loadURL).toHaveBeenCalledWith("app://kiosk/index.html");
    expect(window.show).not.toHaveBeenCalled();
    window.emit("ready-to-show");
    expect(window.show).toHaveBeenCalledOnce();
  });

  it("refuses navigation, redirects, webviews and new windows; closes devtools unless allowed", () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, { devTools: false, log: silentLogger });
    for (const name of ["will-navigate", "will-redirect", "will-attach-webview"]) {
      const event = { url: "https://evil.example/", preventDefault: vi.fn() };
      contents.emit(name, event);
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
    expect(contents.windowOpenHandler!({ url: "https://evil.example/" })).toEqual({ action: "deny" });
    contents.emit("devtools-opened");
    expect(contents.closeDevTools).toHaveBeenCalledOnce();

    const dev = new FakeWebContents();
    hardenWebContents(dev as never, { devTools: true, log: silentLogger });
    dev.emit("devtools-opened");
    expect(dev.closeDevTools).not.toHaveBeenCalled();
  });

  it("denies every permission request and check", () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    denyAllPermissions(session as never);
    const callback = vi.fn();
    session.setPermissionRequestHandler.mock.calls[0]![0]({}, "media", callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]({}, "geolocation", "app://kiosk", {})).toBe(
      false,
    );
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
  });

  it("reloads a crashed page with a growing delay, and not after a clean exit", () => {
    vi.useFakeTimers();
    try {
      const contents = new FakeWebContents();
      reloadOnCrash(contents as never, { log: silentLogger, baseDelayMs: 1_000, maxDelayMs: 60_000 });
      contents.emit("render-process-gone", {}, { reason: "clean-exit" });
      vi.advanceTimersByTime(120_000);
      expect(contents.reload).not.toHaveBeenCalled();

      contents.emit("render-process-gone", {}, { reason: "crashed" });
      vi.advanceTimersByTime(999);
      expect(contents.reload).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(contents.reload).toHaveBeenCalledTimes(1);

      contents.emit("render-process-gone", {}, { reason: "oom" });
      vi.advanceTimersByTime(1_999);
      expect(contents.reload).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(contents.reload).toHaveBeenCalledTimes(2);

      // Up for a minute: the next crash starts from the short delay again.
      contents.emit("did-finish-load");
      vi.advanceTimersByTime(60_000);
      contents.emit("render-process-gone", {}, { reason: "crashed" });
      vi.advanceTimersByTime(1_000);
      expect(contents.reload).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** Electron's `app` as the lifecycle uses it: events it can emit, the lock and quit recorded. */
function fakeApp(lockGranted = true) {
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => lockGranted),
    quit: vi.fn(),
  });
  return app as typeof app & Parameters<typeof claimSingleInstance>[0];
}

describe("Electron app lifecycle", () => {
  it("runs one copy: a second copy quits, and its launch brings the first copy's window to the front", () => {
    const second = fakeApp(false);
    expect(claimSingleInstance(second, () => undefined)).toBe(false);
    expect(second.quit).toHaveBeenCalledOnce();

    const first = fakeApp(true);
    const window = { isMinimized: vi.fn(() => true), restore: vi.fn(), focus: vi.fn() };
    expect(claimSingleInstance(first, () => window)).toBe(true);
    expect(first.quit).not.toHaveBeenCalled();
    first.emit("second-instance");
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it("stops the services (and an embedded Redis) before quitting, once", async () => {
    const app = fakeApp();
    let stopped!: () => void;
    const services = { close: vi.fn(() => new Promise<void>((resolve) => (stopped = resolve))) };
    closeServicesBeforeQuit(app, () => services);
    const quitting = { preventDefault: vi.fn() };
    app.emit("before-quit", quitting);
    expect(quitting.preventDefault).toHaveBeenCalledOnce();
    expect(services.close).toHaveBeenCalledOnce();
    expect(app.quit).not.toHaveBeenCalled();

    stopped();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    // The quit that follows goes through.
    const again = { preventDefault: vi.fn() };
    app.emit("before-quit", again);
    expect(again.preventDefault).not.toHaveBeenCalled();
    expect(services.close).toHaveBeenCalledOnce();
  });

  it("keeps the display awake in kiosk mode only, until the app quits", () => {
    const blocker = { start: vi.fn(() => 7), stop: vi.fn() };
    const desk = fakeApp();
    keepDisplayAwake(desk, blocker, false);
    expect(blocker.start).not.toHaveBeenCalled();

    const kiosk = fakeApp();
    keepDisplayAwake(kiosk, blocker, true);
    expect(blocker.start).toHaveBeenCalledExactlyOnceWith("prevent-display-sleep");
    kiosk.emit("will-quit");
    expect(blocker.stop).toHaveBeenCalledExactlyOnceWith(7);
  });
});

describe("preload bridge", () => {
  function fakeIpcRenderer() {
    const emitter = new EventEmitter();
    return {
      emitter,
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener)),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) =>
        emitter.removeListener(channel, listener),
      ),
    };
  }

  it("exposes exactly one object, `kiosk`, with exactly the contract's methods", () => {
    const contextBridge = { exposeInMainWorld: vi.fn() };
    exposeKioskBridge(contextBridge, fakeIpcRenderer() as never);
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const [name, bridge] = contextBridge.exposeInMainWorld.mock.calls[0]!;
    expect(name).toBe("kiosk");
    expect(Object.keys(bridge).sort()).toEqual([...bridgeMethodNames].sort());
    expect(Object.keys(bridge)).toContain("cartUpdateQuantity");
    expect(Object.keys(bridge)).toContain("onCartChanged");
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it("invokes the request's own channel and answers its envelope; a dead main process is an envelope too", async () => {
    const ipc = fakeIpcRenderer();
    const bridge = buildKioskBridge(ipc as never);
    await expect(bridge.cartAdd({ product_id: "p1", quantity: 1 })).resolves.toEqual({
      ok: true,
      value: { channel: "kiosk:request:cart-add", input: { product_id: "p1", quantity: 1 } },
    });
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered"));
    await expect(bridge.cartGet({})).resolves.toMatchObject({ ok: false, error: { code: "internal" } });
  });

  it("forwards only the payload of an event, and unsubscribes", () => {
    const ipc = fakeIpcRenderer();
    const bridge = buildKioskBridge(ipc as never);
    const seen: unknown[] = [];
    const unsubscribe = bridge.onCartChanged((payload) => seen.push(payload));
    ipc.emitter.emit(ipcEventChannel("cart-changed"), { sender: "secret" }, { session_id: "s", cart: {} });
    expect(seen).toEqual([{ session_id: "s", cart: {} }]);
    unsubscribe();
    ipc.emitter.emit(ipcEventChannel("cart-changed"), {}, { session_id: "s", cart: {} });
    expect(seen).toHaveLength(1);
    expect(ipc.emitter.listenerCount(ipcEventChannel("cart-changed"))).toBe(0);
  });
});

describe("app:// protocol", () => {
  let root: string;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "kiosk-protocol-"));
    mkdirSync(path.join(root, "renderer", "assets"), { recursive: true });
    mkdirSync(path.join(root, "catalog", "images"), { recursive: true });
    writeFileSync(path.join(root, "renderer", "index.html"), "<!doctype html><title>kiosk</title>");
    writeFileSync(path.join(root, "renderer", "assets", "app-abcdef12.js"), "console.log(1)");
    writeFileSync(path.join(root, "catalog", "images", "cake.svg"), "<svg/>");
    writeFileSync(path.join(root, "catalog", "catalog.json"), "{}");
    writeFileSync(path.join(root, "secret.txt"), "secret");
    const catalogDir = path.join(root, "catalog");
    handler = createAppProtocolHandler({
      rendererDir: path.join(root, "renderer"),
      catalog: {
        baseDir: catalogDir,
        imageFile: (urlPath: string) => path.resolve(catalogDir, decodeURIComponent(urlPath.slice(16))),
        // One product's image on a CDN: its origin, and only it, joins the page's img-src.
        allProducts: () =>
          [
            { image_url: "/catalog-images/images/cake.svg" },
            { image_url: "https://cdn.shop.example/img/hat.png" },
          ] as never,
      },
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("serves the renderer with the CSP, and catalog images", async () => {
    const page = await handler(new Request("app://kiosk/index.html"));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain("<title>kiosk</title>");
    const image = await handler(new Request("app://kiosk/catalog-images/images/cake.svg"));
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/svg+xml");
    expect(image.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("lets the page load images from its own origin and the catalog's image hosts only", async () => {
    const csp = (await handler(new Request("app://kiosk/index.html"))).headers.get(
      "content-security-policy",
    )!;
    const imgSrc = csp.split("; ").find((d) => d.startsWith("img-src"));
    expect(imgSrc).toBe("img-src 'self' https://cdn.shop.example");
    expect(csp).not.toMatch(/\bdata:|\bblob:|https: /);
  });

  it.each([
    "app://kiosk/..%2fsecret.txt",
    "app://kiosk/assets/..%2f..%2fsecret.txt",
    "app://kiosk/catalog-images/..%2fsecret.txt",
    "app://kiosk/catalog-images/catalog.json",
    "app://kiosk/%2e%2e/secret.txt",
    "app://other/index.html",
  ])("refuses %s", async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
  });
});
