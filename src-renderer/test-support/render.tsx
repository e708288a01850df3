import { cleanup, render } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach } from "vitest";
import { StoresProvider } from "../stores/stores-context.js";
import { createStores, type Stores } from "../stores/create-stores.js";
import { FakeKioskApi, memoryStorage, type Handlers } from "./fake-kiosk-api.js";
import { appStatus, cartOf } from "./fixtures.js";

// The renderer project runs without vitest globals, so Testing Library cannot clean up by itself.
afterEach(cleanup);

/**
 * Stores around a fake API, booted (store info loaded) with `sessionId` as the current session:
 * an empty cart and chat unless the test's handlers (or its own FakeKioskApi) say otherwise.
 */
export async function bootedStores(handlers: Handlers | FakeKioskApi = {}, sessionId?: string) {
  const api = handlers instanceof FakeKioskApi ? handlers : new FakeKioskApi({ ...handlers });
  api.handlers["app-status"] ??= () => appStatus({ session_id: sessionId ?? null });
  api.handlers["session-resume"] ??= (info) => info;
  api.handlers["cart-get"] ??= () => cartOf(sessionId!, [], null);
  api.handlers["chat-history"] ??= () => ({ messages: [] });
  const memory = memoryStorage();
  const stores = createStores(api, { memory });
  await stores.kiosk.getState().boot();
  return { api, stores, memory };
}

export function renderWithStores(ui: ReactElement, stores: Stores) {
  return render(<StoresProvider stores={stores}>{ui}</StoresProvider>);
}
