import type { ProductView } from "../../../src-shared/catalog.js";
import type { Catalog } from "../../catalog/catalog.js";
import { isTypoOf } from "../../catalog/search.js";
import { isNumber, normalForm, norms } from "./normalize.js";

/**
 * The catalog's vocabulary as the offline assistant reads it: every product name, option name,
 * option value and category, normalised once (normalize.ts) the same way as a customer's words,
 * with what each one refers to. Built once per catalog; everything it recognises comes from the
 * catalog, so a new shop's words work without a line of code.
 */

/** Words that never name a product or an option on their own: they belong to the request. */
export const functionWords = new Set(
  norms(
    "i id ill im ive we me my mine our us you your please pls kindly can could would will may might shall " +
      "want wants wanted like love need needs get got give buy purchase order take have has had put add adding " +
      "also and then with of the a an some any to too for in into on at it its them they those these this that " +
      "there here one ones item items thing things stuff more another extra just only now today again thanks thank " +
      "cart basket trolley hi hello hey ok okay yes no not dont is are be do does did am was were so very much many " +
      "lot lots what which how show see view find search looking look tell about remove delete make change set " +
      "update instead actually wait sorry hmm um uh oh well same as or but if by from other else something anything " +
      "nothing everything all both either number quantity qty amount price cost costs total never mind nah nope " +
      "pair couple dozen half few",
  ),
);

export interface AxisRef {
  product: ProductView;
  axis: string;
}

/** How a phrase of the catalog was found in the spoken words. */
export interface PhraseMatch {
  start: number;
  /** Spoken words used. */
  length: number;
  /** False when a typo was forgiven. */
  exact: boolean;
}

export class Lexicon {
  /** Every normalised word of the catalog: such a word is never read as a typo of another. */
  readonly known = new Set<string>();
  /** Words of option values: a name word that is also one ("red", "chocolate") does not name a product alone. */
  readonly valueWords = new Set<string>();
  readonly products: ReadonlyArray<{ product: ProductView; words: string[] }>;
  readonly categories: ReadonlyArray<{ id: string; name: string; words: string[] }>;

  constructor(readonly catalog: Catalog) {
    this.products = catalog.allProducts().map((product) => ({
      product,
      words: norms(product.name).filter((w) => w !== "and"),
    }));
    this.categories = catalog.categories().map((c) => ({
      id: c.id,
      name: c.name,
      words: norms(c.name).filter((w) => w !== "and"),
    }));
    for (const { product, words } of this.products) {
      words.forEach((w) => this.known.add(w));
      for (const axis of product.options) {
        norms(axis.name).forEach((w) => this.known.add(w));
        for (const value of axis.values)
          norms(value).forEach((w) => {
            this.known.add(w);
            this.valueWords.add(w);
          });
      }
    }
    for (const c of this.categories) c.words.forEach((w) => this.known.add(w));
    // Initials of a name of three words or more ("ors"), unless they are a word of the catalog.
    const byInitials = new Map<string, ProductView[]>();
    for (const { product, words } of this.products) {
      const content = words.filter((w) => !functionWords.has(w));
      if (content.length < 3) continue;
      const initials = content.map((w) => w[0]).join("");
      if (!this.known.has(initials)) byInitials.set(initials, [...(byInitials.get(initials) ?? []), product]);
    }
    for (const [initials, products] of byInitials)
      if (products.length === 1) this.initials.set(initials, products[0]!);
  }

  private readonly initials = new Map<string, ProductView>();

  /** The product whose name's initials a word is, written as one word ("ORS"). */
  byInitials(word: string): ProductView | undefined {
    return this.initials.get(word);
  }

  /** The same word, or a typo of it by the catalog search's rule (a word the catalog knows is no typo). */
  sameWord(spoken: string, catalogWord: string): boolean {
    if (spoken === catalogWord) return true;
    // A word of the request ("could", "that") is never a typo of the catalog's ("gold", "hat").
    if (this.known.has(spoken) || functionWords.has(spoken) || isNumber(spoken) || isNumber(catalogWord))
      return false;
    return isTypoOf(spoken, catalogWord);
  }

  /**
   * The same word in another form ("resistant" for "resistance", "waterproofing"): for option
   * names, where a word of the catalog may be said as its adjective or noun.
   */
  sameStem(spoken: string, catalogWord: string): boolean {
    if (this.sameWord(spoken, catalogWord)) return true;
    const shorter = Math.min(spoken.length, catalogWord.length);
    if (shorter < 6) return false;
    let common = 0;
    while (common < shorter && spoken[common] === catalogWord[common]) common++;
    return common >= shorter - 2;
  }

