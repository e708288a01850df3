import type { ContextBridge, IpcRenderer, IpcRendererEvent } from "electron";
import {
  eventMethodName,
  ipcEventChannel,
  ipcRequestChannel,
  requestMethodName,
  type KioskBridge,
} from "../../src-shared/bridge.js";
import { eventChannels, requestChannels, type Result } from "../../src-shared/contract.js";

/**
 * The preload's one object, built from the contract's channel lists: a method per request (each
 * answering a Result envelope) and an `on<Event>` per event returning its unsubscribe function.
 * The page never sees ipcRenderer, an IPC event object or a channel name of its choosing.
 */
export function buildKioskBridge(ipc: Pick<IpcRenderer, "invoke" | "on" | "removeListener">): KioskBridge {
  const bridge: Record<string, unknown> = {};
  for (const channel of requestChannels) {
    bridge[requestMethodName(channel)] = (input: unknown): Promise<Result<unknown>> =>
      ipc.invoke(ipcRequestChannel(channel), input).catch((): Result<never> => ({
        ok: false,
        error: { code: "internal", message: "The kiosk's main process did not answer. Please try again." },
      }));
  }
  for (const event of eventChannels) {
    bridge[eventMethodName(event)] = (listener: unknown) => {
      if (typeof listener !== "function") throw new TypeError(`${eventMethodName(event)} needs a function`);
      const forward = (_event: IpcRendererEvent, payload: unknown) =>
        (listener as (p: unknown) => void)(payload);
      ipc.on(ipcEventChannel(event), forward);
      return () => void ipc.removeListener(ipcEventChannel(event), forward);
    };
  }
  return Object.freeze(bridge) as KioskBridge;
}

export function exposeKioskBridge(
  contextBridge: Pick<ContextBridge, "exposeInMainWorld">,
  ipc: Pick<IpcRenderer, "invoke" | "on" | "removeListener">,
): void {
  contextBridge.exposeInMainWorld("kiosk", buildKioskBridge(ipc));
}
