/**
 * Small, dependency-free language helpers for the offline assistant: normalising a customer's
 * sentence, reading quantities written in digits or words, and comparing words with some tolerance
 * for plurals and typing mistakes (kiosk touch keyboards make many).
 */

/** Lower-cases and reduces a sentence to words separated by single spaces (keeps digits, %, ., -). */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/(\d),(\d{3})\b/g, "$1$2")
    .replace(/[^a-z0-9%.'+\-/ ]+/g, " ")
    .replace(/(^|\s)[.'\-/]+|[.'\-/]+(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function words(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(" ") : [];
}

/** A crude English stem that makes plurals meet their singular: bouquets/bouquet, boxes/box, berries/berry. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (/(ches|shes|sses|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) return w.slice(0, -1);
  return w;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
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

/** True when two words are the same word, allowing plurals and, for longer words, a typo or two. */
export function sameWord(a: string, b: string): boolean {
  const x = stem(a);
  const y = stem(b);
  if (x === y) return true;
  const shorter = Math.min(x.length, y.length);
  if (shorter < 4) return false;
  return editDistance(x, y, shorter >= 7 ? 2 : 1) <= (shorter >= 7 ? 2 : 1);
}

const units: Record<string, number> = {
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
const tens: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const multipliers: Record<string, number> = { dozen: 12, dozens: 12, hundred: 100, thousand: 1000 };

export interface QuantityMatch {
  value: number;
  /** Index of the first and one past the last word used. */
  start: number;
  end: number;
}

/**
 * Reads a quantity starting at word `i`: "2", "x2", "2x", "two", "twenty one", "a dozen",
 * "half a dozen", "a couple of", "a pair of", "three dozen". Returns undefined when there is none.
 */
export function quantityAt(list: readonly string[], i: number): QuantityMatch | undefined {
  const word = list[i];
  if (word === undefined) return undefined;
  if (word === "half" && list[i + 1] === "a" && list[i + 2] === "dozen")
    return { value: 6, start: i, end: i + 3 };
  if ((word === "a" || word === "one") && (list[i + 1] === "couple" || list[i + 1] === "pair")) {
    return { value: 2, start: i, end: list[i + 2] === "of" ? i + 3 : i + 2 };
  }
  if (word === "couple" || word === "pair")
    return { value: 2, start: i, end: list[i + 1] === "of" ? i + 2 : i + 1 };
  let value: number | undefined;
  let end = i + 1;
  const digits = /^x?(\d{1,12})x?$/.exec(word);
  if (digits) value = Number(digits[1]);
  else if (word in tens) {
    value = tens[word]!;
    const next = list[i + 1];
    if (next !== undefined && next in units && units[next]! < 10 && next !== "a" && next !== "an") {
      value += units[next]!;
      end++;
    }
  } else if (word in units) value = units[word]!;
  else if (word in multipliers) value = 1;
  else return undefined;
  if (word in multipliers) return { value: multipliers[word]!, start: i, end };
  const following = list[end];
  if (following !== undefined && following in multipliers) {
    value *= multipliers[following]!;
    end++;
    if (list[end] === "of") end++;
  }
  return { value, start: i, end };
}

/** Words that carry no product meaning in a shopping sentence. */
export const fillerWords = new Set(
  (
    "i i'd i'll i'm id ill im we me my mine our us you your please pls kindly can could would will may " +
    "want wants wanted like love need needs get got give buy purchase order take have has had put add " +
    "also and then with of the a an some any to too for in into on at it its them they those these " +
    "this that there here one ones item items thing things piece pieces more another extra " +
    "just only now today again thanks thank cart basket bag please? hi hello hey ok okay yes no " +
    "is are be do does did am was were so very much many lot lots"
  ).split(" "),
);
