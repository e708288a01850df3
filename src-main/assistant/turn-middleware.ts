import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, ToolMessage, createMiddleware, type BaseMessage } from "langchain";
import type { z } from "zod";
import { AppError, describeZodError } from "../../src-shared/errors.js";
import { turnOf, type TurnContext } from "./turn-context.js";

/**
 * The agent loop's guard rails, as LangChain middleware built once per service; each call finds
 * its turn in the runtime context (turn-context.ts):
 * - every call to the configured model has a deadline and is aborted when it passes (a stalled
 *   stream included: the OpenAI SDK's own timeout stops at the response headers);
 * - when the configured model fails (network error, 5xx, timeout) the call, and the rest of the
 *   turn, is answered by the offline model, so the customer still gets an answer;
 * - tool calls whose arguments were not JSON become tool errors the model can read, instead of
 *   being dropped (the agent would then end the turn silently);
 * - tool arguments are checked against the tool's strict schema before the tool runs, and any
 *   failure comes back as a short tool error the model can recover from. Nothing is written then.
 */

/** Marks a tool call whose arguments could not be parsed; never a valid argument name. */
export const MALFORMED_ARGUMENTS = "__malformed_arguments__";

export class ModelTimeoutError extends Error {
  override readonly name = "ModelTimeoutError";
}

export interface TurnMiddlewareOptions {
  /** The configured model; undefined in offline mode. */
  online: BaseChatModel | undefined;
  offline: BaseChatModel;
  timeoutMs: number;
  schemas: Record<string, z.ZodType>;
  /** Told when the configured model fails, before the turn goes on offline. */
  onModelFailure: (error: unknown, turn: TurnContext) => void;
  /** Told when the configured model answered (it is reachable). */
  onModelSuccess: () => void;
}

