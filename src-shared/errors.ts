import { z } from "zod";

/**
 * Every failure that crosses a boundary (IPC, WebSocket, CLI, a tool call from the model) is an
 * AppError: a stable machine code and a message fit to show a customer. Stack traces never cross.
 */
export const errorCodes = [
  "invalid_input",
  "not_found",
  "sold_out",
  "quantity_limit",
  "cart_unavailable",
  /** A key of the cart holds another Redis type than the layout's (written by another program). */
  "cart_unreadable",
  "assistant_unavailable",
  "forbidden",
  /** Too many requests: from this connection, this client address, or in all (the message says which). */
  "rate_limited",
  /** The server holds as many connections as it allows (from this address or in all); try again later. */
  "too_many_connections",
  /** The cart changed between the checkout quote and "Place order": nothing was written. */
  "cart_changed",
  /** An order transition that its status does not allow (paying twice, collecting an unpaid order). */
  "not_allowed",
  "internal",
] as const;

export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const AppErrorShapeSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
});
export type AppErrorShape = z.infer<typeof AppErrorShapeSchema>;

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

const internalMessage = "Something went wrong on our side. Please try again or ask a member of staff.";

/** Turns anything thrown into the shape that may cross a boundary, hiding internals. */
export function toAppErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toJSON();
  return { code: "internal", message: internalMessage };
}

/** Describes a zod failure in words a person understands, naming the offending fields. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
      return `${where}${issue.message}`;
    })
    .join("; ");
}

/** Keys that could reach an object's prototype when input is copied into a plain object. */
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

/**
 * The first key anywhere in `value` that names a prototype (`__proto__`, `constructor`,
 * `prototype`), or undefined. Zod skips "__proto__" when it copies a record, so a schema alone
 * would let `{ "__proto__": "x" }` through as `{}`; no input has business naming them at all. The
 * one home of this rule: the dispatcher checks every request with it and `parseOrThrow` every
 * value a service parses (kioskctl's `--option`, the assistant's tool calls).
 */
export function findPrototypeKey(value: unknown, depth = 0): string | undefined {
  if (value === null || typeof value !== "object" || depth > 32) return undefined;
  for (const key of Object.keys(value)) {
    if (prototypeKeys.has(key)) return key;
    const nested = findPrototypeKey((value as Record<string, unknown>)[key], depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/** Parses `input` with `schema`, throwing an `invalid_input` AppError that names what was wrong. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const hostileKey = findPrototypeKey(input);
  if (hostileKey) throw new AppError("invalid_input", `Invalid ${what}: "${hostileKey}" is not allowed.`);
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("invalid_input", `Invalid ${what}: ${describeZodError(result.error)}`);
  }
  return result.data;
}
