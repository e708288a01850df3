import { z } from "zod";

/**
 * An operation id names one customer action on the cart (one tap of "Add", one quantity change),
 * not one request: the screen sends the same id again when it retries an action whose outcome it
 * could not learn (a timeout while Redis hung, a dropped socket), and the cart's scripts record
 * each applied id for a while (src-main/cart/operation-record.ts), so the retry answers with the
 * cart instead of applying the action twice. Callers without one (kioskctl, the assistant's tools)
 * get one minted per call, which still makes a resend of that call by the Redis client harmless.
 */
export const OperationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "an operation id has 16-64 letters, digits, '_' or '-'");
export type OperationId = z.infer<typeof OperationIdSchema>;

/**
 * How long an applied operation id is remembered. Long enough to cover a Redis that hung for
 * minutes and a customer who taps again afterwards; short enough that the records stay few (one
 * small key per change, gone after this).
 */
export const OPERATION_TTL_SECONDS = 600;

/** Runs in Node 20 and every browser, including pages served over plain http on the shop's LAN (no randomUUID there). */
const random = (globalThis as unknown as { crypto: { getRandomValues(bytes: Uint8Array): Uint8Array } })
  .crypto;

/** 128 random bits as 32 hex digits. */
export function newOperationId(): OperationId {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