  /**
   * Where the catalog's `phrase` (normalised words) is said in `spoken`: word for word (typos
   * forgiven), or written together or apart ("tshirt" for "t shirt", "wi fi" for "wifi").
   */
  findPhrase(
    spoken: readonly string[],
    phrase: readonly string[],
    from = 0,
    same: (spoken: string, catalogWord: string) => boolean = (a, b) => this.sameWord(a, b),
  ): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    if (phrase.length === 0) return found;
    const glued = phrase.join("");
    for (let i = from; i < spoken.length; i++) {
      let exact = true;
      let ok = i + phrase.length <= spoken.length;
      for (let k = 0; ok && k < phrase.length; k++) {
        const s = spoken[i + k]!;
        if (s === phrase[k]) continue;
        exact = false;
        ok = same(s, phrase[k]!);
      }
      if (ok) {
        found.push({ start: i, length: phrase.length, exact });
        continue;
      }
      // Written together or apart: the spoken words glued give the phrase glued.
      let joined = "";
      for (let j = i; j < spoken.length && joined.length < glued.length; j++) {
        joined += spoken[j]!;
        if (joined === glued && j - i + 1 !== phrase.length) {
          found.push({ start: i, length: j - i + 1, exact: true });
          break;
        }
      }
    }
    return found;
  }

  /**
   * How well the spoken words name a product: a point per name word said, half a point more for
   * the head noun (the last word: "bouquet", "shirt"), `complete` when every word was said.
   * Positions in `skip` (option values, quantities) are not used.
   */
  nameMatch(
    nameWords: readonly string[],
    spoken: readonly string[],
    skip: ReadonlySet<number> = new Set(),
  ): { score: number; complete: boolean; used: number[] } {
    let score = 0;
    let said = 0;
    const used: number[] = [];
    const usable = (i: number) => !skip.has(i) && !functionWords.has(spoken[i]!);
    let skipNext = false;
    nameWords.forEach((word, n) => {
      if (skipNext) {
        skipNext = false;
        return;
      }
      if (functionWords.has(word)) {
        said++;
        return;
      }
      for (let i = 0; i < spoken.length; i++) {
        if (!usable(i)) continue;
        let hit = this.sameWord(spoken[i]!, word);
        let width = 1;
        // "tshirt" said for the name's "t" "shirt": a spoken word made of two name words.
        if (!hit && n + 1 < nameWords.length && spoken[i] === word + nameWords[n + 1]) {
          // Both name words said at once.
          said += 2;
          score += 1 + (n + 1 === nameWords.length - 1 ? 1.5 : 1);
          used.push(i);
          skipNext = true;
          return;
        }
        // "t shirt" is already two words; "tee shirt" is not in any rule: it needs the catalog's.
        if (!hit && i + 1 < spoken.length && usable(i + 1) && spoken[i]! + spoken[i + 1]! === word) {
          hit = true;
          width = 2;
        }
        if (!hit) continue;
        // A one-letter name word ("t" of "t-shirt") counts only beside the rest of the name.
        if (word.length === 1 && !(n + 1 < nameWords.length && spoken[i + 1] === nameWords[n + 1])) continue;
        said++;
        score += n === nameWords.length - 1 ? 1.5 : 1;
        for (let k = 0; k < width; k++) used.push(i + k);
        return;
      }
    });
    return { score, complete: said === nameWords.length, used };
  }

  /** Products whose name the words name best (ties kept), with the word positions used. */
  bestProducts(
    spoken: readonly string[],
    skip: ReadonlySet<number> = new Set(),
    among?: readonly ProductView[],
  ): { products: ProductView[]; score: number; used: Set<number>; complete: boolean; named: boolean } {
    let best: { products: ProductView[]; score: number; used: Set<number>; complete: boolean } = {
      products: [],
      score: 0,
      used: new Set(),
      complete: false,
    };
    const pool = among ? this.products.filter((p) => among.includes(p.product)) : this.products;
    for (const { product, words } of pool) {
      const m = this.nameMatch(words, spoken, skip);
      if (m.score === 0) continue;
      // At equal scores a name said completely wins ("gift bag" over "gift hamper").
      const better = m.score > best.score || (m.score === best.score && m.complete && !best.complete);
      if (better) best = { products: [product], score: m.score, used: new Set(m.used), complete: m.complete };
      else if (m.score === best.score && m.complete === best.complete) {
        best.products.push(product);
        m.used.forEach((u) => best.used.add(u));
      }
    }
    // Named: the head noun, two words, the whole name, or one word that is no option value.
    const named =
      best.score >= 1.5 ||
      (best.complete && best.score > 0) ||
      (best.score >= 1 && [...best.used].some((i) => !this.valueWords.has(spoken[i]!)));
    return { ...best, named };
  }

  /** Categories named by the words (their products are the candidates). */
  namedCategories(spoken: readonly string[], skip: ReadonlySet<number> = new Set()): string[] {
    return this.categories.filter((c) => this.nameMatch(c.words, spoken, skip).score > 0).map((c) => c.id);
  }

  /** The option values of every product that the words name exactly, for "the same in blue". */
  valueAxes(value: string): AxisRef[] {
    const form = normalForm(value);
    const refs: AxisRef[] = [];
    for (const { product } of this.products)
      for (const axis of product.options)
        if (axis.values.some((v) => normalForm(v) === form)) refs.push({ product, axis: axis.name });
    return refs;
  }
}

const lexicons = new WeakMap<Catalog, Lexicon>();

/** The catalog's lexicon, built on first use (a catalog is immutable). */
export function lexiconOf(catalog: Catalog): Lexicon {
  let lexicon = lexicons.get(catalog);
  if (!lexicon) lexicons.set(catalog, (lexicon = new Lexicon(catalog)));
  return lexicon;
}
