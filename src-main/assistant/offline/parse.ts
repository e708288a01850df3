import type { ProductView } from "../../../src-shared/catalog.js";
import type { PendingState } from "../turn-context.js";
import {
  chooseIntent,
  compiledRules,
  indexOfSequence,
  triggerWords,
  wantPhrases,
  type Facts,
  type IntentKind,
} from "./intents.js";
import { functionWords, type Lexicon } from "./lexicon.js";
import { isMeasureUnit, norms, tokenize, type Token } from "./normalize.js";
import { decideVariant, mayNameOptions, readOptions, type OptionConstraint } from "./product-match.js";
import {
  negationsIn,
  ordinalIn,
  priceLimitIn,
  quantityAt,
  referencesIn,
  type PriceLimit,
  type QuantityMatch,
  type Reference,
} from "./spans.js";

/**
 * The offline assistant's parser: a message as tagged spans (quantities, products, option values,
 * categories, price limits, ordinals, references, intent words, negation) and the intent they add
 * up to. Pure and synchronous: the catalog comes in as its lexicon, the conversation as the
 * question the last reply left open.
 */

export type Span = { start: number; end: number } & (
  | { kind: "quantity"; value: number }
  | { kind: "product"; products: string[] }
  | { kind: "option"; axes: string[]; values: string[]; product: string }
  | { kind: "category"; categories: string[] }
  | { kind: "price"; min?: number; max?: number }
  | { kind: "ordinal"; position: number }
  | { kind: "reference"; reference: Reference }
  | { kind: "intent"; intent: IntentKind }
  | { kind: "negation" }
);

/** One mention of a product (or of several that fit equally) and what is said about it. */
export interface Mention {
  /** Word positions of this mention's part of the sentence. */
  from: number;
  to: number;
  products: ProductView[];
  /** Whether the product's head noun or most of its name was said, not just a stray word. */
  named: boolean;
  /** Options said, read against the first product. */
  constraints: OptionConstraint[];
  quantity: QuantityMatch | undefined;
  /** Positions taken by the product name and the options. */
  used: Set<number>;
  /** Positions taken by the product's name alone. */
  nameAt: Set<number>;
}

export interface Reading {
  said: string;
  tokens: Token[];
  /** The words as written (lower case, American spelling): what intent words are matched on. */
  raw: string[];
  /** The words compared with the catalog (singular, units in one form). */
  spoken: string[];
  mentions: Mention[];
  categories: string[];
  quantity: QuantityMatch | undefined;
  ordinal: number | undefined;
  references: Reference[];
  price: PriceLimit | undefined;
  negated: boolean;
  intent: IntentKind | undefined;
  spans: Span[];
}

export interface ParseContext {
  lexicon: Lexicon;
  pending: PendingState | undefined;
}

const selfCorrections = new Set(["no", "sorry", "actually", "wait", "oops", "rather"]);

/** Words that join two mentions: "a cake and two balloons", "a hat, a banner". */
const joiners = new Set(["and", "plus", "also", "with", "then"]);

