/**
 * The desktop app's main process (bundled to dist/electron/main.mjs). Electron is imported here
 * and in preload.ts only; the modules it wires take Electron's objects as parameters.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, protocol, session } from "electron";
import { appRoot, loadConfig, type AppConfig } from "../config/config.js";
import { createServices, type Services } from "../app/services.js";
import { consoleLogger as log } from "../infra/logger.js";
import { appScheme, registerAppProtocol } from "./app-protocol.js";
import { claimSingleInstance, closeServicesBeforeQuit, keepDisplayAwake } from "./app-lifecycle.js";
import { reloadOnCrash } from "./crash-recovery.js";
import { denyAllPermissions, hardenWebContents } from "./hardening.js";
import { registerIpcHandlers, WindowConnections } from "./ipc.js";
import { CounterWindows, registerCounterIpcHandlers } from "./counter-ipc.js";
import { createMainWindow } from "./main-window.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, "preload.cjs");
const counterPreloadPath = path.join(here, "counter-preload.cjs");
const rendererDir = path.join(appRoot, "dist", "renderer");

// Must happen before "ready": app:// is then a standard, secure origin.
protocol.registerSchemesAsPrivileged([appScheme]);

function fail(message: string): never {
  console.error(`Cannot start the kiosk assistant: ${message}`);
  if (app.isReady()) dialog.showErrorBox("Cannot start the kiosk assistant", message);
  app.exit(1);
  process.exit(1);
}

let config: AppConfig;
try {
  // The same per-user data folder as `npm run web` and kioskctl (defaultDataDir), not Electron's
  // userData: all three then find one embedded Redis and one session secret on a machine.
  config = loadConfig();
} catch (error) {
  fail((error as Error).message);
}

let services: Services | undefined;
let mainWindow: BrowserWindow | undefined;

if (claimSingleInstance(app, () => mainWindow)) {
  app.on("web-contents-created", (_event, contents) => {
    hardenWebContents(contents, { devTools: config.ui.devTools, log });
  });
  app.on("window-all-closed", () => app.quit());
  closeServicesBeforeQuit(app, () => services);
  app.whenReady().then(start, (error: unknown) => fail((error as Error).message));
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  try {
    services = await createServices(config);
  } catch (error) {
    fail((error as Error).message);
  }
  registerAppProtocol(protocol, { rendererDir, catalog: services.catalog });

  // One role per process: the kiosk's IPC handlers or the counter's, never both, so neither
  // window can reach the other's contract (APP_ROLE).
  const role = config.fleet.role;
  mainWindow = createMainWindow(
    { BrowserWindow },
    { ui: config.ui, preloadPath: role === "counter" ? counterPreloadPath : preloadPath, log, role },
  );
  if (role === "counter") {
    const windows = new CounterWindows(services.counter, services.status);
    registerCounterIpcHandlers({ ipcMain, counter: services.counter, windows, log });
    windows.attach(mainWindow.webContents);
  } else {
    const connections = new WindowConnections(services.registry, services.status);
    registerIpcHandlers({ ipcMain, dispatcher: services.dispatcher, connections, log });
    connections.attach(mainWindow.webContents);
  }
  const heartbeat = services.heartbeat;
  reloadOnCrash(mainWindow.webContents, { log, onCrash: () => heartbeat.rendererCrashed() });
  mainWindow.on("closed", () => (mainWindow = undefined));
  keepDisplayAwake(app, powerSaveBlocker, config.ui.kioskMode);
}
