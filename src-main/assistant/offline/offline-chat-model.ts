import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import {
  AIMessage,
  AIMessageChunk,
  HumanMessage,
  ToolMessage,
  type BaseMessage,
} from "@langchain/core/messages";
import type { ToolCall } from "@langchain/core/messages/tool";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Catalog } from "../../catalog/catalog.js";
import {
  mutatingTools,
  turnOf,
  type PendingState,
  type ToolEvent,
  type TurnContext,
} from "../turn-context.js";
import { MAX_LISTED, OFFLINE_PREFIX, Phrases, type Answer, type ToolResult } from "./compose.js";
import type { Cart, CartLine } from "../../../src-shared/cart.js";
import { lexiconOf } from "./lexicon.js";
import { canonicalJson, type JsonValue } from "../../cart/item-id.js";
import { describeOptions, matchCartLines } from "./product-match.js";
import { understand, type AddItem, type Intent } from "./understand.js";

/**
 * The offline assistant as a LangChain chat model: it reads the customer's last message and
 * answers exactly as a tool-calling model would, with tool calls first and, once their results
 * are in, a reply written from them. The agent loop, the tools, the safety checks and the reply
 * shape are therefore the same as with OpenAI; only the model differs.
 *
 * It is stateless between calls: each call re-reads the message and the tool results of the
 * current turn and decides the next step. That also lets it take over a turn that the configured
 * model started and then failed (it never repeats a change the other model already made). One
 * instance serves every turn: the turn (what the last reply asked, what this one asks) comes with
 * each call, in the agent's runtime context.
 */

interface Step {
  calls?: Array<{ name: string; args: Record<string, unknown> }>;
  answer?: Answer;
}

export interface OfflineChatModelOptions {
  catalog: Catalog;
}

/** The agent passes its run's config to each model call; the runtime context comes with it. */
export interface OfflineCallOptions extends BaseChatModelCallOptions {
  context?: unknown;
}

let callCounter = 0;

export class OfflineChatModel extends BaseChatModel<OfflineCallOptions> {
  private readonly catalog: Catalog;
  private readonly phrases: Phrases;
  /** A turn asks the model two or three times about the same message: it is read once per turn. */
  private readonly understood = new WeakMap<TurnContext, { said: string; intent: Intent }>();

  constructor(options: OfflineChatModelOptions) {
    super({});
    this.catalog = options.catalog;
    this.phrases = new Phrases(options.catalog);
  }

  _llmType(): string {
    return "kiosk-offline";
  }

