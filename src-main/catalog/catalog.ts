import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError, describeZodError } from "../../src-shared/errors.js";
import {
  CatalogFileSchema,
  type CatalogFile,
  type Category,
  type OptionChoice,
  type ProductSummary,
  type ProductView,
  type StoreInfo,
} from "../../src-shared/catalog.js";
import { currencyExponent, decimalToMinor } from "../../src-shared/money.js";
import { choiceState, matchingVariant } from "../../src-shared/variants.js";
import type { FulfilmentChoices } from "../../src-shared/order.js";
import { ProductSearchIndex, type SearchFilters, type SearchHit } from "./search.js";

export type { SearchFilters, SearchHit } from "./search.js";

/**
 * The catalog in memory: products with prices in minor units, and the rules for turning a
 * customer's choice of options into a priced line. Prices, names and images come only from here.
 */

/** The URL prefix under which catalog images are served (web server and Electron protocol alike). */
export const catalogImageUrlPrefix = "/catalog-images/";

export interface ResolvedChoice {
  product: ProductView;
  /** The chosen options, one value per axis, keys as the catalog spells them. */
  configuration: Record<string, string>;
  unitPrice: number;
  variantId: string | undefined;
}

export class CatalogLoadError extends Error {
  override readonly name = "CatalogLoadError";
}

/** The store's order settings, prices in minor units. */
export interface StoreOrderSettings {
  timeZone: string;
  orderPrefix: string;
  fulfilment: FulfilmentChoices;
}

export class Catalog {
  readonly store: StoreInfo;
  readonly orders: StoreOrderSettings;
  readonly exponent: number;
  /** Directory that relative image paths are resolved against. */
  readonly baseDir: string;
  private readonly products: ReadonlyMap<string, ProductView>;
  private readonly categoryList: readonly Category[];
  private readonly tags: ReadonlyMap<string, readonly string[]>;
  private searchIndex: ProductSearchIndex | undefined;
  /** The image files products name (absolute paths): the only ones `imageFile` hands out. */
  private readonly referencedImages: ReadonlySet<string>;

  constructor(file: CatalogFile, baseDir: string) {
    const { name, currency, locale, time_zone } = file.store;
    this.store = { name, currency, locale, time_zone };
    this.exponent = currencyExponent(currency);
    this.baseDir = baseDir;
    this.categoryList = file.categories;
    this.tags = new Map(file.products.map((p) => [p.id, p.tags]));
    const toMinor = (decimal: string, where: string) => {
      try {
        return decimalToMinor(decimal, this.exponent);
      } catch (error) {
        throw new CatalogLoadError(`${where}: ${(error as Error).message}`);
      }
    };
    this.products = new Map(
      file.products.map((p) => {
        const price = toMinor(p.price, `product ${p.id} price`);
        const view: ProductView = {
          id: p.id,
          name: p.name,
          description: p.description,
          category: p.category,
          image_url: /^https?:\/\//.test(p.image)
            ? p.image
            : catalogImageUrlPrefix + p.image.replace(/^\/+/, ""),
          price,
          available: p.available && (p.variants.length === 0 || p.variants.some((v) => v.available)),
          options: p.options,
          variants: p.variants.map((v) => ({
            id: v.id,
            options: v.options,
            price: v.price === undefined ? price : toMinor(v.price, `variant ${v.id} price`),
            available: v.available,
          })),
        };
        return [p.id, view];
      }),
    );
    const { fulfilment } = file.store;
    this.orders = {
      timeZone: file.store.time_zone,
      orderPrefix: file.store.order_prefix,
      fulfilment: {
        collection: fulfilment.collection,
        delivery: fulfilment.delivery.enabled
          ? fulfilment.delivery.options.map((o) => ({
              id: o.id,
              name: o.name,
              price: toMinor(o.price, `delivery option ${o.id} price`),
              description: o.description,
            }))
          : [],
      },
    };
    this.referencedImages = new Set(
      [...this.products.values()]
        .filter((p) => p.image_url.startsWith(catalogImageUrlPrefix))
        .map((p) => path.resolve(baseDir, p.image_url.slice(catalogImageUrlPrefix.length))),
    );
  }

