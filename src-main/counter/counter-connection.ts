import type {
  CounterEventChannel,
  CounterEventPayload,
  StaffRole,
  StaffSession,
} from "../../src-shared/counter-contract.js";
import { AppError } from "../../src-shared/errors.js";
import type { SessionId } from "../../src-shared/session.js";
import type { Connection, ConnectionRegistry, EventSink } from "../sync/connection-registry.js";

/** Sends one event to one counter screen. Never throws. */
export type CounterEventSink = <E extends CounterEventChannel>(
  event: E,
  payload: CounterEventPayload<E>,
) => void;

export interface SignedInStaff {
  id: string;
  name: string;
  role: StaffRole;
  terminal: string;
  signed_in_at: string;
}

// Apart from the kiosk's connection ids (connection-context.ts), so a registry never sees one twice.
let nextId = 1_000_000_000;

/**
 * A counter screen's view into the kiosks' live sync: one registry entry per cart the screen has
 * open (with that cart's session, so the sync follows it) plus one with no session, which hears
 * the connection status. Each passes on only its own kind of event, renamed for the counter.
 */
class RegistryTap implements Connection {
  readonly id = nextId++;
  readonly emit: EventSink;
  sessionId: SessionId | null = null;

  constructor(kind: "cart" | "status", forward: CounterEventSink) {
    this.emit = (event, payload) => {
      if (event === "cart-changed" && kind === "cart") {
        forward("counter-cart-changed", payload as CounterEventPayload<"counter-cart-changed">);
      } else if (event === "connection-status" && kind === "status") {
        forward("counter-connection-status", payload as CounterEventPayload<"counter-connection-status">);
      }
    };
  }
}

/**
 * One counter screen (a counter window or one `/counter-ws` socket): who is signed in there,
 * from which terminal, when they last did something, and the customers' carts it has open. The
 * sign-in belongs to the connection: a new socket starts signed out.
 */
export class CounterConnection {
  readonly id = nextId++;
  /** Set by a transport that can print the page without a dialog (an Electron window). */
  printPage?: (deviceName: string) => Promise<boolean>;
  private signedIn: SignedInStaff | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly carts = new Map<SessionId, RegistryTap>();
  private readonly statusTap: RegistryTap;
  private isClosed = false;

  constructor(
    private readonly registry: ConnectionRegistry,
    readonly emit: CounterEventSink,
    /** The terminal's name when the screen gives none at sign-in. */
    readonly defaultTerminal: string,
    private readonly idleTimeoutMs: number,
    private readonly onIdle: (connection: CounterConnection) => void,
  ) {
    this.statusTap = new RegistryTap("status", emit);
    registry.add(this.statusTap);
  }

  get staff(): SignedInStaff | null {
    return this.signedIn;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  requireStaff(): SignedInStaff {
    if (!this.signedIn) throw new AppError("forbidden", "Sign in first.");
    return this.signedIn;
  }

  session(): StaffSession | null {
    const s = this.signedIn;
    if (!s) return null;
    return {
      name: s.name,
      role: s.role,
      terminal: s.terminal,
      signed_in_at: s.signed_in_at,
      idle_timeout_seconds: Math.round(this.idleTimeoutMs / 1000),
    };
  }

  signIn(staff: SignedInStaff): void {
    this.signedIn = staff;
    this.touch();
  }

  /** Signs out and closes every cart the screen had open. */
  signOut(): SignedInStaff | null {
    const was = this.signedIn;
    this.signedIn = null;
    clearTimeout(this.idleTimer);
    for (const session of [...this.carts.keys()]) this.closeCart(session);
    return was;
  }

  /** Something was done: the idle sign-out starts counting again. */
  touch(): void {
    if (!this.signedIn || this.isClosed) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.onIdle(this), this.idleTimeoutMs);
    this.idleTimer.unref();
  }

  /** Follows the cart's changes (counter-cart-changed); resolves once they are listened to. */
  async openCart(sessionId: SessionId): Promise<void> {
    if (this.carts.has(sessionId)) return;
    const tap = new RegistryTap("cart", this.emit);
    this.carts.set(sessionId, tap);
    this.registry.add(tap);
    // Set after joining, so that sessionChanged waits until the sync listens to the cart.
    tap.sessionId = sessionId;
    await this.registry.sessionChanged(tap, null);
  }

  closeCart(sessionId: SessionId): boolean {
    const tap = this.carts.get(sessionId);
    if (!tap) return false;
    this.carts.delete(sessionId);
    this.registry.remove(tap);
    return true;
  }

  openCarts(): SessionId[] {
    return [...this.carts.keys()];
  }

  close(): void {
    if (this.isClosed) return;
    this.signOut();
    this.isClosed = true;
    this.registry.remove(this.statusTap);
  }
}
