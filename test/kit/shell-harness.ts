import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import type { EventChannel, EventPayload, RequestChannel, Result } from "../../src-shared/contract.js";
import { silentLogger, type Logger } from "../../src-main/infra/logger.js";
import { createServices, type CreateServicesOptions, type Services } from "../../src-main/app/services.js";
import { loadConfig } from "../../src-main/config/config.js";
import { startWebServer, type WebServer } from "../../src-main/server/web-server.js";
import { startTestRedis, type TestRedis } from "./redis.js";

/**
 * The whole shell as `npm run web` runs it (createServices + the web server), on a private
 * redis-server and a free port, with a throwaway renderer page.
 */
export interface Shell {
  redis: TestRedis;
  services: Services;
  server: WebServer;
  /** http://127.0.0.1:<port> */
  origin: string;
  wsUrl: string;
  /** The counter terminal's socket. */
  counterWsUrl: string;
  rendererDir: string;
  /** DATA_DIR of this shell (the session secret lives there). */
  dataDir: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startShell(
  options: {
    redis?: TestRedis;
    env?: Record<string, string>;
    services?: Omit<CreateServicesOptions, "log">;
  } = {},
): Promise<Shell> {
  const redis = options.redis ?? (await startTestRedis());
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-shell-"));
  const rendererDir = path.join(dir, "renderer");
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, "index.html"), "<!doctype html><title>kiosk test page</title>");
  writeFileSync(path.join(rendererDir, "counter.html"), "<!doctype html><title>counter test page</title>");
  const logs: string[] = [];
  const log: Logger = {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m, ...d) => logs.push(`error ${m} ${d.map(String).join(" ")}`),
  };
  const dataDir = options.env?.DATA_DIR ?? path.join(dir, "data");
  const config = loadConfig({
    REDIS_URL: redis.url,
    ASSISTANT_MODE: "offline",
    DATA_DIR: dataDir,
    ...options.env,
  });
  const services = await createServices(config, { ...options.services, log });
  const server = await startWebServer({
    host: "127.0.0.1",
    port: 0,
    rendererDir,
    catalog: services.catalog,
    dispatcher: services.dispatcher,
    counter: services.counter,
    registry: services.registry,
    status: services.status,
    log,
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return {
    redis,
    services,
    server,
    origin,
    wsUrl: `ws://127.0.0.1:${server.port}/ws`,
    counterWsUrl: `ws://127.0.0.1:${server.port}/counter-ws`,
    rendererDir,
    dataDir,
    logs,
    async close() {
      await server.close();
      await services.close();
      if (!options.redis) await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { silentLogger };

type AnyEvent = { event: EventChannel; payload: unknown };

/** A raw WebSocket client speaking the wire protocol, for tests that also send what a page never would. */
export class RawClient {
  readonly events: AnyEvent[] = [];
  /** Answers to frames that had no usable id. */
  readonly anonymousAnswers: Array<Result<unknown>> = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (result: Result<unknown>) => void>();
  private readonly eventWaiters = new Set<() => void>();
  private readonly anonymousWaiters: Array<(result: Result<unknown>) => void> = [];
  closed: Promise<{ code: number }>;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as {
        id?: number | null;
        result?: Result<unknown>;
      } & AnyEvent;
      if (frame.result) {
        if (frame.id === null || frame.id === undefined) {
          this.anonymousAnswers.push(frame.result);
          this.anonymousWaiters.shift()?.(frame.result);
        } else {
          this.waiting.get(frame.id)?.(frame.result);
          this.waiting.delete(frame.id);
        }
      } else {
        this.events.push({ event: frame.event, payload: frame.payload });
        for (const wake of [...this.eventWaiters]) wake();
      }
    });
    this.closed = new Promise((resolve) => socket.on("close", (code) => resolve({ code })));
  }

  static connect(
    wsUrl: string,
    origin: string | undefined = wsUrl.replace(/^ws/, "http").replace(/\/ws$/, ""),
  ) {
    return new Promise<RawClient>((resolve, reject) => {
      const socket = new WebSocket(wsUrl, origin ? { origin } : {});
      socket.once("open", () => resolve(new RawClient(socket)));
      socket.once("error", reject);
      socket.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  request<C extends RequestChannel>(channel: C | string, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return this.send({ id, channel, input }, id);
  }

  /** Sends any frame; resolves with the answer to `id` (or to the next anonymous answer when id is undefined). */
  send(frame: unknown, id?: number): Promise<Result<unknown>> {
    const text = typeof frame === "string" ? frame : JSON.stringify(frame);
    return this.sendRaw(text, id);
  }

  sendRaw(data: string | Buffer, id?: number): Promise<Result<unknown>> {
    return new Promise((resolve, reject) => {
      if (id !== undefined) this.waiting.set(id, resolve);
      else this.anonymousWaiters.push(resolve);
      this.socket.send(data, (error) => error && reject(error));
    });
  }

  async ok<T = unknown>(channel: RequestChannel, input: unknown = {}): Promise<T> {
    const result = await this.request(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  eventsOf<E extends EventChannel>(event: E): Array<EventPayload<E>> {
    return this.events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
  }

  /** Waits for an event matching `predicate` among those received after `fromIndex`. */
  waitForEvent<E extends EventChannel>(
    event: E,
    predicate: (payload: EventPayload<E>) => boolean = () => true,
    timeoutMs = 5_000,
    fromIndex = 0,
  ): Promise<EventPayload<E>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events
          .slice(fromIndex)
          .find((e) => e.event === event && predicate(e.payload as EventPayload<E>));
        if (found) {
          cleanup();
          resolve(found.payload as EventPayload<E>);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.events.slice(fromIndex).filter((e) => e.event === event);
        const last = seen.length
          ? `; the last of ${seen.length}: ${JSON.stringify(seen.at(-1)!.payload).slice(0, 300)}`
          : "";
        reject(new Error(`no matching ${event} event within ${timeoutMs} ms${last}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.eventWaiters.delete(check);
      };
      this.eventWaiters.add(check);
      check();
    });
  }

  close(): Promise<{ code: number }> {
    this.socket.close();
    return this.closed;
  }
}

/** Waits `ms` (to let a debounce window pass before counting events). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
