import type { BrowserWindowConstructorOptions } from "electron";
import type { AppConfig } from "../config/config.js";

/**
 * The one window's options. The page gets no Node, runs in a sandboxed renderer in its own
 * JavaScript world apart from the preload, and cannot open devtools unless DEV_TOOLS is set. In
 * kiosk mode the window covers the screen and cannot be left; otherwise it is an ordinary window
 * for development.
 */
export function mainWindowOptions(
  ui: AppConfig["ui"],
  preloadPath: string,
  role: "kiosk" | "counter" = "kiosk",
): BrowserWindowConstructorOptions {
  return {
    title: role === "counter" ? "Counter" : "Shopping assistant",
    show: false,
    backgroundColor: "#ffffff",
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    autoHideMenuBar: true,
    kiosk: ui.kioskMode,
    fullscreen: ui.kioskMode,
    frame: !ui.kioskMode,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: ui.devTools,
    },
  };
}
