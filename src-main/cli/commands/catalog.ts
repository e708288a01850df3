import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { countOf, moneyFormatter, nouns } from "../../../src-shared/format.js";
import { AppError } from "../../../src-shared/errors.js";
import type { ProductView } from "../../../src-shared/catalog.js";
import type { Catalog } from "../../catalog/catalog.js";
import { importRetailCatalog, writeCatalog } from "../../catalog/import-retail.js";
import { withJsonOption, type CliContext } from "../cli-context.js";
import { parsePrice, parseWholeNumber } from "../cli-arguments.js";
import { optionsArgument, table } from "../cli-format.js";

/** `kioskctl catalog ...`: search and inspect the loaded catalog (CATALOG_PATH), import a retail catalog. */

type JsonFlag = { json?: boolean };

export function register(program: Command, context: CliContext): void {
  const catalog = program.command("catalog").description("search, show and import catalogs");

  withJsonOption(
    catalog
      .command("search")
      .argument("<query...>", 'what to look for, e.g. "blue t-shirt size M"')
      .description("ranked, typo-tolerant search over names, descriptions, categories and options")
      .option("--category <id>", "only this category")
      .option("--min-price <amount>", "lowest price, in major units (e.g. 20000 or 19.99)")
      .option("--max-price <amount>", "highest price, in major units")
      .option("--limit <n>", "how many results at most", parseWholeNumber, 10),
    "{query, currency, results: [{product_id, name, category, price, available, score, matched_options}]}; " +
      "price in minor units.",
  ).action(
    async (
      words: string[],
      options: JsonFlag & { category?: string; minPrice?: string; maxPrice?: string; limit: number },
    ) => {
      const loaded = await context.services().catalog();
      const query = words.join(" ");
      const hits = loaded.search(query, {
        category: options.category,
        minPrice:
          options.minPrice === undefined
            ? undefined
            : parsePrice(options.minPrice, loaded.exponent, "--min-price"),
        maxPrice:
          options.maxPrice === undefined
            ? undefined
            : parsePrice(options.maxPrice, loaded.exponent, "--max-price"),
        limit: options.limit,
      });
      const money = moneyFormatter(loaded.store);
      const rows = hits.map(({ product, matchedOptions }) => [
        `  ${product.id}`,
        product.name + (product.available ? "" : " (sold out)"),
        loaded.categoryName(product.category) ?? product.category,
        optionsArgument(matchedOptions),
        money(product.price),
      ]);
      context.print(options, {
        json: {
          query,
          currency: loaded.store.currency,
          results: hits.map(({ product, score, matchedOptions }) => ({
            product_id: product.id,
            name: product.name,
            category: product.category,
            price: product.price,
            available: product.available,
            score,
            matched_options: matchedOptions,
          })),
        },
        text: hits.length
          ? `${countOf(hits.length, nouns.result, loaded.store.locale)} for "${query}":\n${table(rows)}`
          : `Nothing found for "${query}".`,
      });
    },
  );

  withJsonOption(
    catalog
      .command("show")
      .argument("<product_id>", "product id")
      .description("show a product with its options, variants, prices and availability"),
    "{currency, product: {id, name, description, category, image_url, price, available, options, variants}}; " +
      "prices in minor units.",
  ).action(async (productId: string, options: JsonFlag) => {
    const loaded = await context.services().catalog();
    const product = loaded.productOrThrow(productId);
    context.print(options, {
      json: { currency: loaded.store.currency, product },
      text: productText(loaded, product),
    });
  });

  withJsonOption(
    catalog
      .command("import")
      .argument("<file>", "the retail catalog JSON (e.g. ../shared/catalogs/retail-variants.products.json)")
      .requiredOption(
        "--out <file>",
        "where to write the catalog in the project's format (images go next to it)",
      )
      .description("convert a third-party retail catalog into the project's catalog format"),
    "{out, products, variants, categories}.",
  ).action(async (file: string, options: JsonFlag & { out: string }) => {
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
      throw new AppError("invalid_input", `Cannot read ${file}: ${reason}`);
    }
    const imported = importRetailCatalog(input);
    await writeCatalog(imported, options.out, { imageSourceDir: path.dirname(path.resolve(file)) });
    const variants = imported.products.reduce((sum, p) => sum + p.variants.length, 0);
    const summary = {
      out: path.resolve(options.out),
      products: imported.products.length,
      variants,
      categories: imported.categories.length,
    };
    context.print(options, {
      json: summary,
      text:
        `Imported ${summary.products} products (${variants} variants) in ${summary.categories} categories ` +
        `into ${summary.out}.\nUse it with CATALOG_PATH=${summary.out}`,
    });
  });
}

function productText(catalog: Catalog, product: ProductView): string {
  const money = moneyFormatter(catalog.store);
  const lines = [
    `${product.name}  [${product.id}]${product.available ? "" : "  SOLD OUT"}`,
    `Category: ${catalog.categoryName(product.category) ?? product.category}`,
    `Price: ${product.variants.length ? "from " : ""}${money(product.price)}`,
    `Image: ${product.image_url}`,
  ];
  if (product.description) lines.push("", product.description);
  if (product.options.length) {
    lines.push("", "Options:");
    for (const axis of product.options) lines.push(`  ${axis.name}: ${axis.values.join(", ")}`);
  }
  if (product.variants.length) {
    lines.push("", "Variants:");
    lines.push(
      table(
        product.variants.map((v) => [
          `  ${v.id}`,
          optionsArgument(v.options),
          v.available ? "" : "sold out",
          money(v.price),
        ]),
      ),
    );
  }
  return lines.join("\n");
}
