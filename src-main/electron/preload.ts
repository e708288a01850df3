/**
 * The sandboxed preload (bundled to dist/electron/preload.cjs): exposes `window.kiosk` and nothing
 * else. Everything it offers is derived from the contract in kiosk-bridge.ts.
 */
import { contextBridge, ipcRenderer } from "electron";
import { exposeKioskBridge } from "./kiosk-bridge.js";

exposeKioskBridge(contextBridge, ipcRenderer);
