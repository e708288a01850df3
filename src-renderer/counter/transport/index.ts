import {
  COUNTER_WS_PATH,
  counterEvents,
  type CounterApi,
  type CounterBridge,
  type CounterEventChannel,
  type CounterEventPayload,
} from "../../../src-shared/counter-contract.js";
import { AppError } from "../../../src-shared/errors.js";
import { apiFromBridge } from "../../transport/bridge-api.js";
import { createContractSocket, type ContractSocketOptions } from "../../transport/contract-socket.js";

declare global {
  interface Window {
    /** Set by the Electron preload in the counter window only; absent in a browser. */
    counter?: CounterBridge;
  }
}

/** What the counter's stores hold: the contract's API, and word of the link going down and back up. */
export interface CounterConnection extends CounterApi {
  /** Hears this screen's own link to the main process drop (`false`) and come back (`true`). */
  onLink(listener: (up: boolean) => void): () => void;
}

const lost = () =>
  new AppError("cart_unavailable", "Lost the connection to the shop's system. Please try again in a moment.");

function typed(api: {
  request(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}): CounterApi {
  return {
    request: (channel, input) => api.request(channel, input) as never,
    on<E extends CounterEventChannel>(event: E, listener: (payload: CounterEventPayload<E>) => void) {
      return api.on(event, listener as (payload: unknown) => void);
    },
  };
}

/** The counter over a WebSocket to `/counter-ws` (the kiosk's `/ws` never carries a counter request). */
export function createWebSocketCounterApi(
  options: Omit<ContractSocketOptions, "events" | "lostConnection" | "onConnectionChange">,
): CounterConnection & { dispose(): void } {
  const links = new Set<(up: boolean) => void>();
  const socket = createContractSocket({
    ...options,
    label: "counter",
    events: counterEvents,
    lostConnection: lost,
    onConnectionChange: (up) => {
      for (const listener of [...links]) listener(up);
    },
  });
  return {
    ...typed(socket),
    onLink(listener) {
      links.add(listener);
      return () => void links.delete(listener);
    },
    dispose: () => socket.dispose(),
  };
}

/** The counter under Electron: the preload's `window.counter` (IPC never drops, so no link events). */
export function counterApiFromBridge(bridge: CounterBridge): CounterConnection {
  return { ...typed(apiFromBridge(bridge, counterEvents, "counter")), onLink: () => () => {} };
}

/**
 * The counter's one way to reach the main process: the preload's bridge in the desktop app's
 * counter window (`APP_ROLE=counter`), a WebSocket to `/counter-ws` on the page's own origin in a
 * browser (`npm run web`, `/counter`).
 */
export function createCounterApi(): CounterConnection {
  if (window.counter) return counterApiFromBridge(window.counter);
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return createWebSocketCounterApi({ url: `${scheme}//${window.location.host}${COUNTER_WS_PATH}` });
}
