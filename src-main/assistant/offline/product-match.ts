import type { CartLine } from "../../../src-shared/cart.js";
import type { ProductView } from "../../../src-shared/catalog.js";
import type { Catalog } from "../../catalog/catalog.js";
import { fillerWords, normalize, sameWord, stem, words } from "./words.js";

/**
 * How the offline assistant finds what a sentence is about: which product (through the catalog's
 * own search, then judged by how much of the product's name the customer said), which option
 * values ("blue, size M"), and which line of the cart ("the t-shirts").
 */

/** Words that only make sense as part of a product or option mention. */
function contentWords(list: readonly string[], skip: ReadonlySet<number> = new Set()): string[] {
  return list.filter((w, i) => !skip.has(i) && !fillerWords.has(w) && !/^\d+$/.test(w));
}

/** A name's words, with hyphens also joined ("t-shirt" also as "tshirt"). */
function nameWords(name: string): string[] {
  return words(name).filter((w) => w !== "&" && w !== "and");
}

function variantsOf(word: string): string[] {
  return word.includes("-") ? [word, word.replace(/-/g, "")] : [word];
}

/** The customer's words, plus each adjacent pair joined ("t shirt" -> "tshirt"). */
function spokenTokens(list: readonly string[]): string[] {
  const tokens = list.flatMap(variantsOf);
  for (let i = 0; i + 1 < list.length; i++) tokens.push(list[i]! + list[i + 1]!);
  return tokens;
}

/**
 * How well spoken words name `name`: one point per name word said, half a point more when the
 * head noun (the last word: "bouquet", "t-shirt") was said; `complete` when every name word was.
 */
export function nameMatch(name: string, spoken: readonly string[]): { score: number; complete: boolean } {
  const names = nameWords(name);
  if (names.length === 0 || spoken.length === 0) return { score: 0, complete: false };
  const tokens = spokenTokens(spoken);
  let score = 0;
  let matchedWords = 0;
  names.forEach((n, i) => {
    const matched = variantsOf(n).some((v) => tokens.some((t) => sameWord(t, v)));
    if (!matched) return;
    matchedWords++;
    score += i === names.length - 1 ? 1.5 : 1;
  });
  return { score, complete: matchedWords === names.length };
}

export function nameScore(name: string, spoken: readonly string[]): number {
  return nameMatch(name, spoken).score;
}

export interface ProductResolution {
  /** The one product meant, when it is clear. */
  product?: ProductView;
  /** The products that fit equally well (several: ask which; none: nothing matched). */
  candidates: ProductView[];
  /** Option values the catalog's search recognised in the words, for the resolved product. */
  matchedOptions: Record<string, string>;
  /** Whether the words name a product (some product name word was said), not just a tag or option. */
  named: boolean;
}

