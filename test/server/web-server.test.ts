import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { WS_MAX_FRAME_BYTES } from "../../src-shared/bridge.js";
import type { Cart } from "../../src-shared/cart.js";
import type { SessionInfo } from "../../src-shared/contract.js";
import { RawClient, startShell, type Shell } from "../kit/shell-harness.js";

let shell: Shell;
beforeAll(async () => {
  shell = await startShell();
});
afterAll(async () => {
  await shell?.close();
});

/** A raw HTTP request, so the path reaches the server exactly as written (no client-side normalising). */
function rawGet(path: string, host = `127.0.0.1:${shell.server.port}`, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
    const socket = net.connect(shell.server.port, "127.0.0.1", () => {
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("end", () => {
      const [head = "", body = ""] = text.split("\r\n\r\n");
      const [statusLine, ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      resolve({ status: Number(statusLine!.split(" ")[1]), headers, body });
    });
  });
}

describe("npm run web: HTTP", () => {
  it("serves the renderer with a strict CSP and security headers", async () => {
    const page = await rawGet("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("kiosk test page");
    expect(page.headers["content-security-policy"]).toMatch(/default-src 'none'.*script-src 'self'/);
    expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    // A route of the single-page app gets the page; a missing asset does not.
    expect((await rawGet("/cart")).body).toContain("kiosk test page");
    expect((await rawGet("/assets/missing.js")).status).toBe(404);
  });

  it("serves the counter terminal's page at /counter, its assets under /counter/ too", async () => {
    for (const url of ["/counter", "/counter/", "/counter/orders"]) {
      expect((await rawGet(url)).body).toContain("counter test page");
    }
    expect((await rawGet("/counter/favicon.svg")).status).toBe((await rawGet("/favicon.svg")).status);
    expect((await rawGet("/counterfeit")).body).toContain("kiosk test page");
  });

  it("serves catalog images through the catalog, as inert documents", async () => {
    const url = shell.services.catalog.product("42")!.image_url;
    const image = await rawGet(url);
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/svg+xml");
    expect(image.headers["content-security-policy"]).toContain("sandbox");
  });

  it.each([
    "/../package.json",
    "/..%2f..%2fpackage.json",
    "/%2e%2e/%2e%2e/package.json",
    "/assets/..%2f..%2f..%2fpackage.json",
    "/catalog-images/../sample-catalog.json",
    "/catalog-images/..%2fsample-catalog.json",
    "/catalog-images/sample-catalog.json",
    "/catalog-images/..%2f..%2f..%2fpackage.json",
    "/catalog-images/%2fetc%2fpasswd",
    "/catalog-images/images%5c..%5c..%5cpackage.json",
    "/%00index.html",
    "/catalog-images/%E0%A4%A",
  ])("never serves anything outside its roots: %s", async (path) => {
    const response = await rawGet(path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('"name"');
    expect(response.body).not.toContain("root:");
  });

  it("answers only GET and HEAD, and only for its own host name", async () => {
    expect((await rawGet("/", undefined, "POST")).status).toBe(405);
    expect((await rawGet("/", undefined, "HEAD")).status).toBe(200);
    // DNS rebinding: a hostile name resolving to 127.0.0.1 still names itself in Host.
    expect((await rawGet("/", `evil.example:${shell.server.port}`)).status).toBe(421);
    expect((await rawGet("/", `localhost:${shell.server.port}`)).status).toBe(200);
  });
});

describe("npm run web: WebSocket", () => {
  it("accepts pages of its own origin and tells them the connection status at once", async () => {
    const client = await RawClient.connect(shell.wsUrl, shell.origin);
    const status = await client.waitForEvent("connection-status");
    expect(status).toMatchObject({ redis: "up", keyspace_notifications: true });
    await client.close();
  });

  it.each([
    ["another site", "https://evil.example"],
    ["a rebinding name", "http://evil.example:PORT"],
    ["an opaque origin", "null"],
    ["no Origin header at all", undefined],
  ])("refuses a socket from %s", async (_what, origin) => {
    await expect(
      RawClient.connect(shell.wsUrl, origin?.replace("PORT", String(shell.server.port)) ?? ""),
    ).rejects.toThrow(/403/);
  });

  it("refuses upgrades on other paths", async () => {
    await expect(RawClient.connect(shell.wsUrl.replace("/ws", "/other"), shell.origin)).rejects.toThrow(
      /404/,
    );
  });

  it("keeps the session on the connection: nothing before session-start, and each socket its own cart", async () => {
    const a = await RawClient.connect(shell.wsUrl);
    const b = await RawClient.connect(shell.wsUrl);
    expect(await a.request("cart-get", {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const { session_id, resume_token } = await a.ok<SessionInfo>("session-start");
    expect(session_id).toMatch(/^session-[0-9a-f-]{36}$/);
    const cart = await a.ok<Cart>("cart-add", { product_id: "42", quantity: 2 });
    expect(cart).toMatchObject({ session_id, item_count: 2, cart_total: 120_000 });

    await b.ok("session-start");
    expect((await b.ok<Cart>("cart-get")).items).toEqual([]);
    // Resuming names the session explicitly; a request can never carry one.
    expect(await b.request("cart-get", { session_id })).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    await b.ok("session-resume", { session_id, resume_token });
    expect((await b.ok<Cart>("cart-get")).item_count).toBe(2);
    await Promise.all([a.close(), b.close()]);
  });

  it("closes a socket that sends a frame over the size limit, and stays up for others", async () => {
    const client = await RawClient.connect(shell.wsUrl);
    client.socket.send(
      JSON.stringify({ id: 1, channel: "chat-send", input: { message: "x".repeat(WS_MAX_FRAME_BYTES) } }),
    );
    expect((await client.closed).code).toBe(1009);
    const other = await RawClient.connect(shell.wsUrl);
    expect(await other.request("catalog-categories", {})).toMatchObject({ ok: true });
    await other.close();
  });

  it("answers a plain HTTP request to /ws with 426 instead of the page", async () => {
    const response = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${shell.origin}/ws`, (res) => {
        res.resume();
        resolve(res);
      }),
    );
    expect(response.statusCode).toBe(426);
  });

  it("keeps a connection usable after a refused frame", async () => {
    const socket = new WebSocket(shell.wsUrl, { origin: shell.origin });
    await new Promise((resolve) => socket.once("open", resolve));
    const answers: unknown[] = [];
    socket.on("message", (data) => {
      const frame = JSON.parse(data.toString());
      if ("result" in frame) answers.push(frame);
    });
    socket.send("not json");
    socket.send(JSON.stringify({ id: 7, channel: "catalog-categories", input: {} }));
    await vi.waitFor(() => expect(answers).toHaveLength(2), { timeout: 10_000, interval: 20 });
    expect(answers[0]).toMatchObject({ id: null, result: { ok: false, error: { code: "invalid_input" } } });
    expect(answers[1]).toMatchObject({ id: 7, result: { ok: true } });
    socket.close();
  });
});
