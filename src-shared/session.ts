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

/**
 * Item ids are `{product_id}_{hash}` in our scheme, but the web channel may have chosen others
 * (spaces, ':', non-ASCII). Every id the cart shows must be one that update and remove accept
 * (#14), so the rule is what can be addressed safely, not what looks tidy: a line key is always
 * `cart:{session}:item:` + the id, and the scripts act only on ids that are members of the cart's
 * own set, so no id can reach another cart or another kind of key. Refused: control characters
 * (newlines split logs and terminal lines), unpaired surrogates and U+FFFD (a member that is not
 * valid UTF-8 reaches us with U+FFFD in it, so it cannot be sent back byte for byte), and more
 * than 256 characters. The cart leaves out, and logs, the lines whose ids this refuses.
 */
export const ItemIdSchema = z
  .string()
  .min(1, "an item id is not empty")
  .max(256, "an item id has at most 256 characters")
  .regex(/^[^\p{Cc}\p{Cs}\uFFFD]+$/u, "an item id has no control characters or broken characters");

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
