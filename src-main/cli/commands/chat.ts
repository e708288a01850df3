import type { Command } from "commander";
import { countOf, moneyFormatter, nouns } from "../../../src-shared/format.js";
import type { Logger } from "../../infra/logger.js";
import { AssistantService } from "../../assistant/assistant-service.js";
import { withJsonOption, type CliContext } from "../cli-context.js";

/**
 * `kioskctl chat <session> "<message>"`: one turn with the shopping assistant, exactly as the kiosk
 * runs it (same agent, tools, model or offline mode, and conversation memory in Redis).
 */

const replyShape =
  'the assistant\'s reply: {role: "assistant", content, metadata: {tools_used, mode: "openai"|"offline", ' +
  "action?}}; action is {type, cart_items, cart_total, item_count, currency, item?} after a cart change or " +
  '{type: "products_found", products, currency} after a search; amounts in minor units.';

export function register(program: Command, context: CliContext): void {
  withJsonOption(
    program
      .command("chat")
      .argument("<session>", "session id")
      .argument("<message>", "what the customer says")
      .description("talk to the shopping assistant as a customer would (one turn)"),
    replyShape,
  ).action(async (session: string, message: string, options: { json?: boolean }) => {
    const services = context.services();
    const [{ client }, catalog, cart] = await Promise.all([
      services.redis(),
      services.catalog(),
      services.cart(),
    ]);
    const assistant = new AssistantService({
      cart,
      catalog,
      redis: client,
      config: services.config.assistant,
      ttlSeconds: services.config.cartTtlSeconds,
      logger: warningsTo(context),
    });
    const reply = await assistant.chat(session, message);
    const action = reply.metadata.action;
    const money = moneyFormatter(catalog.store);
    const cartLine =
      action && "cart_items" in action
        ? `\n[cart: ${countOf(action.item_count, nouns.item, catalog.store.locale)}, ${money(action.cart_total)}]`
        : "";
    context.print(options, { json: reply, text: `${reply.content}${cartLine}` });
  });
}

/** The assistant's warnings (a model that failed and was replaced offline) as single stderr lines. */
function warningsTo(context: CliContext): Logger {
  const line = (message: string) => context.io.stderr(`kioskctl: ${message}\n`);
  return { info() {}, warn: line, error: line };
}
