import { cleanup, render } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach } from "vitest";
import { StoresProvider } from "../app/stores-context.js";
import { createStores, type Stores } from "../stores/create-stores.js";
import { FakeKioskApi, memoryStorage, type Handlers } from "./fake-kiosk-api.js";
import { appStatus } from "./fixtures.js";

// The renderer project runs without vitest globals, so Testing Library cannot clean up by itself.
afterEach(cleanup);

/** Stores around a fake API, booted (store info loaded) with `sessionId` as the current session. */
export async function bootedStores(handlers: Handlers = {}, sessionId?: string) {
  const api = new FakeKioskApi({
    "app-status": () => appStatus({ session_id: sessionId ?? null }),
    "session-resume": (info) => info,
    "cart-get": () => ({
      session_id: sessionId!,
      currency: "UGX",
      items: [],
      item_count: 0,
      cart_total: 0,
      updated_at: null,
    }),
    "chat-history": () => ({ messages: [] }),
    ...handlers,
  });
  const memory = memoryStorage();
  const stores = createStores(api, { memory });
  await stores.kiosk.getState().boot();
  return { api, stores, memory };
}

export function renderWithStores(ui: ReactElement, stores: Stores) {
  return render(<StoresProvider stores={stores}>{ui}</StoresProvider>);
}
