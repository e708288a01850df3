import { z } from "zod";
import type { AssistantMode } from "../../src-shared/assistant.js";
import type { Cart } from "../../src-shared/cart.js";
import type { ProductSummary, ProductView } from "../../src-shared/catalog.js";
import { AppError } from "../../src-shared/errors.js";
import type { CartMutation } from "../cart/cart-service.js";

/**
 * What one chat turn knows and records, outside the model's reach: the session (fixed in code when
 * the turn starts: no tool can name another), what the previous turn left pending (a question the
 * customer is answering now), and what the tools actually did (from which the reply's action is
 * computed, never from the model's text).
 */

/** A question left open at the end of a turn, answered by the customer's next message. */
export const PendingStateSchema = z.discriminatedUnion("kind", [
  /** clear_cart was asked for: only the next turn may confirm it. */
  z.object({ kind: z.literal("confirm_clear") }),
  /** The offline assistant asked which variant of a product to add. */
  z.object({
    kind: z.literal("choose_variant"),
    product_id: z.string(),
    quantity: z.number().int().positive(),
    /** Option values already said, kept for the answer. */
    options: z.record(z.string(), z.array(z.string())),
    /** The choices listed, in order, so "the second one" can be understood. */
    choices: z.array(z.record(z.string(), z.string())),
  }),
  /** The offline assistant asked which of several products was meant. */
  z.object({
    kind: z.literal("choose_product"),
    product_ids: z.array(z.string()),
    quantity: z.number().int().positive(),
  }),
  /**
   * The offline assistant's memory of the change it just made, so that "make that 3", "another
   * one" and "the same in blue" know what "that" is.
   */
  z.object({
    kind: z.literal("last_change"),
    item_id: z.string(),
    product_id: z.string(),
    options: z.record(z.string(), z.string()),
    /** How many the change added (0 for a quantity set). */
    added: z.number().int().nonnegative(),
  }),
]);
export type PendingState = z.infer<typeof PendingStateSchema>;

/** What a tool did, recorded by the tool itself (also the tool message's artifact). */
export type ToolEvent =
  | {
      tool: "search_products";
      query: string;
      minPrice?: number;
      maxPrice?: number;
      products: ProductSummary[];
    }
  | { tool: "get_product_details"; product: ProductView; summary: ProductSummary }
  | { tool: "view_cart"; cart: Cart }
  | { tool: "offer_checkout"; cart: Cart }
  | { tool: "add_to_cart"; quantity: number; mutation: CartMutation }
  | { tool: "update_quantity"; mutation: CartMutation }
  | { tool: "remove_from_cart"; mutation: CartMutation }
  | { tool: "clear_cart"; confirmationRequested: true; cart: Cart }
  | { tool: "clear_cart"; confirmationRequested: false; mutation: CartMutation };

export const mutatingTools = new Set(["add_to_cart", "update_quantity", "remove_from_cart", "clear_cart"]);

/** What the caller of a turn gives it besides the message. */
export interface TurnCaller {
  /** Its abort ends the turn; it is not a model failure. */
  signal?: AbortSignal;
  /** Receives the reply's text as the model produces it. */
  onToken?: (text: string) => void;
}

export class TurnContext {
  readonly events: ToolEvent[] = [];
  /** Set by a tool or the offline model when the reply asks the customer something. */
  pending: PendingState | undefined;
  mode: AssistantMode;
  /** Why the configured model was abandoned mid-turn, if it was. */
  fallbackReason: string | undefined;

  constructor(
    readonly sessionId: string,
    readonly previousPending: PendingState | undefined,
    mode: AssistantMode,
    caller: TurnCaller = {},
  ) {
    this.mode = mode;
    this.signal = caller.signal;
    this.onToken = caller.onToken;
  }

  readonly signal: AbortSignal | undefined;
  readonly onToken: ((text: string) => void) | undefined;

  record(event: ToolEvent): ToolEvent {
    this.events.push(event);
    return event;
  }
}

/**
 * The agent is built once per AssistantService; the turn reaches the tools, the middleware and the
 * offline model as LangGraph runtime context (`agent.invoke(input, { context })`), which the
 * service sets in code and the model cannot touch: its tool calls only carry arguments.
 */
export const TurnRuntimeContextSchema = z.object({ turn: z.instanceof(TurnContext) });
export type TurnRuntimeContext = z.infer<typeof TurnRuntimeContextSchema>;

/** The turn a tool, middleware or model call belongs to; anything run outside a turn is refused. */
export function turnOf(runtime: { context?: unknown } | undefined): TurnContext {
  const turn = (runtime?.context as Partial<TurnRuntimeContext> | undefined)?.turn;
  if (!(turn instanceof TurnContext)) {
    // A programming error, never the model's doing: no tool may run without its customer's session.
    throw new AppError("internal", "the assistant ran a step outside a chat turn");
  }
  return turn;
}
