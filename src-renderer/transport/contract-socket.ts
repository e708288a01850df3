import type { z } from "zod";
import { unwrapResult, WsServerFrameSchema } from "../../src-shared/bridge.js";
import type { Result } from "../../src-shared/contract.js";
import type { AppError } from "../../src-shared/errors.js";
import { parseContractEvent } from "./parse-event.js";

/**
 * A contract's requests and events over one reconnecting WebSocket: the kiosk's (`/ws`, ws-api.ts
 * adds its session resume) and the counter's (`/counter-ws`). The frames of src-shared/bridge.ts:
 *
 * - requests made while the socket is down wait for it (and make it reconnect at once); when a
 *   socket drops, every request still waiting fails with `lostConnection` (a sent one may or may
 *   not have run: the screen asks again and shows what the main process says);
 * - `firstRequest` is sent first on every new socket (the kiosk's session resume) and everything
 *   else waits for its answer, so that queued requests run on the resumed session;
 * - it reconnects by itself with a growing, jittered delay;
 * - events are checked against the contract (parse-event.ts) before any listener sees them;
 * - `onConnectionChange` hears when the socket is lost and when it is back, so that the screen's
 *   own policy (sign in again, catch up on missed events) runs there, not in the socket.
 */

/** The part of the browser's WebSocket used here, so tests can drive it with a fake or with `ws`. */
export interface SocketLike {
  readonly readyState: number;
  onopen: (() => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: (() => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ContractSocketOptions {
  url: string;
  /** The contract's events: frames for any other name, or not matching, are dropped. */
  events: Readonly<Record<string, z.ZodType>>;
  /** What a request waiting for an answer gets when the socket drops. */
  lostConnection: (channel: string) => AppError;
  /** Hears the socket go down (once per outage) and come back (`true` after a reconnect). */
  onConnectionChange?: (up: boolean) => void;
  /** The request to send before any other on a new socket, if any (a session resume). */
  firstRequest?: () => { channel: string; input: unknown } | undefined;
  /** Sees every answer that succeeded (the kiosk keeps its session from them). */
  onAnswer?: (channel: string, value: unknown) => void;
  createSocket?: (url: string) => SocketLike;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Names the screen set in console notes ("counter"). */
  label?: string;
}

interface PendingRequest {
  channel: string;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  sent: boolean;
}

const OPEN = 1;

export function createContractSocket(options: ContractSocketOptions) {
  const createSocket =
    options.createSocket ??
    ((url: string) =>
      new (globalThis as unknown as { WebSocket: new (u: string) => SocketLike }).WebSocket(url));
  const baseDelay = options.baseDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const label = options.label ?? "screen";

  const pending = new Map<number, PendingRequest>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: SocketLike | undefined;
  /** True once the socket is open and its first request (if any) has been answered. */
  let ready = false;
  let nextId = 1;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let everOpened = false;
  let down = false;

  function connect(): void {
    if (disposed || socket) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      const first = options.firstRequest?.();
      if (first) {
        const id = nextId++;
        // Answered or refused, the rest may go; unless this socket dropped meanwhile.
        const open = () => {
          if (socket === current) markReady();
        };
        pending.set(id, { ...first, resolve: open, reject: open, sent: false });
        transmit(id, true);
      } else {
        markReady();
      }
      if (reconnected || down) {
        down = false;
        options.onConnectionChange?.(true);
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
        request.reject(options.lostConnection(request.channel));
      }
      if (!down) {
        down = true;
        options.onConnectionChange?.(false);
      }
      scheduleReconnect();
    };
  }

  function markReady(): void {
    ready = true;
    for (const id of pending.keys()) transmit(id);
  }

  function transmit(id: number, first = false): void {
    const request = pending.get(id);
    if (!request || request.sent || (!ready && !first) || !socket || socket.readyState !== OPEN) return;
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
      const id = frame.data.id;
      const request = id === null ? undefined : pending.get(id);
      if (!request) return;
      pending.delete(id!);
      let value: unknown;
      try {
        value = unwrapResult(frame.data.result as Result<unknown>);
      } catch (error) {
        request.reject(error as AppError);
        return;
      }
      options.onAnswer?.(request.channel, value);
      request.resolve(value);
      return;
    }
    const { event, payload } = frame.data;
    if (!Object.hasOwn(options.events, event)) return;
    const parsed = parseContractEvent(options.events, event, payload, label);
    if (parsed !== undefined) emit(event, parsed);
  }

  function emit(event: string, payload: unknown): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`${label}: a "${event}" listener failed`, error);
      }
    }
  }

  connect();

  return {
    request(channel: string, input: unknown): Promise<unknown> {
      return new Promise((resolve, reject) => {
        if (disposed) return reject(options.lostConnection(channel));
        const id = nextId++;
        pending.set(id, { channel, input, resolve, reject, sent: false });
        if (ready) transmit(id);
        else connect();
      });
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    /** Hands listeners an event made on this side (the kiosk's "connection lost" status). */
    emit,
    /** Closes the socket for good (tests, page unload). */
    dispose(): void {
      disposed = true;
      clearTimeout(reconnectTimer);
      socket?.close(1000, "closed by the page");
    },
  };
}
