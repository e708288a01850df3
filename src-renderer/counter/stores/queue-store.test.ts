import { describe, expect, it, vi } from "vitest";
import { anOrder, counterApi, today } from "../../test-support/fake-counter-api.js";
import { deferred } from "../../test-support/fake-kiosk-api.js";
import type { CounterRequestOutput } from "../../../src-shared/counter-contract.js";
import { compareEventIds, createQueueStore } from "./queue-store.js";

describe("the counter's order queue", () => {
  it("drops events the list already includes, and applies those that came while it loaded", async () => {
    const first = anOrder({ number: "K-001" });
    const second = anOrder({ number: "K-002" });
    const answer = deferred<CounterRequestOutput<"counter-queue">>();
    const api = counterApi({ "counter-queue": () => answer.promise });
    const arrivals: string[] = [];
    const queue = createQueueStore({ api, onArrival: (order) => arrivals.push(order.number) });

    const loading = queue.getState().refresh();
    // While the list is on its way: the event the list will include, and one after it.
    queue.getState().receive({ event_id: "1700000000000-0", kind: "placed", order: first });
    queue.getState().receive({ event_id: "1700000000001-0", kind: "placed", order: second });
    answer.resolve({ day: today, orders: [first], last_event_id: "1700000000000-0" });
    await loading;

    expect(Object.values(queue.getState().orders).map((o) => o.number)).toEqual(["K-001", "K-002"]);
    expect(queue.getState().arrivals).toEqual([second.order_id]);
    expect(arrivals).toEqual(["K-002"]);
    expect(queue.getState().lastEventId).toBe("1700000000001-0");

    // The same event again (a reconnect's catch-up) changes nothing and chimes no more.
    queue.getState().receive({ event_id: "1700000000001-0", kind: "placed", order: second });
    expect(arrivals).toEqual(["K-002"]);
  });

  it("keeps the newer copy of an order when an older answer arrives late", async () => {
    const order = anOrder();
    const queue = createQueueStore({ api: counterApi() });
    await queue.getState().refresh();
    const paid = { ...order, status: "paid" as const, updated_at: "2026-12-03T12:00:00.000Z" };
    queue.getState().receive({ event_id: "1-1", kind: "paid", order: paid });
    queue.getState().update(order);
    expect(queue.getState().orders[order.order_id]!.status).toBe("paid");
  });

  it("shows nothing of a signed-out terminal's list that was still loading", async () => {
    const answer = deferred<CounterRequestOutput<"counter-queue">>();
    const queue = createQueueStore({ api: counterApi({ "counter-queue": () => answer.promise }) });
    const loading = queue.getState().refresh();
    queue.getState().reset();
    answer.resolve({ day: today, orders: [anOrder()], last_event_id: "1-0" });
    expect(await loading).toBe(false);
    expect(queue.getState().orders).toEqual({});
  });

  it("orders stream entry ids by time, then sequence", () => {
    const sorted = ["1700000000010-0", "1700000000002-5", "1700000000002-10"].sort(compareEventIds);
    expect(sorted).toEqual(["1700000000002-5", "1700000000002-10", "1700000000010-0"]);
    vi.restoreAllMocks();
  });
});
