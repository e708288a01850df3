import type { DayReport } from "../../src-shared/counter-contract.js";
import { orderStatuses, paymentMethods, type Order, type OrderStatus } from "../../src-shared/order.js";

/**
 * The day's figures, for the counter's "Today" and `kioskctl report day`: one home for the sums.
 * A day is the shop's calendar day an order was placed on (the order's `day`), so an order placed
 * before midnight and paid after counts on the day it was placed. Amounts are exact minor units.
 *
 * Cash expected in the drawer: cash taken, less what is owed back on cancelled orders paid in
 * cash (a refund is paid out of the drawer).
 */
export function buildDayReport(day: string, currency: string, orders: readonly Order[]): DayReport {
  const byMethod = new Map(paymentMethods.map((m) => [m, { method: m, count: 0, total: 0 }]));
  const byStatus = Object.fromEntries(orderStatuses.map((s) => [s, 0])) as Record<OrderStatus, number>;
  let cashRefunds = 0;
  const cancelled: DayReport["cancelled"]["orders"] = [];
  const unpaid: Order[] = [];
  for (const order of orders) {
    byStatus[order.status]++;
    for (const payment of order.payments) {
      const entry = byMethod.get(payment.method)!;
      entry.count++;
      entry.total += payment.amount;
    }
    if (order.status === "placed") unpaid.push(order);
    if (order.cancellation) {
      const { reason, refund_due, recorded_by } = order.cancellation;
      cancelled.push({ number: order.number, reason, refund_due, by: recorded_by.staff });
      const cashPaid = order.payments.filter((p) => p.method === "cash").reduce((s, p) => s + p.amount, 0);
      cashRefunds += Math.min(cashPaid, refund_due);
    }
  }
  const payments = [...byMethod.values()];
  const cash = byMethod.get("cash")!.total;
  return {
    day,
    currency,
    order_count: orders.length,
    payments,
    paid_total: payments.reduce((s, p) => s + p.total, 0),
    cash_expected: cash - cashRefunds,
    cancelled: {
      count: cancelled.length,
      refunds_owed: cancelled.reduce((s, c) => s + c.refund_due, 0),
      orders: cancelled,
    },
    unpaid: {
      count: unpaid.length,
      total: unpaid.reduce((s, o) => s + o.total, 0),
      numbers: unpaid.map((o) => o.number),
    },
    by_status: byStatus,
  };
}
