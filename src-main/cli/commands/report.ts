import type { Command } from "commander";
import type { DayReport } from "../../../src-shared/counter-contract.js";
import { AppError } from "../../../src-shared/errors.js";
import { moneyFormatter } from "../../../src-shared/format.js";
import { buildDayReport } from "../../orders/day-report.js";
import { withJsonOption, type CliContext } from "../cli-context.js";

/** `kioskctl report day`: the counter's "Today" from the command line, the same sums (day-report.ts). */
export function register(program: Command, context: CliContext): void {
  const report = program.command("report").description("the shop's figures");
  withJsonOption(
    report
      .command("day")
      .option("--date <YYYY-MM-DD>", "the shop's calendar day (default: today in its time zone)")
      .description(
        "orders, payments by method, cash expected in the drawer, cancellations and refunds owed, unpaid",
      ),
    "{day, currency, order_count, payments: [{method, count, total}], paid_total, cash_expected, " +
      "cancelled: {count, refunds_owed, orders: [{number, reason, refund_due, by}]}, unpaid: {count, total, numbers}, by_status}",
  ).action(async (options: { json?: boolean; date?: string }) => {
    if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
      throw new AppError("invalid_input", `--date expects a day such as 2026-12-02, not "${options.date}".`);
    }
    const [orders, catalog] = await Promise.all([context.services().orders(), context.services().catalog()]);
    const day = options.date ?? orders.today();
    const result = buildDayReport(day, catalog.store.currency, await orders.list({ date: day }));
    context.print(options, { json: result, text: dayReportText(result, catalog.store.locale) });
  });
}

const methodNames = { cash: "Cash", card: "Card", mobile_money: "Mobile money" } as const;

export function dayReportText(r: DayReport, locale: string): string {
  const money = moneyFormatter({ currency: r.currency, locale });
  const lines = [`Day ${r.day}: ${r.order_count} order${r.order_count === 1 ? "" : "s"}`];
  for (const p of r.payments)
    lines.push(`  ${methodNames[p.method].padEnd(14)} ${String(p.count).padStart(4)}  ${money(p.total)}`);
  lines.push(`  ${"Paid in all".padEnd(14)} ${" ".repeat(4)}  ${money(r.paid_total)}`);
  lines.push(`Cash expected in the drawer: ${money(r.cash_expected)}`);
  lines.push(`Cancelled: ${r.cancelled.count}, refunds owed ${money(r.cancelled.refunds_owed)}`);
  for (const c of r.cancelled.orders)
    lines.push(`  ${c.number}  ${money(c.refund_due)}  ${c.reason} (${c.by})`);
  lines.push(
    `Unpaid: ${r.unpaid.count}, ${money(r.unpaid.total)}${r.unpaid.numbers.length ? ` (${r.unpaid.numbers.join(", ")})` : ""}`,
  );
  return lines.join("\n");
}
