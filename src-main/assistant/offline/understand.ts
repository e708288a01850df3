import type { ProductView } from "../../../src-shared/catalog.js";
import type { Catalog } from "../../catalog/catalog.js";
import type { PendingState } from "../turn-context.js";
import {
  constraintsAsChoice,
  decideVariant,
  nameScore,
  readOptions,
  resolveProduct,
  withMatchedOptions,
  type OptionConstraint,
  type VariantDecision,
} from "./product-match.js";
import { fillerWords, normalize, quantityAt, words } from "./words.js";

/**
 * The offline assistant's reading of one customer message: what they want done. Rule-based and
 * deterministic, so the same sentence always leads to the same tool calls; it covers the phrasings
 * a shop counter hears most, and answers with help when it cannot tell.
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

export type Intent =
  | { kind: "add"; items: AddItem[] }
  | { kind: "search"; query: string; minPrice?: number; maxPrice?: number }
  | { kind: "details"; product: ProductView | undefined; phrase: string }
  | { kind: "view_cart" }
  | { kind: "remove"; reference: string[]; quantity: number | undefined; original: string }
  | { kind: "update"; reference: string[]; quantity: number; original: string }
  | { kind: "request_clear" }
  | { kind: "confirm_clear" }
  | { kind: "keep_cart" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "checkout" }
  | { kind: "help" };

export interface UnderstandContext {
  catalog: Catalog;
  pending: PendingState | undefined;
}

const has = (text: string, pattern: RegExp) => pattern.test(text);

const affirmative =
  /^(yes|yeah|yep|yup|ya|sure|ok|okay|confirm|confirmed|i confirm|please do|do it|go ahead|yes please|absolutely|of course|correct|right|clear it|empty it|definitely)\b/;
const negative = /^(no|nope|nah|cancel|don't|dont|do not|keep|stop|never ?mind|wait|not now)\b/;
const greeting = /^(hi|hello|hey|hallo|good (morning|afternoon|evening|day)|howdy|jambo|oli otya)\b/;
const thanks = /^(thanks|thank you|thank u|cheers|great|perfect|awesome|nice|cool|ok thanks|okay thanks)\b/;
const help = /\b(help|what can you do|how does (this|it) work|how do i|who are you|what are you)\b/;
const checkout = /\b(check ?out|pay|payment|pay now|buy now|place (the|my) order)\b/;
const clear =
  /\b(clear|empty|reset|wipe)\b.*\b(cart|basket|everything|all|it|order)\b|\b(remove|delete|take out|cancel)\b.*\b(everything|all items|all the items|all of it|whole cart|entire cart|my order)\b|\bstart (over|again)\b/;
const cartWord = /\b(cart|basket|trolley|order)\b/;
const viewVerb =
  /\b(show|view|see|what|what's|whats|check|look|display|open|total|how much|contents?|list|in my)\b/;
const viewPhrase =
  /\b(my total|the total|how much do i owe|what do i owe|what have i (got|ordered|added|chosen|picked)|what did i (order|add|pick|choose))\b/;
const removeVerb =
  /\b(remove|delete|take out|take off|takeout|take .+ (out|off|away)|drop|get rid of|don't want|dont want|do not want|no longer want|cancel|minus)\b/;
const updateVerb = /\b(make|change|set|update|adjust|increase|decrease|reduce|modify|only (want|need))\b/;
const detailsVerb =
  /\b(tell me (more )?about|details?|describe|more (info|information) (about|on)|what (sizes|colou?rs|options|flavou?rs|variants|kinds|types)|which (sizes|colou?rs|options|variants)|how much (is|are|does|do)|price of|what does .* cost|how much for)\b/;
const searchVerb =
  /\b(do you (have|sell|stock|carry)|have you got|got any|show me|looking for|look for|search|find|browse|recommend|suggest|what .* (do you have|have you got|are there)|anything|something|any|ideas?|options for|cheap|cheapest|affordable|under|below|less than|cheaper than|between|over|above|more than)\b/;
const addVerb =
  /\b(want|wants|like|add|buy|get|give|take|need|order|purchase|have|grab|put|i'll have|i will have|can i have|could i have)\b/;

/** Words that belong to the request, not to what is requested. */
const requestWords = new Set(
  (
    "show see view find search browse looking look recommend suggest do you have sell stock carry got any anything " +
    "something what which there are tell about details detail describe info information more kinds types sort " +
    "cheap cheapest affordable under below less than cheaper over above between from at most least max maximum " +
    "min minimum price prices cost costs how much is does products product stuff shop store available options option " +
    "remove delete take out off drop rid don't dont not no longer cancel minus make change set update adjust " +
    "increase decrease reduce modify quantity qty number amount instead only just want need please"
  ).split(" "),
);

