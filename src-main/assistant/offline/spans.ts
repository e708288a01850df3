import { isNumber } from "./normalize.js";

/**
 * The catalog-free spans of a message: quantities ("2", "two", "a dozen", "a pair of"), price
 * limits ("under $50", "between 10 and 20"), ordinals ("the second one", "the last"), references
 * ("it", "those", "the cheaper one", "the same") and negation. The catalog's spans (products,
 * options, categories) are found by the lexicon; the intent words by the intent table.
 */

const unitNumbers: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const tensNumbers: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const multipliers: Record<string, number> = { dozen: 12, hundred: 100 };
const pairWords: Record<string, number> = { couple: 2, pair: 2, few: 3 };

export interface QuantityMatch {
  value: number;
  /** Index of the first word used and one past the last. */
  start: number;
  end: number;
  /** "a"/"an" alone: an article as much as a number ("one" is said on purpose). */
  article: boolean;
}

/**
 * Reads a quantity starting at word `i` (raw words): "2", "x2", "2x", "two", "twenty one",
 * "a dozen", "half a dozen", "a couple of", "a pair of", "three dozen".
 */
export function quantityAt(list: readonly string[], i: number): QuantityMatch | undefined {
  const word = list[i];
  if (word === undefined) return undefined;
  const of = (end: number) => (list[end] === "of" ? end + 1 : end);
  if (word === "half" && list[i + 1] === "a" && list[i + 2] === "dozen")
    return { value: 6, start: i, end: of(i + 3), article: false };
  // "a pair of socks" is two; "another pair" is one more of a product sold in pairs.
  const counted = (at: number) => list[at] !== "pair" || list[at + 1] === "of";
  if ((word === "a" || word === "one") && list[i + 1]! in pairWords && counted(i + 1))
    return { value: pairWords[list[i + 1]!]!, start: i, end: of(i + 2), article: false };
  if (word in pairWords && word !== "few" && counted(i))
    return { value: pairWords[word]!, start: i, end: of(i + 1), article: false };
  let value: number | undefined;
  let end = i + 1;
  const digits = /^x?(\d{1,12})x?$/.exec(word);
  if (digits) value = Number(digits[1]);
  else if (word in tensNumbers) {
    value = tensNumbers[word]!;
    const next = list[i + 1];
    if (
      next !== undefined &&
      next in unitNumbers &&
      unitNumbers[next]! < 10 &&
      next !== "a" &&
      next !== "an"
    ) {
      value += unitNumbers[next]!;
      end++;
    }
  } else if (word in unitNumbers) value = unitNumbers[word]!;
  else if (word in multipliers) return { value: multipliers[word]!, start: i, end: of(end), article: false };
  else return undefined;
  // "2 x" written apart: the x belongs to the number.
  if (digits && list[end] === "x") end++;
  const following = list[end];
  if (following !== undefined && following in multipliers) {
    value *= multipliers[following]!;
    end = of(end + 1);
  }
  const article = end === i + 1 && (word === "a" || word === "an");
  return { value, start: i, end, article };
}

export const ordinalWords: Record<string, number> = {
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
  last: -1,
  final: -1,
  top: 1,
};

/** "the second one", "number 3", "option 2", "the last": a position in a list just shown (-1: last). */
export function ordinalIn(
  list: readonly string[],
  listShown: boolean,
): { position: number; start: number; end: number } | undefined {
  for (let i = 0; i < list.length; i++) {
    const w = list[i]!;
    if (w in ordinalWords && !(w === "top" && list[i + 1] !== "one")) {
      // "the last one", "the second": but "last" in "the last thing I added" is the last change.
      return { position: ordinalWords[w]!, start: i, end: i + 1 };
    }
    // "number 2" picks from a list only when one was shown: otherwise it is a product's option.
    if (listShown && ["number", "option", "no", "choice", "nr"].includes(w) && /^\d$/.test(list[i + 1] ?? ""))
      return { position: Number(list[i + 1]), start: i, end: i + 2 };
  }
  return undefined;
}

export type Reference = "it" | "cheapest" | "dearest" | "biggest" | "smallest" | "same" | "another";

