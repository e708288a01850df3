import pluralize from "pluralize";

/**
 * The offline assistant's normaliser: one function that turns text into comparable tokens, used
 * alike on the catalog's names and option values and on the customer's message, so that the two
 * meet whatever the spelling: case and accents, hyphens ("t-shirt", "t shirt"), a number and its
 * unit written together, apart or hyphenated ("8 inch", "8-inch", "8in"; "1 kg", "1kg"), plurals
 * (by the `pluralize` library), British and American spellings, and punctuation.
 *
 * Nothing here is about one shop: the units and spellings are those of English and of
 * measurement, whatever the catalog sells.
 */

export interface Token {
  /** The word as written, lower-cased and with its spelling made American ("colour" -> "color"). */
  raw: string;
  /** The word compared with the catalog: singular, and a unit in its one short form ("inches" -> "inch"). */
  norm: string;
  /** Whether a sentence break (comma, semicolon, full stop) follows this word. */
  breakAfter: boolean;
}

/** British spellings as the American ones the catalogs mostly use (both sides go through this). */
const americanSpelling: Record<string, string> = {
  colour: "color",
  colours: "colors",
  coloured: "colored",
  grey: "gray",
  favourite: "favorite",
  flavour: "flavor",
  flavours: "flavors",
  litre: "liter",
  litres: "liters",
  metre: "meter",
  metres: "meters",
  centre: "center",
  fibre: "fiber",
  jewellery: "jewelry",
  aluminium: "aluminum",
  tyre: "tire",
  tyres: "tires",
  pyjamas: "pajamas",
  catalogue: "catalog",
  moisturiser: "moisturizer",
  sanitiser: "sanitizer",
  personalised: "personalized",
  organiser: "organizer",
  cosy: "cozy",
  mould: "mold",
  odour: "odor",
  honour: "honor",
  neighbour: "neighbor",
  practise: "practice",
  cheque: "check",
  programme: "program",
  analogue: "analog",
};

/**
 * Units after a number, in one spelling each. "in" and "l" count only written onto the number
 * ("8in", "1l"): "2 in blue" is two things in blue, not two inches.
 */
const unitSpellings: Record<string, string> = {
  in: "inch",
  inch: "inch",
  inches: "inch",
  '"': "inch",
  ft: "ft",
  feet: "ft",
  foot: "ft",
  l: "l",
  lt: "l",
  ltr: "l",
  liter: "l",
  liters: "l",
  ml: "ml",
  milliliter: "ml",
  milliliters: "ml",
  kg: "kg",
  kgs: "kg",
  kilo: "kg",
  kilos: "kg",
  kilogram: "kg",
  kilograms: "kg",
  g: "g",
  gr: "g",
  gram: "g",
  grams: "g",
  mg: "mg",
  milligram: "mg",
  milligrams: "mg",
  gb: "gb",
  gig: "gb",
  gigs: "gb",
  gigabyte: "gb",
  gigabytes: "gb",
  tb: "tb",
  terabyte: "tb",
  terabytes: "tb",
  mm: "mm",
  millimeter: "mm",
  millimeters: "mm",
  cm: "cm",
  centimeter: "cm",
  centimeters: "cm",
  m: "m",
  meter: "m",
  meters: "m",
  lb: "lb",
  lbs: "lb",
  pound: "lb",
  pounds: "lb",
  oz: "oz",
  ounce: "oz",
  ounces: "oz",
  h: "hour",
  hr: "hour",
  hrs: "hour",
  hour: "hour",
  hours: "hour",
  w: "w",
  watt: "w",
  watts: "w",
  v: "v",
  volt: "v",
  volts: "v",
  mp: "mp",
  megapixel: "mp",
  megapixels: "mp",
  mah: "mah",
  x: "x",
  k: "k",
  p: "p",
  pc: "piece",
  pcs: "piece",
  tab: "tablet",
  tabs: "tablet",
  piece: "piece",
  pieces: "piece",
  tablet: "tablet",
  tablets: "tablet",
  capsule: "capsule",
  capsules: "capsule",
  degree: "degree",
  degrees: "degree",
};
const looseOnly = new Set(["in", "l", "m", "h", "w", "v", "x", "k", "p", "g"]);
/** Ordinal endings are not units: "2nd" stays one word. */
const ordinalSuffix = /^(st|nd|rd|th)$/;

