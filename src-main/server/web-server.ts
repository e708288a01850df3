import { createReadStream } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../infra/logger.js";
import type { RequestDispatcher } from "../api/request-dispatcher.js";
import type { ConnectionRegistry } from "../sync/connection-registry.js";
import type { ConnectionStatusMonitor } from "../sync/connection-status.js";
import { OriginPolicy } from "./origin-policy.js";
import { imageOriginsOf, imageSecurityPolicy, securityHeadersFor } from "../infra/security-headers.js";
import { resolveStaticFile, type StaticRoots } from "../infra/static-files.js";
import { createWebSocketTransport, WS_PATH } from "./ws-transport.js";
import { createCounterWebSocketTransport } from "./counter-ws-transport.js";
import { COUNTER_WS_PATH } from "../../src-shared/counter-contract.js";
import type { CounterTerminal } from "../counter/counter-terminal.js";

export interface WebServerOptions extends StaticRoots {
  host: string;
  /** 0 picks a free port. */
  port: number;
  allowedOrigins?: readonly string[];
  dispatcher: RequestDispatcher;
  /** The counter terminal's side; unset: no `/counter-ws` (the page at /counter then cannot sign in). */
  counter?: Pick<CounterTerminal, "attach" | "detach" | "dispatcher">;
  registry: ConnectionRegistry;
  status: Pick<ConnectionStatusMonitor, "get">;
  log: Logger;
}

export interface WebServer {
  /** The address to open, e.g. http://127.0.0.1:3000/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * `npm run web`: the renderer build, the catalog's images and the contract over a WebSocket, from
 * one origin. Only GET and HEAD are served; everything else of the app goes through `/ws`.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { log } = options;
  const securityHeaders = securityHeadersFor(imageOriginsOf(options.catalog));
  const server = http.createServer();
  // Slow or idle clients cannot hold sockets open forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const plain = (status: number, text: string) => plainResponse(response, securityHeaders, status, text);
    if (!policy.isAllowedHost(request.headers.host)) return plain(421, "Misdirected request");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      return plain(405, "Method not allowed");
    }
    const pathname = (request.url ?? "/").split("?")[0]!;
    if (!pathname.startsWith("/")) return plain(400, "Bad request");
    if (pathname === WS_PATH || pathname === COUNTER_WS_PATH) return plain(426, "Use a WebSocket");
    const found = await resolveStaticFile(options, pathname);
    if (!found) return plain(404, "Not found");
    response.writeHead(200, {
      ...securityHeaders,
      ...(found.kind === "catalog-image" ? { "Content-Security-Policy": imageSecurityPolicy } : {}),
      "Content-Type": found.contentType,
      "Content-Length": String(found.size),
      "Cache-Control": found.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    if (request.method === "HEAD") return void response.end();
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(found.file);
      stream.on("error", reject);
      response.on("close", () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Built after listening: the policy needs the real port when the caller asked for any free one.
  const policy = new OriginPolicy({ host: options.host, port, allowedOrigins: options.allowedOrigins });
  const ws = createWebSocketTransport({
    dispatcher: options.dispatcher,
    registry: options.registry,
    status: options.status,
    policy,
    log,
  });
  const counterWs =
    options.counter &&
    createCounterWebSocketTransport({ counter: options.counter, status: options.status, policy, log });
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    serve(request, response).catch((error: unknown) => {
      log.error("web: request failed", error);
      if (!response.headersSent) plainResponse(response, securityHeaders, 500, "Internal error");
      else response.destroy();
    });
  });
  server.on("upgrade", (request, socket, head) => {
    if (!policy.isAllowedHost(request.headers.host)) {
      socket.end("HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const pathname = (request.url ?? "").split("?")[0];
    if (counterWs && pathname === COUNTER_WS_PATH) counterWs.handleUpgrade(request, socket, head);
    else ws.handleUpgrade(request, socket, head);
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });

  const displayHost = options.host.includes(":") ? `[${options.host}]` : options.host;

  return {
    url: `http://${displayHost === "0.0.0.0" ? "127.0.0.1" : displayHost}:${port}/`,
    port,
    async close() {
      await ws.close();
      await counterWs?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function plainResponse(
  response: ServerResponse,
  securityHeaders: Readonly<Record<string, string>>,
  status: number,
  text: string,
): void {
  response.writeHead(status, {
    ...securityHeaders,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    "Cache-Control": "no-store",
  });
  response.end(text);
}
