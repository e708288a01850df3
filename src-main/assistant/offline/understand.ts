import type { ProductView } from "../../../src-shared/catalog.js";
import type { Catalog } from "../../catalog/catalog.js";
import type { PendingState } from "../turn-context.js";
import { functionWords, lexiconOf, type Lexicon } from "./lexicon.js";
import { firstQuantity, parse, type Mention, type Reading } from "./parse.js";
import type { QuantityMatch } from "./spans.js";
import {
  decideVariant,
  readOptions,
  satisfies,
  type OptionConstraint,
  type VariantDecision,
} from "./product-match.js";

/**
 * From the parser's reading of a message (parse.ts) to what the offline assistant will do: the
 * products and variants an add means (slot filling), the line a change is about, the answer to
 * the question it asked last. Deterministic: the same sentence in the same conversation always
 * leads to the same tool calls. When it cannot be sure, it asks rather than writes.
 */

export type AddItem =
  | { kind: "ready"; product: ProductView; quantity: number; options: Record<string, string> }
  | {
      kind: "ask_variant";
      product: ProductView;
      quantity: number;
      constraints: OptionConstraint[];
      decision: Exclude<VariantDecision, { kind: "chosen" }>;
    }
  | { kind: "ask_product"; candidates: ProductView[]; quantity: number; phrase: string }
  | { kind: "unknown_product"; phrase: string };

type LastChange = Extract<PendingState, { kind: "last_change" }>;

export type Intent =
  | { kind: "add"; items: AddItem[] }
  | { kind: "search"; query: string; minPrice?: number; maxPrice?: number }
  | { kind: "details"; product: ProductView | undefined; phrase: string }
  | { kind: "view_cart" }
  | { kind: "remove"; reading: Reading; quantity: number | undefined }
  /** `items`: what to add instead when the product named is not in the cart ("actually, two nasal sprays"). */
  | { kind: "update"; reading: Reading; quantity: number; items: AddItem[] }
  /** Replace the last change: its quantity ("actually just 2") and/or its options ("no wait, blue"). */
  | {
      kind: "correct";
      last: LastChange;
      quantity: number | undefined;
      /** "just 2": the quantity is the line's, not the last change's. */
      total: boolean;
      replacement: AddItem | undefined;
    }
  | { kind: "request_clear" }
  | { kind: "confirm_clear" }
  | { kind: "keep_cart" }
  | { kind: "nothing" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "checkout" }
  | { kind: "help" };

export interface UnderstandContext {
  catalog: Catalog;
  pending: PendingState | undefined;
}

export function understand(message: string, context: UnderstandContext): Intent {
  const lexicon = lexiconOf(context.catalog);
  const { pending } = context;
  const reading = parse(message, { lexicon, pending });
  return intentOf(reading, lexicon, pending);
}

