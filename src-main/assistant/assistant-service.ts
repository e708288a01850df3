import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { ChatOpenAICompletions } from "@langchain/openai";
import type { Redis } from "ioredis";
import { createAgent } from "langchain";
import { z } from "zod";
import type { AssistantMode, AssistantReply, ChatMessage } from "../../src-shared/assistant.js";
import { AppError, parseOrThrow } from "../../src-shared/errors.js";
import { SessionIdSchema } from "../../src-shared/session.js";
import { consoleLogger, type Logger } from "../infra/logger.js";
import type { CartService } from "../cart/cart-service.js";
import type { Catalog } from "../catalog/catalog.js";
import type { AppConfig } from "../config/config.js";
import { createCartTools, toolSchemas } from "./cart-tools.js";
import { ChatMemory, pendingOf, type StoredMessage } from "./chat-memory.js";
import { Phrases } from "./offline/compose.js";
import { OfflineChatModel } from "./offline/offline-chat-model.js";
import { actionFromEvents } from "./reply-action.js";
import { buildSystemPrompt } from "./system-prompt.js";
import { TurnContext, TurnRuntimeContextSchema, type TurnRuntimeContext } from "./turn-context.js";
import { createTurnMiddleware } from "./turn-middleware.js";

/**
 * The shopping assistant: one LangChain agent loop per chat turn, with the cart tools bound to the
 * turn's session, on the configured OpenAI-compatible model or on the offline model (the same
 * loop, tools and reply either way). A turn that the configured model cannot finish is finished
 * offline. The conversation lives in Redis beside the cart (chat-memory.ts).
 *
 * The agent (its compiled graph), the models, the tools and the middleware are built once per
 * service; each turn passes its TurnContext as the run's runtime context, which is where the tools
 * read the session from. Compiling the graph per turn cost more than the rest of our code.
 */

export interface AssistantServiceOptions {
  cart: CartService;
  catalog: Catalog;
  redis: Redis;
  config: AppConfig["assistant"];
  /** TTL of the conversation; the cart's by default, so both expire together. */
  ttlSeconds?: number;
  logger?: Logger;
}

export interface ChatOptions {
  /** Receives the reply's text as it is produced; the returned reply is the final word. */
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

/** The same limits as the `chat-send` request of the contract, for callers that are not the UI (CLI). */
const MessageSchema = z
  .string()
  .trim()
  .min(1, "type a message first")
  .max(2000, "a message has at most 2000 characters");

/** Model calls plus tool rounds in one turn; a model that keeps calling tools is stopped here. */
const RECURSION_LIMIT = 16;

export class AssistantService {
  private readonly cart: CartService;
  private readonly catalog: Catalog;
  private readonly config: AppConfig["assistant"];
  private readonly memory: ChatMemory;
  private readonly logger: Logger;
  private readonly online: BaseChatModel | undefined;
  private readonly phrases: Phrases;
  private readonly agent;
  /**
   * Turns of one session run one after another: a double tap must not interleave two turns'
   * memory. `ended` is aborted when the session ends (clearHistory), which stops its turns.
   */
  private readonly queues = new Map<string, { tail: Promise<unknown>; ended: AbortController }>();
  private reachable = true;

  constructor(options: AssistantServiceOptions) {
    this.cart = options.cart;
    this.catalog = options.catalog;
    this.config = options.config;
    this.logger = options.logger ?? consoleLogger;
    this.memory = new ChatMemory(options.redis, {
      historyTurns: options.config.historyTurns,
      ttlSeconds: options.ttlSeconds ?? options.cart.ttlSeconds,
    });
    this.online = createOnlineModel(options.config);
    this.phrases = new Phrases(options.catalog);
    const offline = new OfflineChatModel({ catalog: options.catalog });
    this.agent = createAgent({
      model: this.online ?? offline,
      tools: createCartTools({ cart: options.cart, catalog: options.catalog }),
      systemPrompt: buildSystemPrompt(options.catalog),
      contextSchema: TurnRuntimeContextSchema,
      middleware: [
        createTurnMiddleware({
          online: this.online,
          offline,
          timeoutMs: options.config.timeoutMs,
          schemas: toolSchemas,
          onModelSuccess: () => (this.reachable = true),
          onModelFailure: (error, turn) => {
            this.reachable = false;
            this.logger.warn(
              `assistant: the model failed (${turn.fallbackReason}); answering offline`,
              error,
            );
          },
        }),
      ],
    });
  }

  status(): { mode: AssistantMode; reachable: boolean } {
    return { mode: this.online ? "openai" : "offline", reachable: this.online ? this.reachable : true };
  }

  async history(sessionId: string): Promise<ChatMessage[]> {
    return this.memory.history(parseOrThrow(SessionIdSchema, sessionId, "session id"));
  }

