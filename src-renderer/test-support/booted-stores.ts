import { createStores } from "../stores/create-stores.js";
import { memoryStorage, type FakeKioskApi } from "./fake-kiosk-api.js";
import { appStatus, cartOf, sessionA } from "./fixtures.js";

/**
 * The stores of a kiosk that has booted into session A (resumed, empty cart and chat), for store
 * tests. A test's own handlers win; only the channels it left out get these defaults.
 */
export async function bootedStores(api: FakeKioskApi) {
  api.handlers["app-status"] ??= () => appStatus({ session_id: sessionA });
  api.handlers["session-resume"] ??= (info) => info;
  api.handlers["chat-history"] ??= () => ({ messages: [] });
  api.handlers["cart-get"] ??= () => cartOf(sessionA, []);
  const stores = createStores(api, { memory: memoryStorage() });
  await stores.kiosk.getState().boot();
  return stores;
}