export function intentOf(reading: Reading, lexicon: Lexicon, pending: PendingState | undefined): Intent {
  const { catalog } = lexicon;
  const kind = reading.intent;
  const choosing = pending?.kind === "choose_variant" || pending?.kind === "choose_product";
  // An answer to the question asked last comes before a new request, unless it clearly is one.
  const namedNow = reading.mentions.some((m) => m.named);
  // "the cheapest" is an answer, "do you have cheaper headphones" a new search.
  const newRequest =
    ["clear", "remove", "update", "view_cart", "checkout", "details", "nothing", "help"].includes(
      kind ?? "",
    ) ||
    (kind === "search" && (namedNow || reading.price !== undefined));
  if (choosing && !newRequest) {
    const answer = answerToChoice(reading, pending, lexicon);
    if (answer) return answer;
    if (kind === "correct" && reading.quantity && pending.kind === "choose_variant") {
      const product = catalog.product(pending.product_id);
      if (product) {
        const earlier = Object.entries(pending.options).map(([axis, values]) => ({ axes: [axis], values }));
        return { kind: "add", items: [itemFor(product, earlier, reading.quantity.value)] };
      }
    }
  }
  switch (kind) {
    case "confirm":
      return { kind: "confirm_clear" };
    case "decline":
      return { kind: "keep_cart" };
    case "clear":
      return { kind: "request_clear" };
    case "nothing":
      return { kind: "nothing" };
    case "correct":
      return correction(reading, lexicon, pending as LastChange);
    case "remove": {
      const q = reading.quantity;
      return { kind: "remove", reading, quantity: q && !q.article ? q.value : undefined };
    }
    case "update":
      return {
        kind: "update",
        reading,
        quantity: reading.quantity!.value,
        items: readItems(reading, lexicon),
      };
    case "view_cart":
      return { kind: "view_cart" };
    case "checkout":
      return { kind: "checkout" };
    case "details": {
      const mention = reading.mentions.find((m) => m.named);
      const product =
        mention?.products.length === 1
          ? mention.products[0]
          : !mention && pending?.kind === "last_change"
            ? catalog.product(pending.product_id)
            : undefined;
      return { kind: "details", product, phrase: phraseOf(reading) };
    }
    case "search":
      return searchIntent(reading);
    case "another":
      return another(reading, lexicon, pending as LastChange);
    case "greeting":
      return { kind: "greeting" };
    case "thanks":
      return { kind: "thanks" };
    case "help":
      return { kind: "help" };
    case "add": {
      const sameAgain = optionsForLastChange(reading, lexicon, pending);
      if (sameAgain) return sameAgain;
      const items = readItems(reading, lexicon);
      if (items.length > 0) return { kind: "add", items };
      break;
    }
  }
  const sameAgain = kind === undefined ? optionsForLastChange(reading, lexicon, pending) : undefined;
  if (sameAgain) return sameAgain;
  // No intent word: a product named with a number is an order, without one a look at the choices.
  const named = reading.mentions.filter((m) => m.named);
  if (named.length || reading.categories.length || reading.price) {
    // "a teddy bear please", "and a nasal spray", "2 balloon bouquets", "a green backpack": an
    // order. A bare name ("headphones") is a look at what there is, unless it has options to
    // choose (then the question is the answer; nothing is written).
    const ordered =
      (reading.quantity !== undefined && !reading.price) ||
      named.length > 1 ||
      named.some((m) => m.constraints.length) ||
      reading.raw.some((w) => orderWords.has(w)) ||
      (named.length === 1 &&
        named[0]!.products.length === 1 &&
        decideVariant(named[0]!.products[0]!, []).kind !== "chosen");
    if (ordered && !reading.price) return { kind: "add", items: readItems(reading, lexicon) };
    return searchIntent(reading);
  }
  return { kind: "help" };
}

/** Words that make a bare product name an order: "a teddy bear please", "nappy cream too". */
const orderWords = new Set(["a", "an", "some", "please", "pls", "too", "also", "and", "plus"]);

/** What the customer said, without the words of the request: a search query. */
function phraseOf(reading: Reading, skip: ReadonlySet<number> = new Set()): string {
  const priceAt = reading.price;
  return reading.raw
    .filter(
      (w, i) =>
        !skip.has(i) &&
        !(priceAt && i >= priceAt.start && i < priceAt.end) &&
        !functionWords.has(reading.spoken[i]!) &&
        !requestWords.has(w) &&
        !/^\d+(\.\d+)?$/.test(w),
    )
    .join(" ");
}

const requestWords = new Set(
  (
    "sell stock carry browse recommend suggest cheap cheapest affordable under below less than cheaper over " +
    "above between at most least max maximum min minimum prices products product shop store available options option " +
    "info information detail details describe kinds kind types type sort got any anything something come comes " +
    "do you have looking please want like need would could tell me about show find search idea ideas else"
  ).split(" "),
);

function searchIntent(reading: Reading): Intent {
  return {
    kind: "search",
    query: phraseOf(reading),
    minPrice: reading.price?.min,
    maxPrice: reading.price?.max,
  };
}

/** The items of an add: one per product mention, with its options and quantity. */
function readItems(reading: Reading, lexicon: Lexicon): AddItem[] {
  return reading.mentions.map((m) => itemOfMention(m, reading, lexicon)).filter((i): i is AddItem => !!i);
}