/** Short function words that `pluralize` would bend ("us" -> "me", "this" -> "thi"): kept as they are. */
const keepAsIs = new Set([
  "us",
  "yes",
  "this",
  "its",
  "his",
  "has",
  "was",
  "is",
  "as",
  "plus",
  "less",
  "news",
]);

const numberLike = /^\d+(\.\d+)?$/;

function singular(word: string): string {
  if (word.length < 3 || keepAsIs.has(word) || !/^[a-z]+$/.test(word)) return word;
  return pluralize.singular(word);
}

/** Splits text into normalised tokens. */
export function tokenize(text: string): Token[] {
  const cleaned = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/(\d),(\d{3})\b/g, "$1$2")
    // A measure in inches written with a double quote: 10" -> 10 inch.
    .replace(/(\d)\s*(?:"|”|″)/g, "$1 inch ")
    // Apostrophes join ("don't" -> "dont", "kid's" -> "kids"): the same on both sides.
    .replace(/(\p{L})'(\p{L})/gu, "$1$2")
    // Currency symbols are words of their own: "$50" -> "$ 50".
    .replace(/([$£€¥])/g, " $1 ")
    // "&" is "and" ("Honey & Lemon", "honey and lemon").
    .replace(/&/g, " and ")
    // "2.0" is "2".
    .replace(/(\d)\.0\b/g, "$1");
  const tokens: Token[] = [];
  for (const chunk of cleaned.split(/\s+/)) {
    if (!chunk) continue;
    // A break after the chunk: "blue, size M" keeps the comma as a boundary between two mentions.
    const breakAfter = /[,;!?]$|(?<!\d)\.$/.test(chunk);
    const words = chunk
      .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
      .split(/[^\p{L}\p{N}.%$£€¥+]+/u)
      .filter((w) => w && w !== "+");
    for (const word of words) pushWord(tokens, word);
    if (breakAfter && tokens.length) tokens[tokens.length - 1]!.breakAfter = true;
  }
  return tokens;
}

function pushWord(tokens: Token[], word: string): void {
  const raw = americanSpelling[word] ?? word;
  // A number with its unit written onto it ("8in", "64gb", "1.5l"), but not "2nd" nor "x2".
  const glued = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(raw);
  if (glued && !ordinalSuffix.test(glued[2]!) && unitSpellings[glued[2]!]) {
    tokens.push({ raw: glued[1]!, norm: glued[1]!, breakAfter: false });
    const unit = glued[2]!;
    tokens.push({ raw: unit, norm: unitSpellings[unit]!, breakAfter: false });
    return;
  }
  const previous = tokens.at(-1);
  const afterNumber = previous !== undefined && numberLike.test(previous.norm);
  const unit = afterNumber && !looseOnly.has(raw) ? unitSpellings[raw] : undefined;
  tokens.push({ raw, norm: unit ?? singular(raw), breakAfter: false });
}

/** The normalised words of a catalog name or value, as one string ("8-inch" -> "8 inch"). */
export function normalForm(text: string): string {
  return norms(text).join(" ");
}

/**
 * The catalog's names and values are normalised on every reading of a message (each product's
 * options are read against it): kept once normalised, so that a turn costs microseconds, not
 * the tens of milliseconds `pluralize` takes over a few hundred values. Bounded, for the
 * customers' own words that pass through here too.
 */
const normsCache = new Map<string, readonly string[]>();
const normsCacheLimit = 20_000;

/** The normalised words of a text. */
export function norms(text: string): string[] {
  let words = normsCache.get(text);
  if (!words) {
    if (normsCache.size >= normsCacheLimit) normsCache.clear();
    words = tokenize(text).map((t) => t.norm);
    normsCache.set(text, words);
  }
  return [...words];
}

/** Units of measure: a number before one is a size ("400 mg"), never how many. */
const measures = new Set([
  "inch",
  "ft",
  "l",
  "ml",
  "kg",
  "g",
  "mg",
  "gb",
  "tb",
  "mm",
  "cm",
  "m",
  "lb",
  "oz",
  "hour",
  "w",
  "v",
  "mp",
  "mah",
  "degree",
]);

export function isMeasureUnit(norm: string | undefined): boolean {
  return norm !== undefined && measures.has(norm);
}

export function isNumber(word: string): boolean {
  return numberLike.test(word);
}
