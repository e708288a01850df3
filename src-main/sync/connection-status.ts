import type { ConnectionStatus } from "../../src-shared/contract.js";
import type { AssistantMode } from "../../src-shared/assistant.js";
import type { ConnectionRegistry } from "./connection-registry.js";

export type AssistantStatusSource = () => { mode: AssistantMode; reachable: boolean };

/**
 * The one source of `connection-status`: Redis up or down (up when the live sync's connections
 * are up and the health check's PING is answered, see redis-health.ts), whether keyspace
 * notifications are on, and whether the assistant's model is reachable. Every
 * change is broadcast to all connections; a new connection is sent the current value on arrival.
 */
export class ConnectionStatusMonitor {
  private current: ConnectionStatus;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** What the live sync last said about its connections. */
  private connected: ConnectionStatus["redis"] = "down";
  /** What the health check last said: a connected server that does not answer is down too. */
  private answering = true;

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
    if (change.redis) this.connected = change.redis;
    this.apply({ ...this.current, ...change, redis: this.redisState() });
  }

  /** The health check's verdict (RedisHealthCheck's onChange). */
  setRedisAnswering(answering: boolean): void {
    this.answering = answering;
    this.apply({ ...this.current, redis: this.redisState() });
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

  private redisState(): ConnectionStatus["redis"] {
    return this.connected === "up" && this.answering ? "up" : "down";
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
