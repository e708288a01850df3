import { z } from "zod";

/**
 * The project's own catalog file format. Prices are decimal strings in major units ("60000",
 * "50.88") so that files stay readable and exact; the program converts them to minor units on load.
 *
 * A product may have option axes (size, colour, ...). When it also lists variants, a choice must
 * name one variant's exact combination, and that variant's price and availability apply (the
 * retail catalog works this way). Without variants, any combination of the listed values may be
 * chosen at the product's price (a customisation, such as a balloon colour).
 */

/** Ids become part of Redis keys (`cart:{session}:item:{product_id}_{hash}`), so they are restricted. */
export const CatalogIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, "must be 1-64 letters, digits or dashes");

export const DecimalStringSchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a decimal amount in major units, such as "60000" or "50.88"');

export const OptionAxisSchema = z.object({
  name: z.string().min(1).max(40),
  values: z.array(z.string().min(1).max(80)).min(1),
});

export const VariantSchema = z.object({
  id: CatalogIdSchema,
  options: z.record(z.string(), z.string()),
  /** Omitted when the variant costs the product's price. */
  price: DecimalStringSchema.optional(),
  available: z.boolean(),
});

export const ProductSchema = z.object({
  id: CatalogIdSchema,
  name: z.string().min(1).max(120),
  description: z.string().max(2000),
  category: CatalogIdSchema,
  /** A path relative to the catalog file, or an absolute http(s) URL. */
  image: z.string().min(1),
  /** The price without variants, or the lowest variant price ("from"). */
  price: DecimalStringSchema,
  available: z.boolean().default(true),
  options: z.array(OptionAxisSchema).default([]),
  variants: z.array(VariantSchema).default([]),
  tags: z.array(z.string()).default([]),
});

export const CategorySchema = z.object({
  id: CatalogIdSchema,
  name: z.string().min(1),
});

/**
 * How the shop hands orders over (`store.fulfilment`): collection at the counter (the default) and,
 * when enabled, delivery options each with an id, a name, a price and a description.
 */
export const DeliveryOptionSchema = z.object({
  id: CatalogIdSchema,
  name: z.string().min(1).max(80),
  /** Decimal string in major units in the catalog file; minor units once loaded. */
  price: DecimalStringSchema,
  description: z.string().max(300).default(""),
});

export const FulfilmentSettingsSchema = z
  .object({
    /** Collect at the counter: the default way to receive an order. */
    collection: z.boolean().default(true),
    delivery: z
      .object({
        enabled: z.boolean().default(false),
        options: z.array(DeliveryOptionSchema).default([]),
      })
      .default({ enabled: false, options: [] }),
  })
  .refine((f) => f.collection || (f.delivery.enabled && f.delivery.options.length > 0), {
    message: "offer collection, or delivery with at least one option",
  });
export type FulfilmentSettings = z.infer<typeof FulfilmentSettingsSchema>;

/** IANA time zone names (Africa/Kampala) that this runtime's Intl knows. */
export const TimeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be a time zone name such as "Africa/Kampala" or "UTC"');

export const CatalogFileSchema = z
  .object({
    store: z.object({
      name: z.string().min(1),
      currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as UGX or USD"),
      locale: z.string().default("en"),
      /** The shop's time zone: order numbers restart every day at its midnight. */
      time_zone: TimeZoneSchema.default("UTC"),
      /** The letters before an order number: K-042. */
      order_prefix: z
        .string()
        .regex(/^[A-Z]{1,3}$/, "must be 1-3 capital letters, such as K")
        .default("K"),
      fulfilment: FulfilmentSettingsSchema.default({
        collection: true,
        delivery: { enabled: false, options: [] },
      }),
    }),
    categories: z.array(CategorySchema).min(1),
    products: z.array(ProductSchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    const categoryIds = new Set(catalog.categories.map((c) => c.id));
    const productIds = new Set<string>();
    catalog.products.forEach((product, i) => {
      if (productIds.has(product.id)) {
        ctx.addIssue({ code: "custom", path: ["products", i, "id"], message: `duplicate id ${product.id}` });
      }
      productIds.add(product.id);
      if (!categoryIds.has(product.category)) {
        ctx.addIssue({
          code: "custom",
          path: ["products", i, "category"],
          message: `unknown category ${product.category}`,
        });
      }
      const axes = new Map(product.options.map((axis) => [axis.name, new Set(axis.values)]));
      product.variants.forEach((variant, j) => {
        for (const [name, value] of Object.entries(variant.options)) {
          if (!axes.get(name)?.has(value)) {
            ctx.addIssue({
              code: "custom",
              path: ["products", i, "variants", j, "options", name],
              message: `"${value}" is not a listed value of option "${name}"`,
            });
          }
        }
      });
    });
  });

export type CatalogFile = z.infer<typeof CatalogFileSchema>;
export type ProductRecord = z.infer<typeof ProductSchema>;
export type VariantRecord = z.infer<typeof VariantSchema>;
export type Category = z.infer<typeof CategorySchema>;

/** A customer's choice of option values, such as `{ color: "blue", size: "M" }`. */
export const OptionChoiceSchema = z.record(z.string().min(1).max(40), z.string().min(1).max(80));
export type OptionChoice = z.infer<typeof OptionChoiceSchema>;

/** What the renderer and the assistant see of a product: prices in minor units, image as a URL. */
export const ProductViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  image_url: z.string(),
  price: z.number().int(),
  available: z.boolean(),
  options: z.array(OptionAxisSchema),
  variants: z.array(
    z.object({
      id: z.string(),
      options: z.record(z.string(), z.string()),
      price: z.number().int(),
      available: z.boolean(),
    }),
  ),
});
export type ProductView = z.infer<typeof ProductViewSchema>;

export const ProductSummarySchema = ProductViewSchema.pick({
  id: true,
  name: true,
  category: true,
  image_url: true,
  price: true,
  available: true,
}).extend({ has_options: z.boolean() });
export type ProductSummary = z.infer<typeof ProductSummarySchema>;

export const StoreInfoSchema = z.object({
  name: z.string(),
  currency: z.string(),
  locale: z.string(),
  /** The shop's IANA time zone: receipts and order days are in it, not in the screen's. */
  time_zone: z.string(),
});
export type StoreInfo = z.infer<typeof StoreInfoSchema>;
