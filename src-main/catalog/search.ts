import MiniSearch from "minisearch";
import type { ProductView } from "../../src-shared/catalog.js";

/**
 * Ranked full-text search over a catalog (MiniSearch, BM25+): names weigh most, then tags,
 * option values and category names, then descriptions. Typing mistakes are forgiven by fuzzy
 * matching and unfinished words by prefix matching; plurals are folded into singulars on both
 * sides, so "balloon bouquets" finds "Balloon Bouquet".
 */

export interface SearchFilters {
  /** A category id. */
  category?: string;
  /** Bounds in minor units, inclusive; a product matches when a price it is sold at lies within. */
  minPrice?: number;
  maxPrice?: number;
  limit?: number;
}

export interface SearchHit {
  product: ProductView;
  /** Relevance; 0 when the query named nothing to rank by (browsing a category). */
  score: number;
  /** Option values the query names that this product has, e.g. { color: "blue", size: "M" }. */
  matchedOptions: Record<string, string>;
}

export const defaultSearchLimit = 20;

/** Function words that carry no product meaning; dropped from queries, never from the index. */
const stopWords = new Set(
  "a an and are any do for have i in is it looking me my need of on or please show some the to want with you".split(
    " ",
  ),
);

/** Lowercase, without accents or apostrophes ("Kid's Crème" -> "kids creme"). */
function normalize(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/['’]/g, "");
}

/** Splits normalized text into words; a dot survives only inside a number ("1.5l"). */
function splitWords(normalized: string): string[] {
  return normalized
    .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
    .split(/[^\p{L}\p{N}.]+/u)
    .filter(Boolean);
}

/** Words of a text, hyphens splitting ("v-neck" -> v, neck). */
function words(text: string): string[] {
  return splitWords(normalize(text));
}

/**
 * Index and query tokens: the words, plus each hyphenated compound written as one word, so
 * "t-shirt", "t shirt" and "tshirt" all meet "T-Shirt".
 */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const chunk of normalize(text).split(/\s+/)) {
    const parts = splitWords(chunk);
    tokens.push(...parts);
    if (parts.length > 1 && chunk.includes("-")) tokens.push(parts.join(""));
  }
  return tokens;
}

/** A deliberately small English plural folding; prefix matching covers what it leaves ("boxe"). */
function singular(term: string): string {
  if (term.length > 4 && term.endsWith("ies")) return term.slice(0, -3) + "y";
  if (term.length > 3 && term.endsWith("s") && !/(ss|us|is)$/.test(term)) return term.slice(0, -1);
  return term;
}

/**
 * The one typo rule of the app, shared by this search and the offline assistant's reading of a
 * message, so that a word one forgives the other does too ("balon bouquet"). Short words are
 * matched exactly: one edit away from "m" or "mat" is half the catalog. Longer words forgive one
 * typo, and from five letters two ("balon" -> "balloon"). A word the catalog knows is never a
 * typo of another ("shirt" is not "smart"): callers check that first.
 */
export function typoAllowance(term: string): number {
  if (term.length <= 3) return 0;
  return term.length <= 4 ? 1 : 2;
}

function fuzziness(term: string): number | false {
  return typoAllowance(term) || false;
}

/** Levenshtein distance between two words, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Whether `spoken` is a typing mistake for the catalog's word `known`, by the rule above. */
export function isTypoOf(spoken: string, known: string): boolean {
  const allowed = typoAllowance(spoken);
  return allowed > 0 && spoken !== known && editDistance(spoken, known, allowed) <= allowed;
}

/** Words prefixed by the query ("prefix") also match; shorter ones only as whole words. */
const minPrefixLength = 3;

/** Hits scoring below this share of the best hit are noise (a stray prefix of "material"). */
const relevanceCutoff = 0.05;

/** The sorted set of every indexed term, to tell a typo from a word the catalog knows. */
class Vocabulary {
  private readonly terms: string[];

  constructor(terms: Iterable<string>) {
    this.terms = [...new Set(terms)].sort();
  }

  /** Whether some indexed term equals `term` or, when prefixes count, starts with it. */
  knows(term: string, asPrefix: boolean): boolean {
    let low = 0;
    let high = this.terms.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.terms[mid]! < term) low = mid + 1;
      else high = mid;
    }
    const next = this.terms[low];
    return next !== undefined && (next === term || (asPrefix && next.startsWith(term)));
  }
}

interface SearchDocument {
  id: string;
  name: string;
  description: string;
  category: string;
  tags: string;
  options: string;
}

const fieldBoosts = { name: 4, tags: 2, options: 1.5, category: 1.5, description: 1 };

/** Sold-out products stay findable but yield to an in-stock product of similar relevance. */
const soldOutFactor = 0.8;

