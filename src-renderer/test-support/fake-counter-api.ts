import type {
  CounterEventChannel,
  CounterEventPayload,
  CounterRequestChannel,
  CounterRequestInput,
  CounterRequestOutput,
  StaffSession,
} from "../../src-shared/counter-contract.js";
import type { Order, OrderStatus } from "../../src-shared/order.js";
import type { CounterConnection } from "../counter/transport/index.js";
import { FakeContractApi } from "./fake-contract-api.js";
import { connectionStatus, store } from "./fixtures.js";

export type CounterHandlers = {
  [C in CounterRequestChannel]?: (
    input: CounterRequestInput<C>,
  ) => CounterRequestOutput<C> | Promise<CounterRequestOutput<C>>;
};

/**
 * The counter's contract (src-shared/counter-contract.ts) as a test double: see FakeContractApi.
 * `link(false)` / `link(true)` play the WebSocket dropping and coming back.
 */
export class FakeCounterApi
  extends FakeContractApi<
    { [C in CounterRequestChannel]: CounterRequestInput<C> },
    { [C in CounterRequestChannel]: CounterRequestOutput<C> },
    { [E in CounterEventChannel]: CounterEventPayload<E> }
  >
  implements CounterConnection
{
  private readonly links = new Set<(up: boolean) => void>();

  onLink(listener: (up: boolean) => void): () => void {
    this.links.add(listener);
    return () => void this.links.delete(listener);
  }

  link(up: boolean): void {
    for (const listener of [...this.links]) listener(up);
  }
}

export const today = "2026-12-03";

export function staffSession(overrides: Partial<StaffSession> = {}): StaffSession {
  return {
    name: "Amina",
    role: "cashier",
    terminal: "Counter 1",
    signed_in_at: "2026-12-03T09:00:00.000Z",
    idle_timeout_seconds: 600,
    ...overrides,
  };
}

export function counterStatus(session: StaffSession | null = null): CounterRequestOutput<"counter-status"> {
  return { session, store, connection: connectionStatus(), idle_timeout_seconds: 600 };
}

let orderSeq = 0;

/** An order of two balloon bouquets (UGX 120,000) and a sunflower bunch (UGX 60,000). */
export function anOrder(overrides: Partial<Order> & { number?: string; status?: OrderStatus } = {}): Order {
  orderSeq++;
  const at = overrides.created_at ?? `2026-12-03T10:${String(orderSeq).padStart(2, "0")}:00.000Z`;
  return {
    order_id: `0b7c0a4e-5f7a-4c1e-9d3b-${String(orderSeq).padStart(12, "0")}`,
    number: "K-001",
    status: "placed",
    session_id: "session-11111111-2222-4333-8444-555555555555",
    currency: "UGX",
    lines: [
      {
        item_id: "42_abc",
        product_id: "42",
        name: "Balloon Bouquet",
        configuration: {},
        price: 60000,
        quantity: 2,
        line_total: 120000,
      },
      {
        item_id: "17_def",
        product_id: "17",
        name: "Sunflower Bunch",
        configuration: { stems: "12" },
        price: 60000,
        quantity: 1,
        line_total: 60000,
      },
    ],
    subtotal: 180000,
    delivery_charge: 0,
    total: 180000,
    fulfilment: { type: "collection" },
    contact: { name: "Nakato", phone: "+256701618576" },
    payments: [],
    day: today,
    created_at: at,
    updated_at: at,
    ...overrides,
  };
}

/** The order after a cash payment recorded at the counter. */
export function paidInCash(order: Order, tendered: number, by = staffSession()): Order {
  const at = "2026-12-03T11:00:00.000Z";
  return {
    ...order,
    status: "paid",
    payments: [
      {
        method: "cash",
        amount: order.total,
        tendered,
        change: tendered - order.total,
        recorded_by: { staff: by.name, terminal: by.terminal },
        at,
      },
    ],
    updated_at: at,
  };
}

/** A counter API signed out, with an empty queue, for a test to add handlers to. */
export function counterApi(handlers: CounterHandlers = {}): FakeCounterApi {
  return new FakeCounterApi({
    "counter-status": () => counterStatus(),
    "counter-sign-in": ({ name }) => staffSession({ name }),
    "counter-sign-out": () => ({ signed_out: true }),
    "counter-queue": () => ({ day: today, orders: [], last_event_id: null }),
    ...handlers,
  });
}
