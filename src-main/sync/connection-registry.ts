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
 * Which connections show which session, so that a cart change fans out to exactly the windows
 * showing that cart and to no other customer's screen.
 */
export class ConnectionRegistry {
  private readonly connections = new Set<Connection>();
  private readonly bySession = new Map<SessionId, Set<Connection>>();

  add(connection: Connection): void {
    this.connections.add(connection);
    if (connection.sessionId) this.watch(connection, null, connection.sessionId);
  }

  /** Called by the connection when its session changes (start, resume, a new customer). */
  sessionChanged(connection: Connection, previous: SessionId | null): void {
    if (!this.connections.has(connection)) return;
    this.watch(connection, previous, connection.sessionId);
  }

  remove(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.watch(connection, connection.sessionId, null);
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

  private watch(connection: Connection, from: SessionId | null, to: SessionId | null): void {
    if (from) {
      const set = this.bySession.get(from);
      set?.delete(connection);
      if (set?.size === 0) this.bySession.delete(from);
    }
    if (to) {
      let set = this.bySession.get(to);
      if (!set) this.bySession.set(to, (set = new Set()));
      set.add(connection);
    }
  }
}