  /**
   * Ends the session's conversation (the kiosk starts over for the next customer). A turn still
   * running for it (the customer walked away mid-reply) is stopped, and the conversation is
   * deleted after that turn has unwound, so the turn cannot write the old chat back afterwards.
   */
  async clearHistory(sessionId: string): Promise<void> {
    const session = parseOrThrow(SessionIdSchema, sessionId, "session id");
    const queue = this.queues.get(session);
    if (queue) {
      queue.ended.abort();
      queue.ended = new AbortController();
    }
    await this.oneAtATime(session, () => this.memory.clear(session));
  }

  async chat(sessionId: string, message: string, options: ChatOptions = {}): Promise<AssistantReply> {
    const session = parseOrThrow(SessionIdSchema, sessionId, "session id");
    const text = parseOrThrow(MessageSchema, message, "message");
    return this.oneAtATime(session, (ended) => this.turn(session, text, options, ended));
  }

  private async turn(
    session: string,
    text: string,
    options: ChatOptions,
    ended: AbortSignal,
  ): Promise<AssistantReply> {
    const endedError = () =>
      new AppError("forbidden", "That conversation has ended: the kiosk started over for the next customer.");
    if (ended.aborted) throw endedError();
    const signal = options.signal ? AbortSignal.any([options.signal, ended]) : ended;
    const stored = await this.memory.load(session).catch((error: unknown) => {
      // Without Redis the cart tools will say so; the customer still gets an answer.
      this.logger.warn("assistant: could not read the conversation", error);
      return [] as StoredMessage[];
    });
    const turn = new TurnContext(session, pendingOf(stored), this.online ? "openai" : "offline", {
      onToken: options.onToken,
      signal,
    });
    const context: TurnRuntimeContext = { turn };
    const human = new HumanMessage(text);
    const input = { messages: [...this.historyMessages(stored), human] };

    let messages: BaseMessage[] = [];
    let failure: unknown;
    try {
      const state = await this.agent.invoke(input, {
        context,
        recursionLimit: RECURSION_LIMIT,
        signal,
      });
      messages = state.messages;
    } catch (error) {
      if (ended.aborted) throw endedError();
      if (signal.aborted) throw error;
      failure = error;
      this.logger.error("assistant: the turn failed", error);
    }

    const reply: AssistantReply = {
      role: "assistant",
      content: this.replyText(messages, human, turn, failure),
      metadata: {
        tools_used: [...new Set(turn.events.map((e) => e.tool))],
        mode: turn.mode,
        action: actionFromEvents(turn.events, this.catalog.store.currency),
      },
    };
    if (!reply.metadata.action) delete reply.metadata.action;
    if (ended.aborted) throw endedError();
    await this.memory.append(session, text, reply, turn.pending).catch((error: unknown) => {
      this.logger.warn("assistant: could not save the conversation", error);
    });
    return reply;
  }

  /** The last turns, as plain text messages: enough context, and no stale tool output. */
  private historyMessages(stored: readonly StoredMessage[]): BaseMessage[] {
    const turns = this.config.historyTurns;
    if (turns === 0) return [];
    return stored
      .slice(-turns * 2)
      .map((m) => (m.role === "user" ? new HumanMessage(m.content) : new AIMessage(m.content)));
  }

  private replyText(
    messages: readonly BaseMessage[],
    human: HumanMessage,
    turn: TurnContext,
    failure: unknown,
  ): string {
    const start = messages.indexOf(human);
    const last = messages.slice(start + 1).findLast((m) => AIMessage.isInstance(m));
    const text = failure === undefined && last && !last.tool_calls?.length ? last.text.trim() : "";
    if (text) return text;
    // The loop ended without a final answer (a model error, too many steps, an empty reply):
    // say what the tools did, so the customer is never left without an answer.
    const done = this.phrases.fromResults(
      turn.events.map((event) => ({ name: event.tool, ok: true, content: "", event })),
      "view_cart",
    );
    return done.length
      ? done.join(" ")
      : "Sorry, I couldn't finish that. Please try again, or ask a member of staff for help.";
  }

  private oneAtATime<T>(session: string, run: (ended: AbortSignal) => Promise<T>): Promise<T> {
    let queue = this.queues.get(session);
    if (!queue) this.queues.set(session, (queue = { tail: Promise.resolve(), ended: new AbortController() }));
    const { signal } = queue.ended;
    const next = queue.tail.catch(() => {}).then(() => run(signal));
    queue.tail = next;
    void next
      .catch(() => {})
      .finally(() => {
        if (this.queues.get(session)?.tail === next) this.queues.delete(session);
      });
    return next;
  }
}

/** The configured OpenAI-compatible model, or undefined in offline mode. */
export function createOnlineModel(config: AppConfig["assistant"]): BaseChatModel | undefined {
  if (config.mode !== "openai" || !config.apiKey) return undefined;
  // Chat Completions, not the Responses API: it is what OpenAI-compatible servers (Azure, Ollama,
  // vLLM, llama.cpp) implement. One retry for a passing blip; the turn's own deadline bounds it all.
  return new ChatOpenAICompletions({
    model: config.model,
    apiKey: config.apiKey,
    configuration: config.baseUrl ? { baseURL: config.baseUrl } : undefined,
    maxRetries: 1,
    timeout: config.timeoutMs,
    streamUsage: false,
  });
}