function itemOfMention(mention: Mention, reading: Reading, lexicon: Lexicon): AddItem | undefined {
  const quantity = mention.quantity?.value ?? 1;
  if (mention.named && mention.products.length === 1)
    return itemFor(mention.products[0]!, mention.constraints, quantity);
  const skip = new Set<number>();
  for (let i = 0; i < reading.raw.length; i++) if (i < mention.from || i >= mention.to) skip.add(i);
  const phrase = phraseOf(reading, skip);
  if (mention.named && mention.products.length > 1) {
    // Options said narrow the choice: "a cake, 2 kg" only among the cakes sold in 2 kg.
    // In the order the catalog search ranks them for what was said.
    const ranked = lexicon.catalog.search(phrase || reading.said).map((h) => h.product.id);
    const rank = (p: ProductView) => (ranked.includes(p.id) ? ranked.indexOf(p.id) : ranked.length);
    const candidates = [...mention.products].sort((a, b) => rank(a) - rank(b));
    return { kind: "ask_product", candidates, quantity, phrase };
  }
  const words = reading.spoken.filter((w, i) => !skip.has(i) && !functionWords.has(w));
  if (words.length === 0) return undefined;
  // A category ("a cake" when no product's name has it) or the search's best guesses.
  const inCategory = lexicon.namedCategories(reading.spoken, skip);
  const candidates = inCategory.length
    ? lexicon.catalog.allProducts().filter((p) => inCategory.includes(p.category))
    : [];
  if (candidates.length === 1) return itemFor(candidates[0]!, [], quantity);
  if (candidates.length > 1) return { kind: "ask_product", candidates, quantity, phrase };
  return { kind: "unknown_product", phrase: phrase || words.join(" ") };
}

/** Slot filling: the variant that matches every option said, or the question about the open ones. */
export function itemFor(product: ProductView, constraints: OptionConstraint[], quantity: number): AddItem {
  const decision = decideVariant(product, constraints);
  if (decision.kind === "chosen") return { kind: "ready", product, quantity, options: decision.options };
  return { kind: "ask_variant", product, quantity, constraints, decision };
}

/** What is said now replaces what was said before on the same axes. */
function merged(earlier: OptionConstraint[], said: OptionConstraint[]): OptionConstraint[] {
  return [...earlier.filter((c) => !said.some((s) => s.axes.some((a) => c.axes.includes(a)))), ...said];
}

/** The options of the last change as constraints, with what is said now on the same axes replacing them. */
function lastChangeWith(last: LastChange, said: OptionConstraint[]): OptionConstraint[] {
  const earlier = Object.entries(last.options).map(([axis, value]) => ({ axes: [axis], values: [value] }));
  return merged(earlier, said);
}

function saidOptionsFor(reading: Reading, lexicon: Lexicon, product: ProductView): OptionConstraint[] {
  return readOptions(lexicon, product, reading.spoken, reading.said).constraints;
}

/** "and an A5 one", "a blue one too": options of the product just added, no product named. */
function optionsForLastChange(
  reading: Reading,
  lexicon: Lexicon,
  pending: PendingState | undefined,
): Intent | undefined {
  if (pending?.kind !== "last_change" || reading.mentions.some((m) => m.named)) return undefined;
  const product = lexicon.catalog.product(pending.product_id);
  if (!product || saidOptionsFor(reading, lexicon, product).length === 0) return undefined;
  return another(reading, lexicon, pending);
}

/** "actually just 2", "make that 3", "no wait, blue": the last change, replaced. */
function correction(reading: Reading, lexicon: Lexicon, last: LastChange): Intent {
  const product = lexicon.catalog.product(last.product_id);
  const options = product ? readOptions(lexicon, product, reading.spoken, reading.said) : undefined;
  const said = options?.constraints ?? [];
  // "actually size 9 in white": the 9 is the size, not how many.
  const q = quantityBesides(reading, options?.used, product);
  const quantity = q && !q.article ? q.value : undefined;
  // "just 2", "only one": the line is to hold that many, whatever the last change added.
  const total = reading.raw.some((w) => totalWords.has(w)) && !reading.raw.includes("more");
  if (!product || said.length === 0) {
    if (quantity === undefined) return { kind: "help" };
    return { kind: "correct", last, quantity, total, replacement: undefined };
  }
  const count = quantity ?? (last.added || 1);
  return {
    kind: "correct",
    last,
    quantity,
    total,
    replacement: closestItem(product, said, last, count),
  };
}

const totalWords = new Set(["just", "only"]);

