import { z } from "zod";
import { AppError, describeZodError } from "../../src-shared/errors.js";
import {
  CatalogFileSchema,
  CatalogIdSchema,
  type CatalogFile,
  type Category,
  type ProductRecord,
  type VariantRecord,
} from "../../src-shared/catalog.js";
import { decimalToMinor, minorToDecimal } from "../../src-shared/money.js";
import { placeholderImagePath } from "./placeholder-images.js";

export { writeCatalog } from "./write-catalog.js";

/**
 * Converts the third-party retail catalog (../shared/catalogs/retail-variants.products.json, from
 * tau-bench) into the project's catalog format: USD prices become exact decimal strings, the
 * variants' option keys become option axes, and products are sorted into categories by name.
 */

const usdExponent = 2;

/** The limits of our own format, checked on the way in so a bad file is refused with its own path. */
const RetailVariantSchema = z.object({
  item_id: CatalogIdSchema,
  options: z.record(z.string().min(1).max(40), z.string().min(1).max(80)),
  available: z.boolean(),
  price: z.number().nonnegative().finite(),
});

const RetailProductSchema = z.object({
  name: z.string().trim().min(1).max(120),
  product_id: CatalogIdSchema,
  variants: z.record(z.string(), RetailVariantSchema).refine((v) => Object.keys(v).length > 0, {
    message: "must list at least one variant",
  }),
});

const RetailCatalogSchema = z
  .record(z.string(), RetailProductSchema)
  .refine((products) => Object.keys(products).length > 0, { message: "lists no products" })
  .superRefine((products, ctx) => {
    for (const [key, product] of Object.entries(products)) {
      if (product.product_id !== key) {
        ctx.addIssue({
          code: "custom",
          path: [key, "product_id"],
          message: `is "${product.product_id}" but the product is filed under "${key}"`,
        });
      }
      for (const [itemKey, variant] of Object.entries(product.variants)) {
        if (variant.item_id !== itemKey) {
          ctx.addIssue({
            code: "custom",
            path: [key, "variants", itemKey, "item_id"],
            message: `is "${variant.item_id}" but the variant is filed under "${itemKey}"`,
          });
        }
      }
    }
  });

type RetailProduct = z.infer<typeof RetailProductSchema>;

/** Categories in display order; the products of the retail file sorted by their names. */
const categoryTable: ReadonlyArray<Category & { products: readonly string[] }> = [
  {
    id: "clothing-shoes",
    name: "Clothing & Shoes",
    products: ["T-Shirt", "Fleece Jacket", "Running Shoes", "Sneakers", "Hiking Boots"],
  },
  {
    id: "accessories",
    name: "Bags & Accessories",
    products: ["Backpack", "Luggage Set", "Sunglasses", "Wristwatch"],
  },
  {
    id: "electronics",
    name: "Electronics",
    products: [
      "Laptop",
      "Tablet",
      "Smartphone",
      "E-Reader",
      "Smart Watch",
      "Headphones",
      "Wireless Earbuds",
      "Bluetooth Speaker",
      "Digital Camera",
      "Action Camera",
      "Indoor Security Camera",
      "Gaming Mouse",
      "Mechanical Keyboard",
      "Portable Charger",
    ],
  },
  {
    id: "home-kitchen",
    name: "Home & Kitchen",
    products: [
      "Coffee Maker",
      "Espresso Machine",
      "Electric Kettle",
      "Tea Kettle",
      "Air Purifier",
      "Vacuum Cleaner",
      "Smart Thermostat",
      "LED Light Bulb",
      "Wall Clock",
      "Bookshelf",
    ],
  },
  { id: "garden", name: "Garden & Patio", products: ["Garden Hose", "Patio Umbrella", "Grill"] },
  {
    id: "sports-outdoors",
    name: "Sports & Outdoors",
    products: ["Yoga Mat", "Dumbbell Set", "Bicycle", "Cycling Helmet", "Skateboard", "Water Bottle"],
  },
  { id: "office", name: "Office", products: ["Office Chair", "Desk Lamp", "Notebook"] },
  { id: "toys-games", name: "Toys & Games", products: ["Jigsaw Puzzle"] },
  {
    id: "beauty",
    name: "Beauty & Personal Care",
    products: ["Makeup Kit", "Perfume", "Electric Toothbrush"],
  },
  { id: "pets", name: "Pets", products: ["Pet Bed"] },
];
const generalCategory: Category = { id: "general", name: "General" };

const categoryByProductName = new Map(
  categoryTable.flatMap((c) => c.products.map((name) => [name.toLowerCase(), c.id] as const)),
);

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const sizeOrder = ["XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"];

/**
 * Orders an axis's values for people: clothing sizes by size, measures by their number
 * ("500ml" < "750ml" < "1000ml"), everything else alphabetically. Deterministic, so a re-import
 * of the same file yields the same catalog.
 */
function compareOptionValues(a: string, b: string): number {
  const sizeA = sizeOrder.indexOf(a.toUpperCase());
  const sizeB = sizeOrder.indexOf(b.toUpperCase());
  if (sizeA >= 0 && sizeB >= 0) return sizeA - sizeB;
  const measure = /^(\d+(?:\.\d+)?)\s*(.*)$/;
  const ma = measure.exec(a);
  const mb = measure.exec(b);
  if (ma && mb && ma[2]!.toLowerCase() === mb[2]!.toLowerCase()) return Number(ma[1]) - Number(mb[1]);
  return collator.compare(a, b);
}

