import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CatalogFileSchema } from "../../src-shared/catalog.js";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { loadSampleCatalog } from "../kit/catalogs.js";

const catalogDir = path.dirname(defaultCatalogPath);
const raw: unknown = JSON.parse(readFileSync(defaultCatalogPath, "utf8"));

describe("the bundled sample catalog (Kampala Party & Gifts)", () => {
  it("is a valid catalog file in UGX with at least 25 products across several categories", () => {
    const parsed = CatalogFileSchema.safeParse(raw);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const file = parsed.data!;
    expect(file.store.currency).toBe("UGX");
    expect(file.products.length).toBeGreaterThanOrEqual(25);
    const used = new Set(file.products.map((p) => p.category));
    expect(used.size).toBeGreaterThanOrEqual(6);
    expect(file.categories.every((c) => used.has(c.id))).toBe(true);
  });

  it("has the web channel's Balloon Bouquet as product 42 at UGX 60,000, addable without options", async () => {
    const catalog = await loadSampleCatalog();
    const choice = catalog.resolveChoice("42", {});
    expect(choice.product.name).toBe("Balloon Bouquet");
    expect(choice.unitPrice).toBe(60000);
    expect(catalog.categoryName(choice.product.category)).toBe("Balloons");
  });

  it("prices customisations at the product price and variants at their own price", async () => {
    const catalog = await loadSampleCatalog();
    expect(catalog.resolveChoice("43", { colour: "gold" }).unitPrice).toBe(35000);
    expect(catalog.resolveChoice("21", { size: "1 kg" }).unitPrice).toBe(85000);
    expect(catalog.resolveChoice("21", { size: "3 kg" }).unitPrice).toBe(210000);
    expect(catalog.resolveChoice("81", { size: "M", colour: "Blue" })).toMatchObject({
      unitPrice: 35000,
      variantId: "81-m-blue",
    });
    expect(catalog.resolveChoice("81", { size: "Kids", colour: "Pink" }).unitPrice).toBe(30000);
  });

  it("has a sold-out variant and a sold-out product, both refused", async () => {
    const catalog = await loadSampleCatalog();
    expect(() => catalog.resolveChoice("22", { size: "3 kg" })).toThrow(/sold out/);
    expect(() => catalog.resolveChoice("46")).toThrow(/sold out/);
    expect(catalog.product("46")!.available).toBe(false);
    expect(catalog.product("22")!.available).toBe(true);
  });

  it("refuses a choice that names an option twice, missing or unknown options, and unknown values", async () => {
    const catalog = await loadSampleCatalog();
    expect(() => catalog.resolveChoice("43", { colour: "Gold", Colour: "Red" })).toThrow(
      /option "Colour" was given more than once/,
    );
    expect(() => catalog.resolveChoice("43", {})).toThrow(/Please choose a colour/);
    expect(() => catalog.resolveChoice("43", { colour: "Gold", flavour: "mint" })).toThrow(
      /no option "flavour"/,
    );
    expect(() => catalog.resolveChoice("43", { colour: "Plaid" })).toThrow(/doesn't come in colour "Plaid"/);
    expect(() => catalog.resolveChoice("nope")).toThrow(/don't have a product/);
  });

  it("gives every product its own small square SVG illustration with a title, and ships no orphans", async () => {
    const catalog = await loadSampleCatalog();
    const files = new Set<string>();
    for (const product of catalog.allProducts()) {
      const file = catalog.imageFile(product.image_url);
      expect(file, product.name).toBeDefined();
      expect(existsSync(file!), `${product.name}: ${file}`).toBe(true);
      const svg = readFileSync(file!, "utf8");
      expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
      expect(svg).toMatch(/<title>[^<]+<\/title>/);
      expect(svg.length).toBeLessThan(4096);
      expect(svg).not.toMatch(/href=|<image|<script/);
      files.add(path.basename(file!));
    }
    expect(files.size).toBe(catalog.allProducts().length);
    expect(readdirSync(path.join(catalogDir, "images")).sort()).toEqual([...files].sort());
  });
});
