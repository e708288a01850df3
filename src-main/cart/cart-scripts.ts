import type { Redis } from "ioredis";
import { OPERATION_TTL_SECONDS } from "../../src-shared/operation-id.js";
import { CHAT_KEY_SUFFIX } from "./cart-keys.js";

/**
 * The cart's Lua scripts. Each cart operation is one script, so it is one round trip and atomic:
 * Redis runs a script without interleaving other clients' commands, which is what makes a
 * concurrent add from another kiosk or the web channel merge instead of losing an update (the web
 * channel's documented SISMEMBER, SADD, HSET sequence reads and writes in separate steps).
 *
 * Every mutation is idempotent under its operation id (src-shared/operation-id.ts): its last KEY is
 * the operation's record (cart-keys.ts `operationKey`). When that record exists the operation ran
 * already (a retry after a timeout, or a command the Redis client sent again after a failover):
 * the script writes nothing and answers the cart as it is now, marked `replayed`. Otherwise it
 * applies the change and `finish` records the id for OPERATION_TTL_SECONDS, in the same atomic
 * step, so "applied" and "recorded" can never be told apart by a later retry.
 *
 * Every mutation ends in `finish`, which records the operation, stamps `updated_at`, sets the TTL on every key of the cart
 * (meta, set and each line, so no cart ever half-expires, and the assistant's conversation beside
 * it, so the two expire together), publishes the change and returns the whole cart, so the caller
 * needs no second trip to show it. `expireCartLua` is the TTL part alone, for the chat's own writes.
 *
 * Line keys are built from set members inside the scripts (the seed's layout discovers lines
 * through the set), so these scripts assume a single Redis, not a cluster.
 *
 * ioredis's defineCommand sends each script with EVAL once per connection, then EVALSHA.
 */

/** The fields of a line hash, in the order the scripts return their values (HMGET). */
export const lineFields = [
  "product_id",
  "name",
  "price",
  "quantity",
  "configuration",
  "image_url",
  "category_id",
] as const;
export type LineField = (typeof lineFields)[number];

const lineFieldsLua = lineFields.map((f) => `'${f}'`).join(", ");

const prelude = `
-- A cart as the scripts return it, JSON-encoded by cjson (one bulk string is far cheaper for
-- both ends than a nested multi-bulk reply): {meta = {field, value, ...}, lines = {{id, {values
-- of LINE_FIELDS}}, ...}, unreadable = {{id, type}, ...}}; a missing field is false. HMGET of the
-- known fields costs Redis less than HGETALL. A set member whose line hash is gone (expired, or
-- not yet written by a web-channel add in progress) is skipped but left in the set: removing it
-- here could race with that add's next command.
--
-- Another program may have written a key of the wrong Redis type (a string where a hash or set
-- belongs). A command of the wrong type fails the script after its earlier writes, which Redis
-- does not undo, so every script looks at the types before it writes anything: a line of the
-- wrong type is listed in unreadable (and left out, as lines the codec cannot read are), a
-- meta hash or item set of the wrong type answers {status = 'wrong_type'} and nothing is written.
local function key_type(key)
  return redis.call('TYPE', key).ok
end

local function read_line(key)
  local values = redis.call('HMGET', key, ${lineFieldsLua})
  for _, v in ipairs(values) do
    if v then return values end
  end
  return nil
end

-- Reads the lines of the set (which must be a set or absent) into lines and unreadable.
local function read_lines(items_key, prefix, refresh_ttl)
  local lines, unreadable = {}, {}
  for _, id in ipairs(redis.call('SMEMBERS', items_key)) do
    local key = prefix .. id
    local t = key_type(key)
    if t == 'hash' then
      if refresh_ttl then redis.call('EXPIRE', key, refresh_ttl) end
      local values = read_line(key)
      if values then lines[#lines + 1] = {id, values} end
    elseif t ~= 'none' then
      unreadable[#unreadable + 1] = {id, t}
    end
  end
  return lines, unreadable
end

-- The cart's own keys of the wrong type, as a reply, or nil when both are usable.
local function wrong_type(meta_key, items_key)
  local t = key_type(meta_key)
  if t ~= 'none' and t ~= 'hash' then return {status = 'wrong_type', key = meta_key, type = t} end
  t = key_type(items_key)
  if t ~= 'none' and t ~= 'set' then return {status = 'wrong_type', key = items_key, type = t} end
  return nil
end

local function read_cart(meta_key, items_key, prefix)
  local lines, unreadable = read_lines(items_key, prefix, nil)
  return {meta = redis.call('HGETALL', meta_key), lines = lines, unreadable = unreadable}
end

-- op_key is false for a change that is idempotent by a key of its own (placing an order).
local function finish(op_key, meta_key, items_key, prefix, ttl, updated_at, channel, message)
  if op_key then redis.call('SET', op_key, '1', 'EX', ${OPERATION_TTL_SECONDS}) end
  redis.call('HSET', meta_key, 'updated_at', updated_at)
  redis.call('EXPIRE', meta_key, ttl)
  redis.call('EXPIRE', items_key, ttl)
  redis.call('EXPIRE', meta_key .. '${CHAT_KEY_SUFFIX}', ttl)
  local lines, unreadable = read_lines(items_key, prefix, ttl)
  redis.call('PUBLISH', channel, message)
  return {status = 'ok', meta = redis.call('HGETALL', meta_key), lines = lines, unreadable = unreadable}
end
`;

