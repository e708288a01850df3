import type { Redis } from "ioredis";
import { cartScriptPrelude, type CartScriptReply } from "../cart/cart-scripts.js";

/**
 * The orders' Lua scripts. Placing an order and every status change is one script: Redis runs it
 * without interleaving any other client, so two kiosks, a retry and a web-channel write can never
 * produce two orders or a half-written one. The cart's own scripts (cart-scripts.ts) stay as they
 * are; these reuse their prelude (reading a cart, `finish` for the TTLs and `cart-events`).
 *
 * Keys named inside the scripts (the existing order of an idempotency key, the line keys of the
 * cart, the status indexes) are built from values Redis holds, so, like the cart's, these scripts
 * assume one Redis server, not a cluster.
 */

/**
 * Lua: the fingerprint of a cart's lines, the same in the quote and in the placing: SHA-1 of
 * every line's id, product, quantity and configuration exactly as stored, sorted by id and
 * length-prefixed (so no value can imitate a separator). A web-channel write of any of them
 * changes it; a price does not take part, because orders are priced from the catalog.
 */
const fingerprintLua = `
local function field(s)
  s = s or ''
  return #s .. ':' .. s
end

local function cart_fingerprint(items_key, prefix)
  local ids = redis.call('SMEMBERS', items_key)
  table.sort(ids)
  local parts = {}
  for _, id in ipairs(ids) do
    -- A line key of another type (written by another program) is left out, as the cart leaves it out.
    local v = {}
    if redis.call('TYPE', prefix .. id).ok == 'hash' then
      v = redis.call('HMGET', prefix .. id, 'product_id', 'quantity', 'configuration')
    end
    if v[1] or v[2] or v[3] then
      parts[#parts + 1] = field(id) .. field(v[1]) .. field(v[2]) .. field(v[3])
    end
  end
  return redis.sha1hex(table.concat(parts))
end
`;

/**
 * KEYS: meta, items. ARGV: line key prefix. The cart as the cart's read returns it, plus its
 * fingerprint; {status = 'wrong_type'} when another program stored the meta hash or item set as
 * another Redis type.
 */
const quoteReadLua = `${cartScriptPrelude}${fingerprintLua}
local bad = wrong_type(KEYS[1], KEYS[2])
if bad then return cjson.encode(bad) end
local cart = read_cart(KEYS[1], KEYS[2], ARGV[1])
cart.fingerprint = cart_fingerprint(KEYS[2], ARGV[1])
return cjson.encode(cart)
`;

/**
 * Lua: appends an order event to the stream (trimmed to the retention window by MINID, Redis 6.2+)
 * and announces it on the pub/sub channel. `extra` is a flat list of further stream fields.
 */
const eventLua = `
local function order_event(stream, min_id, channel, order_key, event, at, extra)
  local o = redis.call('HMGET', order_key, 'order_id', 'number', 'status', 'session_id')
  local fields = {'order_id', o[1], 'number', o[2], 'status', o[3], 'event', event, 'at', at,
    'session_id', o[4]}
  for _, v in ipairs(extra) do fields[#fields + 1] = v end
  local id = redis.call('XADD', stream, 'MINID', '~', min_id, '*', unpack(fields))
  redis.call('PUBLISH', channel, cjson.encode({order_id = o[1], number = o[2], status = o[3],
    session_id = o[4], event = event, at = at, event_id = id}))
end
`;

/**
 * KEYS: 1 cart meta, 2 cart items, 3 checkout, 4 idempotency, 5 day sequence, 6 day index,
 *       7 status index (placed), 8 order (new id), 9 stream.
 * ARGV: 1 order id, 2 expected cart fingerprint, 3 full fingerprint, 4 line key prefix, 5 cart ttl,
 *       6 idempotency ttl, 7 retention ttl, 8 now (ISO), 9 now (ms), 10 stream MINID,
 *       11 number prefix, 12 order key prefix, 13 cart channel, 14 cart event message,
 *       15 order channel, 16 number-key prefix, 17 count of order field pairs (0: only look for
 *       an order already placed), then the pairs, then the item ids that leave the cart.
 *
 * In this order: an idempotency key seen before returns its order; a cart that still matches the
 * quote is ordered; a cart whose last checkout had this very fingerprint (a second kiosk or a
 * retry with another key, after the first completed) returns that order; anything else changed
 * the cart since the quote and writes nothing.
 * Returns {status = 'created'|'existing'|'cart_changed', order = flat hash}.
 */
