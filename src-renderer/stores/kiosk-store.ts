import { createStore, type StoreApi } from "zustand/vanilla";
import type { StoreInfo } from "../../src-shared/catalog.js";
import type { ConnectionStatus, KioskApi, SessionInfo } from "../../src-shared/contract.js";
import type { CartStore } from "./cart-store.js";
import type { CatalogStore } from "./catalog-store.js";
import type { ChatStore } from "./chat-store.js";
import type { CheckoutStore } from "./checkout-store.js";
import { errorMessage } from "./error-message.js";
import type { NavStore } from "./nav-store.js";

/**
 * The kiosk itself: which customer session the screen serves, the shop, the connection's health
 * and the idle settings. It also runs the session's life: resume after a restart, start for a new
 * customer, and start over (idle reset), which clears every other store.
 */

export interface KioskUiSettings {
  kioskMode: boolean;
  idleTimeoutSeconds: number;
  idleCountdownSeconds: number;
  /** The cart's per-line maximum (MAX_QUANTITY_PER_LINE): the quantity steppers stop there. */
  maxQuantityPerLine: number;
  /** The order confirmation starts over by itself this long after it is paid or left. */
  checkoutStartOverSeconds: number;
  /** A receipt printer is configured (desktop). */
  receiptPrinter: boolean;
}

export interface KioskState {
  phase: "booting" | "ready" | "failed";
  /** Why the app could not start (the main process did not answer). */
  bootError: string | null;
  sessionId: string | null;
  storeInfo: StoreInfo | null;
  connection: ConnectionStatus | null;
  ui: KioskUiSettings;
  /** "Start" was pressed and the session is being opened. */
  starting: boolean;
  error: string | null;
}

export interface KioskActions {
  boot(): Promise<void>;
  /** From the welcome screen into the shop, opening a session if there is none yet. */
  start(): Promise<void>;
  /** The next customer: a new session, every store cleared, back to the welcome screen. */
  startOver(): Promise<void>;
  receiveConnection(status: ConnectionStatus): void;
  dismissError(): void;
}

export type KioskStore = KioskState & KioskActions;

export const defaultUiSettings: KioskUiSettings = {
  kioskMode: false,
  idleTimeoutSeconds: 120,
  idleCountdownSeconds: 15,
  maxQuantityPerLine: 99,
  checkoutStartOverSeconds: 60,
  receiptPrinter: false,
};

export const initialKioskState: KioskState = {
  phase: "booting",
  bootError: null,
  sessionId: null,
  storeInfo: null,
  connection: null,
  ui: defaultUiSettings,
  starting: false,
  error: null,
};

/**
 * Only the session id and its resume token are remembered on this machine, so an app restart
 * resumes the customer's cart; the main process refuses a resume without the token.
 */
export const sessionStorageKey = "kiosk.session_id";
export const resumeTokenStorageKey = "kiosk.resume_token";

export type SessionMemory = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Idle times asked for in the page address; honoured only outside kiosk mode (for tests and demos). */
export interface UiOverrides {
  idleTimeoutSeconds?: number;
  idleCountdownSeconds?: number;
  checkoutStartOverSeconds?: number;
}

export interface KioskStoreDeps {
  api: KioskApi;
  memory: SessionMemory;
  overrides?: UiOverrides;
  stores: () => {
    cart: StoreApi<CartStore>;
    chat: StoreApi<ChatStore>;
    catalog: StoreApi<CatalogStore>;
    checkout: StoreApi<CheckoutStore>;
    nav: StoreApi<NavStore>;
  };
}

export function createKioskStore({
  api,
  memory,
  overrides = {},
  stores,
}: KioskStoreDeps): StoreApi<KioskStore> {
  const remember = {
    get(): SessionInfo | null {
      try {
        const session_id = memory.getItem(sessionStorageKey);
        const resume_token = memory.getItem(resumeTokenStorageKey);
        return session_id && resume_token ? { session_id, resume_token } : null;
      } catch {
        return null;
      }
    },
    set(session: SessionInfo | null) {
      try {
        if (session) {
          memory.setItem(sessionStorageKey, session.session_id);
          memory.setItem(resumeTokenStorageKey, session.resume_token);
        } else {
          memory.removeItem(sessionStorageKey);
          memory.removeItem(resumeTokenStorageKey);
        }
      } catch {
        // A kiosk without storage still works; it only cannot resume after a restart.
      }
    },
  };

  return createStore<KioskStore>()((set, get) => {
    const adopt = (session: SessionInfo | null) => {
      set({ sessionId: session?.session_id ?? null });
      remember.set(session);
    };

    const openSession = async (): Promise<boolean> => {
      try {
        adopt(await api.request("session-start", {}));
        void stores().cart.getState().refresh();
        return true;
      } catch (error) {
        set({ error: errorMessage(error) });
        return false;
      }
    };

    return {
      ...initialKioskState,

      async boot() {
        set({ phase: "booting", bootError: null });
        let status;
        try {
          status = await api.request("app-status", {});
        } catch (error) {
          set({ phase: "failed", bootError: errorMessage(error) });
          return;
        }
        const ui: KioskUiSettings = {
          kioskMode: status.ui.kiosk_mode,
          idleTimeoutSeconds: status.ui.idle_timeout_seconds,
          idleCountdownSeconds: status.ui.idle_countdown_seconds,
          maxQuantityPerLine: status.ui.max_quantity_per_line,
          checkoutStartOverSeconds: status.ui.checkout_start_over_seconds,
          receiptPrinter: status.ui.receipt_printer,
        };
        if (!ui.kioskMode) Object.assign(ui, overrides);
        set({ storeInfo: status.store, connection: status.connection, ui });

        // The remembered session, unless this window's connection already serves another one
        // (then the main process knows best; without its token it cannot be remembered).
        const remembered = remember.get();
        const candidate =
          status.session_id && status.session_id !== remembered?.session_id ? null : remembered;
        let resumed = false;
        if (candidate) {
          try {
            adopt(await api.request("session-resume", candidate));
            resumed = true;
          } catch {
            remember.set(null);
          }
        } else if (status.session_id) {
          set({ sessionId: status.session_id });
          remember.set(null);
          resumed = true;
        }
        set({ phase: "ready" });
        if (!resumed) return;
        const { cart, chat, nav } = stores();
        await Promise.all([cart.getState().refresh(), chat.getState().loadHistory()]);
        // A customer was shopping when the app restarted: put them back where they were.
        if (cart.getState().itemCount > 0 || chat.getState().messages.length > 0)
          nav.getState().go({ name: "chat" });
      },

      async start() {
        if (get().starting) return;
        if (!get().sessionId) {
          set({ starting: true, error: null });
          const opened = await openSession();
          set({ starting: false });
          if (!opened) return;
        }
        stores().nav.getState().go({ name: "chat" });
      },

      async startOver() {
        // Forget the old session first so that nothing still arriving for it is shown; its cart
        // stays in Redis for the 7-day TTL, where staff can still find it by its reference.
        adopt(null);
        // Every store the customer filled, a new one included without a list to keep here.
        for (const store of Object.values(stores())) store.getState().reset();
        set({ error: null, starting: false });
        await openSession();
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
