import { AppError } from "../../src-shared/errors.js";

/**
 * A test double of a contract's transport (the kiosk's or the counter's) for component and store
 * tests: requests are answered by the test's handlers (asynchronously, as a real transport would),
 * events are emitted by the test. `In`, `Out` and `Events` map each channel to its input, its
 * output and each event to its payload. End-to-end tests use the real transports instead.
 */
export class FakeContractApi<
  In extends Record<string, unknown>,
  Out extends { [C in keyof In]: unknown },
  Events extends Record<string, unknown>,
> {
  readonly calls: Array<{ channel: keyof In & string; input: unknown }> = [];
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();

  constructor(public handlers: { [C in keyof In]?: (input: In[C]) => Out[C] | Promise<Out[C]> } = {}) {}

  request<C extends keyof In & string>(channel: C, input: In[C]): Promise<Out[C]> {
    this.calls.push({ channel, input });
    const handler = this.handlers[channel];
    if (!handler) return Promise.reject(new AppError("internal", `no test handler for ${channel}`));
    return Promise.resolve().then(() => handler(input));
  }

  on<E extends keyof Events & string>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<E extends keyof Events & string>(event: E, payload: Events[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: Events[E]) => void)(payload);
  }

  callsTo(channel: keyof In & string): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input);
  }
}
