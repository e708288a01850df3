import { requests, type RequestChannel, type Result } from "../../src-shared/contract.js";
import { AppError, describeZodError, toAppErrorShape, type AppErrorShape } from "../../src-shared/errors.js";
import type { Logger } from "../infra/logger.js";
import { asCartUnavailable } from "../infra/redis-client.js";
import type { ConnectionContext } from "./connection-context.js";
import type { RequestHandlers } from "./request-handlers.js";

/** Keys that could reach an object's prototype when input is copied into a plain object. */
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

/** The first key of `value` (at any depth) that could reach a prototype; shared with the counter's gate. */
export function findPrototypeKey(value: unknown, depth = 0): string | undefined {
  if (value === null || typeof value !== "object" || depth > 32) return undefined;
  for (const key of Object.keys(value)) {
    if (prototypeKeys.has(key)) return key;
    const nested = findPrototypeKey((value as Record<string, unknown>)[key], depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === "string" && Object.hasOwn(requests, channel);
}

/**
 * The single gate every request passes, whichever transport carried it: a known channel, input
 * parsed by the contract before the handler runs (so refused input writes nothing), output checked
 * against the contract (which also strips anything the contract does not name), and every failure
 * turned into `{ code, message }`. Stack traces stay in the log.
 */
export class RequestDispatcher {
  constructor(
    private readonly handlers: RequestHandlers,
    private readonly log: Logger,
  ) {}

  async dispatch(ctx: ConnectionContext, channel: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isRequestChannel(channel)) {
      return failure({
        code: "invalid_input",
        message: `Unknown request "${String(channel).slice(0, 64)}".`,
      });
    }
    const contract = requests[channel];
    // Zod skips "__proto__" when it copies a record, but a hostile key has no business here at all.
    const hostileKey = findPrototypeKey(input);
    if (hostileKey) {
      return failure({
        code: "invalid_input",
        message: `Invalid ${channel} request: "${hostileKey}" is not allowed.`,
      });
    }
    const parsed = contract.input.safeParse(input ?? {});
    if (!parsed.success) {
      return failure({
        code: "invalid_input",
        message: `Invalid ${channel} request: ${describeZodError(parsed.error)}`,
      });
    }
    try {
      const handler = this.handlers[channel] as (input: unknown, ctx: ConnectionContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      const output = contract.output.safeParse(value);
      if (!output.success) {
        this.log.error(
          `api: ${channel} produced output outside the contract: ${describeZodError(output.error)}`,
        );
        return failure(toAppErrorShape(undefined));
      }
      return { ok: true, value: output.data };
    } catch (error) {
      return failure(this.describe(channel, error));
    }
  }

  private describe(channel: RequestChannel, error: unknown): AppErrorShape {
    const mapped = asCartUnavailable(error);
    if (mapped instanceof AppError) return mapped.toJSON();
    this.log.error(`api: ${channel} failed`, error);
    return toAppErrorShape(error);
  }
}

function failure(error: AppErrorShape): Result<never> {
  return { ok: false, error };
}
