import type { Redis } from "ioredis";

/**
 * Notices a Redis that is connected but does not answer (a paused or wedged server, a frozen VM,
 * a network that drops packets without closing the socket): socket events never fire then, so the
 * screens would keep saying "up" while every tap times out. A PING on the app's own command
 * connection, with a deadline shorter than the command timeout, goes unanswered exactly when the
 * customers' commands do; the verdict goes to `connection-status` (ConnectionStatusMonitor), so the
 * banner shows within `intervalMs + deadlineMs`.
 */

export interface RedisHealthOptions {
  redis: Redis;
  /** Told when the verdict changes: true once PING is answered again, false when it was not. */
  onChange: (answering: boolean) => void;
  /** Time between the end of one probe and the next (ms). */
  intervalMs?: number;
  /** How long a PING may take before the server counts as not answering (ms). */
  deadlineMs?: number;
}

export class RedisHealthCheck {
  private answering = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly intervalMs: number;
  private readonly deadlineMs: number;

  constructor(private readonly options: RedisHealthOptions) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.deadlineMs = options.deadlineMs ?? 1_500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (!this.running) return;
    // One probe at a time (a timeout chain, not an interval): a hung server gets no pile of PINGs.
    this.timer = setTimeout(() => void this.probe().then(() => this.schedule()), this.intervalMs);
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    // A closed or reconnecting connection is reported by its own events; only a connected one is probed.
    if (this.options.redis.status !== "ready") return;
    const answered = await this.ping();
    if (!this.running || answered === this.answering) return;
    this.answering = answered;
    this.options.onChange(answered);
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), this.deadlineMs);
      this.options.redis.ping().then(
        () => {
          clearTimeout(timer);
          resolve(true);
        },
        () => {
          clearTimeout(timer);
          resolve(false);
        },
      );
    });
  }
}
