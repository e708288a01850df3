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
