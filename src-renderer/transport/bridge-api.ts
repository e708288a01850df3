import {
  eventMethodName,
  requestMethodName,
  unwrapResult,
  type KioskBridge,
} from "../../src-shared/bridge.js";
import type { KioskApi, Result } from "../../src-shared/contract.js";

/**
 * The renderer's API under Electron: the preload's `window.kiosk`, whose requests answer with
 * `Result` envelopes (contextBridge would drop an Error's code), turned back into AppErrors.
 */
export function kioskApiFromBridge(bridge: KioskBridge) {
  const methods = bridge as unknown as Record<string, (arg: unknown) => unknown>;
  return {
    async request(channel, input) {
      const method = methods[requestMethodName(channel)];
      if (!method) throw new Error(`The desktop bridge has no "${channel}" request.`);
      return unwrapResult((await method(input)) as Result<never>);
    },
    on(event, listener) {
      const method = methods[eventMethodName(event)];
      if (!method) throw new Error(`The desktop bridge has no "${event}" event.`);
      return method(listener) as () => void;
    },
  } satisfies KioskApi;
}
