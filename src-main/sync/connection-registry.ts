import type { EventChannel, EventPayload } from "../../src-shared/contract.js";
import type { SessionId } from "../../src-shared/session.js";

/** Sends one event to one connection (a window's webContents, a WebSocket). Never throws. */
export type EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** What the registry knows of a connection: the session it shows and how to reach it. */
export interface Connection {
  readonly id: number;
  readonly sessionId: SessionId | null;
  readonly emit: EventSink;
}

/**
 * Told when a session gains its first screen (`shown`) or loses its last one (`hidden`): the live
 * sync listens to exactly the shown sessions. `shown` resolves once changes to that cart are
 * being listened to.
 */
export interface SessionWatchListener {
  shown(sessionId: SessionId): Promise<void>;
  hidden(sessionId: SessionId): void;
}

/**
 * Which connections show which session, so that a cart change fans out to exactly the windows
 * showing that cart and to no other customer's screen.
 */
export class ConnectionRegistry {
  private readonly connections = new Set<Connection>();
  private readonly bySession = new Map<SessionId, Set<Connection>>();
  private listener: SessionWatchListener | undefined;

  /** One listener (the live sync); set before connections arrive. */
  setWatchListener(listener: SessionWatchListener | undefined): void {
    this.listener = listener;
  }

  add(connection: Connection): void {
    this.connections.add(connection);
    if (connection.sessionId) void this.watch(connection, null, connection.sessionId);
  }

  /**
   * Called by the connection when its session changes (start, resume, a new customer). Resolves
   * once the new session's changes are listened to, so that the screen's first read of its cart
   * cannot miss a write made just before.
   */
  async sessionChanged(connection: Connection, previous: SessionId | null): Promise<void> {
    if (!this.connections.has(connection)) return;
    await this.watch(connection, previous, connection.sessionId);
  }

  remove(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    void this.watch(connection, connection.sessionId, null);
  }

  connectionsFor(sessionId: SessionId): readonly Connection[] {
    return [...(this.bySession.get(sessionId) ?? [])];
  }

  isWatched(sessionId: SessionId): boolean {
    return this.bySession.has(sessionId);
  }

  /** Sessions shown by at least one connection. */
  watchedSessions(): SessionId[] {
    return [...this.bySession.keys()];
  }

  all(): readonly Connection[] {
    return [...this.connections];
  }

  emitToSession<E extends EventChannel>(sessionId: SessionId, event: E, payload: EventPayload<E>): number {
    const targets = this.bySession.get(sessionId);
    if (!targets) return 0;
    for (const connection of targets) connection.emit(event, payload);
    return targets.size;
  }

  broadcast<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const connection of this.connections) connection.emit(event, payload);
  }

  private async watch(connection: Connection, from: SessionId | null, to: SessionId | null): Promise<void> {
    if (from === to) return;
    if (from) {
      const set = this.bySession.get(from);
      set?.delete(connection);
      if (set?.size === 0) {
        this.bySession.delete(from);
        this.listener?.hidden(from);
      }
    }
    if (to) {
      let set = this.bySession.get(to);
      const first = !set;
      if (!set) this.bySession.set(to, (set = new Set()));
      set.add(connection);
      // Never fails: a lost connection is recovered by the live sync's resync.
      if (first) await this.listener?.shown(to).catch(() => {});
    }
  }
}
