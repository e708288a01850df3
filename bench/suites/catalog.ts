/**
 * Catalog benchmark: converting the retail catalog, building its search index, and search
 * latency over a mix of realistic queries (exact names, typos, plurals, option values, filters).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Catalog, type SearchFilters } from "../../src-main/catalog/catalog.js";
import { importRetailCatalog } from "../../src-main/catalog/import-retail.js";
import { appRoot, defaultCatalogPath } from "../../src-main/config/config.js";
import { percentile, round, timeSerial, type SuiteResult } from "../stats.js";

const retailPath = path.resolve(appRoot, "..", "shared", "catalogs", "retail-variants.products.json");

/** What shoppers and the assistant ask, typos and all. */
const queries: Array<[string, SearchFilters?]> = [
  ["yoga mat"],
  ["coffe maker"],
  ["headphone"],
  ["blue t-shirt size M"],
  ["t-shirts"],
  ["laptop 16GB"],
  ["waterproof action camera"],
  ["expresso machine"],
  ["electric kettle 1.5L"],
  ["running shoes size 10"],
  ["wireless earbuds"],
  ["bluetooth speker"],
  ["smart watch"],
  ["mechanical keyboard"],
  ["sunglass"],
  ["hiking boots waterproof"],
  ["pet bed large"],
  ["office chair leather"],
  ["gaming mouse"],
  ["jigsaw puzzle 1000 pieces"],
  ["perfume for women"],
  ["red backpack"],
  ["garden hose 50ft"],
  ["vacuum cleaner bagless"],
  ["balon bouquet"],
  ["zzqxv"],
  ["camera", { category: "electronics" }],
  ["shoes", { minPrice: 5_000, maxPrice: 15_000 }],
  ["", { category: "home-kitchen" }],
  ["black", { maxPrice: 10_000, limit: 5 }],
];

function loadRetail(): Catalog {
  const file = importRetailCatalog(JSON.parse(readFileSync(retailPath, "utf8")));
  return new Catalog(file, path.dirname(retailPath));
}

function summary(name: string, samples: number[], extra: Record<string, unknown> = {}) {
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    name,
    p50_us: percentile(samples, 50),
    p99_us: percentile(samples, 99),
    ops_per_s: round(1_000_000 / mean, 0),
    samples: samples.length,
    ...extra,
  };
}

export async function run(): Promise<SuiteResult> {
  // Other work on the machine shows in the tail latencies; record how busy it was.
  const loadBefore = os.loadavg()[0]!;
  // Warm the JIT on both paths before measuring anything.
  for (let i = 0; i < 5; i++) loadRetail().search("warm up");

  const importSamples = await timeSerial(30, async () => loadRetail());
  const buildSamples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const catalog = loadRetail();
    // The index is built on the first search; an empty query adds only a listing of one product.
    buildSamples.push(...(await timeSerial(1, async () => catalog.search("", { limit: 1 }))));
  }

  const retail = loadRetail();
  const products = retail.allProducts();
  const variants = products.reduce((n, p) => n + p.variants.length, 0);
  for (const [query, filters] of queries) retail.search(query, filters);
  const rounds = 200;
  const searchSamples = await timeSerial(rounds * queries.length, async (i) => {
    const [query, filters] = queries[i % queries.length]!;
    return retail.search(query, filters);
  });

  const sample = await Catalog.load(defaultCatalogPath);
  for (const [query, filters] of queries) sample.search(query, filters);
  const sampleSamples = await timeSerial(rounds * queries.length, async (i) => {
    const [query, filters] = queries[i % queries.length]!;
    return sample.search(query, filters);
  });

  const size = { products: products.length, variants };
  return {
    suite: "catalog",
    results: [
      summary("import retail catalog (parse + convert + load)", importSamples, size),
      summary("build search index (retail)", buildSamples, size),
      summary(`search retail (${queries.length} queries)`, searchSamples, size),
      summary(`search sample (${queries.length} queries)`, sampleSamples, {
        products: sample.allProducts().length,
      }),
    ],
    queries: queries.map(([query, filters]) => ({ query, ...filters })),
    load_average_1m: { before: round(loadBefore, 2), after: round(os.loadavg()[0]!, 2) },
  };
}
