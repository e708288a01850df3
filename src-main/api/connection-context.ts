import { AppError } from "../../src-shared/errors.js";
import type { SessionId } from "../../src-shared/session.js";
import type { Connection, ConnectionRegistry, EventSink } from "../sync/connection-registry.js";

let nextConnectionId = 1;

/**
 * One connection's state: a window's webContents or one WebSocket. The session belongs to the
 * connection, set only by `session-start` / `session-resume`; requests never name a session, so
 * nothing a page sends (or a model says) can reach another customer's cart.
 */
export class ConnectionContext implements Connection {
  readonly id = nextConnectionId++;
  /**
   * Set by a transport whose page can be printed without a dialog (an Electron window): prints
   * what the page shows to the named printer; resolves to whether it printed.
   */
  printPage?: (deviceName: string) => Promise<boolean>;
  private session: SessionId | null = null;
  private readonly aborter = new AbortController();

  constructor(
    private readonly registry: ConnectionRegistry,
    readonly emit: EventSink,
    /** The client's address, for the limits per address (request-limits.ts); "local" for a window. */
    readonly clientAddress = "local",
  ) {
    registry.add(this);
  }

  get sessionId(): SessionId | null {
    return this.session;
  }

  /** Aborted when the connection goes away, so a reply still being generated stops. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  get closed(): boolean {
    return this.aborter.signal.aborted;
  }

  /** Resolves once the live sync listens to the new session's cart. */
  async setSession(sessionId: SessionId): Promise<void> {
    const previous = this.session;
    this.session = sessionId;
    await this.registry.sessionChanged(this, previous);
  }

  requireSession(): SessionId {
    if (!this.session) {
      throw new AppError(
        "forbidden",
        "This screen has no shopping session yet. Please start again from the welcome screen.",
      );
    }
    return this.session;
  }

  close(): void {
    if (this.closed) return;
    this.aborter.abort();
    this.registry.remove(this);
  }
}