/** The quantity said, outside the words that named options. */
function quantityBesides(
  reading: Reading,
  used: ReadonlySet<number> | undefined,
  product: ProductView | undefined,
): QuantityMatch | undefined {
  const q = reading.quantity;
  if (!q || !used || ![...Array(q.end - q.start).keys()].some((k) => used.has(q.start + k))) return q;
  return firstQuantity(reading.raw, reading.spoken, used, product);
}

/** "another one", "the same in blue", "two more": the last change again, options as said. */
function another(reading: Reading, lexicon: Lexicon, last: LastChange): Intent {
  const product = lexicon.catalog.product(last.product_id);
  if (!product) return { kind: "help" };
  const options = readOptions(lexicon, product, reading.spoken, reading.said);
  const q = quantityBesides(reading, options.used, product);
  const quantity = q && !q.article ? q.value : 1;
  return { kind: "add", items: [closestItem(product, options.constraints, last, quantity, true)] };
}

/**
 * The last change's product with what is said now: its other options kept where a variant has
 * them, else the available variant that keeps most of them ("the same in pink" when the pink one
 * comes in another thickness).
 */
function closestItem(
  product: ProductView,
  said: OptionConstraint[],
  last: LastChange,
  quantity: number,
  sameRest = false,
): AddItem {
  const exact = itemFor(product, lastChangeWith(last, said), quantity);
  if (exact.kind === "ready" || said.length === 0 || product.variants.length === 0) return exact;
  // "the same in cherry" when the cherry one is sold out: say so, rather than change what else was
  // chosen; a correction ("make it cherry") names what matters, so the closest one in stock will do.
  if (sameRest && exact.kind === "ask_variant" && exact.decision.kind === "sold_out") return exact;
  const fitting = product.variants.filter((v) => v.available && satisfies(v.options, said));
  const kept = (v: (typeof fitting)[number]) =>
    Object.entries(last.options).filter(([axis, value]) => v.options[axis] === value).length;
  const most = Math.max(-1, ...fitting.map(kept));
  const closest = fitting.filter((v) => kept(v) === most);
  if (closest.length === 1) return { kind: "ready", product, quantity, options: { ...closest[0]!.options } };
  return itemFor(product, said, quantity);
}

/** The price a choice is sold at, for "the cheaper one". */
function priceOf(product: ProductView, options: Record<string, string>): number {
  const variant = product.variants.find((v) =>
    Object.entries(options).every(([a, val]) => v.options[a] === val),
  );
  return variant?.price ?? product.price;
}