/** Finds the product a phrase names, using the catalog's search and the product names. */
export function resolveProduct(catalog: Catalog, phrase: readonly string[]): ProductResolution {
  const spoken = contentWords(phrase);
  if (spoken.length === 0) return { candidates: [], matchedOptions: {}, named: false };
  const hits = catalog.search(spoken.join(" "), { limit: 20 });
  const scored = hits.map((hit) => ({ hit, ...nameMatch(hit.product.name, spoken) }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) {
    // Nothing named: the search may still have found products by tag or description ("flowers").
    return { candidates: hits.slice(0, 6).map((h) => h.product), matchedOptions: {}, named: false };
  }
  const top = scored.filter((s) => s.score === best);
  if (top.length === 1) {
    return {
      product: top[0]!.hit.product,
      candidates: [top[0]!.hit.product],
      matchedOptions: top[0]!.hit.matchedOptions,
      named: true,
    };
  }
  // Several equally good: one whose whole name was said wins ("gift bag" over "gift hamper").
  const whole = top.filter((s) => s.complete);
  if (whole.length === 1) {
    return {
      product: whole[0]!.hit.product,
      candidates: [whole[0]!.hit.product],
      matchedOptions: whole[0]!.hit.matchedOptions,
      named: true,
    };
  }
  return { candidates: top.map((s) => s.hit.product), matchedOptions: {}, named: true };
}

/** True when the phrase names some product at all (used to tell "blue, size M" from "a cake"). */
export function mentionsProduct(catalog: Catalog, phrase: readonly string[]): boolean {
  const spoken = contentWords(phrase);
  if (spoken.length === 0) return false;
  return catalog
    .search(spoken.join(" "), { limit: 10 })
    .some((hit) => nameScore(hit.product.name, spoken) > 0);
}

/**
 * An option constraint read from the sentence: one of `values` on one of `axes`. Usually one axis
 * and one value; a value that several axes share ("black" frame or lens) keeps all of them.
 */
export interface OptionConstraint {
  axes: string[];
  values: string[];
}

const sizeWords: Record<string, string[]> = {
  small: ["S"],
  medium: ["M"],
  large: ["L"],
  "extra large": ["XL"],
  "extra small": ["XS"],
};

/** Values too short or too numeric to trust on their own ("M", "10", "2"): they need the axis named. */
export function isShortValue(value: string): boolean {
  const n = normalize(value);
  return n.length <= 2 || /^\d+$/.test(n);
}

function findSequence(list: readonly string[], sequence: readonly string[], loose: boolean): number[] {
  const found: number[] = [];
  if (sequence.length === 0) return found;
  for (let i = 0; i + sequence.length <= list.length; i++) {
    const ok = sequence.every((s, k) => {
      const w = list[i + k]!;
      return w === s || (loose && s.length >= 4 && sameWord(w, s));
    });
    if (ok) found.push(i);
  }
  return found;
}

export interface OptionReading {
  constraints: OptionConstraint[];
  /** Word positions used by option mentions (so "size 10" is not read as a quantity of 10). */
  used: Set<number>;
}

/**
 * Reads the option values of `product` named in the sentence. `original` is the sentence as typed:
 * a capital "M" standing alone counts as a size even without the word "size".
 */
export function readOptions(product: ProductView, list: readonly string[], original: string): OptionReading {
  const used = new Set<number>();
  const byValue = new Map<string, { axes: Set<string>; value: string }[]>();
  const capitals = new Set(original.split(/[^A-Za-z0-9]+/).filter((w) => /^[A-Z]{1,3}$/.test(w)));
  for (const axis of product.options) {
    const axisWords = words(axis.name);
    for (const value of axis.values) {
      const valueWords = words(value);
      const short = isShortValue(value);
      const starts: number[] = [];
      const axisKey = axisWords.join(" ");
      const sizeAxis = axis.name.toLowerCase().includes("size");
      const mark = (from: number, count: number) => {
        for (let k = 0; k < count; k++) used.add(from + k);
      };
      for (const at of findSequence(list, valueWords, !short)) {
        const end = at + valueWords.length;
        const axisBefore = list.slice(Math.max(0, at - axisWords.length), at).join(" ") === axisKey;
        const sizeBefore = sizeAxis && list[at - 1] === "size";
        // "24 stems" names the axis after the value, unless that axis word begins the next mention
        // ("2 number 5": the 2 is a quantity, the number is 5).
        const axisAfter =
          list.slice(end, end + axisWords.length).join(" ") === axisKey &&
          !axis.values.some((v) => words(v).every((w, k) => list[end + axisWords.length + k] === w));
        // "colour 5" for an axis spelled "color": near-spellings of the axis next to the value.
        const loosely = axisWords.some((a) =>
          [list[at - 1], list[end]].some((w) => w !== undefined && w !== a && sameWord(w, a)),
        );
        if (
          short &&
          !axisBefore &&
          !sizeBefore &&
          !axisAfter &&
          !loosely &&
          !capitals.has(value.toUpperCase())
        )
          continue;
        starts.push(at);
        mark(at, valueWords.length);
        if (axisBefore) mark(at - axisWords.length, axisWords.length);
        else if (sizeBefore) mark(at - 1, 1);
        else if (axisAfter) mark(end, axisWords.length);
      }
      // "small/medium/large" for letter sizes, when the axis lists letters but not the words.
      if (starts.length === 0 && /size/i.test(axis.name)) {
        for (const [spoken, letters] of Object.entries(sizeWords)) {
          if (!letters.includes(value) || axis.values.some((v) => v.toLowerCase() === spoken)) continue;
          for (const at of findSequence(list, spoken.split(" "), false)) {
            starts.push(at);
            spoken.split(" ").forEach((_, k) => used.add(at + k));
          }
        }
      }
      for (const at of starts) {
        const key = `${at}`;
        const entries = byValue.get(key) ?? [];
        const same = entries.find((e) => e.value === value);
        if (same) same.axes.add(axis.name);
        else entries.push({ axes: new Set([axis.name]), value });
        byValue.set(key, entries);
      }
    }
  }
  // A yes/no axis is answered by naming it: "waterproof" means waterproof: yes, "not waterproof" no.
  for (const axis of product.options) {
    const yes = axis.values.find((v) => v.toLowerCase() === "yes");
    const no = axis.values.find((v) => v.toLowerCase() === "no");
    if (!yes || !no) continue;
    const axisWords = words(axis.name);
    for (const at of findSequence(list, axisWords, true)) {
      const negated = ["not", "no", "non", "without"].includes(list[at - 1] ?? "");
      byValue.set(`axis:${axis.name}:${at}`, [{ axes: new Set([axis.name]), value: negated ? no : yes }]);
      for (let k = 0; k < axisWords.length; k++) used.add(at + k);
      if (negated) used.add(at - 1);
    }
  }
  // Mentions of the same value on several axes stay one constraint; per axis, values collect.
  const constraints: OptionConstraint[] = [];
  for (const entries of byValue.values()) {
    for (const { axes, value } of entries) {
      const axisList = [...axes];
      const existing = constraints.find(
        (c) => c.axes.length === axisList.length && c.axes.every((a) => axes.has(a)),
      );
      if (existing) {
        if (!existing.values.includes(value)) existing.values.push(value);
      } else constraints.push({ axes: axisList, values: [value] });
    }
  }
  return { constraints, used };
}

/** Adds the values the catalog's search recognised, where the sentence reading found none for that axis. */
export function withMatchedOptions(
  product: ProductView,
  constraints: OptionConstraint[],
  matched: Record<string, string>,
): OptionConstraint[] {
  const result = [...constraints];
  for (const [axisName, value] of Object.entries(matched)) {
    const axis = product.options.find((a) => a.name.toLowerCase() === axisName.toLowerCase());
    const canonical = axis?.values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (!axis || !canonical || isShortValue(canonical)) continue;
    if (result.some((c) => c.axes.includes(axis.name))) continue;
    result.push({ axes: [axis.name], values: [canonical] });
  }
  return result;
}

export function satisfies(
  options: Record<string, string>,
  constraints: readonly OptionConstraint[],
): boolean {
  return constraints.every((c) => c.axes.some((axis) => c.values.includes(options[axis] ?? "")));
}

/** Constraints as a plain choice, when every constraint names a single axis and value. */
export function constraintsAsChoice(constraints: readonly OptionConstraint[]): Record<string, string> {
  const choice: Record<string, string> = {};
  for (const c of constraints)
    if (c.axes.length === 1 && c.values.length === 1) choice[c.axes[0]!] = c.values[0]!;
  return choice;
}

export type VariantDecision =
  | { kind: "chosen"; options: Record<string, string> }
  /** Several fit: `choices` are full option sets the customer can pick from. */
  | { kind: "ask"; choices: Array<{ options: Record<string, string>; price: number }>; missingAxes: string[] }
  | { kind: "sold_out"; alternatives: Array<{ options: Record<string, string>; price: number }> }
  | { kind: "not_made"; alternatives: Array<{ options: Record<string, string>; price: number }> };

/**
 * Decides the full choice of options from what the customer said: a single available variant
 * that fits, or every axis of a customisable product settled; otherwise what to ask.
 */
export function decideVariant(
  product: ProductView,
  constraints: readonly OptionConstraint[],
): VariantDecision {
  if (product.variants.length > 0) {
    const fitting = product.variants.filter((v) => satisfies(v.options, constraints));
    const available = fitting.filter((v) => v.available);
    const describe = (v: (typeof product.variants)[number]) => ({ options: v.options, price: v.price });
    if (available.length === 1) return { kind: "chosen", options: { ...available[0]!.options } };
    if (available.length > 1) {
      const missingAxes = product.options
        .map((a) => a.name)
        .filter((axis) => new Set(available.map((v) => v.options[axis])).size > 1);
      return { kind: "ask", choices: available.map(describe), missingAxes };
    }
    // Offer what comes closest to what was said: the available variants meeting the most wishes.
    const met = (v: (typeof product.variants)[number]) =>
      constraints.filter((c) => satisfies(v.options, [c])).length;
    const inStock = product.variants.filter((v) => v.available);
    const closest = Math.max(0, ...inStock.map(met));
    const alternatives = inStock.filter((v) => met(v) === closest).map(describe);
    return fitting.length > 0 ? { kind: "sold_out", alternatives } : { kind: "not_made", alternatives };
  }
  const options: Record<string, string> = {};
  const missing: string[] = [];
  for (const axis of product.options) {
    const said = constraints.find((c) => c.axes.includes(axis.name));
    if (said && said.values.length === 1) options[axis.name] = said.values[0]!;
    else if (axis.values.length === 1) options[axis.name] = axis.values[0]!;
    else missing.push(axis.name);
  }
  if (missing.length === 0) return { kind: "chosen", options };
  const axis = product.options.find((a) => a.name === missing[0])!;
  const said = constraints.find((c) => c.axes.includes(axis.name));
  const values = said ? said.values : axis.values;
  return {
    kind: "ask",
    choices: values.map((value) => ({ options: { ...options, [axis.name]: value }, price: product.price })),
    missingAxes: missing,
  };
}

export interface LineMatch {
  lines: CartLine[];
}

/**
 * Finds the cart lines a phrase refers to: by product name, narrowed by option values mentioned
 * ("the blue t-shirt"). With nothing named and a single line in the cart, that line.
 */
export function matchCartLines(
  catalog: Catalog,
  lines: readonly CartLine[],
  list: readonly string[],
  original: string,
): CartLine[] {
  const spoken = contentWords(list);
  if (spoken.length === 0) return lines.length === 1 ? [...lines] : [];
  const scored = lines.map((line) => ({ line, score: nameScore(line.name, spoken) }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) return [];
  let found = scored.filter((s) => s.score === best).map((s) => s.line);
  if (found.length > 1) {
    const narrowed = found.filter((line) => {
      const product = catalog.product(line.product_id);
      if (!product) return false;
      const { constraints } = readOptions(product, list, original);
      const configuration = Object.fromEntries(
        Object.entries(line.configuration).map(([k, v]) => [k, String(v)]),
      );
      return constraints.length > 0 && satisfies(configuration, constraints);
    });
    if (narrowed.length > 0) found = narrowed;
  }
  return found;
}

/** "blue, size M, cotton" for a chosen set of options, in the product's axis order. */
export function describeOptions(
  product: ProductView | undefined,
  options: Record<string, unknown>,
  only?: readonly string[],
): string {
  const order = product?.options.map((a) => a.name) ?? Object.keys(options);
  return order
    .filter((axis) => options[axis] !== undefined && (!only || only.includes(axis)))
    .map((axis) => spokenValue(axis, String(options[axis])))
    .join(", ");
}

/** A value as a customer would say it: "size M", "water resistance: yes", but just "blue". */
function spokenValue(axis: string, value: string): string {
  if (/^(yes|no)$/i.test(value)) return `${axis}: ${value}`;
  return isShortValue(value) ? `${axis} ${value}` : value;
}

export { stem };
