import type { Command } from "commander";
import { AppError } from "../../../src-shared/errors.js";
import type { CartMutation } from "../../cart/cart-service.js";
import { withJsonOption, type CliContext } from "../cli-context.js";
import { collectOption, parseWholeNumber } from "../cli-arguments.js";
import { nameWithOptions } from "../../../src-shared/format.js";
import { cartJson, cartJsonShape, cartText } from "../cli-format.js";

/** `kioskctl cart ...`: staff look at and fix a customer's cart, by session id, in the shared Redis. */

type JsonFlag = { json?: boolean };

export function register(program: Command, context: CliContext): void {
  const cart = program
    .command("cart")
    .description("show and change a customer's cart (the cart shared with the web channel)");

  const printMutation = async (options: JsonFlag, mutation: CartMutation, summary: string) => {
    const { store } = await context.services().catalog();
    context.print(options, {
      json: cartJson(mutation.cart),
      text: `${summary}\n${cartText(mutation.cart, store.locale)}`,
    });
  };

  withJsonOption(
    cart.command("show").argument("<session>", "session id").description("show a cart"),
    cartJsonShape,
  ).action(async (session: string, options: JsonFlag) => {
    const services = context.services();
    const [result, catalog] = await Promise.all([
      services.cart().then((c) => c.getCart(session)),
      services.catalog(),
    ]);
    context.print(options, { json: cartJson(result), text: cartText(result, catalog.store.locale) });
  });

  withJsonOption(
    cart
      .command("find")
      .argument("<reference>", "the 6-character reference the checkout screen shows, e.g. 4F5A6B")
      .description("find the cart a customer shows at the counter, by its reference"),
    `[${cartJsonShape}, ...] (every cart whose session id ends in the reference, newest first)`,
  ).action(async (reference: string, options: JsonFlag) => {
    const services = context.services();
    const [carts, catalog] = await Promise.all([
      services.cart().then((c) => c.findByReference(reference)),
      services.catalog(),
    ]);
    if (carts.length === 0)
      throw new AppError("not_found", `No cart has the reference ${reference.toUpperCase()}.`);
    context.print(options, {
      json: carts.map(cartJson),
      text: carts.map((c) => `Session ${c.session_id}\n${cartText(c, catalog.store.locale)}`).join("\n\n"),
    });
  });

  withJsonOption(
    cart
      .command("add")
      .argument("<session>", "session id")
      .argument("<product_id>", "product id (see `kioskctl catalog search`)")
      .description("add a product to a cart, merging into the line with the same options")
      .option("--qty <n>", "quantity", parseWholeNumber, 1)
      .option(
        "--option <key=value>",
        "an option choice, repeatable: --option size=M --option colour=Blue",
        collectOption,
      ),
    cartJsonShape,
  ).action(
    async (
      session: string,
      productId: string,
      options: JsonFlag & { qty: number; option?: Record<string, string> },
    ) => {
      const service = await context.services().cart();
      const mutation = await service.addItem(session, {
        product_id: productId,
        quantity: options.qty,
        options: options.option ?? {},
      });
      const line = mutation.item!;
      await printMutation(
        options,
        mutation,
        `Added ${options.qty} × ${nameWithOptions(line.name, line.configuration)}; the line now has ${line.quantity}.`,
      );
    },
  );

  withJsonOption(
    cart
      .command("set-qty")
      .argument("<session>", "session id")
      .argument("<item_id>", "item id (see `kioskctl cart show`)")
      .argument("<qty>", "new quantity; 0 removes the line", parseWholeNumber)
      .description("set the quantity of a cart line"),
    cartJsonShape,
  ).action(async (session: string, itemId: string, qty: number, options: JsonFlag) => {
    const service = await context.services().cart();
    const mutation = await service.updateQuantity(session, itemId, qty);
    const name = mutation.item?.name ?? itemId;
    await printMutation(options, mutation, qty === 0 ? `Removed ${name}.` : `Set ${name} to ${qty}.`);
  });

  withJsonOption(
    cart
      .command("remove")
      .argument("<session>", "session id")
      .argument("<item_id>", "item id (see `kioskctl cart show`)")
      .description("remove a line from a cart"),
    cartJsonShape,
  ).action(async (session: string, itemId: string, options: JsonFlag) => {
    const service = await context.services().cart();
    const mutation = await service.removeItem(session, itemId);
    await printMutation(options, mutation, `Removed ${mutation.item?.name ?? itemId}.`);
  });

  withJsonOption(
    cart.command("clear").argument("<session>", "session id").description("remove every line from a cart"),
    cartJsonShape,
  ).action(async (session: string, options: JsonFlag) => {
    const service = await context.services().cart();
    await printMutation(options, await service.clearCart(session), "Cleared the cart.");
  });
}
