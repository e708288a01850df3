import { randomUUID } from "node:crypto";
import os from "node:os";
import { Option, type Command } from "commander";
import { AppError } from "../../../src-shared/errors.js";
import { orderStatuses, paymentMethods, type Order, type StaffActor } from "../../../src-shared/order.js";
import type { OrderService } from "../../orders/order-service.js";
import { parsePrice } from "../cli-arguments.js";
import { withJsonOption, type CliContext } from "../cli-context.js";
import {
  orderJson,
  orderJsonShape,
  orderText,
  quoteJson,
  quoteJsonShape,
  quoteText,
} from "../order-format.js";

/**
 * `kioskctl order ...`: checkout from the command line (quote, place) and the counter's actions on
 * an order (pay, ready, collect, deliver, cancel), through the same OrderService as the kiosk.
 * Staff actions record who did them (`--by`, else the operating-system user) from "kioskctl".
 */

type JsonFlag = { json?: boolean };
type StaffFlags = JsonFlag & { by?: string };

export function register(program: Command, context: CliContext): void {
  const order = program
    .command("order")
    .description(
      "check out a cart and take an order through its life: quote, place, pay, ready, collect, cancel",
    );

  const orders = () => context.services().orders();
  const locale = async () => (await context.services().catalog()).store.locale;
  const printOrder = async (options: JsonFlag, result: Order, summary?: string) => {
    const text = orderText(result, await locale());
    context.print(options, { json: orderJson(result), text: summary ? `${summary}\n${text}` : text });
  };
  const actor = (options: StaffFlags): StaffActor => ({
    staff: options.by ?? (context.io.env.USER || safeUserName()),
    terminal: "kioskctl",
  });
  const withStaff = (command: Command) =>
    withJsonOption(command.option("--by <name>", "who records it (default: your user name)"), orderJsonShape);

  withJsonOption(
    order
      .command("quote")
      .argument("<session>", "session id")
      .description("price a cart afresh from the catalog and list what changed"),
    quoteJsonShape,
  ).action(async (session: string, options: JsonFlag) => {
    const quote = await (await orders()).quote(session);
    context.print(options, { json: quoteJson(quote), text: quoteText(quote, await locale()) });
  });

  withJsonOption(
    order
      .command("place")
      .argument("<session>", "session id")
      .description("quote and place a cart's order in one step, at the catalog's prices")
      .option(
        "--deliver <option_id>",
        "deliver with this delivery option (see the catalog's store.fulfilment)",
      )
      .option(
        "--address <area, street>",
        'delivery address: the area, a comma, the street or landmark ("Kololo, Plot 12 Acacia Avenue")',
      )
      .option("--recipient <name>", "who receives the delivery (default: --name)")
      .option("--notes <text>", "notes for the delivery")
      .option("--name <name>", "the customer's name")
      .option("--phone <number>", "the customer's phone, international format (+256 701 618576)")
      .option(
        "--key <idempotency-key>",
        "the checkout attempt's key: the same key always gives the same order",
      ),
    `${orderJsonShape} Also "changes": what the quote changed.`,
  ).action(
    async (
      session: string,
      options: JsonFlag & {
        deliver?: string;
        address?: string;
        recipient?: string;
        notes?: string;
        name?: string;
        phone?: string;
        key?: string;
      },
    ) => {
      const service = await orders();
      const fulfilment = deliveryChoice(options);
      const quote = await service.quote(session);
      const placed = await service.place(session, {
        fingerprint: quote.fingerprint,
        idempotency_key: options.key ?? randomUUID(),
        fulfilment,
        contact: { name: options.name, phone: options.phone },
      });
      const changes = quote.changes.map((c) => `Changed: ${c.message}`);
      const summary = [
        placed.created
          ? `Placed order ${placed.order.number}.`
          : `Order ${placed.order.number} was already placed.`,
        ...changes,
      ].join("\n");
      const text = `${summary}\n${orderText(placed.order, await locale())}`;
      context.print(options, { json: { ...orderJson(placed.order), changes: quote.changes }, text });
    },
  );

  withJsonOption(
    order
      .command("list")
      .description("list the orders of a day (default today, in the shop's time zone), or in a status")
      .addOption(new Option("--status <status>", "only orders in this status").choices(orderStatuses))
      .option("--date <YYYY-MM-DD>", "the shop's day"),
    `[${orderJsonShape}, ...] oldest first`,
  ).action(async (options: JsonFlag & { status?: Order["status"]; date?: string }) => {
    const list = await (await orders()).list({ status: options.status, date: options.date });
    const where = [options.status, options.date].filter(Boolean).join(", ") || "today";
    const loc = await locale();
    context.print(options, {
      json: list.map(orderJson),
      text: list.length === 0 ? `No orders (${where}).` : list.map((o) => orderText(o, loc)).join("\n\n"),
    });
  });

  withJsonOption(
    order
      .command("show")
      .argument("<number|order_id>", "the order number (K-042, the latest with that number) or its order id")
      .description("show an order"),
    orderJsonShape,
  ).action(async (reference: string, options: JsonFlag) => {
    await printOrder(options, await (await orders()).find(reference));
  });

  withStaff(
    order
      .command("pay")
      .argument("<number>", "the order number (K-042) or order id")
      .description("record the payment of an order's total")
      .addOption(
        new Option("--method <method>", "how it was paid").choices(paymentMethods).makeOptionMandatory(),
      )
      .option(
        "--tendered <amount>",
        "cash handed over, in major units (UGX 200000); the change is worked out",
      )
      .option("--reference <ref>", "the card slip number or the mobile-money transaction id"),
  ).action(
    async (
      reference: string,
      options: StaffFlags & {
        method: Order["payments"][number]["method"];
        tendered?: string;
        reference?: string;
      },
    ) => {
      const catalog = await context.services().catalog();
      const tendered =
        options.tendered === undefined
          ? undefined
          : parsePrice(options.tendered, catalog.exponent, "--tendered");
      const paid = await (
        await orders()
      ).pay(reference, { method: options.method, tendered, reference: options.reference }, actor(options));
      await printOrder(options, paid, `Paid ${paid.number}.`);
    },
  );

  const simple = (name: "ready" | "collect" | "deliver", description: string, done: string) =>
    withStaff(
      order
        .command(name)
        .argument("<number>", "the order number (K-042) or order id")
        .description(description),
    ).action(async (reference: string, options: StaffFlags) => {
      const service: OrderService = await orders();
      const who = actor(options);
      const result =
        name === "ready"
          ? await service.markReady(reference, who)
          : name === "collect"
            ? await service.collect(reference, who)
            : await service.deliver(reference, who);
      await printOrder(options, result, `${result.number} ${done}.`);
    });
  simple("ready", "mark a paid order ready to hand over", "is ready");
  simple("collect", "the customer collected a paid order at the counter", "was collected");
  simple("deliver", "a paid delivery order was delivered", "was delivered");

  withStaff(
    order
      .command("cancel")
      .argument("<number>", "the order number (K-042) or order id")
      .description("cancel a placed or paid order (a paid one records the refund owed)")
      .requiredOption("--reason <text>", "why it is cancelled"),
  ).action(async (reference: string, options: StaffFlags & { reason: string }) => {
    const cancelled = await (await orders()).cancel(reference, options.reason, actor(options));
    const refund = cancelled.cancellation?.refund_due ?? 0;
    await printOrder(
      options,
      cancelled,
      `Cancelled ${cancelled.number}.` + (refund > 0 ? " The payment must be returned to the customer." : ""),
    );
  });
}

/** `--deliver kampala-central --address "Kololo, Plot 12 Acacia Avenue"` as the service's fulfilment choice. */
function deliveryChoice(options: { deliver?: string; address?: string; recipient?: string; notes?: string }) {
  if (options.deliver === undefined) {
    if (options.address !== undefined)
      throw new AppError("invalid_input", "--address is for delivery: add --deliver <option_id>.");
    return { type: "collection" as const };
  }
  const address = options.address ?? "";
  const comma = address.indexOf(",");
  if (comma < 0) {
    throw new AppError(
      "invalid_input",
      'Delivery needs --address "<area>, <street or landmark>", such as "Kololo, Plot 12 Acacia Avenue".',
    );
  }
  return {
    type: "delivery" as const,
    option_id: options.deliver,
    address: {
      area: address.slice(0, comma),
      street: address.slice(comma + 1),
      recipient: options.recipient,
      notes: options.notes,
    },
  };
}

function safeUserName(): string {
  try {
    return os.userInfo().username || "operator";
  } catch {
    return "operator";
  }
}
