import { events, type EventChannel, type EventPayload } from "../../src-shared/contract.js";

/**
 * Checks an event from the main process against the contract before any store sees it, on both
 * transports alike (the preload's IPC and the WebSocket): a malformed payload (a version mismatch,
 * a bug) is dropped with a console note instead of putting a broken cart on the screen.
 */
export function parseEvent<E extends EventChannel>(event: E, payload: unknown): EventPayload<E> | undefined {
  if (!Object.hasOwn(events, event)) return undefined;
  const parsed = events[event].safeParse(payload);
  if (!parsed.success) {
    console.warn(`kiosk: dropped a "${event}" event outside the contract`, parsed.error.issues);
    return undefined;
  }
  return parsed.data as EventPayload<E>;
}