const placeLua = `${cartScriptPrelude}${fingerprintLua}${eventLua}
local existing = redis.call('GET', KEYS[4])
if existing then
  return cjson.encode({status = 'existing', order = redis.call('HGETALL', ARGV[12] .. existing)})
end
local pairs_count = tonumber(ARGV[17])
if pairs_count == 0 or cart_fingerprint(KEYS[2], ARGV[4]) ~= ARGV[2] then
  local last = redis.call('HMGET', KEYS[3], 'order_id', 'fingerprint')
  if last[1] and last[2] == ARGV[3] then
    redis.call('SET', KEYS[4], last[1], 'EX', ARGV[6])
    return cjson.encode({status = 'existing', order = redis.call('HGETALL', ARGV[12] .. last[1])})
  end
  return cjson.encode({status = 'cart_changed'})
end

local n = redis.call('INCR', KEYS[5])
-- The counter outlives its day in every time zone, then goes.
redis.call('EXPIRE', KEYS[5], 3 * 86400)
local number = string.format('%s-%03d', ARGV[11], n)
local fields = {'order_id', ARGV[1], 'number', number, 'status', 'placed'}
local first = 18
for i = first, first + 2 * pairs_count - 1 do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[8], unpack(fields))
redis.call('EXPIRE', KEYS[8], ARGV[7])
redis.call('SET', ARGV[16] .. number, ARGV[1], 'EX', ARGV[7])
redis.call('SET', KEYS[4], ARGV[1], 'EX', ARGV[6])
redis.call('ZADD', KEYS[6], ARGV[9], ARGV[1])
redis.call('EXPIRE', KEYS[6], ARGV[7] + 86400)
redis.call('ZADD', KEYS[7], ARGV[9], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', '(' .. ARGV[10])

-- The ordered lines leave the cart; lines that could not be ordered stay for the customer to see.
for i = first + 2 * pairs_count, #ARGV do
  redis.call('DEL', ARGV[4] .. ARGV[i])
  redis.call('SREM', KEYS[2], ARGV[i])
end
redis.call('HSET', KEYS[3], 'order_id', ARGV[1], 'fingerprint', ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[5])
-- The placing is idempotent by its own key (KEYS[4]), so it records no cart operation id.
finish(false, KEYS[1], KEYS[2], ARGV[4], ARGV[5], ARGV[8], ARGV[13], ARGV[14])

order_event(KEYS[9], ARGV[10], ARGV[15], KEYS[8], 'placed', ARGV[8],
  {'total', redis.call('HGET', KEYS[8], 'total'), 'currency', redis.call('HGET', KEYS[8], 'currency')})
return cjson.encode({status = 'created', order = redis.call('HGETALL', KEYS[8])})
`;

/**
 * KEYS: 1 order, 2 stream. ARGV: 1 expected status, 2 new status, 3 now (ISO), 4 now (ms),
 * 5 stream MINID, 6 status index prefix, 7 order channel, 8 event name, 9 retention ttl,
 * 10 count of extra stream field pairs, then those pairs, then the order's field pairs to set.
 *
 * A compare-and-set on the status: the caller checked the transition against the status it read;
 * if another terminal changed the order since, nothing is written and the current order returns.
 * Returns {status = 'ok'|'conflict'|'not_found', order = flat hash}.
 */
const transitionLua = `${eventLua}
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return cjson.encode({status = 'not_found'}) end
if current ~= ARGV[1] then
  return cjson.encode({status = 'conflict', order = redis.call('HGETALL', KEYS[1])})
end
local extra_count = tonumber(ARGV[10])
local extra = {}
for i = 11, 10 + 2 * extra_count do extra[#extra + 1] = ARGV[i] end
local fields = {'status', ARGV[2], 'updated_at', ARGV[3]}
for i = 11 + 2 * extra_count, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('EXPIRE', KEYS[1], ARGV[9])
local id = redis.call('HGET', KEYS[1], 'order_id')
redis.call('ZREM', ARGV[6] .. ARGV[1], id)
redis.call('ZADD', ARGV[6] .. ARGV[2], ARGV[4], id)
redis.call('ZREMRANGEBYSCORE', ARGV[6] .. ARGV[2], '-inf', '(' .. ARGV[5])
order_event(KEYS[2], ARGV[5], ARGV[7], KEYS[1], ARGV[8], ARGV[3], extra)
return cjson.encode({status = 'ok', order = redis.call('HGETALL', KEYS[1])})
`;

const definitions = {
  kioskOrderQuoteRead: { lua: quoteReadLua, numberOfKeys: 2, readOnly: true },
  kioskOrderPlace: { lua: placeLua, numberOfKeys: 9 },
  kioskOrderTransition: { lua: transitionLua, numberOfKeys: 2 },
} as const;

export interface QuoteReadReply extends CartScriptReply {
  fingerprint: string;
}

export interface OrderScriptReply {
  status: "created" | "existing" | "cart_changed" | "ok" | "conflict" | "not_found";
  /** The order's hash as a flat list (cjson writes an empty one as {}). */
  order?: string[] | Record<string, never>;
}

type Call<R> = (...keysThenArgs: Array<string | number>) => Promise<R>;

export interface OrderScripts {
  quoteRead: Call<QuoteReadReply>;
  place: Call<OrderScriptReply>;
  transition: Call<OrderScriptReply>;
}

/** Registers the scripts on `redis` (idempotent) and returns typed callers for them. */
export function defineOrderScripts(redis: Redis): OrderScripts {
  for (const [name, definition] of Object.entries(definitions)) redis.defineCommand(name, definition);
  const commands = redis as unknown as Record<keyof typeof definitions, Call<string>>;
  const call =
    <R>(name: keyof typeof definitions): Call<R> =>
    async (...args) =>
      JSON.parse(await commands[name](...args)) as R;
  return {
    quoteRead: call("kioskOrderQuoteRead"),
    place: call("kioskOrderPlace"),
    transition: call("kioskOrderTransition"),
  };
}
