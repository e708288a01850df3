import type { z } from "zod";
import { unwrapResult, WsServerFrameSchema } from "../../src-shared/bridge.js";
import type { Result } from "../../src-shared/contract.js";
import type { AppError } from "../../src-shared/errors.js";
import { parseContractEvent } from "./parse-event.js";
import type { SocketLike } from "./ws-api.js";

/**
 * A contract's requests and events over one reconnecting WebSocket, for a screen set whose
 * contract is not the kiosk's (the counter's, src-shared/counter-contract.ts). The same frames as
 * `/ws` (src-shared/bridge.ts):
 *
 * - requests made while the socket is down wait for it (and make it reconnect at once); when a
 *   socket drops, every request still waiting for its answer fails with `lostConnection` (it may or
 *   may not have run: the screen asks again and shows what the main process says);
 * - it reconnects by itself with a growing, jittered delay;
 * - events are checked against the contract (parse-event.ts) before any listener sees them;
 * - `onConnectionChange` hears when the socket is lost and when it is back, so that the screen's
 *   own policy (sign in again, catch up on missed events) runs there, not in the socket.
 */

export interface ContractSocketOptions {
  url: string;
  /** The contract's events: frames for any other name, or not matching, are dropped. */
  events: Readonly<Record<string, z.ZodType>>;
  /** What a request waiting for an answer gets when the socket drops. */
  lostConnection: (channel: string) => AppError;
  /** Hears the socket go down (once per outage) and come back (`true` after a reconnect). */
  onConnectionChange?: (up: boolean) => void;
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
      for (const id of pending.keys()) transmit(id);
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
      for (const [id, request] of pending) {
        if (!request.sent) continue;
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

  function transmit(id: number): void {
    const request = pending.get(id);
    if (!request || request.sent || !socket || socket.readyState !== OPEN) return;
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
      try {
        request.resolve(unwrapResult(frame.data.result as Result<unknown>));
      } catch (error) {
        request.reject(error as AppError);
      }
      return;
    }
    const { event, payload } = frame.data;
    if (!Object.hasOwn(options.events, event)) return;
    const parsed = parseContractEvent(options.events, event, payload, label);
    if (parsed === undefined) return;
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(parsed);
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
        if (socket?.readyState === OPEN) transmit(id);
        else connect();
      });
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    /** Closes the socket for good (tests, page unload). */
    dispose(): void {
      disposed = true;
      clearTimeout(reconnectTimer);
      socket?.close(1000, "closed by the page");
    },
  };
}
