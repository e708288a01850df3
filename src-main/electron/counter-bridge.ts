import type { ContextBridge, IpcRenderer, IpcRendererEvent } from "electron";
import { eventMethodName, requestMethodName } from "../../src-shared/bridge.js";
import {
  counterEventChannels,
  counterIpcEventChannel,
  counterIpcRequestChannel,
  counterRequestChannels,
  type CounterBridge,
} from "../../src-shared/counter-contract.js";
import type { Result } from "../../src-shared/contract.js";

/**
 * The counter window's preload object, `window.counter`, built from the counter contract as the
 * kiosk's is from its own (kiosk-bridge.ts). The counter window gets this one and not the
 * kiosk's; the kiosk window gets the kiosk's only. The main process registers the handlers of
 * the role it runs (APP_ROLE) and no others.
 */
export function buildCounterBridge(
  ipc: Pick<IpcRenderer, "invoke" | "on" | "removeListener">,
): CounterBridge {
  const bridge: Record<string, unknown> = {};
  for (const channel of counterRequestChannels) {
    bridge[requestMethodName(channel)] = (input: unknown): Promise<Result<unknown>> =>
      ipc.invoke(counterIpcRequestChannel(channel), input).catch((): Result<never> => ({
        ok: false,
        error: { code: "internal", message: "The counter's main process did not answer. Please try again." },
      }));
  }
  for (const event of counterEventChannels) {
    bridge[eventMethodName(event)] = (listener: unknown) => {
      if (typeof listener !== "function") throw new TypeError(`${eventMethodName(event)} needs a function`);
      const forward = (_event: IpcRendererEvent, payload: unknown) =>
        (listener as (p: unknown) => void)(payload);
      ipc.on(counterIpcEventChannel(event), forward);
      return () => void ipc.removeListener(counterIpcEventChannel(event), forward);
    };
  }
  return Object.freeze(bridge) as CounterBridge;
}

export function exposeCounterBridge(
  contextBridge: Pick<ContextBridge, "exposeInMainWorld">,
  ipc: Pick<IpcRenderer, "invoke" | "on" | "removeListener">,
): void {
  contextBridge.exposeInMainWorld("counter", buildCounterBridge(ipc));
}
