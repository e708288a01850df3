import { createHash } from "node:crypto";

/**
 * Item ids are `{product_id}_{hash}`, the hash being the first 16 hex digits of the SHA-256 of the
 * configuration's canonical JSON. The same product and configuration therefore give the same id in
 * every process on every machine, so concurrent adds merge into one line. (The web channel's
 * example used Python's `hash()`, which is salted per process and cannot merge across processes.)
 *
 * The canonical JSON is byte for byte what the web channel gets from Python's
 * `json.dumps(cfg, sort_keys=True, separators=(",", ":"))` with its default `ensure_ascii=True`:
 * keys sorted by code point at every level, no whitespace, and every character outside printable
 * ASCII written as a lowercase `\uXXXX` escape (astral characters as surrogate pairs). See
 * docs/redis-schema.md.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const hashHexDigits = 16;

export function itemIdFor(productId: string, configuration: Record<string, JsonValue>): string {
  return `${productId}_${configurationHash(configuration)}`;
}

export function configurationHash(configuration: Record<string, JsonValue>): string {
  return createHash("sha256")
    .update(canonicalJson(configuration), "utf8")
    .digest("hex")
    .slice(0, hashHexDigits);
}

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    // Python and JavaScript print fractions and large numbers differently (1e-07 vs 1e-7), so
    // only safe integers, which both print the same, may appear in a configuration.
    if (!Number.isSafeInteger(value)) {
      throw new RangeError(`${value} cannot be part of a configuration: use whole numbers or strings`);
    }
    return String(value);
  }
  if (typeof value === "string") return asciiJsonString(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value)
    .sort(compareCodePoints)
    .map((key) => `${asciiJsonString(key)}:${canonicalJson(value[key]!)}`);
  return `{${entries.join(",")}}`;
}

/**
 * JSON.stringify already escapes '"', '\\' and control characters as Python does (\b \f \n \r \t,
 * else lowercase \u00XX); Python's ensure_ascii additionally escapes DEL and everything non-ASCII.
 */
function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Python sorts str keys by code point; JavaScript's default sort compares UTF-16 code units. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0)!);
  const right = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! - right[i]!;
  }
  return left.length - right.length;
}