export function parse(said: string, context: ParseContext): Reading {
  const { lexicon, pending } = context;
  const tokens = tokenize(said);
  const raw = tokens.map((t) => t.raw);
  const spoken = tokens.map((t) => t.norm);
  const currencyWords = new Set([
    "$",
    "£",
    "€",
    "dollar",
    "usd",
    "ugx",
    "shs",
    "sh",
    "ush",
    "buck",
    "kes",
    "eur",
    "gbp",
  ]);
  const code = lexicon.catalog.store.currency.toLowerCase();
  currencyWords.add(code);
  const price = priceLimitIn(spoken, currencyWords);
  const ordinal = ordinalIn(raw, pending?.kind === "choose_variant" || pending?.kind === "choose_product");
  const references = referencesIn(raw);
  const negations = negationsIn(raw);
  const reserved = new Set<number>();
  const reserve = (start: number, end: number) => {
    for (let i = start; i < end; i++) reserved.add(i);
  };
  if (price) reserve(price.start, price.end);
  if (ordinal) reserve(ordinal.start, ordinal.end);
  // "2 blue glass... no, a black glass bottle": what comes after the self-correction counts.
  for (let i = 1; i < tokens.length; i++) {
    const restart =
      tokens[i - 1]!.breakAfter &&
      (selfCorrections.has(raw[i]!) || (raw[i] === "i" && raw[i + 1] === "mean"));
    if (restart && lexicon.bestProducts(spoken, new Set([...Array(i).keys()])).named) reserve(0, i);
  }

  const mentions = readMentions(lexicon, tokens, spoken, raw, said, reserved);
  if (pending?.kind === "last_change") {
    // "the same with a screw fitting": words that are options of the product just added do not
    // name another product (here the screws).
    const last = lexicon.catalog.product(pending.product_id);
    const options = last ? readOptions(lexicon, last, spoken, said, reserved) : undefined;
    for (const m of mentions) {
      // Also when the product just added is among them: "the 10 tablet packs" is its pack size.
      if (!last || !options || !m.named) continue;
      const name = lexicon.products.find((p) => p.product === m.products[0])!.words;
      const at = lexicon.nameMatch(name, spoken, reserved).used;
      if (at.length > 0 && at.every((u) => options.used.has(u))) m.named = false;
    }
  }
  const used = new Set<number>(reserved);
  mentions.forEach((m) => m.used.forEach((u) => used.add(u)));
  const categories = lexicon.namedCategories(spoken, used);
  const quantity =
    mentions.find((m) => m.quantity && !m.quantity.article)?.quantity ?? firstQuantity(raw, spoken, used);
  const named = mentions.some((m) => m.named);
  const anyOption =
    mentions.some((m) => m.constraints.length > 0) ||
    (!named && optionsAnywhere(lexicon, spoken, said, used, pending).length > 0);
  // A word of a product's name is not an intent word: "a gift bag to put it in" asks for no cart.
  // Only where more of the name is said: "clear the basket" is still the cart.
  const nameAt = new Set(mentions.filter((m) => m.named && m.nameAt.size > 1).flatMap((m) => [...m.nameAt]));
  const intentWords = raw.map((w, i) => (nameAt.has(i) ? "" : w));
  const settled = mentions.some(
    (m) =>
      m.named &&
      m.products.length === 1 &&
      m.constraints.length > 0 &&
      decideVariant(m.products[0]!, m.constraints).kind === "chosen",
  );
  const negatedName = mentions.some((m) => {
    if (!m.named || m.nameAt.size === 0) return false;
    let at = Math.min(...m.nameAt) - 1;
    while (at >= 0 && ["the", "a", "an", "any", "more", "my", "those", "these"].includes(raw[at]!)) at--;
    return at >= 0 && negations.includes(at);
  });
  // A stray word of a name ("roses" of Red Rose Bouquet, "rose" being a colour too) is left over.
  const claimed = new Set(reserved);
  mentions.filter((m) => m.named).forEach((m) => m.used.forEach((u) => claimed.add(u)));
  const leftover = raw.some(
    (w, i) =>
      !claimed.has(i) &&
      !functionWords.has(spoken[i]!) &&
      !triggerWords.has(w) &&
      !negations.includes(i) &&
      !/^\d/.test(w),
  );
  const facts: Facts = {
    words: raw.length,
    negatedName,
    leftover,
    product: named,
    option: anyOption,
    quantity: quantity !== undefined && !quantity.article,
    reference: references.some((r) => r.reference === "it" || r.reference === "same"),
    ordinal: ordinal !== undefined,
    price: price !== undefined,
    category: categories.length > 0,
    negated: negations.length > 0,
    oneProduct: mentions.some((m) => m.named && m.products.length === 1),
    wanted: wantPhrases.some((phrase) => indexOfSequence(intentWords, phrase.split(" ")) >= 0),
    settled,
    confirming: pending?.kind === "confirm_clear",
    choosing: pending?.kind === "choose_variant" || pending?.kind === "choose_product",
    lastChange: pending?.kind === "last_change",
  };
  const intent = chooseIntent(intentWords, facts);

  const spans: Span[] = [];
  if (quantity)
    spans.push({ kind: "quantity", value: quantity.value, start: quantity.start, end: quantity.end });
  for (const m of mentions) {
    if (m.products.length && m.named) {
      const positions = [...m.used].filter((p) => p >= m.from && p < m.to).sort((a, b) => a - b);
      const nameAt = positions;
      spans.push({
        kind: "product",
        products: m.products.map((p) => p.id),
        start: nameAt[0] ?? m.from,
        end: (nameAt.at(-1) ?? m.from) + 1,
      });
    }
    for (const c of m.constraints)
      spans.push({
        kind: "option",
        axes: c.axes,
        values: c.values,
        product: m.products[0]!.id,
        start: m.from,
        end: m.to,
      });
  }
  if (categories.length) spans.push({ kind: "category", categories, start: 0, end: raw.length });
  if (price)
    spans.push({ kind: "price", min: price.min, max: price.max, start: price.start, end: price.end });
  if (ordinal)
    spans.push({ kind: "ordinal", position: ordinal.position, start: ordinal.start, end: ordinal.end });
  for (const r of references) spans.push({ kind: "reference", ...r });
  for (const n of negations) spans.push({ kind: "negation", start: n, end: n + 1 });
  for (const { rule, triggers } of compiledRules) {
    for (const t of triggers) {
      const part = t.parts[0]!;
      const at = t.parts.length === 1 ? indexOfSequence(raw, part) : -1;
      if (at >= 0) spans.push({ kind: "intent", intent: rule.kind, start: at, end: at + part.length });
    }
  }
  return {
    said,
    tokens,
    raw,
    spoken,
    mentions,
    categories,
    quantity,
    ordinal: ordinal?.position,
    references: references.map((r) => r.reference),
    price,
    negated: negations.length > 0,
    intent,
    spans: spans.sort((a, b) => a.start - b.start),
  };
}

