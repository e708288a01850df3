import type { z } from "zod";
import {
  eventMethodName,
  requestMethodName,
  unwrapResult,
  type KioskBridge,
} from "../../src-shared/bridge.js";
import {
  events,
  type EventChannel,
  type EventPayload,
  type KioskApi,
  type Result,
} from "../../src-shared/contract.js";
import { parseContractEvent } from "./parse-event.js";

/**
 * A contract's API under Electron: a preload object (`window.kiosk`, `window.counter`) whose
 * requests answer with `Result` envelopes (contextBridge would drop an Error's code), turned back
 * into AppErrors. Events are checked against the contract as the WebSocket transports check them.
 * Method names follow src-shared/bridge.ts for every contract (`counter-order-pay` ->
 * `counterOrderPay`, `counter-cart-changed` -> `onCounterCartChanged`).
 */
export function apiFromBridge(
  bridge: object,
  contractEvents: Readonly<Record<string, z.ZodType>>,
  label: string,
) {
  const methods = bridge as Record<string, (arg: unknown) => unknown>;
  return {
    async request(channel: string, input: unknown): Promise<unknown> {
      const method = methods[requestMethodName(channel)];
      if (!method) throw new Error(`The desktop bridge has no "${channel}" request.`);
      return unwrapResult((await method(input)) as Result<never>);
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      const method = methods[eventMethodName(event)];
      if (!method) throw new Error(`The desktop bridge has no "${event}" event.`);
      return method((payload: unknown) => {
        const parsed = parseContractEvent(contractEvents, event, payload, label);
        if (parsed !== undefined) listener(parsed);
      }) as () => void;
    },
  };
}

/** The kiosk's API from the preload's `window.kiosk`. */
export function kioskApiFromBridge(bridge: KioskBridge) {
  const api = apiFromBridge(bridge, events, "kiosk");
  return {
    request: (channel, input) => api.request(channel, input) as never,
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      return api.on(event, listener as (payload: unknown) => void);
    },
  } satisfies KioskApi;
}