  static async load(filePath: string): Promise<Catalog> {
    let text: string;
    try {
      text = await readFile(filePath, "utf8");
    } catch (error) {
      throw new CatalogLoadError(`Cannot read the catalog at ${filePath}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CatalogLoadError(`The catalog at ${filePath} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = CatalogFileSchema.safeParse(json);
    if (!parsed.success) {
      throw new CatalogLoadError(`The catalog at ${filePath} is invalid: ${describeZodError(parsed.error)}`);
    }
    return new Catalog(parsed.data, path.dirname(path.resolve(filePath)));
  }

  allProducts(): ProductView[] {
    return [...this.products.values()];
  }

  categories(): Array<Category & { product_count: number }> {
    const counts = new Map<string, number>();
    for (const p of this.products.values()) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    return this.categoryList.map((c) => ({ ...c, product_count: counts.get(c.id) ?? 0 }));
  }

  categoryName(id: string): string | undefined {
    return this.categoryList.find((c) => c.id === id)?.name;
  }

  product(id: string): ProductView | undefined {
    return this.products.get(id);
  }

  productOrThrow(id: string): ProductView {
    const product = this.products.get(id);
    if (!product) throw new AppError("not_found", `We don't have a product with id "${id}".`);
    return product;
  }

  summary(product: ProductView): ProductSummary {
    return {
      id: product.id,
      name: product.name,
      category: product.category,
      image_url: product.image_url,
      price: product.price,
      available: product.available,
      has_options: product.options.length > 0,
    };
  }

  /**
   * What a screen's product search shows (the kiosk's and the counter's alike): with no words, the
   * catalog in its own order (of one category if given); otherwise the ranked search.
   */
  browse({ query, category, limit }: { query: string; category?: string | undefined; limit: number }): {
    products: ProductSummary[];
  } {
    if (query.trim() === "") {
      const products = this.allProducts()
        .filter((p) => category === undefined || p.category === category)
        .slice(0, limit);
      return { products: products.map((p) => this.summary(p)) };
    }
    const hits = this.search(query, { category, limit });
    return { products: hits.map((hit) => this.summary(hit.product)) };
  }

  /**
   * Ranked full-text search (see search.ts). The index is built on the first search, so that
   * loading a catalog (every CLI command does) costs nothing for callers that never search.
   */
  search(query: string, filters: SearchFilters = {}): SearchHit[] {
    this.searchIndex ??= new ProductSearchIndex(
      this.allProducts().map((product) => ({
        product,
        categoryName: this.categoryName(product.category) ?? "",
        tags: this.tags.get(product.id) ?? [],
      })),
    );
    return this.searchIndex.search(query, filters);
  }

  /**
   * Resolves an image URL path from `image_url` to a file under the catalog directory, or
   * undefined. Only the images products name are served: the folder may hold other files (drafts,
   * an export's leftovers) that were never meant to be public.
   */
  imageFile(urlPath: string): string | undefined {
    if (!urlPath.startsWith(catalogImageUrlPrefix)) return undefined;
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath.slice(catalogImageUrlPrefix.length));
    } catch {
      return undefined;
    }
    const file = path.resolve(this.baseDir, relative);
    // Never anything outside the catalog's directory, nor anything no product names.
    return file.startsWith(this.baseDir + path.sep) && this.referencedImages.has(file) ? file : undefined;
  }

  /**
   * Turns a product id and a choice of options into a priced configuration, or refuses with an
   * error a customer can read: unknown product, unknown option or value, a missing choice, or a
   * sold-out variant. Option names and values match case-insensitively ("Blue" = "blue").
   */
  resolveChoice(productId: string, options: OptionChoice = {}): ResolvedChoice {
    const product = this.productOrThrow(productId);
    const configuration: Record<string, string> = {};
    const given = new Map<string, string>();
    for (const [name, value] of Object.entries(options)) {
      const key = name.trim().toLowerCase();
      // {"Color": "blue", "color": "red"} names one option twice: refuse rather than pick one.
      if (given.has(key)) {
        throw new AppError("invalid_input", `The option "${name.trim()}" was given more than once.`);
      }
      given.set(key, value.trim());
    }
    for (const axis of product.options) {
      const key = axis.name.toLowerCase();
      const value = given.get(key);
      given.delete(key);
      if (value === undefined) {
        throw new AppError(
          "invalid_input",
          `Please choose a ${axis.name} for ${product.name}: ${axis.values.join(", ")}.`,
        );
      }
      const match = axis.values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (!match) {
        throw new AppError(
          "invalid_input",
          `${product.name} doesn't come in ${axis.name} "${value}". Choose one of: ${axis.values.join(", ")}.`,
        );
      }
      configuration[axis.name] = match;
    }
    const extra = [...given.keys()];
    if (extra.length > 0) {
      const known = product.options.map((a) => a.name);
      throw new AppError(
        "invalid_input",
        `${product.name} has no option ${extra.map((e) => `"${e}"`).join(", ")}` +
          (known.length ? `; its options are ${known.join(", ")}.` : "; it has no options."),
      );
    }
    const { unitPrice, unavailable } = choiceState(product, configuration);
    const described = Object.values(configuration).join(", ");
    const made = product.variants.length ? ` in ${described}` : "";
    if (unavailable === "not_made") {
      throw new AppError("not_found", `${product.name} is not made${made}.`);
    }
    if (unavailable === "sold_out")
      throw new AppError("sold_out", `Sorry, ${product.name}${made} is sold out.`);
    return { product, configuration, unitPrice, variantId: matchingVariant(product, configuration)?.id };
  }
}