/**
 * The first quantity said on purpose outside the positions taken ("remove one", "make it 3"). A
 * number before a unit is a measure ("400 mg"), unless the product it is said of has no option in
 * that unit: "20 metres of copper wire" is twenty of a product sold by the metre.
 */
export function firstQuantity(
  raw: readonly string[],
  spoken: readonly string[],
  used: ReadonlySet<number>,
  product?: ProductView,
): QuantityMatch | undefined {
  const units = product ? unitsOf(product) : undefined;
  let article: QuantityMatch | undefined;
  let one: QuantityMatch | undefined;
  for (let i = 0; i < raw.length; i++) {
    if (used.has(i)) continue;
    const q = quantityAt(raw, i);
    if (!q || [...Array(q.end - q.start).keys()].some((k) => used.has(q.start + k))) continue;
    // "400 mg", "5 m": a measure, not how many.
    if (isMeasureUnit(spoken[q.end]) && (!units || units.has(spoken[q.end]!))) continue;
    if (raw[i] === "one" && q.end === i + 1) {
      // "the blue one", "that one in M": a choice, not a number; "take off one hat", "make it one": a number.
      const next = raw[i + 1];
      const counted =
        i === 0 || quantityVerbs.has(raw[i - 1]!) || (next !== undefined && !afterChoice.has(next));
      if (counted) one ??= q;
      continue;
    }
    if (!q.article) return q;
    article ??= q;
    i = q.end - 1;
  }
  return one ?? article;
}

/**
 * "ibuprofen 400", "bolts M8": a bare number right after the product's name is the one value of
 * the product that has that number ("400mg"), when no value of that axis was said.
 */
function numberAfterName(product: ProductView, m: Mention, raw: readonly string[]): void {
  for (const p of [...m.nameAt].sort((a, b) => a - b)) {
    // "vitamin c 1000": a letter of the name the parser did not count is still the name.
    let at = p + 1;
    if (/^[a-z]$/.test(raw[at] ?? "")) at++;
    const word = raw[at];
    if (at >= m.to || word === undefined || !/^\d+(\.\d+)?$/.test(word) || m.used.has(at)) continue;
    const fits = product.options.flatMap((axis) =>
      axis.values
        .filter((v) => norms(v).length > 1 && norms(v)[0] === word)
        .map((value) => ({ axis, value })),
    );
    if (fits.length !== 1 || m.constraints.some((c) => c.axes.includes(fits[0]!.axis.name))) continue;
    m.constraints.push({ axes: [fits[0]!.axis.name], values: [fits[0]!.value] });
    m.used.add(at);
    return;
  }
}

/** The units of measure a product's option values are given in ("mm" for a 2.5mm gauge). */
function unitsOf(product: ProductView): Set<string> {
  return new Set(product.options.flatMap((a) => a.values.flatMap(norms)).filter(isMeasureUnit));
}

/** Words after "one" that make it "the one": "the blue one in M", "that one please". */
const afterChoice = new Set([
  "please",
  "in",
  "with",
  "for",
  "too",
  "then",
  "instead",
  "thanks",
  "of",
  "but",
  "and",
  "or",
  "there",
  "here",
]);

const quantityVerbs = new Set([
  "want",
  "need",
  "take",
  "add",
  "get",
  "just",
  "only",
  "buy",
  "have",
  "to",
  "make",
  "it",
  "that",
  "remove",
  "delete",
  "drop",
  "give",
  "grab",
  "order",
  "of",
  "another",
  "wait",
  "actually",
  "be",
]);

/**
 * Splits the sentence into mentions of products: "2 balloon bouquets and a birthday banner in
 * silver" is two; "blue, size M" after "a t-shirt" adds options to the one before; "coffee & tea
 * hamper" stays one product although it has an "and" in it.
 */
