import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * PINs are kept only as `scrypt$N$r$p$<salt>$<hash>` (base64url): a random 16-byte salt per PIN,
 * so two staff with the same PIN have different hashes, and comparing runs in constant time. A
 * PIN has at most 10^8 values, so the hash alone does not make it secret: the lockout after five
 * wrong PINs (staff-store.ts) is what protects it at the counter, and the hash keeps a copy of
 * the database from revealing PINs outright.
 */

const params = { N: 16_384, r: 8, p: 1 } as const;
const keyLength = 32;

function derive(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, keyLength, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

/** True when `pin` matches `stored`; false for a wrong PIN or a record that is not a hash of ours. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || expected.length !== keyLength) return false;
  const actual = await derive(pin, salt, { N, r, p });
  return timingSafeEqual(actual, expected);
}

/** A hash no PIN matches, verified against for unknown names so they take as long as known ones. */
export const decoyHash = `scrypt$${params.N}$${params.r}$${params.p}$${Buffer.alloc(16).toString("base64url")}$${Buffer.alloc(keyLength).toString("base64url")}`;