/**
 * Lua: `expire_cart(meta_key, items_key, prefix, ttl)` sets the TTL on every key of a cart that
 * exists (meta, set, each line). The conversation's own writes use it (chat-memory.ts), so that a
 * customer who only talks keeps the cart alive, as the cart's writes keep the conversation alive.
 */
export const expireCartLua = `
local function expire_cart(meta_key, items_key, prefix, ttl)
  redis.call('EXPIRE', meta_key, ttl)
  if redis.call('EXPIRE', items_key, ttl) == 1 then
    for _, id in ipairs(redis.call('SMEMBERS', items_key)) do
      redis.call('EXPIRE', prefix .. id, ttl)
    end
  end
end
`;

/**
 * A mutation script: the prelude, then the replay of an operation already recorded (KEYS[#KEYS];
 * `prefix` is the Lua expression of the line key prefix among the script's ARGV), then `body`.
 */
function mutationLua(
  prefix: string,
  body: string,
  options: { checkTypes: boolean } = { checkTypes: true },
): string {
  const check = options.checkTypes
    ? "local bad = wrong_type(KEYS[1], KEYS[2])\nif bad then return cjson.encode(bad) end"
    : "";
  return `${prelude}
${check}
local op_key = KEYS[#KEYS]
if redis.call('EXISTS', op_key) == 1 then
  local cart = read_cart(KEYS[1], KEYS[2], ${prefix})
  cart.status = 'ok'
  cart.replayed = true
  return cjson.encode(cart)
end
${body}`;
}

/** KEYS: meta, items. ARGV: line key prefix. Returns the cart; writes nothing. */
const readLua = `${prelude}
local bad = wrong_type(KEYS[1], KEYS[2])
if bad then return cjson.encode(bad) end
return cjson.encode(read_cart(KEYS[1], KEYS[2], ARGV[1]))
`;

/**
 * KEYS: meta, items, line, operation. ARGV: item id, quantity to add, max per line, ttl, updated_at,
 * channel, message, line key prefix, product_id, name, price, configuration, image_url, category_id.
 * Returns the cart, or {status = 'quantity_limit', held = quantity held} and writes nothing; a line
 * key of the wrong type answers {status = 'wrong_type'} and writes nothing.
 */
const addLua = mutationLua(
  "ARGV[8]",
  `
local line_type = key_type(KEYS[3])
if line_type ~= 'none' and line_type ~= 'hash' then
  return cjson.encode({status = 'wrong_type', key = KEYS[3], type = line_type})
end
local held = math.floor(tonumber(redis.call('HGET', KEYS[3], 'quantity')) or 0)
if held < 0 then held = 0 end
local quantity = held + tonumber(ARGV[2])
if quantity > tonumber(ARGV[3]) then
  return cjson.encode({status = 'quantity_limit', held = held})
end
-- Name, price and image are refreshed from the catalog on a merge: the catalog is the authority.
redis.call('HSET', KEYS[3],
  'product_id', ARGV[9], 'name', ARGV[10], 'price', ARGV[11], 'quantity', tostring(quantity),
  'configuration', ARGV[12], 'image_url', ARGV[13], 'category_id', ARGV[14])
redis.call('SADD', KEYS[2], ARGV[1])
return cjson.encode(finish(op_key, KEYS[1], KEYS[2], ARGV[8], ARGV[4], ARGV[5], ARGV[6], ARGV[7]))
`,
);

/**
 * KEYS: meta, items, line, operation. ARGV: item id, quantity (0 removes the line), line key prefix,
 * ttl, updated_at, channel, message. Returns the cart with the line as it was before (`before`), or
 * {status = 'not_found'} and writes nothing. A replayed removal answers the cart, not `not_found`.
 */
