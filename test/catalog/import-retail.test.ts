import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CatalogFileSchema } from "../../src-shared/catalog.js";
import { AppError } from "../../src-shared/errors.js";
import { importRetailCatalog, writeCatalog } from "../../src-main/catalog/import-retail.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { retailCatalogPath } from "../kit/catalogs.js";

const retailJson = JSON.parse(readFileSync(retailCatalogPath, "utf8")) as Record<string, unknown>;
const imported = importRetailCatalog(retailJson);
const tshirtId = "9523456873";

function productCopy(id: string) {
  return structuredClone(retailJson[id]) as {
    name: unknown;
    variants: Record<string, { price: unknown; options: Record<string, string> }>;
  };
}

function importError(input: unknown): AppError {
  try {
    importRetailCatalog(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("the import was expected to fail");
}

describe("importRetailCatalog", () => {
  it("imports all 50 products and all variants into a valid USD catalog", () => {
    expect(CatalogFileSchema.safeParse(imported).success).toBe(true);
    expect(imported.store.currency).toBe("USD");
    expect(imported.products).toHaveLength(50);
    const sourceVariants = Object.values(retailJson).reduce<number>(
      (n, p) => n + Object.keys((p as { variants: object }).variants).length,
      0,
    );
    const variants = imported.products.reduce((n, p) => n + p.variants.length, 0);
    expect(variants).toBe(sourceVariants);
    expect(variants).toBeGreaterThan(550);
  });

  it("converts every price exactly, to the cent", async () => {
    const catalog = new Catalog(imported, "/nowhere");
    expect(
      catalog.resolveChoice(tshirtId, { color: "blue", size: "M", material: "cotton", style: "crew neck" }),
    ).toMatchObject({ unitPrice: 5088, variantId: "9612497925" });
    const variant = (productId: string, itemId: string) =>
      catalog.product(productId)!.variants.find((v) => v.id === itemId)!;
    // Every source price, spelt as JSON spells it, equals the imported cents.
    for (const [productId, p] of Object.entries(retailJson)) {
      for (const [itemId, v] of Object.entries(
        (p as { variants: Record<string, { price: number }> }).variants,
      )) {
        const [dollars, cents = ""] = String(v.price).split(".");
        expect(variant(productId, itemId).price).toBe(Number(dollars) * 100 + Number(cents.padEnd(2, "0")));
      }
    }
  });

  it("keeps sold-out variants, prices a product from its lowest variant, and describes its options", () => {
    const tshirt = imported.products.find((p) => p.id === tshirtId)!;
    expect(tshirt.name).toBe("T-Shirt");
    expect(imported.categories.find((c) => c.id === tshirt.category)!.name).toBe("Clothing & Shoes");
    expect(tshirt.options.map((o) => o.name)).toEqual(["color", "size", "material", "style"]);
    expect(tshirt.options.find((o) => o.name === "size")!.values).toEqual(
      ["S", "M", "L", "XL", "XXL"].filter((s) => tshirt.variants.some((v) => v.options.size === s)),
    );
    const prices = tshirt.variants.map((v) => Number(v.price));
    expect(Number(tshirt.price)).toBe(Math.min(...prices));
    expect(tshirt.description).toMatch(/^T-Shirt, available in 12 variants/);
    expect(tshirt.description).toMatch(/color: .*blue/);
    const soldOut = imported.products.flatMap((p) => p.variants).filter((v) => !v.available);
    expect(soldOut.length).toBeGreaterThan(100);
    expect(imported.products.every((p) => p.available === p.variants.some((v) => v.available))).toBe(true);
  });

  it("sorts known products into categories and the unknown into General", () => {
    expect(imported.categories.map((c) => c.id)).not.toContain("general");
    const withNewcomer = {
      ...retailJson,
      "1234567890": { ...productCopy(tshirtId), name: "Flux Capacitor", product_id: "1234567890" },
    };
    // The item ids repeat the T-shirt's; ids only need to be unique within a product.
    const result = importRetailCatalog(withNewcomer);
    const newcomer = result.products.find((p) => p.id === "1234567890")!;
    expect(newcomer.category).toBe("general");
    expect(result.categories.at(-1)).toEqual({ id: "general", name: "General" });
  });

  it("refuses a malformed file with a message naming the product, the variant and the problem", () => {
    const nameless = productCopy(tshirtId);
    delete (nameless as { name?: unknown }).name;
    expect(importError({ [tshirtId]: nameless }).message).toContain('product "9523456873", name: is missing');

    const badPrice = productCopy(tshirtId);
    badPrice.variants["9612497925"]!.price = "abc";
    const message = importError({ [tshirtId]: badPrice }).message;
    expect(message).toContain('product "9523456873" (T-Shirt), variant "9612497925", price');
    expect(message).toMatch(/expected number/);

    const fractionOfCent = productCopy(tshirtId);
    fractionOfCent.variants["9612497925"]!.price = 50.885;
    expect(importError({ [tshirtId]: fractionOfCent }).message).toMatch(/variant "9612497925" price 50.885/);

    expect(importError([]).message).toMatch(/malformed/);
    expect(importError({}).message).toMatch(/no products/);
    expect(importError("not a catalog").code).toBe("invalid_input");
  });
});

describe("writeCatalog", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-catalog-write-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a catalog that loads back, with a placeholder image for every category", async () => {
    const out = path.join(dir, "retail", "catalog.json");
    await writeCatalog(imported, out);
    const catalog = await Catalog.load(out);
    expect(catalog.allProducts()).toHaveLength(50);
    for (const product of catalog.allProducts()) {
      const file = catalog.imageFile(product.image_url)!;
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, "utf8")).toMatch(/^<svg [^>]*viewBox="0 0 200 200"[\s\S]*<title>/);
    }
    expect(readdirSync(path.join(dir, "retail", "images"))).toHaveLength(imported.categories.length);
    expect(readdirSync(path.join(dir, "retail")).sort()).toEqual(["catalog.json", "images"]);
  });

  it("refuses before writing anything when a referenced image cannot be found", async () => {
    const broken = structuredClone(imported);
    broken.products[0]!.image = "images/missing.svg";
    const out = path.join(dir, "broken", "catalog.json");
    await expect(writeCatalog(broken, out)).rejects.toThrow(/image "images\/missing.svg" was not found/);
    expect(existsSync(path.join(dir, "broken"))).toBe(false);
  });

  it("copies the sample catalog's own images when told where they are", async () => {
    const sampleFile = path.resolve("resources/catalog/sample-catalog.json");
    const sample = CatalogFileSchema.parse(JSON.parse(readFileSync(sampleFile, "utf8")));
    const out = path.join(dir, "sample", "catalog.json");
    await writeCatalog(sample, out, { imageSourceDir: path.dirname(sampleFile) });
    const catalog = await Catalog.load(out);
    expect(catalog.allProducts().every((p) => existsSync(catalog.imageFile(p.image_url)!))).toBe(true);
  });
});
