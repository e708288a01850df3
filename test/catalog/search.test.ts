import { beforeAll, describe, expect, it } from "vitest";
import type { ProductView } from "../../src-shared/catalog.js";
import { loadRetailCatalog, loadSampleCatalog } from "../kit/catalogs.js";
import type { Catalog, SearchHit } from "../../src-main/catalog/catalog.js";

let sample: Catalog;
let retail: Catalog;
beforeAll(async () => {
  [sample, retail] = await Promise.all([loadSampleCatalog(), loadRetailCatalog()]);
});

const names = (hits: SearchHit[]) => hits.map((h) => h.product.name);
const first = (catalog: Catalog, query: string) => catalog.search(query)[0]?.product.name;
const pricesOf = (p: ProductView) => (p.variants.length ? p.variants.map((v) => v.price) : [p.price]);

describe("catalog search finds the right product first", () => {
  it.each([
    ["balon bouquet", "Balloon Bouquet"],
    ["balloon bouquets", "Balloon Bouquet"],
    ["Balloon Bouquet", "Balloon Bouquet"],
    ["bouqet of ballons", "Balloon Bouquet"],
    ["red roses", "Red Rose Bouquet"],
    ["teddy", "Teddy Bear"],
    ["2 kg chocolate cake", "Chocolate Fudge Cake"],
    ["t-shirts", "Birthday T-Shirt"],
    ["tshirt", "Birthday T-Shirt"],
  ])("sample: %j -> %s", (query, expected) => {
    expect(first(sample, query)).toBe(expected);
  });

  it.each([
    ["yoga mat", "Yoga Mat"],
    ["yoga mats", "Yoga Mat"],
    ["coffe maker", "Coffee Maker"],
    ["headphone", "Headphones"],
    ["headphnes", "Headphones"],
    ["expresso machine", "Espresso Machine"],
    ["t-shirts", "T-Shirt"],
    ["T shirt", "T-Shirt"],
    ["sunglass", "Sunglasses"],
    ["waterproof action cam", "Action Camera"],
  ])("retail: %j -> %s", (query, expected) => {
    expect(first(retail, query)).toBe(expected);
  });

  it("ranks by descending score and returns the catalog's own product views", () => {
    const hits = retail.search("electric kettle");
    expect(hits.length).toBeGreaterThan(1);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    expect(hits[0]!.product).toBe(retail.product(hits[0]!.product.id));
  });

  it("still finds a sold-out product, marked as such", () => {
    const [hit] = sample.search("balloon arch");
    expect(hit!.product).toMatchObject({ name: "Balloon Arch Kit", available: false });
  });

  it("finds nothing for nonsense", () => {
    expect(sample.search("zzqxv")).toEqual([]);
    expect(retail.search("zzqxv")).toEqual([]);
  });
});

describe("matchedOptions", () => {
  it("names the option values the query mentions (retail)", () => {
    const [hit] = retail.search("blue t-shirt size M");
    expect(hit!.product.name).toBe("T-Shirt");
    expect(hit!.matchedOptions).toEqual({ color: "blue", size: "M" });
    // The choice it names is a real, priced variant.
    expect(() =>
      retail.resolveChoice(hit!.product.id, {
        ...hit!.matchedOptions,
        material: "cotton",
        style: "crew neck",
      }),
    ).not.toThrow();
  });

  it("names the option values the query mentions (sample), under the catalog's own axis names", () => {
    const [hit] = sample.search("blue t-shirt size M");
    expect(hit!.product.name).toBe("Birthday T-Shirt");
    expect(hit!.matchedOptions).toEqual({ size: "M", colour: "Blue" });
  });

  it("matches multi-word values whole and prefers the longest value of an axis", () => {
    expect(retail.search("crew neck t-shirt in black, small")[0]!.matchedOptions).toEqual({
      color: "black",
      size: "S",
      style: "crew neck",
    });
    expect(sample.search("extra large pink birthday t-shirt")[0]!.matchedOptions).toEqual({
      size: "XL",
      colour: "Pink",
    });
    expect(retail.search("1.5L electric kettle")[0]!.matchedOptions).toEqual({ capacity: "1.5L" });
  });

  it("matches a one-letter size only as a whole word", () => {
    // "m" and "s" hide inside "mat", "mesh", "mens" and "sister's"; none of them names a size.
    const hits = retail.search("yoga mat, mesh helmet for my sister's mens smartwatch", { limit: 100 });
    expect(hits.length).toBeGreaterThan(3);
    for (const hit of hits) expect(hit.matchedOptions).not.toHaveProperty("size");
    // Spelt out, a size code is understood.
    expect(retail.search("medium t-shirt")[0]!.matchedOptions).toEqual({ size: "M" });
    expect(retail.search("t-shirt")[0]!.matchedOptions).toEqual({});
  });
});

describe("filters", () => {
  it("restricts to a category, and an empty query lists that category in catalog order", () => {
    const electronics = retail.allProducts().filter((p) => p.category === "electronics");
    const listed = retail.search("", { category: "electronics", limit: 100 });
    expect(names(listed)).toEqual(electronics.map((p) => p.name));
    expect(listed.every((h) => h.score === 0)).toBe(true);

    const cameras = retail.search("camera", { category: "electronics" });
    expect(cameras.length).toBeGreaterThanOrEqual(3);
    expect(cameras.every((h) => h.product.category === "electronics")).toBe(true);
    expect(names(retail.search("camera"))).toContain("Backpack"); // camera compartment, elsewhere
  });

  it("bounds prices in minor units by the prices a product is sold at", () => {
    // UGX: 1 kg chocolate cake 85,000 and vanilla 70,000 fit; red velvet starts at 95,000.
    expect(names(sample.search("cake", { maxPrice: 90_000 }))).toEqual(
      expect.arrayContaining(["Chocolate Fudge Cake", "Vanilla Birthday Cake"]),
    );
    expect(names(sample.search("cake", { maxPrice: 90_000 }))).not.toContain("Red Velvet Cake");
    // Red velvet's 3 kg (240,000) is sold out, so only the 3 kg chocolate cake is on offer above 200,000.
    expect(names(sample.search("cake", { minPrice: 200_000 }))).toEqual(["Chocolate Fudge Cake"]);

    // USD cents: every hit has a variant in the range, and something is excluded on each side.
    const all = retail.search("shoes", { limit: 100 });
    const bounded = retail.search("shoes", { minPrice: 5_000, maxPrice: 15_000, limit: 100 });
    expect(bounded.length).toBeGreaterThan(0);
    expect(bounded.length).toBeLessThan(all.length);
    for (const hit of bounded) {
      expect(pricesOf(hit.product).some((p) => p >= 5_000 && p <= 15_000)).toBe(true);
    }
  });

  it("honours the limit and lists everything for an empty query", () => {
    expect(retail.search("", { limit: 7 })).toHaveLength(7);
    expect(sample.search("", { limit: 100 })).toHaveLength(sample.allProducts().length);
    expect(retail.search("a", { limit: 3 }).length).toBeLessThanOrEqual(3);
  });
});
