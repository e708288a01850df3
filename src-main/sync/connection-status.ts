import type { ConnectionStatus } from "../../src-shared/contract.js";
import type { AssistantMode } from "../../src-shared/assistant.js";
import type { ConnectionRegistry } from "./connection-registry.js";

export type AssistantStatusSource = () => { mode: AssistantMode; reachable: boolean };

/**
 * The one source of `connection-status`: Redis up or down (from the live sync's connections),
 * whether keyspace notifications are on, and whether the assistant's model is reachable. Every
 * change is broadcast to all connections; a new connection is sent the current value on arrival.
 */
export class ConnectionStatusMonitor {
  private current: ConnectionStatus;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly assistantStatus: AssistantStatusSource,
    private readonly pollMs = 2_000,
  ) {
    this.current = { redis: "down", assistant: assistantStatus(), keyspace_notifications: false };
  }

  get(): ConnectionStatus {
    return structuredClone(this.current);
  }

  update(change: Partial<Pick<ConnectionStatus, "redis" | "keyspace_notifications">>): void {
    this.apply({ ...this.current, ...change });
  }

  /** The assistant reports reachability as a state, not an event, so it is polled. */
  start(): void {
    this.timer ??= setInterval(
      () => this.apply({ ...this.current, assistant: this.assistantStatus() }),
      this.pollMs,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private apply(next: ConnectionStatus): void {
    const changed =
      next.redis !== this.current.redis ||
      next.keyspace_notifications !== this.current.keyspace_notifications ||
      next.assistant.mode !== this.current.assistant.mode ||
      next.assistant.reachable !== this.current.assistant.reachable;
    this.current = next;
    if (changed) this.registry.broadcast("connection-status", this.get());
  }
}
