import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cart } from "../../src-shared/cart.js";
import { RawClient, startShell, type Shell } from "../kit/shell-harness.js";

// #14 item 4: limits that more connections do not get around. Each "device" is a client address
// on the loopback network (127.0.0.2, 127.0.0.3, ...), all on this machine.

async function device(shell: Shell, address: string): Promise<RawClient> {
  const client = await RawClient.connect(shell.wsUrl, shell.origin, address);
  await client.ok("session-start");
  return client;
}

/** What a refused connection is told before it is closed. */
async function refusedConnection(shell: Shell, address: string) {
  const client = await RawClient.connect(shell.wsUrl, shell.origin, address);
  const closed = await client.closed;
  return { closed, said: client.anonymousAnswers };
}

describe("connections per client address and in all", () => {
  let shell: Shell;
  beforeAll(async () => {
    shell = await startShell({ env: { WS_MAX_CONNECTIONS_PER_ADDRESS: "3", WS_MAX_CONNECTIONS: "5" } });
  });
  afterAll(async () => {
    await shell?.close();
  });

  it("refuses the connection past either cap with a typed, readable reason, and takes one again once a socket closes", async () => {
    const first = await Promise.all([1, 2, 3].map(() => device(shell, "127.0.0.2")));
    const perAddress = await refusedConnection(shell, "127.0.0.2");
    expect(perAddress.closed.code).toBe(1013);
    expect(perAddress.said).toEqual([
      {
        ok: false,
        error: {
          code: "too_many_connections",
          message: "This device already has 3 connections open; please try again in a moment.",
        },
      },
    ]);
    // Another device still gets in, up to the total.
    const second = await Promise.all([1, 2].map(() => device(shell, "127.0.0.3")));
    const total = await refusedConnection(shell, "127.0.0.4");
    expect(total.said[0]).toMatchObject({ ok: false, error: { code: "too_many_connections" } });
    expect(total.said[0]!.ok === false && total.said[0]!.error.message).toMatch(/as many screens as it can/);

    // The sockets that are open keep working, and a closed one frees its place.
    expect((await first[0]!.ok<Cart>("cart-get")).items).toEqual([]);
    await first[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await device(shell, "127.0.0.4");
    expect((await again.ok<Cart>("cart-get")).items).toEqual([]);
    await Promise.all([...first.slice(1), ...second, again].map((c) => c.close()));
  });
});

describe("chat turns and cart changes per client address and in all", () => {
  let shell: Shell;
  beforeAll(async () => {
    shell = await startShell({
      // A quarter minute's worth at once: 2 turns per address, 4 in all, 10 cart changes.
      env: {
        CHAT_TURNS_PER_MINUTE_PER_ADDRESS: "8",
        CHAT_TURNS_PER_MINUTE: "16",
        CART_CHANGES_PER_MINUTE_PER_ADDRESS: "40",
      },
      services: { chatRateLimit: { burst: 1_000, refillMs: 1 } },
    });
  });
  afterAll(async () => {
    await shell?.close();
  });

  it("counts every connection of an address together, then the shop's total", async () => {
    // Ten connections from one device: opening more sockets buys no more turns.
    const crowd = await Promise.all(Array.from({ length: 10 }, () => device(shell, "127.0.0.5")));
    const answers = await Promise.all(crowd.map((c) => c.request("chat-send", { message: "show my cart" })));
    expect(answers.filter((a) => a.ok)).toHaveLength(2);
    for (const refused of answers.filter((a) => !a.ok)) {
      expect(refused).toEqual({
        ok: false,
        error: {
          code: "rate_limited",
          message:
            "This device has sent 8 messages to the assistant in the last minute — please wait a moment.",
        },
      });
    }
    // A second device has turns of its own, until the shop's total runs out.
    const other = await device(shell, "127.0.0.6");
    expect((await other.request("chat-send", { message: "hello" })).ok).toBe(true);
    expect((await other.request("chat-send", { message: "hello" })).ok).toBe(true);
    const third = await device(shell, "127.0.0.7");
    expect(await third.request("chat-send", { message: "hello" })).toMatchObject({
      ok: false,
      error: { code: "rate_limited", message: expect.stringMatching(/many customers right now/) },
    });
    await Promise.all([...crowd, other, third].map((c) => c.close()));
  });

  it("limits cart changes per address generously, and a refused change writes nothing", async () => {
    const customer = await device(shell, "127.0.0.8");
    const answers = [];
    for (let i = 0; i < 12; i++)
      answers.push(await customer.request("cart-add", { product_id: "42", quantity: 1 }));
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    expect(answers.at(-1)).toEqual({
      ok: false,
      error: {
        code: "rate_limited",
        message: "This device is changing carts too quickly — please wait a moment and try again.",
      },
    });
    // Reading is not limited, and shows the ten that were answered.
    expect((await customer.ok<Cart>("cart-get")).item_count).toBe(10);
    await customer.close();
  });
});
