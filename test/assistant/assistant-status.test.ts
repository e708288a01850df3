import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistantReply } from "../../src-shared/assistant.js";
import type { ConnectionStatus } from "../../src-shared/contract.js";
import { startScriptedOpenAIServer, type ScriptedOpenAIServer } from "../kit/scripted-openai-server.js";
import { RawClient, startShell, type Shell } from "../kit/shell-harness.js";

/**
 * `connection-status` carries whether the assistant's model can be reached: when the configured
 * model fails, every screen is told (and shows the banner); when it answers again, they are told
 * that too. The shell runs on a scripted OpenAI-compatible server.
 */

let model: ScriptedOpenAIServer;
let shell: Shell;

beforeAll(async () => {
  model = await startScriptedOpenAIServer();
  shell = await startShell({
    env: { ASSISTANT_MODE: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: model.baseUrl },
  });
});
afterAll(async () => {
  await shell?.close();
  await model?.close();
});

describe("the assistant's reachability in connection-status", () => {
  it("is broadcast when the model fails and again when it answers", async () => {
    const screen = await RawClient.connect(shell.wsUrl);
    const watcher = await RawClient.connect(shell.wsUrl);
    await screen.ok("session-start");
    const first = await watcher.waitForEvent("connection-status", (s) => s.redis === "up");
    expect(first.assistant).toEqual({ mode: "openai", reachable: true });

    // The model answers 500 to the request and to its one retry: the turn is answered offline.
    model.script({ fail: "500" }, { fail: "500" });
    const offline = await screen.ok<AssistantReply>("chat-send", { message: "show my cart" });
    expect(offline.metadata.mode).toBe("offline");
    const unreachable = (s: ConnectionStatus) => !s.assistant.reachable;
    const down = await watcher.waitForEvent("connection-status", unreachable, 10_000);
    expect(down).toMatchObject({ redis: "up", assistant: { mode: "openai", reachable: false } });
    expect((await watcher.ok<{ connection: ConnectionStatus }>("app-status")).connection.assistant).toEqual({
      mode: "openai",
      reachable: false,
    });

    const mark = watcher.events.length;
    model.script({ content: "Hello again!" });
    const online = await screen.ok<AssistantReply>("chat-send", { message: "hello" });
    expect(online).toMatchObject({ content: "Hello again!", metadata: { mode: "openai" } });
    await watcher.waitForEvent("connection-status", (s) => s.assistant.reachable, 10_000, mark);
    await Promise.all([screen.close(), watcher.close()]);
  });
});
