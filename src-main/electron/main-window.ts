import type { BrowserWindow, BrowserWindowConstructorOptions } from "electron";
import type { AppConfig } from "../config/config.js";
import type { Logger } from "../infra/logger.js";
import { APP_START_URL, COUNTER_START_URL } from "./app-protocol.js";
import { mainWindowOptions } from "./window-options.js";

export type WindowLike = Pick<BrowserWindow, "once" | "show" | "loadURL" | "webContents">;

export interface MainWindowDeps<W extends WindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
}

/**
 * Opens the app's one window on `app://kiosk/index.html` (the kiosk) or, for APP_ROLE=counter,
 * `app://kiosk/counter.html` with the counter's preload; shown once it has painted.
 */
export function createMainWindow<W extends WindowLike>(
  deps: MainWindowDeps<W>,
  options: { ui: AppConfig["ui"]; preloadPath: string; log: Logger; role?: "kiosk" | "counter" },
): W {
  const counter = options.role === "counter";
  const window = new deps.BrowserWindow(
    mainWindowOptions(options.ui, options.preloadPath, counter ? "counter" : "kiosk"),
  );
  window.once("ready-to-show", () => window.show());
  window.loadURL(counter ? COUNTER_START_URL : APP_START_URL).catch((error: unknown) => {
    options.log.error("electron: could not load the page", error);
  });
  return window;
}