export function understand(message: string, context: UnderstandContext): Intent {
  const text = normalize(message);
  const list = words(message);
  const { pending, catalog } = context;

  if (pending?.kind === "confirm_clear") {
    if (has(text, affirmative) && !has(text, /\b(don't|dont|not)\b/)) return { kind: "confirm_clear" };
    if (has(text, negative)) return { kind: "keep_cart" };
  }
  if (list.length <= 5 && has(text, greeting) && !addVerb.test(text)) return { kind: "greeting" };
  if (list.length <= 5 && has(text, thanks)) return { kind: "thanks" };
  if (has(text, clear)) return { kind: "request_clear" };
  if (
    (has(text, cartWord) && has(text, viewVerb) && !has(text, removeVerb) && !has(text, /\badd\b/)) ||
    has(text, viewPhrase)
  ) {
    return { kind: "view_cart" };
  }
  if (has(text, removeVerb)) {
    const quantity = explicitQuantity(list);
    return {
      kind: "remove",
      reference: referenceWords(list, quantity),
      quantity: quantity?.value,
      original: message,
    };
  }
  if (has(text, updateVerb)) {
    const quantity = lastQuantity(list);
    if (quantity)
      return {
        kind: "update",
        reference: referenceWords(list, quantity),
        quantity: quantity.value,
        original: message,
      };
  }
  if (has(text, checkout) && !has(text, addVerb)) return { kind: "checkout" };
  if (pending && (pending.kind === "choose_variant" || pending.kind === "choose_product")) {
    const answer = answerToChoice(message, list, pending, catalog);
    if (answer) return answer;
  }
  if (has(text, detailsVerb)) {
    const phrase = list.filter((w) => !requestWords.has(w) && !fillerWords.has(w));
    const resolved = resolveProduct(catalog, phrase);
    return { kind: "details", product: resolved.product, phrase: phrase.join(" ") };
  }
  if (
    has(text, searchVerb) &&
    !has(text, /\b(add|i want|i'd like|i would like|i'll take|i will take|give me)\b/)
  ) {
    return searchIntent(text, list);
  }
  if (has(text, addVerb) || quantityAt(list, 0)) {
    const items = readItems(message, catalog);
    if (items.length > 0) return { kind: "add", items };
  }
  if (has(text, help)) return { kind: "help" };
  // A bare product name: with a quantity it is an order, without one a look at the choices.
  const resolved = resolveProduct(catalog, list);
  if (resolved.named || namesCategory(catalog, list)) {
    if (list.some((_, i) => quantityAt(list, i) && !["a", "an", "one"].includes(list[i]!))) {
      return { kind: "add", items: readItems(message, catalog) };
    }
    return searchIntent(text, list);
  }
  return { kind: "help" };
}

function namesCategory(catalog: Catalog, list: readonly string[]): boolean {
  return catalog.categories().some((c) => nameScore(c.name, list) > 0);
}

function searchIntent(text: string, list: string[]): Intent {
  const { minPrice, maxPrice, used } = readPrices(text);
  const query = list
    .filter((w) => !used.has(w) && !requestWords.has(w) && !fillerWords.has(w) && !/^\d+(\.\d+)?k?$/.test(w))
    .join(" ");
  return { kind: "search", query, minPrice, maxPrice };
}

/** "under 50000", "below $50", "between 10 and 20", "over 100k": price bounds in major units. */
export function readPrices(text: string): { minPrice?: number; maxPrice?: number; used: Set<string> } {
  const amount = String.raw`(?:(?:ugx|usd|ush|shs|sh|us) )?(\d+(?:\.\d+)?)(k)?`;
  const value = (digits: string, k: string | undefined) => Number(digits) * (k ? 1000 : 1);
  const used = new Set<string>();
  let minPrice: number | undefined;
  let maxPrice: number | undefined;
  const between = new RegExp(String.raw`\bbetween ${amount} and ${amount}`).exec(text);
  if (between) {
    minPrice = value(between[1]!, between[2]);
    maxPrice = value(between[3]!, between[4]);
  }
  const max = new RegExp(
    String.raw`\b(?:under|below|less than|cheaper than|at most|max(?:imum)?|up to|within) ${amount}`,
  ).exec(text);
  if (max) maxPrice = value(max[1]!, max[2]);
  const min = new RegExp(String.raw`\b(?:over|above|more than|at least|min(?:imum)?) ${amount}`).exec(text);
  if (min) minPrice = value(min[1]!, min[2]);
  for (const m of [between, max, min]) if (m) m[0].split(" ").forEach((w) => used.add(w));
  return { minPrice, maxPrice, used };
}

/** A quantity said on purpose ("remove one", "2"): articles do not count. */
function explicitQuantity(list: readonly string[]) {
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "a" || list[i] === "an") {
      // "a dozen", "a couple" are explicit; a bare article is not.
      const q = quantityAt(list, i);
      if (q && q.end - q.start > 1) return q;
      continue;
    }
    const q = quantityAt(list, i);
    if (q) return q;
  }
  return undefined;
}

function lastQuantity(list: readonly string[]) {
  let found: ReturnType<typeof quantityAt>;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "a" || list[i] === "an" || (list[i] === "one" && list[i - 1] === "the")) continue;
    const q = quantityAt(list, i);
    if (q) {
      found = q;
      i = q.end - 1;
    }
  }
  return found;
}

