/**
 * `npm run bench assistant`: what the assistant itself costs per chat turn, without a model's
 * thinking time.
 *
 * - openai-tool-turn: the real AssistantService in openai mode against the scripted
 *   OpenAI-compatible server (test/kit), which answers at once: a turn is two streamed chat
 *   completions (an add_to_cart tool call, then an 8-word reply) around one cart tool call, plus
 *   the conversation memory read and write, with tokens forwarded to an onToken callback as the
 *   kiosk's IPC does. The client keeps its HTTP connection alive between requests, as it does with
 *   a real server.
 *
 *   "Our overhead" (overhead_*) = the turn's wall time, from `chat()` being called to its promise
 *   resolving, minus the time the server spent on the turn's requests. The server measures that
 *   itself, per request, from the moment Node hands it the parsed request headers to the moment
 *   the response's socket write is done: receiving the body, JSON parsing, building and writing the
 *   SSE stream. Everything else counts as ours: the LangChain agent loop and middleware, the OpenAI
 *   client (request building, JSON encoding, HTTP over loopback, SSE parsing, chunk merging), the
 *   tool and its Redis round trip, the memory's two round trips, and the server's HTTP parsing of
 *   the request line and headers (it shares our event loop, so that small part is charged to us).
 *   The server runs in this process, so while it works our side is idle waiting for its answer;
 *   no work of ours is hidden in the subtracted time except what Node interleaves there (timers,
 *   GC), which is small next to the turn. `cpu_p50_ms` is this process's CPU time per turn, the
 *   in-process server's share included: an upper bound, less sensitive than wall time to other
 *   processes on a busy machine.
 * - offline-turn-retail: a whole offline turn on the imported retail catalog (~600 variants),
 *   cycling through adds with options, questions and answers, searches, quantity changes and
 *   removals: the offline model's parsing and the same loop, tools and Redis.
 * - offline-parser-retail: the offline assistant's parser alone (understand(): normalising,
 *   tagging, choosing the intent, filling the slots) on the same sentences, no tools or Redis.
 * - offline-tool-turn-sample: the openai-tool-turn's turn ("I want a balloon bouquet": one
 *   add_to_cart, one reply) with the offline model in place of the HTTP one. Against
 *   openai-tool-turn it isolates the OpenAI client and HTTP; against langchain-loop-floor, our own
 *   code (tools, middleware, memory, Redis).
 * - langchain-loop-floor: for reference, the bare `createAgent` loop (built once, as ours is, and
 *   given the turn as runtime context) with an in-memory model making one tool call and a no-op
 *   tool: the library's own cost per turn, which no code of ours can remove.
 *
 * Each row runs after a warm-up; turns run one at a time on this process's event loop. The
 * machine is shared: compare runs by their medians, and read `load_average_1m` beside them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HumanMessage } from "@langchain/core/messages";
import { createAgent, tool } from "langchain";
import { z } from "zod";
import { silentLogger } from "../../src-main/infra/logger.js";
import { AssistantService } from "../../src-main/assistant/assistant-service.js";
import { OfflineChatModel } from "../../src-main/assistant/offline/offline-chat-model.js";
import { understand } from "../../src-main/assistant/offline/understand.js";
import { TurnContext, TurnRuntimeContextSchema } from "../../src-main/assistant/turn-context.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import type { AppConfig } from "../../src-main/config/config.js";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { createRedisClient, waitForReady } from "../../src-main/infra/redis-client.js";
import { startRedisServer } from "../../src-main/infra/redis-server-process.js";
import { loadRetailCatalog } from "../../test/kit/catalogs.js";
import { startScriptedOpenAIServer } from "../../test/kit/scripted-openai-server.js";
import { round, type SuiteResult } from "../stats.js";

const warmupTurns = 60;
const measuredTurns = 400;

const config: AppConfig["assistant"] = {
  mode: "offline",
  apiKey: undefined,
  baseUrl: undefined,
  model: "gpt-bench",
  timeoutMs: 10_000,
  historyTurns: 20,
};

/** Sessions are fresh every few turns, so carts and conversations stay the size a customer makes. */
let sessionCounter = 0;
const nextSession = () => `session-00000000-0000-4000-8000-${String(++sessionCounter).padStart(12, "0")}`;

function summary(samplesMs: number[]) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return {
    p50_ms: round(at(50), 2),
    p99_ms: round(at(99), 2),
    mean_ms: round(sorted.reduce((a, b) => a + b, 0) / sorted.length, 2),
  };
}

