import type { Redis } from "ioredis";
import type { Logger } from "../infra/logger.js";
import type { StaffAudit } from "../staff/staff-audit.js";
import type { StaffStore } from "../staff/staff-store.js";
import type { ConnectionRegistry } from "../sync/connection-registry.js";
import { CounterConnection, type CounterEventSink } from "./counter-connection.js";
import { CounterDispatcher } from "./counter-dispatcher.js";
import { createCounterHandlers, type CounterServices } from "./counter-handlers.js";
import { OrderQueueFollower, type QueueEvent } from "./order-queue-follower.js";

export interface CounterTerminalOptions extends Omit<CounterServices, "staff" | "audit"> {
  redis: Redis;
  registry: ConnectionRegistry;
  staff: StaffStore;
  audit: StaffAudit;
  /** This process's name in the fleet: the terminal's name when a screen gives none. */
  terminalName: string;
  log: Logger;
}

/**
 * The counter side of one app process: its screens (counter windows, `/counter-ws` sockets), its
 * gate, the order queue follower whose events go to every signed-in screen, and the idle
 * sign-out. Both transports `attach` a connection and hand its requests to `dispatcher`.
 */
export class CounterTerminal {
  readonly dispatcher: CounterDispatcher;
  private readonly connections = new Set<CounterConnection>();
  private readonly follower: OrderQueueFollower;

  constructor(private readonly options: CounterTerminalOptions) {
    const { log } = options;
    this.dispatcher = new CounterDispatcher(
      createCounterHandlers({ ...options, staff: options.staff, audit: options.audit }),
      options.staff,
      log,
      (connection) => this.signOut(connection, "staff_removed"),
    );
    this.follower = new OrderQueueFollower({
      redis: options.redis,
      // Orders are read only while some screen is signed in to see them (a kiosk process follows idly).
      orders: options.orders,
      wanted: () => this.signedIn().length > 0,
      onEvent: (event) => this.broadcast(event),
      log,
    });
  }

  async start(): Promise<void> {
    await this.follower.start();
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.close();
    this.connections.clear();
    await this.follower.close();
  }

  /** A new screen: signed out until someone signs in. */
  attach(emit: CounterEventSink, options: { terminal?: string } = {}): CounterConnection {
    const connection = new CounterConnection(
      this.options.registry,
      emit,
      options.terminal ?? this.options.terminalName,
      this.options.idleTimeoutSeconds * 1000,
      (c) => this.signOut(c, "idle"),
    );
    this.connections.add(connection);
    return connection;
  }

  detach(connection: CounterConnection): void {
    connection.close();
    this.connections.delete(connection);
  }

  signedIn(): CounterConnection[] {
    return [...this.connections].filter((c) => c.staff !== null && !c.closed);
  }

  private broadcast(event: QueueEvent): void {
    for (const connection of this.signedIn()) connection.emit("counter-order-event", event);
  }

  private signOut(connection: CounterConnection, reason: "idle" | "staff_removed"): void {
    const was = connection.signOut();
    if (!was) return;
    const message =
      reason === "idle"
        ? `Signed out after ${Math.round(this.options.idleTimeoutSeconds / 60)} minutes without use. Sign in again to go on.`
        : `${was.name} is no longer on the staff list: signed out.`;
    connection.emit("counter-signed-out", { reason, message });
    this.options.log.info(`counter: ${was.name} at ${was.terminal} signed out (${reason})`);
    void this.options.audit.record({
      action: reason === "idle" ? "idle-sign-out" : "sign-out",
      staff: was.name,
      role: was.role,
      terminal: was.terminal,
      outcome: "ok",
      ...(reason === "staff_removed" ? { detail: "removed from the staff list" } : {}),
    });
  }
}
