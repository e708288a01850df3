import { z } from "zod";

/**
 * Session ids become part of Redis keys, so only two shapes are accepted: the kiosk's and web
 * channel's `session-<uuid>`, and WhatsApp's `wa_<digits>`. Anything else (colons, braces, `*`,
 * whitespace, control characters) could address or glob another customer's keys.
 */
export const SessionIdSchema = z
  .string()
  .max(128, "a session id has at most 128 characters")
  .regex(
    /^(session-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|wa_[0-9]{6,20})$/,
    'a session id looks like "session-<uuid>" or "wa_<phone digits>"',
  );
export type SessionId = z.infer<typeof SessionIdSchema>;

/** Item ids are `{product_id}_{hash}` in our scheme, but the web channel may have chosen others. */
export const ItemIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.-]+$/, "an item id has only letters, digits, '_', '-' and '.'");

/**
 * The short reference a customer shows at the counter: the session id's last six letters or
 * digits, upper-cased ("session-…-1c2d3e4f5a6b" -> "4F5A6B"). Staff find the cart with
 * `kioskctl cart find <reference>`; two carts sharing one is possible but rare (16.7 million
 * values), so the lookup lists every match.
 */
export function cartReference(sessionId: string): string {
  return sessionId
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(-6)
    .toUpperCase();
}

export const CartReferenceSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{6}$/, "a cart reference is 6 letters or digits, as the checkout screen shows it");
