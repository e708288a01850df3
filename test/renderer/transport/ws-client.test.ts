import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ConnectionStatus, EventPayload } from "../../../src-shared/contract.js";
import { AppError } from "../../../src-shared/errors.js";
import { startWebServer, type WebServer } from "../../../src-main/server/web-server.js";
import { createWebSocketKioskApi, type SocketLike } from "../../../src-renderer/transport/ws-api.js";
import { sleep, startShell, type Shell } from "../../kit/shell-harness.js";

/**
 * The renderer's WebSocket transport (what a browser runs) against the real server: requests,
 * typed errors, events, and what happens when the server itself goes away and comes back.
 */

let shell: Shell;
beforeAll(async () => {
  shell = await startShell();
});
afterAll(async () => {
  await shell?.close();
});

function clientFor(url: string, origin: string) {
  return createWebSocketKioskApi({
    url,
    createSocket: (u) => new WebSocket(u, { origin }) as unknown as SocketLike,
    baseDelayMs: 50,
    maxDelayMs: 200,
  });
}

function collect<E extends "cart-changed" | "connection-status" | "chat-token">(
  api: ReturnType<typeof clientFor>,
  event: E,
) {
  const seen: Array<EventPayload<E>> = [];
  const unsubscribe = api.on(event, (payload) => seen.push(payload));
  const next = async (predicate: (p: EventPayload<E>) => boolean, from = 0, timeoutMs = 5_000) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = seen.slice(from).find(predicate);
      if (found) return found;
      if (performance.now() > deadline) throw new Error(`no matching ${event}`);
      await sleep(10);
    }
  };
  return { seen, unsubscribe, next };
}

describe("renderer WebSocket transport", () => {
  it("answers requests (queued until the socket opens), rejects with AppError, and delivers events", async () => {
    const api = clientFor(shell.wsUrl, shell.origin);
    const status = collect(api, "connection-status");
    // Sent before the socket is open: waits for it.
    const { session_id } = await api.request("session-start", {});
    await status.next((s) => s.redis === "up");

    const refused = await api
      .request("cart-add", { product_id: "999", quantity: 1 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "not_found" });

    const invalid = await api
      .request("cart-add", { product_id: "42", quantity: 0 } as never)
      .catch((e: unknown) => e as AppError);
    expect(invalid).toMatchObject({ code: "invalid_input" });

    const changes = collect(api, "cart-changed");
    await shell.services.cart.addItem(session_id, { product_id: "42", quantity: 1, options: {} });
    const change = await changes.next((c) => c.cart.item_count === 1);
    expect(change.session_id).toBe(session_id);

    // Unsubscribing stops delivery.
    changes.unsubscribe();
    await shell.services.cart.addItem(session_id, { product_id: "42", quantity: 1, options: {} });
    await sleep(150);
    expect(changes.seen).toHaveLength(1);

    const tokens = collect(api, "chat-token");
    const reply = await api.request("chat-send", { message: "show my cart" });
    expect(reply.role).toBe("assistant");
    expect(tokens.seen.map((t) => t.text).join("")).toContain(reply.content.slice(0, 10));
    api.dispose();
  });

  it("fails pending requests with a typed error when the server goes, says so, reconnects and resumes its session", async () => {
    // A second server on the same services, so it can be stopped and started again on its port.
    let server: WebServer | undefined = await startWebServer({
      host: "127.0.0.1",
      port: 0,
      rendererDir: shell.rendererDir,
      catalog: shell.services.catalog,
      dispatcher: shell.services.dispatcher,
      registry: shell.services.registry,
      status: shell.services.status,
      log: { info() {}, warn() {}, error() {} },
    });
    const port = server.port;
    const origin = `http://127.0.0.1:${port}`;
    const api = clientFor(`ws://127.0.0.1:${port}/ws`, origin);
    const status = collect(api, "connection-status");
    const { session_id } = await api.request("session-start", {});
    await api.request("cart-add", { product_id: "45", quantity: 2 });

    // A chat turn in flight when the server stops: it fails with the typed error.
    const pending = api.request("chat-send", { message: "add 2 balloon bouquets" }).catch((e: unknown) => e);
    await server.close();
    server = undefined;
    expect(await pending).toMatchObject({ code: "assistant_unavailable" });
    const down: ConnectionStatus = await status.next((s) => s.redis === "down");
    expect(down.assistant.reachable).toBe(false);
    // While it is gone, requests fail fast instead of hanging.
    expect(await api.request("cart-get", {}).catch((e: unknown) => e)).toMatchObject({
      code: "cart_unavailable",
    });

    const mark = status.seen.length;
    server = await startWebServer({
      host: "127.0.0.1",
      port,
      rendererDir: shell.rendererDir,
      catalog: shell.services.catalog,
      dispatcher: shell.services.dispatcher,
      registry: shell.services.registry,
      status: shell.services.status,
      log: { info() {}, warn() {}, error() {} },
    });
    await status.next((s) => s.redis === "up", mark);
    // The new socket was resumed on the same session without the page asking.
    const cart = await api.request("cart-get", {});
    expect(cart.session_id).toBe(session_id);
    expect(cart.items.find((line) => line.product_id === "45")?.quantity).toBe(2);
    // And live events reach the new socket.
    const changes = collect(api, "cart-changed");
    await shell.services.cart.clearCart(session_id);
    await changes.next((c) => c.cart.items.length === 0);
    api.dispose();
    await server.close();
  });
});
