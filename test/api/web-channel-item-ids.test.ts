import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cart } from "../../src-shared/cart.js";
import type { SessionInfo } from "../../src-shared/contract.js";
import { RawClient, startShell, type Shell } from "../kit/shell-harness.js";

// #14 item 6: a line the web channel wrote with an id outside our own scheme (a space, ':') is
// shown, so the customer can change and remove it; an id that cannot be sent back byte for byte
// is not shown at all, and the log says why.

let shell: Shell;
beforeAll(async () => {
  shell = await startShell();
});
afterAll(async () => {
  await shell?.close();
});

async function writeWebChannelLine(session: string, itemId: string, quantity = 1): Promise<void> {
  const raw = shell.redis.client();
  await raw.sadd(`cart:${session}:items`, itemId);
  await raw.hset(`cart:${session}:item:${itemId}`, {
    product_id: "42",
    name: "Balloon Bouquet",
    price: "60000",
    quantity: String(quantity),
    configuration: "{}",
    image_url: "",
    category_id: "5",
  });
}

describe("web-channel lines with ids outside the kiosk's own scheme", () => {
  it("are shown, and the customer can change and remove them over the WebSocket", async () => {
    const customer = await RawClient.connect(shell.wsUrl);
    const { session_id } = await customer.ok<SessionInfo>("session-start");
    const ids = ["42 large", "legacy:7", "42:item:x", "bouquet 🎈 rosé"];
    for (const id of ids) await writeWebChannelLine(session_id, id, 2);

    const shown = await customer.ok<Cart>("cart-get");
    expect(shown.items.map((l) => l.item_id).sort()).toEqual([...ids].sort());
    for (const line of shown.items) {
      const changed = await customer.ok<Cart>("cart-update-quantity", { item_id: line.item_id, quantity: 3 });
      expect(changed.items.find((l) => l.item_id === line.item_id)?.quantity).toBe(3);
    }
    for (const line of shown.items) await customer.ok<Cart>("cart-remove", { item_id: line.item_id });
    expect((await customer.ok<Cart>("cart-get")).items).toEqual([]);
    expect(await shell.redis.client().keys(`cart:${session_id}:item:*`)).toEqual([]);
    await customer.close();
  });

  it("leaves out a line whose id cannot be sent back, and logs the reason", async () => {
    const customer = await RawClient.connect(shell.wsUrl);
    const { session_id } = await customer.ok<SessionInfo>("session-start");
    await writeWebChannelLine(session_id, "42\nforged log line");
    await writeWebChannelLine(session_id, "42_ok");
    const shown = await customer.ok<Cart>("cart-get");
    expect(shown.items.map((l) => l.item_id)).toEqual(["42_ok"]);
    expect(shown.item_count).toBe(1);
    expect(shell.logs).toContainEqual(
      expect.stringMatching(
        /^warn cart: line "42\\nforged log line" of session-.* is left out: its item id cannot be addressed/,
      ),
    );
    await customer.close();
  });
});
