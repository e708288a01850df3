import type {
  EventChannel,
  EventPayload,
  KioskApi,
  RequestChannel,
  RequestInput,
  RequestOutput,
} from "../../src-shared/contract.js";
import { AppError } from "../../src-shared/errors.js";

type Handler<C extends RequestChannel> = (
  input: RequestInput<C>,
) => RequestOutput<C> | Promise<RequestOutput<C>>;
export type Handlers = { [C in RequestChannel]?: Handler<C> };

/**
 * A test double of the transport boundary for component and store tests: requests are answered by
 * the test's handlers (asynchronously, as a real transport would), events are emitted by the test.
 * End-to-end tests use the real WebSocket transport and server instead.
 */
export class FakeKioskApi implements KioskApi {
  readonly calls: Array<{ channel: RequestChannel; input: unknown }> = [];
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  constructor(public handlers: Handlers = {}) {}

  request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
    this.calls.push({ channel, input });
    const handler = this.handlers[channel] as Handler<C> | undefined;
    if (!handler) return Promise.reject(new AppError("internal", `no test handler for ${channel}`));
    return Promise.resolve().then(() => handler(input));
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (p: EventPayload<E>) => void)(payload);
  }

  callsTo(channel: RequestChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input);
  }
}

/** A promise the test resolves or rejects when it wants, to look at a store while a request is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An in-memory Storage for the remembered session id. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}