const setQuantityLua = mutationLua(
  "ARGV[3]",
  `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 or redis.call('EXISTS', KEYS[3]) == 0 then
  return cjson.encode({status = 'not_found'})
end
local line_type = key_type(KEYS[3])
if line_type ~= 'hash' and ARGV[2] ~= '0' then
  return cjson.encode({status = 'wrong_type', key = KEYS[3], type = line_type})
end
local before = line_type == 'hash' and read_line(KEYS[3]) or nil
if ARGV[2] == '0' then
  redis.call('DEL', KEYS[3])
  redis.call('SREM', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[3], 'quantity', ARGV[2])
end
local reply = finish(op_key, KEYS[1], KEYS[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
reply.before = before
return cjson.encode(reply)
`,
);

/**
 * KEYS: meta, items, operation. ARGV: line key prefix, ttl, updated_at, channel, message. Deletes
 * every line and the set; the meta hash stays (with the new updated_at and any customer attached).
 * Clearing is how a customer or the counter gets out of a cart another program damaged, so it
 * works whatever the keys' types: a meta key that is not a hash is deleted (it held no cart
 * fields), an item key that is not a set is deleted without reading it.
 */
const clearLua = mutationLua(
  "ARGV[1]",
  `
if key_type(KEYS[2]) == 'set' then
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    redis.call('DEL', ARGV[1] .. id)
  end
end
redis.call('DEL', KEYS[2])
local meta_type = key_type(KEYS[1])
if meta_type ~= 'none' and meta_type ~= 'hash' then redis.call('DEL', KEYS[1]) end
return cjson.encode(finish(op_key, KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]))
`,
  { checkTypes: false },
);

/** KEYS: meta, items, operation. ARGV: line key prefix, ttl, updated_at, channel, message, field, value, ... */
const attachLua = mutationLua(
  "ARGV[1]",
  `
for i = 6, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
return cjson.encode(finish(op_key, KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]))
`,
);

const definitions = {
  kioskCartRead: { lua: readLua, numberOfKeys: 2, readOnly: true },
  kioskCartAdd: { lua: addLua, numberOfKeys: 4 },
  kioskCartSetQuantity: { lua: setQuantityLua, numberOfKeys: 4 },
  kioskCartClear: { lua: clearLua, numberOfKeys: 3 },
  kioskCartAttach: { lua: attachLua, numberOfKeys: 3 },
} as const;

/**
 * A script's reply, parsed. cjson writes an empty Lua table as `{}`, so every list may arrive as
 * an empty object: read lists through `asList`.
 */
export interface CartScriptReply {
  status: "ok" | "quantity_limit" | "not_found" | "wrong_type";
  meta?: string[] | Record<string, never>;
  lines?: Array<[string, LineValues]> | Record<string, never>;
  /** Lines whose key holds another Redis type than a hash: [item id, its type]. */
  unreadable?: Array<[string, string]> | Record<string, never>;
  /** wrong_type: the key and the type it holds. */
  key?: string;
  type?: string;
  /** quantity_limit: the quantity the line already holds. */
  held?: number;
  /** setQuantity: the line's values before the change. */
  before?: LineValues;
  /** True when the operation id was recorded already: nothing was written, this is the cart now. */
  replayed?: boolean;
}

/** The values of `lineFields`, in order; false where the hash has no such field. */
export type LineValues = Array<string | false>;

export function asList<T>(value: T[] | Record<string, never> | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

type ScriptCall = (...keysThenArgs: Array<string | number>) => Promise<CartScriptReply>;
type RawScriptCall = (...keysThenArgs: Array<string | number>) => Promise<string>;

export interface CartScripts {
  read: ScriptCall;
  add: ScriptCall;
  setQuantity: ScriptCall;
  clear: ScriptCall;
  attach: ScriptCall;
}

/** Registers the scripts on `redis` (idempotent) and returns typed callers for them. */
export function defineCartScripts(redis: Redis): CartScripts {
  for (const [name, definition] of Object.entries(definitions)) redis.defineCommand(name, definition);
  const commands = redis as unknown as Record<keyof typeof definitions, RawScriptCall>;
  const call =
    (name: keyof typeof definitions): ScriptCall =>
    async (...args) =>
      JSON.parse(await commands[name](...args)) as CartScriptReply;
  return {
    read: call("kioskCartRead"),
    add: call("kioskCartAdd"),
    setQuantity: call("kioskCartSetQuantity"),
    clear: call("kioskCartClear"),
    attach: call("kioskCartAttach"),
  };
}
export { prelude as cartScriptPrelude };
