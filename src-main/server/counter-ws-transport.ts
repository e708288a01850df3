import { COUNTER_WS_PATH } from "../../src-shared/counter-contract.js";
import type { Logger } from "../infra/logger.js";
import type { CounterTerminal } from "../counter/counter-terminal.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import type { OriginPolicy } from "./origin-policy.js";
import { createSocketEndpoint, type WebSocketTransport } from "./ws-transport.js";

export interface CounterWebSocketOptions {
  counter: Pick<CounterTerminal, "attach" | "detach" | "dispatcher">;
  status: Pick<ConnectionStatusMonitor, "get">;
  policy: OriginPolicy;
  log: Logger;
}

/**
 * The counter's contract over `/counter-ws` (the page at `/counter`): the same frames as the
 * kiosk's `/ws`, a different gate. A socket opened here reaches only the counter dispatcher, and
 * one opened on `/ws` only the kiosk's, so no kiosk page can send a staff request.
 */
export function createCounterWebSocketTransport(options: CounterWebSocketOptions): WebSocketTransport {
  const { counter, status } = options;
  return createSocketEndpoint({
    path: COUNTER_WS_PATH,
    policy: options.policy,
    log: options.log,
    open(send) {
      const connection = counter.attach((event, payload) => send({ event, payload }));
      connection.emit("counter-connection-status", status.get());
      return {
        dispatch: (channel, input) => counter.dispatcher.dispatch(connection, channel, input),
        close: () => counter.detach(connection),
      };
    },
  });
}
