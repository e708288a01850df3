import {
  events,
  type ConnectionStatus,
  type EventChannel,
  type EventPayload,
  type KioskApi,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
  type SessionInfo,
} from "../../src-shared/contract.js";
import { AppError } from "../../src-shared/errors.js";
import { createContractSocket, type SocketLike } from "./contract-socket.js";

export type { SocketLike } from "./contract-socket.js";

/**
 * The renderer's API in a browser: the kiosk's contract over a WebSocket to `/ws` of `npm run web`
 * (the reconnecting socket itself is contract-socket.ts, shared with the counter). What is the
 * kiosk's own:
 *
 * - After a reconnect it resumes its session (with the resume token the server gave it) before
 *   anything else is sent, so the server knows which cart this screen shows again.
 * - While the socket itself is gone, listeners get `connection-status` with Redis "down" and the
 *   assistant unreachable: from this screen neither can be reached.
 * - A request lost with the socket fails as the cart's or the assistant's unavailability, which
 *   the stores already know how to retry (src-shared/operation-id.ts).
 */

export interface WebSocketApiOptions {
  /** ws:// or wss:// URL of `/ws`. */
  url: string;
  /** Creates the socket (the browser's WebSocket by default). */
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay (ms); doubles up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

function lostConnectionError(channel: string): AppError {
  const message = "Lost the connection to the shop's system. Please try again in a moment.";
  return channel.startsWith("chat-")
    ? new AppError("assistant_unavailable", message)
    : new AppError("cart_unavailable", message);
}

export function createWebSocketKioskApi(options: WebSocketApiOptions) {
  let session: SessionInfo | null = null;
  let lastStatus: ConnectionStatus | undefined;

  const socket = createContractSocket({
    ...options,
    label: "kiosk",
    events,
    lostConnection: lostConnectionError,
    firstRequest: () => (session ? { channel: "session-resume", input: session } : undefined),
    onAnswer(channel, value) {
      if (channel === "session-start" || channel === "session-resume") {
        const { session_id, resume_token } = value as SessionInfo;
        session = { session_id, resume_token };
      }
    },
    onConnectionChange(up) {
      if (up) return;
      socket.emit("connection-status", {
        redis: "down",
        assistant: { mode: lastStatus?.assistant.mode ?? "offline", reachable: false },
        keyspace_notifications: lastStatus?.keyspace_notifications ?? false,
      } satisfies ConnectionStatus);
    },
  });
  socket.on("connection-status", (status) => {
    lastStatus = status as ConnectionStatus;
  });

  return {
    request<C extends RequestChannel>(channel: C, input: RequestInput<C>) {
      return socket.request(channel, input) as Promise<RequestOutput<C>>;
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      return socket.on(event, listener as (payload: unknown) => void);
    },
    /** Closes the socket for good (tests, page unload). */
    dispose: () => socket.dispose(),
  } satisfies KioskApi & { dispose(): void };
}