function referenceWords(
  list: readonly string[],
  quantity: { start: number; end: number } | undefined,
): string[] {
  return list.filter(
    (w, i) =>
      (!quantity || i < quantity.start || i >= quantity.end) && !requestWords.has(w) && !fillerWords.has(w),
  );
}

/** Splits "2 balloon bouquets and a teddy bear, large" into one phrase per product. */
function readItems(message: string, catalog: Catalog): AddItem[] {
  const segments = message
    .split(/,|;|\band\b|\bplus\b|&|\balso\b/i)
    .map((s) => s.trim())
    .filter(Boolean);
  type Group = { text: string; product: ProductView | undefined; candidates: ProductView[] };
  const groups: Group[] = [];
  for (const segment of segments) {
    const list = words(segment);
    const previous = groups.at(-1);
    // "not water resistant" after a speaker names the speaker's option, not the Water Bottle.
    const reading = previous?.product ? readOptions(previous.product, list, segment) : undefined;
    const rest = reading ? list.filter((_, i) => !reading.used.has(i)) : list;
    const resolved = resolveProduct(catalog, rest);
    const namesProduct = resolved.named;
    if (!namesProduct && previous) {
      // "blue, size M" after "a t-shirt": options of the product before.
      previous.text += `, ${segment}`;
    } else if (previous && resolved.product && previous.product?.id === resolved.product.id) {
      // "coffee & tea hamper": one product whose name has an "and" in it.
      previous.text += ` & ${segment}`;
    } else {
      groups.push({ text: segment, product: resolved.product, candidates: resolved.candidates });
    }
  }
  return groups.map((group) => readItem(group.text, catalog));
}

function readItem(phrase: string, catalog: Catalog): AddItem {
  const list = words(phrase);
  const resolved = resolveProduct(catalog, list);
  const product = resolved.product;
  if (!product) {
    const quantity = quantityIn(list, new Set()) ?? 1;
    const spoken = list
      .filter((w) => !requestWords.has(w) && !fillerWords.has(w) && !/^\d+$/.test(w))
      .join(" ");
    if (resolved.candidates.length > 0)
      return { kind: "ask_product", candidates: resolved.candidates, quantity, phrase: spoken };
    return { kind: "unknown_product", phrase: spoken };
  }
  return itemFor(product, list, phrase, [], resolved.matchedOptions);
}