export function createTurnMiddleware(options: TurnMiddlewareOptions) {
  const { online, offline, timeoutMs, schemas } = options;
  return createMiddleware({
    name: "KioskTurnGuard",
    wrapModelCall: async (request, handler) => {
      const turn = turnOf(request.runtime);
      const finish = (response: AIMessage) => withFreshId(repairToolCalls(response), request.messages);
      // Tokens come through a callback on the model call alone, rather than agent.stream() or a
      // callback on the whole run (which every step of the loop would then carry): the same
      // streaming model call, measurably less work per turn (bench/suites/assistant.ts).
      const callbacks = turn.onToken ? [new TokenForwarder(turn.onToken)] : undefined;
      const offlineModel = callbacks ? offline.withConfig({ callbacks }) : offline;
      if (turn.mode === "offline" || !online)
        return finish(await handler({ ...request, model: offlineModel }));
      const deadline = new AbortController();
      const timer = setTimeout(
        () => deadline.abort(new ModelTimeoutError(`the model did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      // The request also stops when the turn is aborted (the connection closed, the session ended).
      const signal = turn.signal ? AbortSignal.any([deadline.signal, turn.signal]) : deadline.signal;
      try {
        const call = Promise.resolve(
          handler({ ...request, model: online.withConfig({ signal, callbacks }) }),
        );
        // Whatever the client library does with the signal, the turn stops waiting at the deadline.
        call.catch(() => {});
        const response = await Promise.race([call, rejectOnAbort(signal)]);
        options.onModelSuccess();
        return finish(response);
      } catch (error) {
        if (turn.signal?.aborted) throw error;
        turn.mode = "offline";
        turn.fallbackReason = deadline.signal.aborted ? "timeout" : describeFailure(error);
        options.onModelFailure(error, turn);
        return finish(await handler({ ...request, model: offlineModel }));
      } finally {
        clearTimeout(timer);
      }
    },
    wrapToolCall: async (request, handler) => {
      const { toolCall } = request;
      const turn = turnOf(request.runtime);
      const refuse = (message: string) =>
        new ToolMessage({
          content: `Error: ${message}`,
          tool_call_id: toolCall.id ?? "",
          name: toolCall.name,
          status: "error",
        });
      const schema = schemas[toolCall.name];
      if (!schema)
        return refuse(
          `there is no tool "${toolCall.name}"; the tools are ${Object.keys(schemas).join(", ")}.`,
        );
      if (MALFORMED_ARGUMENTS in (toolCall.args ?? {})) {
        return refuse(
          `the arguments for ${toolCall.name} were not valid JSON. Nothing was changed. Call it again with a JSON object.`,
        );
      }
      const parsed = schema.safeParse(toolCall.args ?? {});
      if (!parsed.success) {
        return refuse(
          `${toolCall.name} refused these arguments (${describeZodError(parsed.error)}). Nothing was changed.`,
        );
      }
      try {
        const result = await handler(request);
        return result;
      } catch (error) {
        if (turn.signal?.aborted) throw error;
        const appError = unwrapAppError(error);
        if (!appError) {
          return refuse(
            "the tool failed unexpectedly. Nothing was changed; apologise and suggest asking a member of staff.",
          );
        }
        const unchanged = appError.code === "cart_unavailable" ? "" : " Nothing was changed.";
        return refuse(`${appError.message}${unchanged}`);
      }
    },
  });
}

/**
 * Forwards the model's reply tokens as they arrive. Declaring a preference for streaming makes
 * the chat model stream its answer (ChatOpenAI asks the server for SSE) within the same agent run.
 */
class TokenForwarder extends BaseCallbackHandler {
  name = "kiosk-token-forwarder";
  lc_prefer_streaming = true;
  private readonly onToken: (text: string) => void;

  /** Takes a TokenForwarder too: LangChain's copy() calls the constructor with the original. */
  constructor(onToken: ((text: string) => void) | TokenForwarder) {
    // Only model tokens matter: skipping chain events saves work on every step of the loop, and
    // awaiting the handler delivers every token before the turn's promise resolves.
    super({
      ignoreChain: true,
      ignoreAgent: true,
      ignoreRetriever: true,
      ignoreCustomEvent: true,
      _awaitHandler: true,
    });
    this.onToken = typeof onToken === "function" ? onToken : onToken.onToken;
  }

  override handleLLMNewToken(token: string): void {
    if (token) this.onToken(token);
  }
}

/**
 * The agent's message list merges messages by id, so a server that reuses completion ids (some
 * OpenAI-compatible servers send a constant one) would overwrite an earlier step of the turn.
 */
function withFreshId(response: AIMessage, earlier: readonly BaseMessage[]): AIMessage {
  if (response.id && earlier.some((m) => m.id === response.id)) {
    const id = `${response.id}-${earlier.length}`;
    response.id = id;
    response.lc_kwargs.id = id;
  }
  return response;
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () =>
      reject(signal.reason instanceof Error ? signal.reason : new ModelTimeoutError("aborted"));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}

/** LangChain wraps tool errors (ToolInvocationError, MiddlewareError): find the AppError inside. */
function unwrapAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AppError) return current;
    const next =
      (current as { toolError?: unknown; cause?: unknown }).toolError ??
      (current as { cause?: unknown }).cause;
    current = next;
  }
  return undefined;
}

function describeFailure(error: unknown): string {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === "number") return `HTTP ${status}`;
  return error instanceof Error ? error.name : "error";
}

/**
 * Turns tool calls whose arguments are not valid JSON into calls the tool node answers with an
 * error, so the model sees what went wrong and can try again. Two cases: the provider's parser
 * rejected them (`invalid_tool_calls`), or, when streaming, LangChain's partial-JSON parser
 * "repaired" a truncated string into something else ('{"quantity": 1' of an intended 12): a call
 * is only run when its arguments, as sent, parse as JSON.
 */
function repairToolCalls<T>(response: T): T {
  if (!AIMessage.isInstance(response)) return response;
  const raw = rawArguments(response);
  const invalid = response.invalid_tool_calls ?? [];
  const calls = response.tool_calls ?? [];
  const broken = (id: string | undefined) => {
    const text = id === undefined ? undefined : raw.get(id);
    return text !== undefined && text.trim() !== "" && !parsesAsJson(text);
  };
  if (invalid.length === 0 && !calls.some((c) => broken(c.id))) return response;
  const malformed = (id: string, name: string, args: string) => ({
    id,
    name,
    args: { [MALFORMED_ARGUMENTS]: args },
    type: "tool_call" as const,
  });
  const toolCalls = [
    ...calls.map((c) => (broken(c.id) ? malformed(c.id!, c.name, raw.get(c.id!)!) : c)),
    ...invalid.map((c, i) => malformed(c.id ?? `malformed_${i}`, c.name ?? "unknown_tool", c.args ?? "")),
  ];
  const { tool_calls: _raw, ...additional } = response.additional_kwargs;
  return new AIMessage({
    id: response.id,
    content: response.content,
    name: response.name,
    response_metadata: response.response_metadata,
    additional_kwargs: additional,
    tool_calls: toolCalls,
    invalid_tool_calls: [],
  }) as T;
}

/** The argument strings exactly as the provider sent them, by tool call id. */
function rawArguments(message: AIMessage): Map<string, string> {
  const raw = new Map<string, string>();
  const chunks = (message as AIMessage & { tool_call_chunks?: Array<{ id?: string; args?: string }> })
    .tool_call_chunks;
  for (const chunk of chunks ?? [])
    if (chunk.id && typeof chunk.args === "string") raw.set(chunk.id, chunk.args);
  const sent = message.additional_kwargs?.tool_calls as
    Array<{ id?: string; function?: { arguments?: string } }> | undefined;
  for (const call of sent ?? []) {
    if (call.id && typeof call.function?.arguments === "string" && !raw.has(call.id))
      raw.set(call.id, call.function.arguments);
  }
  return raw;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