/** The prices a customer could pay today; a product sold out entirely keeps all its prices. */
function purchasablePrices(product: ProductView): number[] {
  if (product.variants.length === 0) return [product.price];
  const available = product.variants.filter((v) => v.available);
  return (available.length ? available : product.variants).map((v) => v.price);
}

function passesFilters(product: ProductView, filters: SearchFilters): boolean {
  if (filters.category !== undefined && product.category !== filters.category) return false;
  const min = filters.minPrice ?? -Infinity;
  const max = filters.maxPrice ?? Infinity;
  return purchasablePrices(product).some((price) => price >= min && price <= max);
}

/** Clothing size codes as people say them, so "medium" names the size "M". */
const sizeCodeNames: Record<string, string[][]> = {
  xs: [["extra", "small"]],
  s: [["small"]],
  m: [["medium"]],
  l: [["large"]],
  xl: [["extra", "large"]],
  xxl: [["extra", "extra", "large"]],
};

function spellings(value: string): string[][] {
  const own = words(value).map(singular);
  return own.length === 1 ? [own, ...(sizeCodeNames[own[0]!] ?? [])] : [own];
}

/**
 * Which of the product's option values the query names, as whole words in sequence: "M" matches
 * the query word "m" only, never the "m" inside "medium" or "mat"; "crew neck" needs both words.
 * When several values of one axis match, the longest wins ("1.5 liters" over "1 liter").
 */
function matchOptions(product: ProductView, queryWords: readonly string[]): Record<string, string> {
  const matched: Record<string, string> = {};
  for (const axis of product.options) {
    let best: { value: string; length: number } | undefined;
    for (const value of axis.values) {
      for (const valueWords of spellings(value)) {
        if (valueWords.length === 0 || valueWords.length <= (best?.length ?? 0)) continue;
        const last = queryWords.length - valueWords.length;
        for (let start = 0; start <= last; start++) {
          if (valueWords.every((w, i) => queryWords[start + i] === w)) {
            best = { value, length: valueWords.length };
            break;
          }
        }
      }
    }
    if (best) matched[axis.name] = best.value;
  }
  return matched;
}

/** What the index needs of a product beyond its view: its category's name and its tags. */
export interface SearchableProduct {
  product: ProductView;
  categoryName: string;
  tags: readonly string[];
}

export class ProductSearchIndex {
  private readonly index: MiniSearch<SearchDocument>;
  private readonly products: ReadonlyMap<string, ProductView>;
  private readonly vocabulary: Vocabulary;

  constructor(entries: readonly SearchableProduct[]) {
    this.products = new Map(entries.map((e) => [e.product.id, e.product]));
    const documents: SearchDocument[] = entries.map(({ product: p, categoryName, tags }) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      category: categoryName,
      tags: tags.join(" "),
      options: p.options.flatMap((axis) => axis.values).join(" "),
    }));
    const indexedTerms = new Set<string>();
    this.index = new MiniSearch<SearchDocument>({
      fields: Object.keys(fieldBoosts),
      tokenize,
      processTerm: (term) => {
        const folded = singular(term);
        indexedTerms.add(folded);
        return folded;
      },
      searchOptions: {
        boost: fieldBoosts,
        prefix: (term) => term.length >= minPrefixLength,
        // A word the catalog knows (as a word or the start of one) is not a typo: "shirt" must
        // not also fetch "smart" two edits away. Only unknown words are corrected.
        fuzzy: (term) =>
          this.vocabulary.knows(term, term.length >= minPrefixLength) ? false : fuzziness(term),
        maxFuzzy: 2,
        combineWith: "OR",
        processTerm: (term) => (stopWords.has(term) ? null : singular(term)),
      },
    });
    this.index.addAll(documents);
    this.vocabulary = new Vocabulary(indexedTerms);
  }

  search(query: string, filters: SearchFilters = {}): SearchHit[] {
    const limit = Math.max(1, Math.floor(filters.limit ?? defaultSearchLimit));
    const queryWords = words(query)
      .filter((w) => !stopWords.has(w))
      .map(singular);
    if (queryWords.length === 0) {
      // Nothing to rank by: browse, in catalog order.
      return [...this.products.values()]
        .filter((p) => passesFilters(p, filters))
        .slice(0, limit)
        .map((product) => ({ product, score: 0, matchedOptions: {} }));
    }
    const results = this.index.search(query, {
      filter: (result) => passesFilters(this.products.get(result.id as string)!, filters),
      boostDocument: (id) => (this.products.get(id as string)!.available ? 1 : soldOutFactor),
    });
    const floor = (results[0]?.score ?? 0) * relevanceCutoff;
    return results
      .filter((result) => result.score >= floor)
      .slice(0, limit)
      .map((result) => {
        const product = this.products.get(result.id as string)!;
        return { product, score: result.score, matchedOptions: matchOptions(product, queryWords) };
      });
  }
}
