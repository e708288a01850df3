import { createStore, type StoreApi } from "zustand/vanilla";
import type { StoreInfo } from "../../../src-shared/catalog.js";
import type { ConnectionStatus } from "../../../src-shared/contract.js";
import type { CounterApi, StaffSession } from "../../../src-shared/counter-contract.js";
import { errorMessage } from "../../stores/error-message.js";

/**
 * Who is signed in at this terminal, the shop, and the link's health. Signing in is the only thing
 * a counter can do before someone has signed in (the main process's gate refuses the rest); signing
 * out, by hand, by the idle timeout, or by the main process (`counter-signed-out`), clears every
 * other counter store (`onSignedOut`), so the next person sees nothing of the last one's work.
 */

export interface StaffState {
  phase: "booting" | "signed-out" | "signed-in" | "failed";
  /** Why the terminal could not start (the main process did not answer). */
  bootError: string | null;
  staff: StaffSession | null;
  storeInfo: StoreInfo | null;
  connection: ConnectionStatus | null;
  /** COUNTER_IDLE_TIMEOUT_SECONDS: a signed-in terminal signs out after this long without use. */
  idleTimeoutSeconds: number;
  signingIn: boolean;
  /** Why the last sign-in failed (a wrong PIN, a name locked after 5 wrong PINs), in the main process's words. */
  error: string | null;
  /** Why this terminal was signed out, when it was not by "Sign out". */
  notice: string | null;
}

export interface StaffActions {
  boot(): Promise<void>;
  signIn(credentials: { name: string; pin: string }): Promise<boolean>;
  signOut(): Promise<void>;
  /** The main process signed this terminal out (idle, staff removed) or forgot it (a new connection). */
  signedOut(notice: string | null): void;
  receiveConnection(status: ConnectionStatus): void;
  dismissError(): void;
}

export type StaffStore = StaffState & StaffActions;

export const DEFAULT_COUNTER_IDLE_SECONDS = 600;

export const initialStaffState: StaffState = {
  phase: "booting",
  bootError: null,
  staff: null,
  storeInfo: null,
  connection: null,
  idleTimeoutSeconds: DEFAULT_COUNTER_IDLE_SECONDS,
  signingIn: false,
  error: null,
  notice: null,
};

export interface StaffStoreDeps {
  api: CounterApi;
  /** After a sign-in: load the queue. */
  onSignedIn: () => void;
  /** After any sign-out: clear the other stores. */
  onSignedOut: () => void;
}

export function createStaffStore({ api, onSignedIn, onSignedOut }: StaffStoreDeps): StoreApi<StaffStore> {
  return createStore<StaffStore>()((set, get) => {
    const leave = (notice: string | null) => {
      const wasIn = get().phase === "signed-in";
      set({ phase: "signed-out", staff: null, signingIn: false, notice });
      if (wasIn) onSignedOut();
    };

    return {
      ...initialStaffState,

      async boot() {
        set({ phase: "booting", bootError: null });
        try {
          const status = await api.request("counter-status", {});
          set({
            storeInfo: status.store,
            connection: status.connection,
            idleTimeoutSeconds: status.idle_timeout_seconds,
          });
          if (status.session) {
            set({ phase: "signed-in", staff: status.session, notice: null });
            onSignedIn();
          } else {
            leave(get().notice);
          }
        } catch (error) {
          set({ phase: "failed", bootError: errorMessage(error) });
        }
      },

      async signIn({ name, pin }) {
        if (get().signingIn) return false;
        set({ signingIn: true, error: null });
        try {
          const staff = await api.request("counter-sign-in", { name: name.trim(), pin });
          set({
            phase: "signed-in",
            staff,
            signingIn: false,
            notice: null,
            idleTimeoutSeconds: staff.idle_timeout_seconds,
          });
          onSignedIn();
          return true;
        } catch (error) {
          set({ signingIn: false, error: errorMessage(error) });
          return false;
        }
      },

      async signOut() {
        // Off this screen at once, whatever the main process answers: a terminal left signed in
        // on screen is the risk, not one that signs out twice.
        leave(null);
        try {
          await api.request("counter-sign-out", {});
        } catch {
          // Not signed in there any more (idle, a dropped link): nothing left to end.
        }
      },

      signedOut(notice) {
        leave(notice);
      },

      receiveConnection(connection) {
        set({ connection });
      },

      dismissError() {
        set({ error: null });
      },
    };
  });
}