export async function run(): Promise<SuiteResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-bench-assistant-"));
  const redisServer = await startRedisServer({ dir });
  const redis = createRedisClient(redisServer.url);
  const server = await startScriptedOpenAIServer();
  try {
    await waitForReady(redis, 5_000);
    const sample = await Catalog.load(defaultCatalogPath);
    const retail = await loadRetailCatalog();

    // --- openai mode against a server that answers at once ---------------------------------
    server.setResponder((body) =>
      body.messages.at(-1)?.role === "tool"
        ? { content: "Added one Balloon Bouquet to your cart, anything else?" }
        : { toolCalls: [{ name: "add_to_cart", arguments: { product_id: "42", quantity: 1 } }] },
    );
    const online = new AssistantService({
      cart: new CartService({ redis, catalog: sample }),
      catalog: sample,
      redis,
      config: { ...config, mode: "openai", apiKey: "sk-bench", baseUrl: server.baseUrl },
      logger: silentLogger,
    });
    const totals: number[] = [];
    const cpu: number[] = [];
    const overheads: number[] = [];
    const serverTimes: number[] = [];
    let tokens = 0;
    let session = nextSession();
    for (let i = 0; i < warmupTurns + measuredTurns; i++) {
      if (i % 5 === 0) session = nextSession();
      const before = server.requests.length;
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const reply = await online.chat(session, "I want a balloon bouquet", { onToken: () => void tokens++ });
      const total = performance.now() - start;
      const cpuUsed = process.cpuUsage(cpuStart);
      if (reply.metadata.mode !== "openai" || reply.metadata.action?.type !== "item_added") {
        throw new Error(`bench turn went wrong: ${JSON.stringify(reply)}`);
      }
      if (i < warmupTurns) continue;
      const inServer = server.requests.slice(before).reduce((sum, r) => sum + r.serverMs, 0);
      totals.push(total);
      cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
      serverTimes.push(inServer);
      overheads.push(total - inServer);
    }
    server.requests.length = 0;

    // --- offline mode on the retail catalog -------------------------------------------------
    const offline = new AssistantService({
      cart: new CartService({ redis, catalog: retail }),
      catalog: retail,
      redis,
      config,
      logger: silentLogger,
    });
    const conversation = [
      "I want a t-shirt",
      "blue, size M",
      "add two blue t-shirts size S cotton v-neck",
      "I want 2 water bottles, 750ml, stainless steel, blue",
      "make the water bottles 3",
      "do you have headphones under $300?",
      "what's in my cart?",
      "remove the v-neck t-shirt",
    ];
    const offlineTimes: number[] = [];
    for (let i = 0; i < warmupTurns + measuredTurns; i++) {
      if (i % conversation.length === 0) session = nextSession();
      const start = performance.now();
      const reply = await offline.chat(session, conversation[i % conversation.length]!);
      const took = performance.now() - start;
      if (reply.metadata.mode !== "offline") throw new Error("offline turn went wrong");
      if (i >= warmupTurns) offlineTimes.push(took);
    }

    // --- the offline parser alone, on the same sentences -------------------------------------
    const parserTimes: number[] = [];
    for (let i = 0; i < (warmupTurns + measuredTurns) * 5; i++) {
      const sentence = conversation[i % conversation.length]!;
      const start = performance.now();
      understand(sentence, { catalog: retail, pending: undefined });
      if (i >= warmupTurns * 5) parserTimes.push(performance.now() - start);
    }

    // --- the same turn with the offline model: no HTTP, no OpenAI client --------------------
    const sameTurnOffline = new AssistantService({
      cart: new CartService({ redis, catalog: sample }),
      catalog: sample,
      redis,
      config,
      logger: silentLogger,
    });
    const sameTurnTimes: number[] = [];
    for (let i = 0; i < warmupTurns + measuredTurns; i++) {
      if (i % 5 === 0) session = nextSession();
      const start = performance.now();
      const reply = await sameTurnOffline.chat(session, "I want a balloon bouquet", { onToken: () => {} });
      const took = performance.now() - start;
      if (reply.metadata.action?.type !== "item_added") throw new Error("offline bench turn went wrong");
      if (i >= warmupTurns) sameTurnTimes.push(took);
    }

    // --- the bare LangChain loop, for reference ---------------------------------------------
    const noop = tool(async () => "ok", {
      name: "view_cart",
      description: "no-op",
      schema: z.object({}).strict(),
    });
    const floorAgent = createAgent({
      model: new OfflineChatModel({ catalog: sample }),
      tools: [noop],
      systemPrompt: "bench",
      contextSchema: TurnRuntimeContextSchema,
    });
    const floorTimes: number[] = [];
    for (let i = 0; i < warmupTurns + measuredTurns; i++) {
      const turn = new TurnContext(nextSession(), undefined, "offline");
      const start = performance.now();
      await floorAgent.invoke({ messages: [new HumanMessage("show my cart")] }, { context: { turn } });
      if (i >= warmupTurns) floorTimes.push(performance.now() - start);
    }

    return {
      suite: "assistant",
      results: [
        {
          name: "openai-tool-turn",
          ...summary(totals),
          server_p50_ms: summary(serverTimes).p50_ms,
          overhead_p50_ms: summary(overheads).p50_ms,
          overhead_p99_ms: summary(overheads).p99_ms,
          overhead_mean_ms: summary(overheads).mean_ms,
          cpu_p50_ms: summary(cpu).p50_ms,
          model_requests_per_turn: 2,
          tokens_per_turn: round(tokens / (warmupTurns + measuredTurns), 1),
          turns: measuredTurns,
        },
        { name: "offline-turn-retail", ...summary(offlineTimes), turns: measuredTurns, aim_p99_ms: 20 },
        {
          name: "offline-parser-retail",
          ...summary(parserTimes),
          sentences: parserTimes.length,
          aim_p99_ms: 2,
        },
        { name: "offline-tool-turn-sample", ...summary(sameTurnTimes), turns: measuredTurns },
        { name: "langchain-loop-floor", ...summary(floorTimes), turns: measuredTurns },
      ],
      aim: "under 10 ms of our own overhead per tool-using turn (openai-tool-turn overhead)",
      load_average_1m: round(os.loadavg()[0]!, 2),
    };
  } finally {
    await server.close();
    redis.disconnect();
    await redisServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