/** The customer's answer to "which one?": a position, "the cheaper one", option values, or a product name. */
function answerToChoice(
  reading: Reading,
  pending: Extract<PendingState, { kind: "choose_variant" | "choose_product" }>,
  lexicon: Lexicon,
): Intent | undefined {
  const { catalog } = lexicon;
  const count = pending.kind === "choose_variant" ? pending.choices.length : pending.product_ids.length;
  let position = reading.ordinal === -1 ? count : reading.ordinal;
  // A bare number answers a numbered list: "2", "2 please", "number 2".
  const bare = reading.raw.filter((w) => !functionWords.has(w) && w !== "please");
  if (
    position === undefined &&
    bare.length === 1 &&
    /^\d$/.test(bare[0]!) &&
    Number(bare[0]) <= count &&
    count > 0
  )
    position = Number(bare[0]);
  const cheapest = reading.references.includes("cheapest");
  const dearest = reading.references.includes("dearest");
  const biggest = reading.references.includes("biggest");
  const smallest = reading.references.includes("smallest");
  const quantity = (fallback: number) =>
    reading.quantity && !reading.quantity.article && position === undefined
      ? reading.quantity.value
      : fallback;

  if (pending.kind === "choose_variant") {
    const product = catalog.product(pending.product_id);
    if (!product) return undefined;
    const earlier = Object.entries(pending.options).map(([axis, values]) => ({ axes: [axis], values }));
    const choices = pending.choices;
    if ((cheapest || dearest) && choices.length) {
      const sorted = [...choices].sort((a, b) => priceOf(product, a) - priceOf(product, b));
      position = choices.indexOf(cheapest ? sorted[0]! : sorted.at(-1)!) + 1;
    }
    if ((biggest || smallest) && choices.length) {
      const sorted = [...choices].sort((a, b) => magnitude(product, a) - magnitude(product, b));
      if (magnitude(product, sorted[0]!) !== magnitude(product, sorted.at(-1)!))
        position = choices.indexOf(biggest ? sorted.at(-1)! : sorted[0]!) + 1;
    }
    if (position !== undefined && choices[position - 1]) {
      const chosen = constraintsOf(choices[position - 1]!);
      return { kind: "add", items: [itemFor(product, merged(earlier, chosen), pending.quantity)] };
    }
    // Another product named: a new request, not an answer.
    const offered = new Set(
      choices.length ? choices.flatMap((c) => Object.values(c)) : product.options.flatMap((a) => a.values),
    );
    const options = readOptions(lexicon, product, reading.spoken, reading.said, new Set(), offered);
    const said = options.constraints;
    // Words that are option values ("laptop" compartment) do not name another product.
    const other = lexicon.bestProducts(reading.spoken, options.used);
    if (other.named && !other.products.includes(product)) return undefined;
    if (said.length === 0) return undefined;
    // "an 18W one" when the choices listed were a 9W pin bulb and an 18W screw one: the one it fits.
    const fitting = choices.filter((c) => satisfies(c, said));
    const answer = fitting.length === 1 ? merged(earlier, constraintsOf(fitting[0]!)) : merged(earlier, said);
    const q = reading.quantity;
    // "size 9", "24 tablets": the number is the option, not how many.
    const usedByOptions =
      q !== undefined && [...Array(q.end - q.start).keys()].some((k) => options.used.has(q.start + k));
    const amount = q && !q.article && !usedByOptions ? q.value : pending.quantity;
    const item = itemFor(product, answer, amount);
    if (item.kind === "ready" || fitting.length === 1) return { kind: "add", items: [item] };
    // "ok then an 18W one" after "the pin one is sold out in 12W": what is said now, with as much
    // of what was said before as is sold with it, when that is one variant.
    const inStock = product.variants.filter((v) => v.available && satisfies(v.options, said));
    const kept = (v: (typeof inStock)[number]) => earlier.filter((c) => satisfies(v.options, [c])).length;
    const most = Math.max(-1, ...inStock.map(kept));
    const closest = inStock.filter((v) => kept(v) === most);
    if (closest.length === 1)
      return { kind: "add", items: [itemFor(product, constraintsOf(closest[0]!.options), amount)] };
    return { kind: "add", items: [item] };
  }
  const candidates = pending.product_ids
    .map((id) => catalog.product(id))
    .filter((p): p is ProductView => !!p);
  let chosen: ProductView | undefined;
  if (cheapest || dearest) {
    const sorted = [...candidates].sort((a, b) => a.price - b.price);
    chosen = cheapest ? sorted[0] : sorted.at(-1);
  } else if (position !== undefined) chosen = candidates[position - 1];
  else {
    const best = lexicon.bestProducts(reading.spoken, new Set(), candidates);
    if (best.products.length === 1) chosen = best.products[0];
    else if (!reading.mentions.some((m) => m.named)) {
      // "the 400mg one", "I'll take one in white": the listed product that has what is said.
      const fitting = candidates.filter((c) => saidOptionsFor(reading, lexicon, c).length > 0);
      if (fitting.length === 1) chosen = fitting[0];
      else if (candidates.length === 1 && (reading.intent === "add" || reading.references.length > 0))
        chosen = candidates[0];
    }
  }
  if (!chosen) return undefined;
  const said = saidOptionsFor(reading, lexicon, chosen);
  return { kind: "add", items: [itemFor(chosen, said, quantity(pending.quantity))] };
}

/** A full choice of options as constraints. */
function constraintsOf(choice: Record<string, string>): OptionConstraint[] {
  return Object.entries(choice).map(([axis, value]) => ({ axes: [axis], values: [value] }));
}

/** How big a choice is, for "the bigger one": the number in its values, or small < medium < large. */
function magnitude(product: ProductView, options: Record<string, string>): number {
  const scale = ["extra small", "small", "medium", "large", "extra large"];
  let total = 0;
  for (const axis of product.options) {
    const value = options[axis.name]?.toLowerCase();
    if (!value) continue;
    const number = /(\d+(?:\.\d+)?)/.exec(value);
    if (number) total += Number(number[1]) * (/\bl\b|liter|litre|\dl$/.test(value) ? 1000 : 1);
    else if (scale.includes(value)) total += scale.indexOf(value);
  }
  return total;
}
