import type { Redis } from "ioredis";
import {
  PinSchema,
  StaffNameSchema,
  StaffRoleSchema,
  type StaffRole,
} from "../../src-shared/counter-contract.js";
import { AppError, parseOrThrow } from "../../src-shared/errors.js";
import { isoTimestamp } from "../cart/cart-service.js";
import { decoyHash, hashPin, verifyPin } from "./pin-hash.js";

/**
 * The shop's staff, in the shared Redis (database 1; docs/redis-schema.md, "Staff"):
 *
 *   staff:{id}              hash: name (as typed), role, pin_hash, created_at, updated_at
 *   staff-members           set: every {id}
 *   staff-failures:{id}     string: wrong PINs in a row (expires LOCK_SECONDS after the first)
 *   staff-lock:{id}         string: present while the name is locked (expires after LOCK_SECONDS)
 *
 * {id} is the name lower-cased with its spaces collapsed, so "Amina  N" and "amina n" are one
 * person. A name is locked after MAX_FAILED_PINS wrong PINs, whoever typed them and at which
 * terminal: guessing a 4-digit PIN then takes weeks, not minutes.
 */

export const MAX_FAILED_PINS = 5;
export const LOCK_SECONDS = 300;

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  created_at: string;
  updated_at: string;
  /** Seconds until the name can sign in again; 0 when it is not locked. */
  locked_seconds: number;
}

export type SignInResult =
  | { ok: true; member: StaffMember }
  | { ok: false; reason: "wrong_pin" | "locked"; message: string; attempts?: number; lockedNow: boolean };

export const staffKey = (id: string): string => `staff:${id}`;
export const STAFF_MEMBERS_KEY = "staff-members";
export const failuresKey = (id: string): string => `staff-failures:${id}`;
export const lockKey = (id: string): string => `staff-lock:${id}`;

export function staffId(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Counts a wrong PIN; at the limit, locks the name and starts the count again. Returns [count, locked]. */
const countFailureScript = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if n >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[1])
  redis.call('DEL', KEYS[1])
  return {n, 1}
end
return {n, 0}
`;

function minutes(seconds: number): string {
  const m = Math.ceil(seconds / 60);
  return m === 1 ? "a minute" : `${m} minutes`;
}

export class StaffStore {
  private readonly clock: () => Date;

  constructor(
    private readonly redis: Redis,
    options: { clock?: () => Date } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async add(name: string, role: StaffRole, pin: string): Promise<StaffMember> {
    const display = parseOrThrow(StaffNameSchema, name, "name").replace(/\s+/g, " ");
    const checkedRole = parseOrThrow(StaffRoleSchema, role, "role");
    const pinHash = await hashPin(parseOrThrow(PinSchema, pin, "PIN"));
    const id = staffId(display);
    const at = isoTimestamp(this.clock());
    const created = await this.redis.hsetnx(staffKey(id), "name", display);
    if (created === 0) {
      throw new AppError(
        "not_allowed",
        `There is already a member of staff called ${display}: use "staff set-pin" to change the PIN.`,
      );
    }
    await this.redis
      .multi()
      .hset(staffKey(id), { role: checkedRole, pin_hash: pinHash, created_at: at, updated_at: at })
      .sadd(STAFF_MEMBERS_KEY, id)
      .exec();
    return { id, name: display, role: checkedRole, created_at: at, updated_at: at, locked_seconds: 0 };
  }

  async setPin(name: string, pin: string): Promise<StaffMember> {
    const member = await this.require(name);
    const pinHash = await hashPin(parseOrThrow(PinSchema, pin, "PIN"));
    const at = isoTimestamp(this.clock());
    // A new PIN also lifts a lockout: the manager who set it has seen the person.
    await this.redis
      .multi()
      .hset(staffKey(member.id), { pin_hash: pinHash, updated_at: at })
      .del(lockKey(member.id), failuresKey(member.id))
      .exec();
    return { ...member, updated_at: at, locked_seconds: 0 };
  }

  async remove(name: string): Promise<StaffMember> {
    const member = await this.require(name);
    await this.redis
      .multi()
      .del(staffKey(member.id), lockKey(member.id), failuresKey(member.id))
      .srem(STAFF_MEMBERS_KEY, member.id)
      .exec();
    return member;
  }

  async list(): Promise<StaffMember[]> {
    const ids = await this.redis.smembers(STAFF_MEMBERS_KEY);
    const members = await Promise.all(ids.map((id) => this.get(id)));
    return members
      .filter((m): m is StaffMember => m !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The member with that id (or name), or undefined. */
  async get(nameOrId: string): Promise<StaffMember | undefined> {
    const id = staffId(nameOrId);
    const [record, ttl] = await Promise.all([this.redis.hgetall(staffKey(id)), this.redis.ttl(lockKey(id))]);
    const role = StaffRoleSchema.safeParse(record.role);
    if (!record.name || !role.success) return undefined;
    return {
      id,
      name: record.name,
      role: role.data,
      created_at: record.created_at ?? "",
      updated_at: record.updated_at ?? "",
      locked_seconds: Math.max(0, ttl),
    };
  }

  /**
   * Checks a name and PIN. A locked name is refused without looking at the PIN; an unknown name
   * and a wrong PIN get the same answer, after the same scrypt work, and both count towards the
   * lockout, so the screen does not tell which names exist.
   */
  async signIn(name: string, pin: string): Promise<SignInResult> {
    const id = staffId(name);
    const [lockTtl, record] = await Promise.all([
      this.redis.ttl(lockKey(id)),
      this.redis.hgetall(staffKey(id)),
    ]);
    // The name as the staff list spells it, when it is on it.
    const display = record.name ?? name.trim();
    if (lockTtl > 0) {
      return { ok: false, reason: "locked", message: this.lockedMessage(display, lockTtl), lockedNow: false };
    }
    const matches = await verifyPin(pin, record.pin_hash ?? decoyHash);
    const member = matches ? await this.get(id) : undefined;
    if (member) {
      await this.redis.del(failuresKey(id));
      return { ok: true, member };
    }
    const [count, locked] = (await this.redis.eval(
      countFailureScript,
      2,
      failuresKey(id),
      lockKey(id),
      LOCK_SECONDS,
      MAX_FAILED_PINS,
    )) as [number, number];
    if (locked === 1) {
      return {
        ok: false,
        reason: "locked",
        message: this.lockedMessage(display, LOCK_SECONDS),
        attempts: count,
        lockedNow: true,
      };
    }
    const left = MAX_FAILED_PINS - count;
    return {
      ok: false,
      reason: "wrong_pin",
      attempts: count,
      lockedNow: false,
      message: `Wrong name or PIN. ${left} more ${left === 1 ? "try" : "tries"} before ${display} is locked for ${minutes(LOCK_SECONDS)}.`,
    };
  }

  private lockedMessage(name: string, seconds: number): string {
    return `Too many wrong PINs: ${name} is locked. Try again in ${minutes(seconds)}, or ask a manager to set a new PIN.`;
  }

  private async require(name: string): Promise<StaffMember> {
    const member = await this.get(name);
    if (!member) throw new AppError("not_found", `There is no member of staff called ${name.trim()}.`);
    return member;
  }
}