/**
 * USD floats such as 50.88 are turned into cents through their shortest decimal spelling
 * (`String(50.88)` is "50.88"), never through float arithmetic, and a price with more than two
 * decimals is refused rather than rounded.
 */
function priceToMinor(price: number, where: string): number {
  try {
    return decimalToMinor(String(price), usdExponent);
  } catch {
    throw new AppError(
      "invalid_input",
      `The retail catalog is malformed: ${where} price ${String(price)} is not an amount in dollars and cents.`,
    );
  }
}

function describeRetailIssues(error: z.ZodError, input: unknown): string {
  const products = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const [productKey, section, itemKey, ...rest] = issue.path.map(String);
      if (productKey === undefined) return issue.message;
      const name = (products[productKey] as { name?: unknown } | undefined)?.name;
      let where = `product "${productKey}"` + (typeof name === "string" && name ? ` (${name})` : "");
      if (section === "variants" && itemKey !== undefined) {
        where += `, variant "${itemKey}"`;
        if (rest.length) where += `, ${rest.join(".")}`;
      } else if (section !== undefined) {
        where += `, ${[section, itemKey, ...rest].filter((p) => p !== undefined).join(".")}`;
      }
      const problem = /received undefined$/.test(issue.message) ? "is missing" : issue.message;
      return `${where}: ${problem}`;
    })
    .concat(error.issues.length > 5 ? [`and ${error.issues.length - 5} more problems`] : [])
    .join("; ");
}

function describeAxes(axes: ProductRecord["options"]): string {
  return axes.map((axis) => `${axis.name}: ${axis.values.join(", ")}`).join("; ");
}

function convertProduct(product: RetailProduct, category: string): ProductRecord {
  const retailVariants = Object.values(product.variants);
  // Axes in the order the file first names them; values in the order people expect.
  const axisValues = new Map<string, Set<string>>();
  for (const variant of retailVariants) {
    for (const [name, value] of Object.entries(variant.options)) {
      let values = axisValues.get(name);
      if (!values) axisValues.set(name, (values = new Set()));
      values.add(value);
    }
  }
  const options = [...axisValues].map(([name, values]) => ({
    name,
    values: [...values].sort(compareOptionValues),
  }));
  const variants: VariantRecord[] = retailVariants.map((v) => {
    const missing = options.filter((axis) => !(axis.name in v.options)).map((axis) => axis.name);
    if (missing.length) {
      // Our format needs every variant to name a value on every axis, or it could never be chosen.
      throw new AppError(
        "invalid_input",
        `The retail catalog is malformed: product "${product.product_id}" (${product.name}), variant "${v.item_id}" has no ${missing.join(", ")} while other variants do.`,
      );
    }
    const cents = priceToMinor(
      v.price,
      `product "${product.product_id}" (${product.name}), variant "${v.item_id}"`,
    );
    return {
      id: v.item_id,
      options: v.options,
      price: minorToDecimal(cents, usdExponent),
      available: v.available,
    };
  });
  const lowest = Math.min(...variants.map((v) => decimalToMinor(v.price!, usdExponent)));
  const inStock = variants.filter((v) => v.available).length;
  const stock = inStock === variants.length ? "all in stock" : `${inStock} in stock`;
  return {
    id: product.product_id,
    name: product.name,
    description: `${product.name}, available in ${variants.length} variants (${stock}). ${describeAxes(options)}.`,
    category,
    image: placeholderImagePath(category),
    price: minorToDecimal(lowest, usdExponent),
    available: inStock > 0,
    options,
    variants,
    tags: [],
  };
}

/** Converts the parsed retail JSON, or throws an `invalid_input` AppError naming what is wrong. */
export function importRetailCatalog(input: unknown): CatalogFile {
  const parsed = RetailCatalogSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      "invalid_input",
      `The retail catalog is malformed: ${describeRetailIssues(parsed.error, input)}`,
    );
  }
  const products = Object.values(parsed.data).map((p) =>
    convertProduct(p, categoryByProductName.get(p.name.toLowerCase()) ?? generalCategory.id),
  );
  const used = new Set(products.map((p) => p.category));
  const categories = [...categoryTable, generalCategory]
    .filter((c) => used.has(c.id))
    .map(({ id, name }) => ({ id, name }));
  const catalog = {
    store: {
      name: "Retail Variants Demo",
      currency: "USD",
      locale: "en",
      time_zone: "UTC",
      order_prefix: "K",
      // Collection at the counter only; a shop adds delivery options to the written file.
      fulfilment: { collection: true, delivery: { enabled: false, options: [] } },
    },
    categories,
    products,
  };
  // Our own output must satisfy our own format; a failure here is a bug in the importer, said plainly.
  const checked = CatalogFileSchema.safeParse(catalog);
  if (!checked.success) {
    throw new AppError(
      "invalid_input",
      `The retail catalog could not be converted: ${describeZodError(checked.error)}`,
    );
  }
  return checked.data;
}
