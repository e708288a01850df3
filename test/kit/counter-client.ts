import type {
  CounterEventChannel,
  CounterEventPayload,
  CounterRequestChannel,
} from "../../src-shared/counter-contract.js";
import type { Result } from "../../src-shared/contract.js";
import type { Services } from "../../src-main/app/services.js";
import { RawClient } from "./shell-harness.js";

/** A counter screen over `/counter-ws`, speaking the wire protocol (and what a screen never would). */
export class CounterClient {
  private constructor(readonly raw: RawClient) {}

  static async connect(shell: { counterWsUrl: string; origin: string }): Promise<CounterClient> {
    return new CounterClient(await RawClient.connect(shell.counterWsUrl, shell.origin));
  }

  request(channel: CounterRequestChannel | string, input: unknown = {}): Promise<Result<unknown>> {
    return this.raw.request(channel, input);
  }

  async ok<T = unknown>(channel: CounterRequestChannel, input: unknown = {}): Promise<T> {
    const result = await this.request(channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  async signIn(name: string, pin: string, terminal?: string): Promise<void> {
    await this.ok("counter-sign-in", { name, pin, ...(terminal ? { terminal } : {}) });
  }

  eventsOf<E extends CounterEventChannel>(event: E): Array<CounterEventPayload<E>> {
    return this.raw.events
      .filter((e) => (e.event as string) === event)
      .map((e) => e.payload as CounterEventPayload<E>);
  }

  waitForEvent<E extends CounterEventChannel>(
    event: E,
    predicate: (payload: CounterEventPayload<E>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<CounterEventPayload<E>> {
    return this.raw.waitForEvent(event as never, predicate as never, timeoutMs) as Promise<
      CounterEventPayload<E>
    >;
  }

  close(): Promise<{ code: number }> {
    return this.raw.close();
  }
}

/** Staff for tests: the same store `kioskctl staff add` writes to. */
export async function addStaff(
  services: Pick<Services, "staff">,
  staff: Array<{ name: string; role: "cashier" | "manager"; pin: string }>,
): Promise<void> {
  for (const s of staff) await services.staff.add(s.name, s.role, s.pin);
}

const aSession = "session-00000000-0000-4000-8000-00000000abcd";
const anOrder = "018f0000-0000-7000-8000-000000000001";

/** A well-formed input for every counter request: a refusal of it is the gate's, not the parser's. */
export const sampleCounterInputs: Record<CounterRequestChannel, unknown> = {
  "counter-sign-in": { name: "Amina", pin: "4821" },
  "counter-sign-out": {},
  "counter-status": {},
  "counter-queue": {},
  "counter-order-find": { query: "K-001" },
  "counter-order-pay": { order: anOrder, payment: { method: "cash", tendered: 200_000 } },
  "counter-order-ready": { order: anOrder },
  "counter-order-collected": { order: anOrder },
  "counter-order-delivered": { order: anOrder },
  "counter-order-cancel": { order: anOrder, reason: "customer left" },
  "counter-receipt-print": { order: anOrder },
  "counter-cart-find": { reference: "00ABCD" },
  "counter-cart-open": { session_id: aSession },
  "counter-cart-close": { session_id: aSession },
  "counter-cart-add": { session_id: aSession, product_id: "42", quantity: 1 },
  "counter-cart-set-quantity": { session_id: aSession, item_id: "42_abc", quantity: 3 },
  "counter-cart-remove": { session_id: aSession, item_id: "42_abc" },
  "counter-catalog-search": { query: "rose" },
  "counter-catalog-product": { product_id: "42" },
  "counter-checkout-quote": { session_id: aSession },
  "counter-order-place": {
    session_id: aSession,
    fingerprint: `${"0".repeat(40)}-${"0".repeat(16)}`,
    idempotency_key: "counter-attempt-1",
  },
  "counter-day-report": {},
  "counter-fleet": {},
};
