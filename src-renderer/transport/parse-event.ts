import type { z } from "zod";
import { events, type EventChannel, type EventPayload } from "../../src-shared/contract.js";

/**
 * Checks an event from the main process against its contract before any store sees it, on every
 * transport alike (the preload's IPC and the WebSocket), for the kiosk's contract and the
 * counter's: a malformed payload (a version mismatch, a bug) is dropped with a console note instead
 * of putting a broken cart or order on the screen.
 */
export function parseContractEvent(
  contractEvents: Readonly<Record<string, z.ZodType>>,
  event: string,
  payload: unknown,
  label: string,
): unknown {
  if (!Object.hasOwn(contractEvents, event)) return undefined;
  const parsed = contractEvents[event]!.safeParse(payload);
  if (!parsed.success) {
    console.warn(`${label}: dropped a "${event}" event outside the contract`, parsed.error.issues);
    return undefined;
  }
  return parsed.data;
}

/** The kiosk's events (src-shared/contract.ts). */
export function parseEvent<E extends EventChannel>(event: E, payload: unknown): EventPayload<E> | undefined {
  return parseContractEvent(events, event, payload, "kiosk") as EventPayload<E> | undefined;
}
