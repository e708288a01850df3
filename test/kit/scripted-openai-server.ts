import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real OpenAI-compatible HTTP server for tests and benchmarks: `POST /v1/chat/completions`,
 * answered from a script of turns the test gives, as a JSON completion or as an SSE stream with
 * `tool_calls` deltas (whichever the client asks for). Every request body is recorded, so tests can
 * assert what the agent sent (the tool schemas, the conversation). It can also fail on purpose:
 * HTTP 500, a hang before any byte, a hang in the middle of a stream, or a dropped connection.
 */

export interface ScriptedToolCall {
  name: string;
  /** An object is sent as JSON; a string is sent verbatim (to script malformed JSON). */
  arguments: Record<string, unknown> | string;
  id?: string;
}

export type ScriptedFailure = "500" | "hang" | "hang-mid-stream" | "drop";

export type ScriptedReply =
  { content?: string; toolCalls?: ScriptedToolCall[]; delayMs?: number } | { fail: ScriptedFailure };

export interface RecordedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: ChatCompletionRequestBody;
  /** Time spent inside this server for the request (first byte in to last byte out), in ms. */
  serverMs: number;
}

/** The fields of a chat completion request the tests look at (the rest is kept as sent). */
export interface ChatCompletionRequestBody {
  model: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages: Array<{
    role: string;
    content: unknown;
    tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    tool_call_id?: string;
  }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters: unknown } }>;
  [key: string]: unknown;
}

export type Responder = (body: ChatCompletionRequestBody) => ScriptedReply;

export interface ScriptedOpenAIServer {
  /** The base URL to give the client, ending in /v1. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Appends replies; each request consumes the next one. */
  script(...replies: ScriptedReply[]): void;
  /** Answers every request not covered by the script with `responder` (used by benchmarks). */
  setResponder(responder: Responder | undefined): void;
  /** Replies not yet consumed. */
  pending(): number;
  reset(): void;
  close(): Promise<void>;
}

let completionCounter = 0;
let toolCallCounter = 0;

export async function startScriptedOpenAIServer(): Promise<ScriptedOpenAIServer> {
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  let responder: Responder | undefined;

  const server = http.createServer((req, res) => {
    const startedAt = process.hrtime.bigint();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0]!;
      if (req.method !== "POST" || path !== "/v1/chat/completions") {
        sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "not_found" } });
        return;
      }
      let body: ChatCompletionRequestBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatCompletionRequestBody;
      } catch {
        sendJson(res, 400, { error: { message: "request body is not JSON", type: "invalid_request_error" } });
        return;
      }
      const record: RecordedRequest = { path, headers: req.headers, body, serverMs: 0 };
      requests.push(record);
      res.on("close", () => {
        record.serverMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
        hanging.delete(res);
      });
      const reply = queue.shift() ?? responder?.(body);
      if (!reply) {
        sendJson(res, 500, {
          error: {
            message: "scripted server: no scripted reply left for this request",
            type: "server_error",
          },
        });
        return;
      }
      answer(body, reply, res, hanging);
    });
  });
  // Keep-alive as real servers do, so clients reuse their connection: with a hint under the
  // client's threshold (undici drops sockets whose `Keep-Alive: timeout` is at most 1-2 s) every
  // request would open a new TCP connection. close() ends idle sockets itself.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    setResponder: (r) => void (responder = r),
    pending: () => queue.length,
    reset() {
      queue.length = 0;
      requests.length = 0;
      responder = undefined;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(
  body: ChatCompletionRequestBody,
  reply: ScriptedReply,
  res: http.ServerResponse,
  hanging: Set<http.ServerResponse>,
): void {
  if ("fail" in reply) {
    switch (reply.fail) {
      case "500":
        sendJson(res, 500, { error: { message: "scripted failure", type: "server_error" } });
        return;
      case "hang":
        hanging.add(res);
        return;
      case "drop":
        res.socket?.destroy();
        return;
      case "hang-mid-stream":
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        res.write(
          sse(
            chunkOf(
              `chatcmpl-${++completionCounter}`,
              body.model,
              { role: "assistant", content: "Let me" },
              null,
            ),
          ),
        );
        hanging.add(res);
        return;
    }
  }
  const send = () =>
    body.stream ? streamReply(body, reply, res) : sendJson(res, 200, completion(body, reply));
  if (reply.delayMs) setTimeout(send, reply.delayMs);
  else send();
}

function toolCallsOf(reply: { toolCalls?: ScriptedToolCall[] }) {
  return (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${++toolCallCounter}_${i}`,
    type: "function" as const,
    function: {
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

function completion(
  body: ChatCompletionRequestBody,
  reply: { content?: string; toolCalls?: ScriptedToolCall[] },
) {
  const toolCalls = toolCallsOf(reply);
  return {
    id: `chatcmpl-${++completionCounter}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.content ?? null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toolCalls.length ? "tool_calls" : "stop",
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** Streams the content word by word, then each tool call as a header delta plus argument pieces. */
function streamReply(
  body: ChatCompletionRequestBody,
  reply: { content?: string; toolCalls?: ScriptedToolCall[] },
  res: http.ServerResponse,
): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  // One id for every chunk of a completion, as OpenAI does (LangChain merges chunks by it).
  const id = `chatcmpl-${++completionCounter}`;
  const chunk = (model: string, delta: Record<string, unknown>, finishReason: string | null) =>
    chunkOf(id, model, delta, finishReason);
  const events: string[] = [sse(chunk(body.model, { role: "assistant", content: "" }, null))];
  for (const piece of (reply.content ?? "").match(/\S+\s*|\s+/g) ?? []) {
    events.push(sse(chunk(body.model, { content: piece }, null)));
  }
  toolCallsOf(reply).forEach((call, index) => {
    events.push(
      sse(
        chunk(
          body.model,
          {
            tool_calls: [
              { index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } },
            ],
          },
          null,
        ),
      ),
    );
    const args = call.function.arguments;
    const step = Math.max(1, Math.ceil(args.length / 3));
    for (let i = 0; i < args.length; i += step) {
      events.push(
        sse(
          chunk(
            body.model,
            { tool_calls: [{ index, function: { arguments: args.slice(i, i + step) } }] },
            null,
          ),
        ),
      );
    }
  });
  events.push(sse(chunk(body.model, {}, reply.toolCalls?.length ? "tool_calls" : "stop")));
  if (body.stream_options?.include_usage) {
    events.push(
      sse({
        ...chunkEnvelope(id, body.model),
        choices: [],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      }),
    );
  }
  events.push("data: [DONE]\n\n");
  res.end(events.join(""));
}

function chunkEnvelope(id: string, model: string) {
  return {
    id,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
  };
}

function chunkOf(id: string, model: string, delta: Record<string, unknown>, finishReason: string | null) {
  return { ...chunkEnvelope(id, model), choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

function sse(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function sendJson(res: http.ServerResponse, status: number, data: unknown): void {
  const text = JSON.stringify(data);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Every property name declared anywhere in a JSON schema (nested objects, arrays, unions). */
export function schemaPropertyNames(schema: unknown): string[] {
  const names: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === "object") {
      names.push(...Object.keys(record.properties));
    }
    Object.values(record).forEach(walk);
  };
  walk(schema);
  return names;
}
