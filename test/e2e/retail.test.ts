/**
 * The kiosk on the third-party retail catalog (USD, ~600 variants with several option axes), in a
 * real browser: the catalog imported by `kioskctl catalog import` as an operator does, served by
 * the built `npm run web` with CATALOG_PATH pointing at it. Money is shown in dollars and cents
 * and written to Redis as the web channel writes it ("50.88"); every screen passes axe-core.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appRoot } from "../../src-main/config/config.js";
import { retailCatalogPath } from "../kit/catalogs.js";
import { runKioskctl } from "../kit/kioskctl-process.js";
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
let catalogDir: string;

beforeAll(async () => {
  catalogDir = mkdtempSync(path.join(os.tmpdir(), "kiosk-e2e-retail-"));
  const catalogPath = path.join(catalogDir, "retail.json");
  const imported = await runKioskctl(
    [path.join(appRoot, "bin", "kioskctl.mjs")],
    ["catalog", "import", retailCatalogPath, "--out", catalogPath],
    {},
  );
  expect(imported.code, imported.stderr).toBe(0);
  rig = await startKioskRig({ CATALOG_PATH: catalogPath });
});
afterEach(() => rig.pages.closeAll());
afterAll(async () => {
  await rig?.stop();
  if (catalogDir) rmSync(catalogDir, { recursive: true, force: true });
});

/** The line of the session's cart in Redis, as the web channel would read it. */
async function redisLines(page: Page) {
  const sessionId = await sessionIdOf(page);
  const ids = await rig.client.smembers(`cart:${sessionId}:items`);
  return Promise.all(ids.map((id) => rig.client.hgetall(`cart:${sessionId}:item:${id}`)));
}

describe("the kiosk on the retail catalog", () => {
  it("adds the variant a customer names in the chat, in dollars", async () => {
    const page = await rig.pages.open();
    await start(page);
    await say(page, "I want a blue t-shirt size M");
    const card = page.getByRole("region", { name: "Added to cart" });
    await visible(card, 20_000);
    await visible(page.getByRole("button", { name: "Cart, 1 item" }));
    await visible(card.getByText("$50.88 each"));
    await checkScreen(page, "retail-chat");

    const [line] = await redisLines(page);
    expect(line).toMatchObject({ product_id: "9523456873", name: "T-Shirt", price: "50.88", quantity: "1" });
    expect(JSON.parse(line!.configuration!)).toMatchObject({ color: "blue", size: "M" });
  });

  it("picks options on a product page: the price follows the variant, sold-out ones cannot be chosen", async () => {
    const page = await rig.pages.open("", "landscape");
    await start(page);
    await page.getByRole("button", { name: "Products", exact: true }).click();
    await page.getByRole("searchbox", { name: "Search products" }).fill("t-shirt");
    await page
      .getByRole("button", { name: /^T-Shirt/ })
      .first()
      .click();
    await visible(page.getByRole("heading", { name: "T-Shirt" }));

    const color = (name: string) => page.getByRole("group", { name: "color" }).getByRole("radio", { name });
    const size = (name: string) =>
      page.getByRole("group", { name: "size" }).getByRole("radio", { name, exact: true });
    // The only red S (cotton, crew neck) is sold out: next to red it is shown but cannot be chosen.
    await color("red").check();
    expect(await size("S sold out").isDisabled()).toBe(true);
    await color("purple").check();
    await size("XL").check();
    await visible(page.getByText("$49.67", { exact: true }));
    await checkScreen(page, "retail-product");

    await page.getByRole("button", { name: "Increase quantity of T-Shirt" }).click();
    await page.getByRole("button", { name: "Add to cart" }).click();
    await visible(page.getByRole("button", { name: "Cart, 2 items" }));

    await page.getByRole("button", { name: "Cart, 2 items" }).click();
    await visible(page.getByRole("article", { name: "T-Shirt" }));
    await visible(page.getByText("$99.34").first());
    await checkScreen(page, "retail-cart");

    const [line] = await redisLines(page);
    expect(line).toMatchObject({ product_id: "9523456873", price: "49.67", quantity: "2" });
    expect(JSON.parse(line!.configuration!)).toMatchObject({ color: "purple", size: "XL" });
  });
});
