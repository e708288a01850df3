import {
  counterRequests,
  managerOnlyChannels,
  publicCounterChannels,
  type CounterRequestChannel,
} from "../../src-shared/counter-contract.js";
import type { Result } from "../../src-shared/contract.js";
import { AppError, describeZodError, toAppErrorShape, type AppErrorShape } from "../../src-shared/errors.js";
import { findPrototypeKey } from "../api/request-dispatcher.js";
import type { Logger } from "../infra/logger.js";
import { asCartUnavailable } from "../infra/redis-client.js";
import type { StaffStore } from "../staff/staff-store.js";
import type { CounterConnection } from "./counter-connection.js";
import type { CounterHandlers } from "./counter-handlers.js";

export function isCounterRequestChannel(channel: unknown): channel is CounterRequestChannel {
  return typeof channel === "string" && Object.hasOwn(counterRequests, channel);
}

const publicChannels = new Set<string>(publicCounterChannels);
const managerChannels = new Set<string>(managerOnlyChannels);

const managerOnly: Record<(typeof managerOnlyChannels)[number], string> = {
  "counter-order-cancel": "Only a manager can cancel an order: ask a manager to sign in.",
  "counter-day-report": "Only a manager can see the day's report: ask a manager to sign in.",
};

/**
 * The counter's gate, as the kiosk's RequestDispatcher is the kiosk's: every counter request,
 * over IPC or `/counter-ws`, passes here and only here. In order: a counter channel (a kiosk
 * channel is unknown here, and a counter channel unknown to the kiosk's gate), no hostile keys,
 * signed in unless the channel is public, the staff member still on the staff list (removed
 * staff are signed out at their next request), the right role, input parsed by the contract.
 * A signed-out screen is told "Sign in first." whatever it sent. A request refused at any step runs no handler, so it writes nothing; the idle timer counts
 * only requests that passed.
 */
export class CounterDispatcher {
  constructor(
    private readonly handlers: CounterHandlers,
    private readonly staff: Pick<StaffStore, "get">,
    private readonly log: Logger,
    private readonly onStaffGone: (connection: CounterConnection) => void = () => {},
  ) {}

  async dispatch(connection: CounterConnection, channel: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isCounterRequestChannel(channel)) {
      return failure({
        code: "invalid_input",
        message: `Unknown counter request "${String(channel).slice(0, 64)}".`,
      });
    }
    try {
      if (!publicChannels.has(channel)) {
        const signedIn = connection.staff;
        if (!signedIn) return failure({ code: "forbidden", message: "Sign in first." });
        const member = await this.staff.get(signedIn.id);
        if (!member) {
          this.onStaffGone(connection);
          return failure({
            code: "forbidden",
            message: `${signedIn.name} is no longer on the staff list: signed out.`,
          });
        }
        if (managerChannels.has(channel) && member.role !== "manager") {
          return failure({ code: "forbidden", message: managerOnly[channel as keyof typeof managerOnly] });
        }
      }
      const hostileKey = findPrototypeKey(input);
      if (hostileKey) {
        return failure({
          code: "invalid_input",
          message: `Invalid ${channel} request: "${hostileKey}" is not allowed.`,
        });
      }
      const contract = counterRequests[channel];
      const parsed = contract.input.safeParse(input ?? {});
      if (!parsed.success) {
        return failure({
          code: "invalid_input",
          message: `Invalid ${channel} request: ${describeZodError(parsed.error)}`,
        });
      }
      connection.touch();
      const handler = this.handlers[channel] as (input: unknown, c: CounterConnection) => Promise<unknown>;
      const value = await handler(parsed.data, connection);
      const output = contract.output.safeParse(value);
      if (!output.success) {
        this.log.error(
          `counter: ${channel} produced output outside the contract: ${describeZodError(output.error)}`,
        );
        return failure(toAppErrorShape(undefined));
      }
      return { ok: true, value: output.data };
    } catch (error) {
      return failure(this.describe(channel, error));
    }
  }

  private describe(channel: CounterRequestChannel, error: unknown): AppErrorShape {
    const mapped = asCartUnavailable(error);
    if (mapped instanceof AppError) return mapped.toJSON();
    this.log.error(`counter: ${channel} failed`, error);
    return toAppErrorShape(error);
  }
}

function failure(error: AppErrorShape): Result<never> {
  return { ok: false, error };
}
