/**
 * The web channel's key layout (seed: "Redis Key Patterns (DB 1)"), kept exactly so that both
 * channels read and write the same carts. See docs/redis-schema.md.
 *
 *   cart:{session_id}                    hash: updated_at, customer_id?, phone_number?
 *   cart:{session_id}:items              set of item ids
 *   cart:{session_id}:item:{item_id}     hash: product_id, name, price, quantity, configuration, image_url, category_id
 *
 * Callers validate session and item ids (SessionIdSchema, ItemIdSchema) before building keys. A
 * session id has no ':', so a key always maps back to one session and one kind; an item id may
 * (web-channel ids), and is everything after `:item:`.
 */

/** Pub/sub channel on which every cart mutation publishes a CartEventMessage (src-shared/cart.ts). */
export const CART_EVENTS_CHANNEL = "cart-events";

/** The assistant's conversation lives beside the cart at `cart:{session_id}:chat`, expiring with it. */
export const CHAT_KEY_SUFFIX = ":chat";

export interface CartKeys {
  meta: string;
  items: string;
  /** The assistant's conversation (src-main/assistant/chat-memory.ts); not a key of the web channel. */
  chat: string;
  /** Prefix of every line key; the Lua scripts append item ids found in the set to it. */
  itemPrefix: string;
  item(itemId: string): string;
}

export function cartKeys(sessionId: string): CartKeys {
  const meta = `cart:${sessionId}`;
  const itemPrefix = `${meta}:item:`;
  return {
    meta,
    items: `${meta}:items`,
    chat: meta + CHAT_KEY_SUFFIX,
    itemPrefix,
    item: (itemId) => itemPrefix + itemId,
  };
}

/**
 * The record of one applied cart operation (src-shared/operation-id.ts): a string key with a short
 * TTL, outside the web channel's `cart:` namespace so that nothing scanning or watching carts sees
 * it, and scoped by session so that one customer's ids can never mark another's operations done.
 * Operation ids are validated (OperationIdSchema) before they get here.
 */
export function operationKey(sessionId: string, operationId: string): string {
  return `kiosk-op:${sessionId}:${operationId}`;
}

export type CartKeyKind = "meta" | "items" | "item";

const cartKeyPattern = /^cart:([^:]+)(?::(items)|:item:(.+))?$/s;

/**
 * Maps a key back to its session (for keyspace notifications). Keys of the cart's neighbours, such
 * as the assistant's `cart:{sid}:chat`, are not cart keys and give undefined.
 */
export function parseCartKey(
  key: string,
): { sessionId: string; kind: CartKeyKind; itemId?: string } | undefined {
  const match = cartKeyPattern.exec(key);
  if (!match) return undefined;
  const [, sessionId, items, itemId] = match;
  if (itemId !== undefined) return { sessionId: sessionId!, kind: "item", itemId };
  return { sessionId: sessionId!, kind: items ? "items" : "meta" };
}

/**
 * A SCAN pattern for the meta keys of sessions ending in a cart reference, matching either case
 * (session ids are lower-case uuids; references are shown upper-case). Lines and sets also match
 * when their names happen to end that way: callers keep only `parseCartKey(key).kind === "meta"`.
 */
export function cartReferenceKeyPattern(reference: string): string {
  const classes = [...reference].map((c) =>
    /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c,
  );
  return `cart:*${classes.join("")}`;
}
