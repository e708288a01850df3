import type { BrowserWindow, BrowserWindowConstructorOptions } from "electron";
import type { AppConfig } from "../config/config.js";
import type { Logger } from "../infra/logger.js";
import { APP_START_URL } from "./app-protocol.js";
import { mainWindowOptions } from "./window-options.js";

export type WindowLike = Pick<BrowserWindow, "once" | "show" | "loadURL" | "webContents">;

export interface MainWindowDeps<W extends WindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
}

/** Opens the app's one window on `app://kiosk/index.html`, shown once it has painted. */
export function createMainWindow<W extends WindowLike>(
  deps: MainWindowDeps<W>,
  options: { ui: AppConfig["ui"]; preloadPath: string; log: Logger },
): W {
  const window = new deps.BrowserWindow(mainWindowOptions(options.ui, options.preloadPath));
  window.once("ready-to-show", () => window.show());
  window.loadURL(APP_START_URL).catch((error: unknown) => {
    options.log.error("electron: could not load the page", error);
  });
  return window;
}