function readMentions(
  lexicon: Lexicon,
  tokens: readonly Token[],
  spoken: readonly string[],
  raw: readonly string[],
  said: string,
  reserved: ReadonlySet<number>,
): Mention[] {
  const segments: Array<[number, number]> = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const joiner = joiners.has(raw[i]!) && i > from;
    if (joiner) {
      segments.push([from, i]);
      from = i;
    } else if (tokens[i]!.breakAfter) {
      segments.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < tokens.length) segments.push([from, tokens.length]);

  const mentions: Mention[] = [];
  const outside = (a: number, b: number) => {
    const skip = new Set(reserved);
    for (let i = 0; i < spoken.length; i++) if (i < a || i >= b) skip.add(i);
    return skip;
  };
  for (const [a, b] of segments) {
    const previous = mentions.at(-1);
    // Options of the product before come first: "not water resistant" is the speaker's option.
    const earlier = previous?.products[0]
      ? readOptions(lexicon, previous.products[0], spoken, said, outside(a, b))
      : undefined;
    const skip = outside(a, b);
    earlier?.used.forEach((u) => skip.add(u));
    let best = lexicon.bestProducts(spoken, skip);
    // "ORS" for Oral Rehydration Salts: a name said by its initials.
    if (!best.named) {
      const at = raw.findIndex((w, i) => i >= a && i < b && !reserved.has(i) && lexicon.byInitials(w));
      if (at >= 0)
        best = {
          products: [lexicon.byInitials(raw[at]!)!],
          score: 3,
          used: new Set([at]),
          complete: true,
          named: true,
        };
    }
    // After a product, a new one needs a word of its name said as such: a word that is only a
    // typo of one ("3 sheets" for "shirt", "for a gas stove" for "shoe") is more about the first.
    const named = best.named && !(previous?.named && !saidExactly(lexicon, best.products, spoken, best.used));
    if (previous && !previous.named && named) {
      // "a black, large, polyester backpack": the words before the name are about it.
      previous.to = b;
      previous.products = best.products;
      previous.named = true;
      previous.used = new Set(best.used);
      previous.nameAt = new Set(best.used);
      continue;
    }
    // "coffee & tea hamper": the rest of the same name; "a number 7 candle and a number 1 candle"
    // says the name's words again, so it is another line.
    const saidBefore = new Set([...(previous?.used ?? [])].map((i) => spoken[i]));
    const restOfName =
      previous !== undefined &&
      best.products.length > 0 &&
      best.products.every((p) => previous.products.includes(p)) &&
      ![...best.used].some((i) => saidBefore.has(spoken[i]));
    if (previous && (!named || restOfName)) {
      // "blue, size M" after "a t-shirt": more about the product before.
      previous.to = b;
      if (named) best.used.forEach((u) => (previous.used.add(u), previous.nameAt.add(u)));
      continue;
    }
    mentions.push({
      from: a,
      to: b,
      products: best.products,
      named,
      constraints: [],
      quantity: undefined,
      used: new Set(best.used),
      nameAt: new Set(best.used),
    });
  }
  for (const m of mentions) {
    const skip = outside(m.from, m.to);
    m.used.forEach((u) => skip.add(u));
    if (m.products.length > 1) {
      // Equally named ("a kettle"): the options said choose between them ("a 1L kettle in black").
      const fits = m.products.map((p) => readOptions(lexicon, p, spoken, said, skip).constraints.length);
      const most = Math.max(...fits);
      if (most > 0) m.products = m.products.filter((_, i) => fits[i] === most);
    }
    const product = m.products.length === 1 || m.named ? m.products[0] : undefined;
    if (product) {
      const reading = readOptions(lexicon, product, spoken, said, skip);
      m.constraints = reading.constraints;
      reading.used.forEach((u) => m.used.add(u));
    }
    if (product) numberAfterName(product, m, raw);
    const taken = new Set([...skip, ...m.used]);
    m.quantity = firstQuantity(raw, spoken, taken, product);
    if (m.quantity) for (let k = m.quantity.start; k < m.quantity.end; k++) m.used.add(k);
  }
  return mentions;
}

/** Whether a word of one of the products' names was said as it is written, not as a typo of it. */
function saidExactly(
  lexicon: Lexicon,
  products: readonly ProductView[],
  spoken: readonly string[],
  used: ReadonlySet<number>,
): boolean {
  const names = lexicon.products.filter((p) => products.includes(p.product)).map((p) => p.words);
  return [...used].some((i) =>
    names.some((words) => words.includes(spoken[i]!) || words.some((w, k) => w + words[k + 1] === spoken[i])),
  );
}

/** Option values said with no product named ("blue", "the 8-inch"), on any product that has them. */
export function optionsAnywhere(
  lexicon: Lexicon,
  spoken: readonly string[],
  said: string,
  skip: ReadonlySet<number>,
  pending: PendingState | undefined,
): Array<{ product: ProductView; constraints: OptionConstraint[] }> {
  const pool =
    pending?.kind === "choose_variant" || pending?.kind === "last_change"
      ? [lexicon.catalog.product(pending.product_id)].filter((p): p is ProductView => !!p)
      : lexicon.products.map((p) => p.product);
  return pool
    .filter((product) => mayNameOptions(lexicon, product, spoken))
    .map((product) => ({
      product,
      constraints: readOptions(lexicon, product, spoken, said, skip).constraints,
    }))
    .filter((r) => r.constraints.length > 0);
}