function itemFor(
  product: ProductView,
  list: readonly string[],
  original: string,
  earlier: OptionConstraint[],
  matchedOptions: Record<string, string>,
  quantityOverride?: number,
): AddItem {
  const reading = readOptions(product, list, original);
  const said = withMatchedOptions(product, reading.constraints, matchedOptions);
  // What is said now replaces what was said before on the same axes.
  const constraints = [
    ...earlier.filter((c) => !said.some((s) => s.axes.some((a) => c.axes.includes(a)))),
    ...said,
  ];
  const quantity = quantityOverride ?? quantityIn(list, reading.used) ?? 1;
  const decision = decideVariant(product, constraints);
  if (decision.kind === "chosen") return { kind: "ready", product, quantity, options: decision.options };
  return { kind: "ask_variant", product, quantity, constraints, decision };
}

/** The quantity in a phrase, ignoring the words used by option values ("size 10"). */
function quantityIn(list: readonly string[], used: ReadonlySet<number>): number | undefined {
  for (let i = 0; i < list.length; i++) {
    if (used.has(i)) continue;
    const q = quantityAt(list, i);
    if (q && ![...Array(q.end - q.start).keys()].some((k) => used.has(q.start + k))) {
      // "the blue one": "one" after "the"/"blue" names a choice, not a quantity.
      if (
        list[i] === "one" &&
        i > 0 &&
        !["want", "need", "take", "add", "get", "just", "only"].includes(list[i - 1]!)
      )
        continue;
      return q.value;
    }
  }
  return undefined;
}

const ordinals: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  fifth: 5,
  "5th": 5,
  sixth: 6,
  "6th": 6,
  seventh: 7,
  eighth: 8,
};

/** The customer's answer to "which one?": a position in the list, option values, or a product name. */
function answerToChoice(
  message: string,
  list: string[],
  pending: Extract<PendingState, { kind: "choose_variant" | "choose_product" }>,
  catalog: Catalog,
): Intent | undefined {
  const said = choicePosition(list);
  const count = pending.kind === "choose_variant" ? pending.choices.length : pending.product_ids.length;
  const position = said === -1 ? count : said;
  if (pending.kind === "choose_variant") {
    const product = catalog.product(pending.product_id);
    if (!product) return undefined;
    if (position !== undefined && pending.choices[position - 1]) {
      const options = pending.choices[position - 1]!;
      const constraints = Object.entries(options).map(([axis, value]) => ({ axes: [axis], values: [value] }));
      return { kind: "add", items: [itemFor(product, [], "", constraints, {}, pending.quantity)] };
    }
    const earlier = Object.entries(pending.options).map(([axis, values]) => ({ axes: [axis], values }));
    const reading = readOptions(product, list, message);
    // Words that are option values ("laptop" compartment) do not name another product.
    const other = resolveProduct(
      catalog,
      list.filter((_, i) => !reading.used.has(i)),
    ).product;
    if (reading.constraints.length === 0 || (other && other.id !== product.id)) return undefined;
    const quantity = quantityIn(list, reading.used) ?? pending.quantity;
    return { kind: "add", items: [itemFor(product, list, message, earlier, {}, quantity)] };
  }
  const candidates = pending.product_ids
    .map((id) => catalog.product(id))
    .filter((p): p is ProductView => !!p);
  let chosen: ProductView | undefined;
  if (position !== undefined) chosen = candidates[position - 1];
  else {
    const resolved = resolveProduct(catalog, list);
    chosen = candidates.find((c) => c.id === resolved.product?.id);
    if (!chosen && resolved.candidates.length > 1) {
      const within = resolved.candidates.filter((c) => pending.product_ids.includes(c.id));
      if (within.length === 1) chosen = within[0];
    }
  }
  if (!chosen) return undefined;
  return {
    kind: "add",
    items: [itemFor(chosen, list, message, [], {}, quantityIn(list, new Set()) ?? pending.quantity)],
  };
}

function choicePosition(list: readonly string[]): number | undefined {
  for (let i = 0; i < list.length; i++) {
    const w = list[i]!;
    if (w in ordinals) return ordinals[w];
    if (w === "last") return -1;
    if (
      (w === "number" || w === "option" || w === "no" || w === "choice") &&
      /^\d+$/.test(list[i + 1] ?? "")
    ) {
      return Number(list[i + 1]);
    }
  }
  if (list.length === 1 && /^\d$/.test(list[0]!)) return Number(list[0]);
  return undefined;
}

export { constraintsAsChoice };
