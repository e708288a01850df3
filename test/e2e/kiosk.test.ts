/**
 * The kiosk in a real browser: the machine's Chromium driving the built `npm run web` server, with
 * a private redis-server and the offline assistant. Locators are roles and names, as a screen
 * reader (and a customer) would find things. Every screen is photographed in both orientations
 * into test-results/screenshots/ and checked with axe-core.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  checkScreen,
  say,
  sessionIdOf,
  start,
  startKioskRig,
  visible,
  type KioskRig,
} from "../kit/kiosk-page.js";

let rig: KioskRig;

beforeAll(async () => {
  rig = await startKioskRig();
});
afterEach(() => rig.pages.closeAll());
afterAll(() => rig?.stop());

describe("the kiosk in a browser", () => {
  it("chats: 'I want 2 balloon bouquets' adds two to the cart, says so on a card and on the badge", async () => {
    const page = await rig.pages.open();
    await visible(page.getByRole("button", { name: "Start", exact: true }));
    await checkScreen(page, "welcome");

    // Keyboard alone: Start, then the message sent with Enter.
    await page.getByRole("button", { name: "Start", exact: true }).focus();
    await page.keyboard.press("Enter");
    await visible(page.getByRole("button", { name: "Cart, 0 items" }));
    await checkScreen(page, "chat-start");

    await page.getByRole("textbox", { name: "Message" }).focus();
    await page.keyboard.type("I want 2 balloon bouquets");
    await page.keyboard.press("Enter");
    const card = page.getByRole("region", { name: "Added to cart" });
    await visible(card, 20_000);
    await visible(page.getByRole("button", { name: "Cart, 2 items" }));
    expect(await card.getByText("Balloon Bouquet").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("textbox", { name: "Message" }).inputValue()).toBe("");

    // The cart is the one in Redis, in the web channel's layout.
    const sessionId = await sessionIdOf(page);
    const [itemId] = await rig.client.smembers(`cart:${sessionId}:items`);
    expect(await rig.client.hget(`cart:${sessionId}:item:${itemId}`, "quantity")).toBe("2");
    await checkScreen(page, "chat-added");

    // After a restart of the screen the same customer's conversation and cart are back.
    await page.reload();
    await visible(page.getByRole("button", { name: "Cart, 2 items" }));
    await visible(page.getByText("I want 2 balloon bouquets"));
    expect(await sessionIdOf(page)).toBe(sessionId);

    await card.getByRole("button", { name: "View Cart" }).last().click();
    await visible(page.getByRole("heading", { name: "Your cart" }));
  });

  it("adds a product with options from its page, at the chosen variant's price", async () => {
    const page = await rig.pages.open();
    await start(page);
    await page.getByRole("button", { name: "Products", exact: true }).click();
    await visible(page.getByRole("button", { name: /Birthday T-Shirt/ }));
    await checkScreen(page, "products");

    // A category shows its products only.
    await page.getByRole("button", { name: "Flowers", exact: true }).click();
    await page.getByRole("button", { name: /Balloon Bouquet/ }).waitFor({ state: "detached" });
    await visible(page.getByRole("button", { name: /Sunflower Bunch/ }));
    await page.getByRole("button", { name: "All", exact: true }).click();

    await page.getByRole("searchbox", { name: "Search products" }).fill("rose");
    await visible(page.getByRole("button", { name: /Red Rose Bouquet/ }));
    await page.getByRole("button", { name: /Red Rose Bouquet/ }).click();
    await visible(page.getByRole("heading", { name: "Red Rose Bouquet" }));
    // 24 stems are sold out: shown, and not choosable.
    expect(await page.getByRole("radio", { name: /24/ }).isDisabled()).toBe(true);
    await page.getByRole("radio", { name: "12" }).check();
    await visible(page.getByText("UGX 80,000", { exact: true }));
    await checkScreen(page, "product");

    await page.getByRole("button", { name: "Increase quantity of Red Rose Bouquet" }).click();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await visible(page.getByRole("button", { name: "Cart, 2 items" }));
    await visible(page.getByText("Added 2 × Red Rose Bouquet (Stems: 12) to your cart."));

    const sessionId = await sessionIdOf(page);
    const [itemId] = await rig.client.smembers(`cart:${sessionId}:items`);
    const line = await rig.client.hgetall(`cart:${sessionId}:item:${itemId}`);
    expect(line).toMatchObject({ product_id: "11", quantity: "2", price: "80000" });
    expect(JSON.parse(line.configuration!)).toEqual({ stems: "12" });
  });

  it("adds once when a finger double-taps Add to cart", async () => {
    const page = await rig.pages.open();
    await start(page);
    await page.getByRole("button", { name: "Products", exact: true }).click();
    await page.getByRole("button", { name: /Balloon Bouquet/ }).click();
    const add = page.getByRole("button", { name: "Add to cart" });
    await visible(add);
    // Two taps 150 ms apart, as a finger makes them: the first add has usually answered by then.
    // The second is forced, so that it lands at 150 ms even if the button is still busy.
    await add.tap();
    await page.waitForTimeout(150);
    await add.tap({ force: true });
    await visible(page.getByRole("button", { name: "Cart, 1 item" }));
    // The first tap's confirmation stays on screen.
    await visible(page.getByText("Added 1 × Balloon Bouquet to your cart."));

    // A later add goes through the same connection after anything the second tap could have sent:
    // once it shows, a doubled add would show too.
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("button", { name: /Party Hats/ }).click();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await visible(page.getByRole("button", { name: "Cart, 2 items" }));
    const sessionId = await sessionIdOf(page);
    const lines = await Promise.all(
      (await rig.client.smembers(`cart:${sessionId}:items`)).map((id) =>
        rig.client.hgetall(`cart:${sessionId}:item:${id}`),
      ),
    );
    expect(lines.map((l) => [l.name, l.quantity]).sort()).toEqual([
      ["Balloon Bouquet", "1"],
      ["Party Hats", "1"],
    ]);
  });

  it("changes a quantity and removes a line on the cart page, then opens checkout", async () => {
    const page = await rig.pages.open("", "landscape");
    await start(page);
    await say(page, "I want 2 balloon bouquets");
    await visible(page.getByRole("button", { name: "Cart, 2 items" }), 20_000);
    await say(page, "add a sunflower bunch");
    await visible(page.getByRole("button", { name: "Cart, 3 items" }), 20_000);

    await page.getByRole("button", { name: "Cart, 3 items" }).click();
    const bouquet = page.getByRole("article", { name: "Balloon Bouquet" });
    await visible(bouquet);
    await checkScreen(page, "cart");

    await bouquet.getByRole("button", { name: "Increase quantity of Balloon Bouquet" }).click();
    await visible(page.getByRole("button", { name: "Cart, 4 items" }));
    await visible(bouquet.getByText("UGX 180,000"));

    await page.getByRole("button", { name: "Remove Sunflower Bunch" }).click();
    await visible(page.getByRole("button", { name: "Cart, 3 items" }));
    await page.getByRole("article", { name: "Sunflower Bunch" }).waitFor({ state: "detached" });

    // Checkout opens on the quote: the cart at today's prices (test/e2e/checkout.test.ts goes on).
    await page.getByRole("button", { name: "Checkout Now" }).click();
    await visible(page.getByRole("heading", { name: "Check your order" }));
    await visible(page.getByRole("list", { name: "Items in your order" }).getByText("3 × Balloon Bouquet"));
  });

  it("shows a change written straight into Redis by another process without a reload", async () => {
    const page = await rig.pages.open();
    await start(page);
    // The assistant's product cards after a search.
    await say(page, "show me flowers");
    await visible(page.getByRole("region", { name: /^Products found: \d+$/ }), 20_000);
    await checkScreen(page, "chat-products");

    await page.getByRole("button", { name: "Cart, 0 items" }).click();
    await visible(page.getByText("Your cart is empty."));
    await checkScreen(page, "cart-empty");
    const sessionId = await sessionIdOf(page);

    // What the Django web channel does (seed, step 5): plain commands, no pub/sub message.
    const keys = { meta: `cart:${sessionId}`, items: `cart:${sessionId}:items` };
    await rig.client
      .multi()
      .sadd(keys.items, "42_web")
      .hset(`cart:${sessionId}:item:42_web`, {
        product_id: "42",
        name: "Balloon Bouquet",
        price: "60000",
        quantity: "3",
        configuration: "{}",
        image_url: "/catalog-images/balloon-bouquet.svg",
        category_id: "5",
      })
      .hset(keys.meta, "updated_at", new Date().toISOString())
      .exec();
    await visible(page.getByRole("button", { name: "Cart, 3 items" }));
    await visible(page.getByRole("article", { name: "Balloon Bouquet" }));

    await rig.client.hset(`cart:${sessionId}:item:42_web`, "quantity", "5");
    await visible(page.getByRole("button", { name: "Cart, 5 items" }));
    await visible(page.getByText("UGX 300,000").first());
  });

  it("asks whether anyone is still there when idle, then starts over with a new session and an empty chat", async () => {
    const page = await rig.pages.open("?idle=2&countdown=8");
    await start(page);
    const first = await sessionIdOf(page);
    await say(page, "I want 2 balloon bouquets");
    await visible(page.getByRole("button", { name: "Cart, 2 items" }), 20_000);

    const dialog = page.getByRole("alertdialog", { name: "Are you still there?" });
    await visible(dialog, 10_000);
    await checkScreen(page, "idle");
    await visible(page.getByRole("button", { name: "Start", exact: true }), 15_000);

    const second = await sessionIdOf(page);
    expect(second).not.toBe(first);
    await start(page);
    await visible(page.getByRole("button", { name: "Cart, 0 items" }));
    expect(await page.getByText("I want 2 balloon bouquets").count()).toBe(0);
    // The previous customer's cart stays in Redis for staff, with its TTL.
    expect(await rig.client.scard(`cart:${first}:items`)).toBe(1);
    expect(await rig.client.ttl(`cart:${first}:items`)).toBeGreaterThan(0);
  });

  it("says so when it cannot start, and starts when Try again finds the shop's system back", async () => {
    // The WebSocket to the main process refused while the page boots, then let through.
    let reachable = false;
    const page = await rig.pages.prepare();
    await page.routeWebSocket(/\/ws$/, (socket) => {
      if (reachable) socket.connectToServer();
      else socket.close();
    });
    await page.goto(`${rig.server.url}/`);
    await visible(page.getByRole("heading", { name: "The kiosk cannot start" }), 20_000);
    expect((await page.getByRole("alert").textContent())?.length).toBeGreaterThan(10);
    await checkScreen(page, "boot-failed");

    reachable = true;
    await page.getByRole("button", { name: "Try again" }).click();
    await visible(page.getByRole("button", { name: "Start", exact: true }), 20_000);
  });

  // Last: it stops this file's Redis.
  it("says so on screen when the cart service is unreachable", async () => {
    const page = await rig.pages.open();
    await start(page);
    await visible(page.getByRole("button", { name: "Cart, 0 items" }));
    await rig.redis.stop();
    const banner = page.getByRole("alert").filter({ hasText: "The cart service is unreachable." });
    await visible(banner, 15_000);
    await checkScreen(page, "redis-down");

    // An add tried meanwhile fails with words a customer understands, and the cart stays as it was.
    await page.getByRole("button", { name: "Products", exact: true }).click();
    await page.getByRole("button", { name: /Balloon Bouquet/ }).click();
    await page.getByRole("button", { name: "Add to cart" }).click();
    const refusal = page.getByRole("alert").filter({ hasNotText: "The cart service is unreachable." });
    await visible(refusal, 15_000);
    expect((await refusal.first().textContent())?.length).toBeGreaterThan(10);
    await visible(page.getByRole("button", { name: "Cart, 0 items" }));
  });
});
