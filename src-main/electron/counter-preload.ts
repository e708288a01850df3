/**
 * The counter window's sandboxed preload (bundled to dist/electron/counter-preload.cjs): exposes
 * `window.counter` and nothing else, not the kiosk's `window.kiosk`.
 */
import { contextBridge, ipcRenderer } from "electron";
import { exposeCounterBridge } from "./counter-bridge.js";

exposeCounterBridge(contextBridge, ipcRenderer);
