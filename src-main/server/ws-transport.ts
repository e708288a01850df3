import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import { WS_MAX_FRAME_BYTES, WsRequestFrameSchema, type WsServerFrame } from "../../src-shared/bridge.js";
import type { Result } from "../../src-shared/contract.js";
import { describeZodError } from "../../src-shared/errors.js";
import type { Logger } from "../infra/logger.js";
import { ConnectionContext } from "../api/connection-context.js";
import type { RequestDispatcher } from "../api/request-dispatcher.js";
import type { ConnectionRegistry, EventSink } from "../sync/connection-registry.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import type { OriginPolicy } from "./origin-policy.js";

export const WS_PATH = "/ws";

/** Requests one socket may have running at once; a page never needs more than a handful. */
const MAX_IN_FLIGHT = 32;
/** A client that stops reading is dropped before its unsent events pile up in memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

export interface WebSocketTransportOptions {
  dispatcher: RequestDispatcher;
  registry: ConnectionRegistry;
  status: Pick<ConnectionStatusMonitor, "get">;
  policy: OriginPolicy;
  log: Logger;
}

export interface WebSocketTransport {
  /** Takes over an HTTP upgrade request (refusing it unless it is ours and from an allowed origin). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * The contract over a WebSocket for `npm run web`: each text frame is `{ id, channel, input }`
 * and is answered with `{ id, result }`; events arrive as `{ event, payload }`. Requests go through
 * the same dispatcher as Electron IPC, so validation and errors are identical.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const { dispatcher, registry, status } = options;
  return createSocketEndpoint({
    path: WS_PATH,
    policy: options.policy,
    log: options.log,
    open(send) {
      const emit: EventSink = (event, payload) => send({ event, payload });
      const ctx = new ConnectionContext(registry, emit);
      // The page learns the state of Redis and the assistant at once, not at the next change.
      emit("connection-status", status.get());
      return {
        dispatch: (channel, input) => dispatcher.dispatch(ctx, channel, input),
        close: () => ctx.close(),
      };
    },
  });
}

/** One socket's side of an endpoint: where its requests go and what to do when it closes. */
export interface SocketSession {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  close(): void;
}

export interface SocketEndpointOptions {
  /** The one path this endpoint upgrades (`/ws`, `/counter-ws`). */
  path: string;
  policy: OriginPolicy;
  log: Logger;
  open(send: (frame: WsServerFrame) => void): SocketSession;
}

/**
 * The wire protocol, whatever contract a socket speaks: JSON text frames, the size cap, the
 * in-flight limit, heartbeats, and dropping a client that stops reading. The kiosk's `/ws` and
 * the counter's `/counter-ws` are two endpoints of this, each with its own dispatcher: which
 * contract a socket can reach is decided by the path it was opened on.
 */
export function createSocketEndpoint(options: SocketEndpointOptions): WebSocketTransport {
  const { policy, log } = options;
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_FRAME_BYTES,
    // Compression would let a small frame inflate into a large one and costs CPU on a kiosk.
    perMessageDeflate: false,
  });
  const alive = new WeakMap<WebSocket, boolean>();

  const heartbeat = setInterval(() => {
    for (const socket of server.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  server.on("connection", (socket: WebSocket) => {
    alive.set(socket, true);
    socket.on("pong", () => alive.set(socket, true));
    const send = (frame: WsServerFrame) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify(frame));
    };
    const session = options.open(send);
    let inFlight = 0;

    socket.on("message", (data: RawData, isBinary: boolean) => {
      const refuse = (id: number | null, message: string) =>
        send({ id, result: { ok: false, error: { code: "invalid_input", message } } });
      if (isBinary) return refuse(null, "Requests are JSON text frames.");
      let json: unknown;
      try {
        json = JSON.parse(rawText(data));
      } catch {
        return refuse(null, "A request must be JSON.");
      }
      const frame = WsRequestFrameSchema.safeParse(json);
      if (!frame.success) {
        return refuse(usableId(json), `Malformed request frame: ${describeZodError(frame.error)}`);
      }
      const { id, channel, input } = frame.data;
      if (inFlight >= MAX_IN_FLIGHT) return refuse(id, "Too many requests at once; wait for answers first.");
      inFlight++;
      void session
        .dispatch(channel, input)
        .then((result: Result<unknown>) => send({ id, result }))
        .finally(() => inFlight--);
    });
    socket.on("error", () => socket.terminate());
    socket.on("close", () => session.close());
  });

  return {
    handleUpgrade(request, socket, head) {
      const refuse = (status: string) => {
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      };
      const pathname = (request.url ?? "").split("?")[0];
      if (pathname !== options.path) return refuse("404 Not Found");
      if (!policy.isAllowedOrigin(request.headers.origin, request.headers.host)) {
        log.warn(`web: refused a WebSocket from origin ${JSON.stringify(request.headers.origin ?? null)}`);
        return refuse("403 Forbidden");
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit("connection", ws, request));
    },
    async close() {
      clearInterval(heartbeat);
      for (const socket of server.clients) socket.close(1001, "server shutting down");
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of server.clients) socket.terminate();
    },
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}

function usableId(json: unknown): number | null {
  if (json === null || typeof json !== "object") return null;
  const id = (json as { id?: unknown }).id;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
