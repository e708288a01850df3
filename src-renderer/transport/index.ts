import type { KioskBridge } from "../../src-shared/bridge.js";
import type { KioskApi } from "../../src-shared/contract.js";
import { kioskApiFromBridge } from "./bridge-api.js";
import { createWebSocketKioskApi } from "./ws-api.js";

export { kioskApiFromBridge } from "./bridge-api.js";
export { createWebSocketKioskApi } from "./ws-api.js";

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    kiosk?: KioskBridge;
  }
}

/**
 * The renderer's one way to reach the main process. Under Electron the preload's bridge; in a
 * browser (`npm run web`) a WebSocket to `/ws` on the page's own origin. One renderer build runs
 * unchanged on both.
 */
export function createKioskApi(): KioskApi {
  if (window.kiosk) return kioskApiFromBridge(window.kiosk);
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return createWebSocketKioskApi({ url: `${scheme}//${window.location.host}/ws` });
}