const referencePhrases: Array<[string[], Reference]> = [
  [["less", "expensive"], "cheapest"],
  [["more", "expensive"], "dearest"],
  [["most", "expensive"], "dearest"],
  [["least", "expensive"], "cheapest"],
  [["cheaper"], "cheapest"],
  [["cheapest"], "cheapest"],
  [["cheap"], "cheapest"],
  [["dearer"], "dearest"],
  [["pricier"], "dearest"],
  [["priciest"], "dearest"],
  [["bigger"], "biggest"],
  [["biggest"], "biggest"],
  [["larger"], "biggest"],
  [["largest"], "biggest"],
  [["longer"], "biggest"],
  [["longest"], "biggest"],
  [["big"], "biggest"],
  [["small"], "smallest"],
  [["little"], "smallest"],
  [["smaller"], "smallest"],
  [["smallest"], "smallest"],
  [["shorter"], "smallest"],
  [["shortest"], "smallest"],
  [["one", "more"], "another"],
  [["another"], "another"],
  [["same", "again"], "another"],
  [["the", "same"], "same"],
  [["same"], "same"],
  [["it"], "it"],
  [["that"], "it"],
  [["this"], "it"],
  [["those"], "it"],
  [["these"], "it"],
  [["them"], "it"],
];

export function referencesIn(
  list: readonly string[],
): Array<{ reference: Reference; start: number; end: number }> {
  const found: Array<{ reference: Reference; start: number; end: number }> = [];
  const taken = new Set<number>();
  for (const [phrase, reference] of referencePhrases) {
    for (let i = 0; i + phrase.length <= list.length; i++) {
      if (phrase.some((w, k) => list[i + k] !== w || taken.has(i + k))) continue;
      found.push({ reference, start: i, end: i + phrase.length });
      phrase.forEach((_, k) => taken.add(i + k));
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const negationWords = new Set([
  "no",
  "not",
  "dont",
  "never",
  "nothing",
  "none",
  "nope",
  "nah",
  "neither",
  "without",
  "doesnt",
  "isnt",
  "wont",
  "cant",
]);

/** Where the sentence says no ("don't", "not", "nothing", "no"). */
export function negationsIn(list: readonly string[]): number[] {
  const found: number[] = [];
  list.forEach((w, i) => {
    if (negationWords.has(w) && !(w === "no" && isNumber(list[i + 1] ?? ""))) found.push(i);
    else if (w === "do" && list[i + 1] === "not") found.push(i);
  });
  return found;
}

export interface PriceLimit {
  min?: number;
  max?: number;
  start: number;
  end: number;
}

const maxWords = [
  ["under"],
  ["below"],
  ["less", "than"],
  ["cheaper", "than"],
  ["at", "most"],
  ["max"],
  ["maximum"],
  ["up", "to"],
  ["within"],
  ["no", "more", "than"],
  ["not", "more", "than"],
];
const minWords = [["over"], ["above"], ["more", "than"], ["at", "least"], ["min"], ["minimum"], ["from"]];

/** A price limit in major units: "under 50000", "below $50", "between 10 and 20", "over 100k". */
export function priceLimitIn(
  list: readonly string[],
  currencyWords: ReadonlySet<string>,
): PriceLimit | undefined {
  const amountAt = (i: number): { value: number; end: number } | undefined => {
    let at = i;
    while (currencyWords.has(list[at] ?? "")) at++;
    const digits = list[at];
    if (digits === undefined || !isNumber(digits)) return undefined;
    let value = Number(digits);
    let end = at + 1;
    if (list[end] === "k") {
      value *= 1000;
      end++;
    }
    while (currencyWords.has(list[end] ?? "")) end++;
    return { value, end };
  };
  const startsWith = (i: number, phrase: string[]) => phrase.every((w, k) => list[i + k] === w);
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "between") {
      const low = amountAt(i + 1);
      if (low && (list[low.end] === "and" || list[low.end] === "to")) {
        const high = amountAt(low.end + 1);
        if (high) return { min: low.value, max: high.value, start: i, end: high.end };
      }
    }
    for (const phrase of maxWords) {
      if (!startsWith(i, phrase)) continue;
      const amount = amountAt(i + phrase.length);
      if (amount) return { max: amount.value, start: i, end: amount.end };
    }
    for (const phrase of minWords) {
      if (!startsWith(i, phrase)) continue;
      const amount = amountAt(i + phrase.length);
      // "from 20": only with money said, else "from" is too common ("from the first list").
      if (amount && (phrase[0] !== "from" || currencyWords.has(list[i + 1] ?? ""))) {
        return { min: amount.value, start: i, end: amount.end };
      }
    }
  }
  return undefined;
}