  /** It knows the kiosk's tools already; binding changes nothing. */
  override bindTools(_tools: BindToolsInput[]): this {
    return this;
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const message = this.respond(messages, turnOf(options));
    return { generations: [{ text: message.text, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const message = this.respond(messages, turnOf(options));
    if (message.tool_calls?.length) {
      const chunk = new ChatGenerationChunk({
        text: "",
        message: new AIMessageChunk({
          content: "",
          id: message.id,
          tool_call_chunks: message.tool_calls.map((call, index) => ({
            type: "tool_call_chunk" as const,
            name: call.name,
            args: JSON.stringify(call.args),
            id: call.id,
            index,
          })),
        }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken("", undefined, undefined, undefined, undefined, { chunk });
      return;
    }
    // Sentence by sentence: the screen fills in as with a streaming model, and each piece costs a
    // callback through LangChain, so there are few of them.
    for (const piece of message.text.match(/[^.?!;]+[.?!;]*\s*/g) ?? [message.text]) {
      const chunk = new ChatGenerationChunk({
        text: piece,
        message: new AIMessageChunk({ content: piece, id: message.id }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, undefined, undefined, undefined, undefined, { chunk });
    }
  }

  /** The next message of the turn: tool calls, or the reply. */
  respond(messages: BaseMessage[], turn: TurnContext): AIMessage {
    let start = messages.length - 1;
    while (start >= 0 && !HumanMessage.isInstance(messages[start])) start--;
    const said = start >= 0 ? messages[start]!.text : "";
    const results: ToolResult[] = messages
      .slice(start + 1)
      .filter((m): m is ToolMessage => ToolMessage.isInstance(m))
      .map((m) => ({
        name: m.name ?? "",
        ok: m.status !== "error",
        content: m.text,
        event: m.status === "error" ? undefined : (m.artifact as ToolEvent | undefined),
      }));
    let understood = this.understood.get(turn);
    if (understood?.said !== said) {
      understood = {
        said,
        intent: understand(said, { catalog: this.catalog, pending: turn.previousPending }),
      };
      this.understood.set(turn, understood);
    }
    const intent = understood.intent;
    const step = this.nextStep(intent, results, turn);
    const id = `offline-${++callCounter}`;
    if (step.calls?.length) {
      const toolCalls: ToolCall[] = step.calls.map((c, i) => ({ ...c, id: `${id}-${i}`, type: "tool_call" }));
      return new AIMessage({
        content: "",
        id,
        tool_calls: toolCalls,
        response_metadata: { model_provider: "kiosk-offline" },
      });
    }
    const answer = step.answer ?? { text: this.phrases.help() };
    // A question asked now is what the next message answers; otherwise the change just made is
    // what "make that 3" or "another one" will mean (and a turn that changed nothing keeps the
    // one before).
    const lastChange =
      lastChangeOf(results) ??
      (turn.previousPending?.kind === "last_change" && !results.some((r) => mutatingTools.has(r.name))
        ? turn.previousPending
        : undefined);
    if (answer.pending) turn.pending = answer.pending;
    else if (lastChange) turn.pending = lastChange;
    return new AIMessage({
      content: OFFLINE_PREFIX + answer.text,
      id,
      response_metadata: { model_provider: "kiosk-offline" },
    });
  }

  private nextStep(intent: Intent, results: readonly ToolResult[], turn: TurnContext): Step {
    const ran = (name: string) => results.some((r) => r.name === name);
    const fromResults = (extra: string[] = []): Step => {
      const parts = [...this.phrases.fromResults(results, intent.kind), ...extra];
      return { answer: { text: parts.join(" ") || this.phrases.help(), pending: shownProducts(results) } };
    };
    // Once something changed the cart in this turn (by this model or the one it replaced), the
    // only step left is to say what happened: a change is never repeated.
    if (
      results.some((r) => mutatingTools.has(r.name)) &&
      intent.kind !== "add" &&
      intent.kind !== "correct" &&
      intent.kind !== "update"
    )
      return fromResults();

    switch (intent.kind) {
      case "add":
        return this.addItems(intent.items, results);
      case "correct":
        return this.correct(intent, results);
      case "nothing":
        return { answer: { text: "OK, I haven't changed anything. What else can I do for you?" } };
      case "search":
        if (!ran("search_products")) {
          const args: Record<string, unknown> = { query: intent.query };
          if (intent.minPrice !== undefined) args.min_price = intent.minPrice;
          if (intent.maxPrice !== undefined) args.max_price = intent.maxPrice;
          return { calls: [{ name: "search_products", args }] };
        }
        return fromResults();
      case "details":
        if (intent.product && !ran("get_product_details")) {
          return { calls: [{ name: "get_product_details", args: { product_id: intent.product.id } }] };
        }
        if (!intent.product && !ran("search_products")) {
          return { calls: [{ name: "search_products", args: { query: intent.phrase } }] };
        }
        return fromResults();
      case "view_cart":
        return ran("view_cart") ? fromResults() : { calls: [{ name: "view_cart", args: {} }] };
      case "remove":
      case "update":
        return this.changeLine(intent, results, turn);
      case "request_clear":
        return { calls: [{ name: "clear_cart", args: { confirmed: false } }] };
      case "confirm_clear":
        return { calls: [{ name: "clear_cart", args: { confirmed: true } }] };
      case "keep_cart":
        return { answer: { text: "OK, I've left your cart as it is." } };
      case "greeting":
        return { answer: { text: this.phrases.greeting() } };
      case "thanks":
        return { answer: { text: "You're welcome! Is there anything else I can get you?" } };
      case "checkout":
        return ran("offer_checkout") ? fromResults() : { calls: [{ name: "offer_checkout", args: {} }] };
      case "help":
        return { answer: { text: this.phrases.help() } };
    }
  }

  /** Adds what is ready, asks about the rest: the calls first, then the reply from their results. */
  private addItems(items: readonly AddItem[], results: readonly ToolResult[], extra: string[] = []): Step {
    const ran = (name: string) => results.some((r) => r.name === name);
    const ready = items.filter((i) => i.kind === "ready");
    const waiting = items.filter((i) => i.kind !== "ready");
    const done = ready.length > 0 ? ran("add_to_cart") : results.length > 0;
    if (!done && !results.some((r) => mutatingTools.has(r.name))) {
      const calls = items.flatMap((item): NonNullable<Step["calls"]> => {
        switch (item.kind) {
          case "ready":
            return [
              {
                name: "add_to_cart",
                args: {
                  product_id: item.product.id,
                  quantity: item.quantity,
                  ...(Object.keys(item.options).length ? { options: item.options } : {}),
                },
              },
            ];
          case "ask_variant":
            return [{ name: "get_product_details", args: { product_id: item.product.id } }];
          case "ask_product":
          case "unknown_product":
            return item.phrase ? [{ name: "search_products", args: { query: item.phrase } }] : [];
        }
      });
      if (calls.length > 0) return { calls };
    }
    const questions = waiting.map((item) => this.phrases.question(item, results));
    const parts = [...this.phrases.fromResults(results, "add"), ...extra, ...questions.map((q) => q.text)];
    const pending = questions.find((q) => q.pending)?.pending;
    return { answer: { text: parts.join(" ") || this.phrases.help(), pending } };
  }

  /** "actually just 2", "no wait, blue": the last change undone to what is said now. */
  private correct(intent: Extract<Intent, { kind: "correct" }>, results: readonly ToolResult[]): Step {
    const viewed = results.findLast((r) => r.name === "view_cart");
    if (!viewed) return { calls: [{ name: "view_cart", args: {} }] };
    if (!viewed.ok || viewed.event?.tool !== "view_cart")
      return { answer: { text: this.phrases.toolError(viewed.content) } };
    if (results.some((r) => mutatingTools.has(r.name))) {
      return { answer: { text: this.phrases.fromResults(results, "add").join(" ") || this.phrases.help() } };
    }
    const line = findLine(viewed.event.cart, intent.last);
    const { replacement, quantity, last } = intent;
    if (!line) {
      return {
        answer: {
          text: `I can't find that in your cart any more. ${this.phrases.cartListing(viewed.event.cart)}`,
        },
      };
    }
    // What the line held before the last change: the correction replaces the change, not the
    // line. A change that set the quantity is replaced whole.
    const before = last.added > 0 ? Math.max(0, line.quantity - last.added) : 0;
    if (!replacement) {
      const target = last.added > 0 && !intent.total ? before + quantity! : quantity!;
      if (target === line.quantity)
        return { answer: { text: `You already have ${line.quantity} × ${this.lineName(line)}.` } };
      return target <= 0
        ? { calls: [{ name: "remove_from_cart", args: { item_id: line.item_id } }] }
        : { calls: [{ name: "update_quantity", args: { item_id: line.item_id, quantity: target } }] };
    }
    if (replacement.kind !== "ready") return this.addItems([replacement], results);
    const undo =
      before === 0
        ? { name: "remove_from_cart", args: { item_id: line.item_id } }
        : { name: "update_quantity", args: { item_id: line.item_id, quantity: before } };
    const add = {
      name: "add_to_cart",
      args: {
        product_id: replacement.product.id,
        quantity: quantity ?? (last.added || line.quantity),
        ...(Object.keys(replacement.options).length ? { options: replacement.options } : {}),
      },
    };
    return { calls: [undo, add] };
  }

  private lineName(line: CartLine): string {
    const options = describeOptions(this.catalog.product(line.product_id), line.configuration);
    return `${line.name}${options ? ` (${options})` : ""}`;
  }

  /** Remove or change a line: look at the cart first, then act on the line the customer meant. */
  private changeLine(
    intent: Extract<Intent, { kind: "remove" | "update" }>,
    results: readonly ToolResult[],
    turn: TurnContext,
  ): Step {
    if (results.some((r) => mutatingTools.has(r.name))) {
      if (intent.kind === "update" && results.some((r) => r.name === "add_to_cart"))
        return this.addItems(intent.items, results);
      return {
        answer: { text: this.phrases.fromResults(results, intent.kind).join(" ") || this.phrases.help() },
      };
    }
    const viewed = results.findLast((r) => r.name === "view_cart");
    if (!viewed) return { calls: [{ name: "view_cart", args: {} }] };
    if (!viewed.ok || viewed.event?.tool !== "view_cart")
      return { answer: { text: this.phrases.toolError(viewed.content) } };
    const cart = viewed.event.cart;
    if (cart.items.length === 0)
      return { answer: { text: "Your cart is empty, so there is nothing to change." } };
    const { reading } = intent;
    const skip = new Set<number>();
    if (reading.quantity) for (let k = reading.quantity.start; k < reading.quantity.end; k++) skip.add(k);
    let lines = matchCartLines(lexiconOf(this.catalog), cart.items, reading.spoken, reading.said, skip);
    const namedSomething = reading.mentions.some((m) => m.named) || lines.length > 0;
    if (!namedSomething) {
      // "remove it", "make that 3": the line just changed, or the only line there is.
      const last =
        turn.previousPending?.kind === "last_change" ? findLine(cart, turn.previousPending) : undefined;
      if (last) lines = [last];
      else if (reading.ordinal !== undefined) {
        const at = reading.ordinal === -1 ? cart.items.length : reading.ordinal;
        lines = cart.items[at - 1] ? [cart.items[at - 1]!] : [];
      } else if (cart.items.length === 1) lines = [...cart.items];
    }
    if (
      lines.length === 0 &&
      intent.kind === "update" &&
      intent.items.length > 0 &&
      reading.mentions.some((m) => m.named)
    )
      return this.addItems(intent.items, results);
    if (lines.length === 0) {
      const said = reading.mentions.find((m) => m.named)?.products[0]?.name.toLowerCase();
      return {
        answer: {
          text: `I couldn't find ${said ? `"${said}"` : "that"} in your cart. ${this.phrases.cartListing(cart)}`,
        },
      };
    }
    // Lines of one product with one configuration (the web channel keys lines by ids of its own,
    // so it can hold several) are one thing to the customer: changed together, never asked about.
    const alike = alikeGroups(lines);
    if (alike.length === 1 && lines.length > 1) return { calls: changeAlike(intent, lines) };
    if (lines.length > 1) {
      const list = alike.map((group, i) => {
        const quantity = group.reduce((sum, l) => sum + l.quantity, 0);
        const options = Object.values(group[0]!.configuration).join(", ");
        return `${i + 1}. ${quantity} × ${group[0]!.name}${options ? ` (${options})` : ""}`;
      });
      const example = String(Object.values(lines[0]!.configuration)[0] ?? "").toLowerCase();
      return {
        answer: {
          text: `Your cart has several of those: ${list.join("; ")}. Which one do you mean? Name its options, for example "${intent.kind === "remove" ? "remove" : "make"} the ${example} ${lines[0]!.name.toLowerCase()}${intent.kind === "update" ? ` ${intent.quantity}` : ""}".`,
        },
      };
    }
    const line = lines[0]!;
    if (intent.kind === "update") {
      if (intent.quantity === line.quantity)
        return { answer: { text: `You already have ${line.quantity} × ${this.lineName(line)}.` } };
      return {
        calls: [{ name: "update_quantity", args: { item_id: line.item_id, quantity: intent.quantity } }],
      };
    }
    if (intent.quantity !== undefined && intent.quantity < line.quantity) {
      return {
        calls: [
          {
            name: "update_quantity",
            args: { item_id: line.item_id, quantity: line.quantity - intent.quantity },
          },
        ],
      };
    }
    return { calls: [{ name: "remove_from_cart", args: { item_id: line.item_id } }] };
  }
}

/** The configuration as the item id hashes it; a foreign one it cannot hash is its own group. */
function configurationKey(configuration: Record<string, unknown>): string {
  try {
    return canonicalJson(configuration as Record<string, JsonValue>);
  } catch {
    return `unhashable ${JSON.stringify(configuration)}`;
  }
}

/** Lines grouped by product and configuration, in the order they came. */
function alikeGroups(lines: readonly CartLine[]): CartLine[][] {
  const groups = new Map<string, CartLine[]>();
  for (const line of lines) {
    const key = `${line.product_id}\u0000${configurationKey(line.configuration)}`;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  return [...groups.values()];
}

/**
 * A change to several lines of one product and configuration, as one line: the first keeps the
 * quantity the customer asked for (or what is left after a partial removal), the others go.
 */
function changeAlike(
  intent: Extract<Intent, { kind: "remove" | "update" }>,
  lines: readonly CartLine[],
): ToolCall[] {
  const [first, ...rest] = lines as [CartLine, ...CartLine[]];
  const total = lines.reduce((sum, l) => sum + l.quantity, 0);
  const keep =
    intent.kind === "update"
      ? intent.quantity
      : intent.quantity !== undefined && intent.quantity < total
        ? total - intent.quantity
        : 0;
  const remove = (l: CartLine): ToolCall => ({ name: "remove_from_cart", args: { item_id: l.item_id } });
  return [
    ...(keep > 0
      ? [{ name: "update_quantity", args: { item_id: first.item_id, quantity: keep } }]
      : [remove(first)]),
    ...rest.map(remove),
  ];
}

/**
 * The products a reply listed or described, remembered as a choice: after "Here is what I found:
 * 1. ... 2. ..." the customer may answer "the second one" or "the 400mg one".
 */
function shownProducts(results: readonly ToolResult[]): PendingState | undefined {
  for (const result of [...results].reverse()) {
    const event = result.ok ? result.event : undefined;
    if (event?.tool === "search_products" && event.products.length > 0)
      return {
        kind: "choose_product",
        product_ids: event.products.slice(0, MAX_LISTED).map((p) => p.id),
        quantity: 1,
      };
    if (event?.tool === "get_product_details")
      return { kind: "choose_product", product_ids: [event.product.id], quantity: 1 };
  }
  return undefined;
}

/** The cart line a remembered change is about: by its id, or by product and options. */
function findLine(cart: Cart, last: Extract<PendingState, { kind: "last_change" }>): CartLine | undefined {
  return (
    cart.items.find((l) => l.item_id === last.item_id) ??
    cart.items.find(
      (l) =>
        l.product_id === last.product_id &&
        Object.entries(last.options).every(([axis, value]) => String(l.configuration[axis]) === value),
    )
  );
}

/** The change this turn made to one line, remembered for the next message. */
function lastChangeOf(
  results: readonly ToolResult[],
): Extract<PendingState, { kind: "last_change" }> | undefined {
  for (const result of [...results].reverse()) {
    const event = result.event;
    if (!result.ok || !event) continue;
    if (event.tool === "add_to_cart" || event.tool === "update_quantity") {
      const item = event.mutation.item;
      if (!item || event.mutation.change === "item_removed") continue;
      return {
        kind: "last_change",
        item_id: item.item_id,
        product_id: item.product_id,
        options: Object.fromEntries(Object.entries(item.configuration).map(([k, v]) => [k, String(v)])),
        added: event.tool === "add_to_cart" ? event.quantity : 0,
      };
    }
  }
  return undefined;
}
