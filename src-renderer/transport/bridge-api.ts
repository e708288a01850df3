import {
  eventMethodName,
  requestMethodName,
  unwrapResult,
  type KioskBridge,
} from "../../src-shared/bridge.js";
import type { EventChannel, EventPayload, KioskApi, Result } from "../../src-shared/contract.js";
import { parseEvent } from "./parse-event.js";

/**
 * The renderer's API under Electron: the preload's `window.kiosk`, whose requests answer with
 * `Result` envelopes (contextBridge would drop an Error's code), turned back into AppErrors.
 * Events are checked against the contract as the WebSocket transport checks them.
 */
export function kioskApiFromBridge(bridge: KioskBridge) {
  const methods = bridge as unknown as Record<string, (arg: unknown) => unknown>;
  return {
    async request(channel, input) {
      const method = methods[requestMethodName(channel)];
      if (!method) throw new Error(`The desktop bridge has no "${channel}" request.`);
      return unwrapResult((await method(input)) as Result<never>);
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      const method = methods[eventMethodName(event)];
      if (!method) throw new Error(`The desktop bridge has no "${event}" event.`);
      return method((payload: unknown) => {
        const parsed = parseEvent(event, payload);
        if (parsed !== undefined) listener(parsed);
      }) as () => void;
    },
  } satisfies KioskApi;
}
