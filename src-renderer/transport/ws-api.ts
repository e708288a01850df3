import { unwrapResult, WsServerFrameSchema } from "../../src-shared/bridge.js";
import {
  eventChannels,
  type ConnectionStatus,
  type EventChannel,
  type EventPayload,
  type KioskApi,
  type RequestChannel,
  type Result,
  type SessionInfo,
} from "../../src-shared/contract.js";
import { AppError } from "../../src-shared/errors.js";
import { parseEvent } from "./parse-event.js";

/**
 * The renderer's API in a browser: the contract over a WebSocket to `/ws` of `npm run web`.
 *
 * - Requests made before the socket is open wait for it; when a socket drops, every request still
 *   waiting for an answer fails with a typed error (it may or may not have run: the screen shows
 *   the error and the live cart feed tells the truth about the cart).
 * - It reconnects by itself with a growing, jittered delay, and at once when a request is made.
 *   After a reconnect it resumes its session (with the resume token the server gave it) before
 *   anything else is sent, so the server knows which cart this screen shows again.
 * - While the socket itself is gone, listeners get `connection-status` with Redis "down" and the
 *   assistant unreachable: from this screen neither can be reached.
 *
 * Written against a minimal socket interface (not the DOM type) so tests can drive it with `ws`.
 */

export interface SocketLike {
  readonly readyState: number;
  onopen: (() => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: (() => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WebSocketApiOptions {
  /** ws:// or wss:// URL of `/ws`. */
  url: string;
  /** Creates the socket (the browser's WebSocket by default). */
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay (ms); doubles up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

interface PendingRequest {
  channel: RequestChannel;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  sent: boolean;
}

const OPEN = 1;

function lostConnectionError(channel: RequestChannel): AppError {
  const message = "Lost the connection to the shop's system. Please try again in a moment.";
  return channel.startsWith("chat-")
    ? new AppError("assistant_unavailable", message)
    : new AppError("cart_unavailable", message);
}

export function createWebSocketKioskApi(options: WebSocketApiOptions) {
  const createSocket =
    options.createSocket ??
    ((url: string) =>
      new (globalThis as unknown as { WebSocket: new (u: string) => SocketLike }).WebSocket(url));
  const baseDelay = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5_000;

  const pending = new Map<number, PendingRequest>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let socket: SocketLike | undefined;
  /** True once the socket is open and the session (if any) has been resumed on it. */
  let ready = false;
  let nextId = 1;
  let session: SessionInfo | null = null;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let lastStatus: ConnectionStatus | undefined;
  let reportedDown = false;

  function emit(event: EventChannel, payload: unknown): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`kiosk: a "${event}" listener failed`, error);
      }
    }
  }

  function connect(): void {
    if (disposed || socket) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      if (session) {
        // Resume first: requests queued meanwhile must run with this screen's session.
        const id = nextId++;
        pending.set(id, {
          channel: "session-resume",
          input: session,
          resolve: () => markReady(),
          reject: () => markReady(),
          sent: false,
        });
        transmit(id);
      } else {
        markReady();
      }
    };
    current.onmessage = (event) => onFrame(event.data);
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      socket = undefined;
      ready = false;
      for (const [id, request] of pending) {
        pending.delete(id);
        request.reject(lostConnectionError(request.channel));
      }
      reportDown();
      scheduleReconnect();
    };
  }

  function markReady(): void {
    ready = true;
    for (const id of pending.keys()) if (!pending.get(id)!.sent) transmit(id);
  }

  function transmit(id: number): void {
    const request = pending.get(id);
    if (!request || !socket || socket.readyState !== OPEN) return;
    request.sent = true;
    socket.send(JSON.stringify({ id, channel: request.channel, input: request.input }));
  }

  function scheduleReconnect(): void {
    if (disposed || reconnectTimer) return;
    const delay = Math.min(maxDelay, baseDelay * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt = Math.min(attempt + 1, 16);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, delay);
  }

  function reportDown(): void {
    if (reportedDown) return;
    reportedDown = true;
    emit("connection-status", {
      redis: "down",
      assistant: { mode: lastStatus?.assistant.mode ?? "offline", reachable: false },
      keyspace_notifications: lastStatus?.keyspace_notifications ?? false,
    } satisfies ConnectionStatus);
  }

  function onFrame(data: unknown): void {
    if (typeof data !== "string") return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = WsServerFrameSchema.safeParse(json);
    if (!frame.success) return;
    if ("result" in frame.data) {
      const request = frame.data.id === null ? undefined : pending.get(frame.data.id);
      if (!request) return;
      pending.delete(frame.data.id!);
      try {
        const value = unwrapResult(frame.data.result as Result<unknown>);
        if (request.channel === "session-start" || request.channel === "session-resume") {
          const { session_id, resume_token } = value as SessionInfo;
          session = { session_id, resume_token };
        }
        request.resolve(value);
      } catch (error) {
        request.reject(error as AppError);
      }
      return;
    }
    const name = frame.data.event;
    const event = eventChannels.find((channel) => channel === name);
    if (!event) return;
    const payload = parseEvent(event, frame.data.payload);
    if (payload === undefined) return;
    if (event === "connection-status") {
      lastStatus = payload as ConnectionStatus;
      reportedDown = false;
    }
    emit(event, payload);
  }

  connect();

  return {
    request(channel, input) {
      return new Promise((resolve, reject) => {
        if (disposed) return reject(lostConnectionError(channel));
        const id = nextId++;
        pending.set(id, { channel, input, resolve: resolve as (v: unknown) => void, reject, sent: false });
        if (ready) transmit(id);
        else connect();
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
    /** Closes the socket for good (tests, page unload). */
    dispose(): void {
      disposed = true;
      clearTimeout(reconnectTimer);
      socket?.close(1000, "closed by the page");
    },
  } satisfies KioskApi & { dispose(): void };
}
