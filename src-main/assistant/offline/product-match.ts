import type { CartLine } from "../../../src-shared/cart.js";
import type { ProductView } from "../../../src-shared/catalog.js";
import { functionWords, type Lexicon } from "./lexicon.js";
import { isNumber, norms, normalForm } from "./normalize.js";

/**
 * What a sentence says about a product's options ("blue, size M", "the 8-inch one"), which
 * variant that means, and which line of the cart a phrase refers to ("the t-shirts").
 */

/**
 * An option constraint read from the sentence: one of `values` on one of `axes`. Usually one axis
 * and one value; a value that several axes share ("black" frame or lens) keeps all of them.
 */
export interface OptionConstraint {
  axes: string[];
  values: string[];
}

/** Letter sizes as people say them: "medium" names the size "M" when the axis lists letters. */
const sizeWords: Record<string, string> = {
  "extra small": "XS",
  small: "S",
  medium: "M",
  large: "L",
  "extra large": "XL",
  "extra extra large": "XXL",
};

/** Values too short or too numeric to trust on their own ("M", "10", "2"): they need the axis named. */
export function isShortValue(value: string): boolean {
  const v = value.trim().toLowerCase();
  return v.length <= 1 || /^\d+$/.test(v) || /^(yes|no|none|full|half|high|low)$/.test(v);
}

interface ValueForms {
  axis: ProductView["options"][number];
  value: string;
  /** The value's normalised words. */
  own: string[];
  /** The other values' words on the same axis. */
  others: Set<string>;
  /** The value starts with a number no other value of the axis has ("a pack of 50"). */
  ofNumber: boolean;
  /** The ways the value may be said; `short` ones need their axis named. */
  forms: Array<{ form: string[]; short: boolean }>;
}

const valueForms = new WeakMap<ProductView, ValueForms[]>();

/** How each option value of a product may be said, worked out once per product. */
function valueFormsOf(lexicon: Lexicon, product: ProductView): ValueForms[] {
  const cached = valueForms.get(product);
  if (cached) return cached;
  const all: ValueForms[] = [];
  for (const axis of product.options) {
    const axisWords = norms(axis.name);
    for (const value of axis.values) {
      const own = norms(value);
      // The value as written; a letter code or too short a value needs its axis named.
      const forms: Array<{ form: string[]; short: boolean }> = [{ form: own, short: isShortValue(value) }];
      // Letter sizes and size words stand for each other ("medium" for M, "L" for large).
      const word = sizeWordFor(value);
      if (word && !axis.values.some((v) => normalForm(v) === word))
        forms.push({ form: norms(word), short: false });
      const code = sizeWords[normalForm(value)];
      if (code && !axis.values.some((v) => normalForm(v) === code.toLowerCase()))
        forms.push({ form: [code.toLowerCase()], short: true });
      // One word of a longer value that no other value of the axis has: "B22" for "B22 pin",
      // "hard" for "hard cover". Not a number, not the axis's own word ("resistant").
      const others = new Set(axis.values.filter((v) => v !== value).flatMap(norms));
      if (own.length > 1)
        for (const part of own)
          if (
            part.length >= 3 &&
            !isNumber(part) &&
            !functionWords.has(part) &&
            !others.has(part) &&
            !axisWords.some((a) => lexicon.sameStem(part, a))
          )
            forms.push({ form: [part], short: false });
      // "a pack of 50", "a bouquet of 12": the number after "of" is the value that has it.
      const ofNumber = isNumber(own[0]!) && !others.has(own[0]!);
      if (ofNumber && own.length > 1) forms.push({ form: [own[0]!], short: true });
      all.push({ axis, value, own, others, ofNumber, forms });
    }
  }
  valueForms.set(product, all);
  return all;
}

const axes = new WeakMap<
  ProductView,
  { axisWordsOf: Map<string, string[]>; valuesOf: Map<string, string[][]> }
>();

/** Each axis's normalised name and values, worked out once per product. */
function axesOf(product: ProductView) {
  let found = axes.get(product);
  if (!found) {
    found = {
      axisWordsOf: new Map(product.options.map((a) => [a.name, norms(a.name)])),
      valuesOf: new Map(product.options.map((a) => [a.name, a.values.map(norms)])),
    };
    axes.set(product, found);
  }
  return found;
}

const optionWords = new WeakMap<ProductView, Set<string>>();

/**
 * Whether the spoken words may name an option of the product: one of its values' or axes' words
 * is said, or a word the catalog does not know is (it may be a typo of one). Lets a sentence with
 * no product named skip the products it cannot be about.
 */
export function mayNameOptions(lexicon: Lexicon, product: ProductView, spoken: readonly string[]): boolean {
  let words = optionWords.get(product);
  if (!words) {
    words = new Set(valueFormsOf(lexicon, product).flatMap((v) => v.forms.flatMap((f) => f.form)));
    for (const axis of product.options) norms(axis.name).forEach((w) => words!.add(w));
    optionWords.set(product, words);
  }
  return spoken.some(
    (w) => words.has(w) || (!lexicon.known.has(w) && !functionWords.has(w) && !isNumber(w) && w.length > 3),
  );
}

export interface OptionReading {
  constraints: OptionConstraint[];
  /** Word positions used by option mentions (so "size 10" is not read as a quantity of 10). */
  used: Set<number>;
}

/**
 * Reads the option values of `product` named in the spoken words (normalised). `original` is
 * the sentence as typed: a capital "M" standing alone counts as a size even without the word
 * "size". Positions in `skip` are taken by something else (a quantity said first).
 */
export function readOptions(
  lexicon: Lexicon,
  product: ProductView,
  spoken: readonly string[],
  original: string,
  skip: ReadonlySet<number> = new Set(),
  /** Values just offered in a question: said alone they are an answer, however short. */
  offered: ReadonlySet<string> = new Set(),
): OptionReading {
  const used = new Set<number>();
  const capitals = new Set(
    original
      .split(/[^A-Za-z0-9]+/)
      .filter((w) => /^[A-Z]{1,3}$/.test(w))
      .map((w) => w.toLowerCase()),
  );
  type Mention = { start: number; length: number; axis: string; value: string; pinned: boolean };
  const mentions: Mention[] = [];
  const { axisWordsOf, valuesOf } = axesOf(product);
  const nextTo = (axis: string, start: number, end: number) => {
    const words = axisWordsOf.get(axis)!;
    const before = spoken.slice(Math.max(0, start - words.length), start);
    const after = spoken.slice(end, end + words.length);
    const said = (part: readonly string[]) =>
      part.length === words.length && part.every((w, k) => lexicon.sameStem(w, words[k]!));
    // The head of the axis's name is enough: "frame" for "frame color", "size" for "screen size".
    const head = words.at(-1)!;
    const first = words[0]!;
    // "24 stems" names the axis after the value, unless another value of the axis follows it
    // ("2 number 5": the 2 is a quantity, the number is 5).
    const valueFollows = (at: number) =>
      (valuesOf.get(axis) ?? []).some((v) => v.every((w, k) => spoken[at + k] === w));
    if (said(before)) return words.length;
    if (said(after) && !valueFollows(end + words.length)) return words.length;
    if (spoken[start - 1] === head || (spoken[end] === head && !valueFollows(end + 1))) return 1;
    if (words.length > 1 && (spoken[start - 1] === first || spoken[end] === first)) return 1;
    return 0;
  };
  for (const { axis, value, own, ofNumber, others, forms: staticForms } of valueFormsOf(lexicon, product)) {
    const forms = [...staticForms];
    // Answering a question that listed "500mg": "500" alone.
    if (offered.has(value) && own.length === 2 && isNumber(own[0]!) && !others.has(own[0]!))
      forms.push({ form: [own[0]!], short: false });
    for (const { form, short } of forms) {
      for (const m of lexicon.findPhrase(spoken, form)) {
        const end = m.start + m.length;
        if ([...Array(m.length).keys()].some((k) => skip.has(m.start + k))) continue;
        if (form.length === 1 && functionWords.has(form[0]!) && !short) continue;
        // "blue, not white": a value said with a no is not wanted.
        if (["not", "no", "without", "dont"].includes(spoken[m.start - 1] ?? "")) continue;
        const axisNext = nextTo(axis.name, m.start, end);
        const afterOf = ofNumber && form.length === 1 && form[0] === own[0] && spoken[m.start - 1] === "of";
        if (
          form.length === 1 &&
          form[0] === own[0] &&
          own.length > 1 &&
          isNumber(own[0]!) &&
          !afterOf &&
          !offered.has(value)
        )
          continue;
        const trusted =
          afterOf ||
          !short ||
          offered.has(value) ||
          axisNext > 0 ||
          (capitals.has(form.join("")) && form.join("").length <= 3 && !isNumber(form.join("")));
        if (!trusted) continue;
        mentions.push({ start: m.start, length: m.length, axis: axis.name, value, pinned: axisNext > 0 });
        for (let k = 0; k < m.length; k++) used.add(m.start + k);
        if (axisNext) {
          const words = axisWordsOf.get(axis.name)!;
          const before = spoken.slice(Math.max(0, m.start - axisNext), m.start);
          if ((before.length && lexicon.sameWord(before.at(-1)!, words.at(-1)!)) || before[0] === words[0])
            for (let k = 1; k <= axisNext; k++) used.add(m.start - k);
          else for (let k = 0; k < axisNext; k++) used.add(end + k);
        }
      }
    }
  }
  // A yes/no axis is answered by naming it: "waterproof" means yes, "not waterproof" no.
  for (const axis of product.options) {
    const yes = axis.values.find((v) => v.toLowerCase() === "yes");
    const no = axis.values.find((v) => v.toLowerCase() === "no");
    if (!yes || !no) continue;
    const stems = (a: string, b: string) => lexicon.sameStem(a, b);
    for (const m of lexicon.findPhrase(spoken, axisWordsOf.get(axis.name)!, 0, stems)) {
      if (used.has(m.start)) continue;
      const negated = ["not", "no", "non", "without"].includes(spoken[m.start - 1] ?? "");
      mentions.push({
        start: m.start,
        length: m.length,
        axis: axis.name,
        value: negated ? no : yes,
        pinned: true,
      });
      for (let k = 0; k < m.length; k++) used.add(m.start + k);
      if (negated) used.add(m.start - 1);
    }
  }
  // A longer mention wins over one inside it ("rose gold" over "gold").
  const kept = mentions.filter(
    (m) =>
      !mentions.some(
        (o) => o.length > m.length && o.start <= m.start && o.start + o.length >= m.start + m.length,
      ),
  );
  // The same words on several axes: the axis named beside them, otherwise all of them.
  const constraints: OptionConstraint[] = [];
  const byStart = new Map<number, Mention[]>();
  for (const m of kept) byStart.set(m.start, [...(byStart.get(m.start) ?? []), m]);
  for (const group of byStart.values()) {
    const pinned = group.filter((m) => m.pinned);
    const chosen = pinned.length ? pinned : group;
    const axes = [...new Set(chosen.map((m) => m.axis))];
    const values = [...new Set(chosen.map((m) => m.value))];
    for (const value of values) {
      const existing = constraints.find(
        (c) => c.axes.length === axes.length && c.axes.every((a) => axes.includes(a)),
      );
      if (existing) {
        if (!existing.values.includes(value)) existing.values.push(value);
      } else constraints.push({ axes, values: [value] });
    }
  }
  // "a medium helmet, low ventilation": an axis settled by a mention of its own is not what the
  // shared words meant.
  const settled = new Set(constraints.filter((c) => c.axes.length === 1).map((c) => c.axes[0]!));
  for (const c of constraints) {
    if (c.axes.length < 2) continue;
    const open = c.axes.filter((a) => !settled.has(a));
    if (open.length > 0 && open.length < c.axes.length) {
      const axisValues = new Set(open.flatMap((a) => product.options.find((o) => o.name === a)!.values));
      c.axes = open;
      c.values = c.values.filter((v) => axisValues.has(v) || sizeWordFits(product, open, v));
    }
  }
  return { constraints, used };
}

function sizeWordFits(product: ProductView, axes: readonly string[], value: string): boolean {
  return product.options.some((o) => axes.includes(o.name) && o.values.includes(value));
}

function sizeWordFor(value: string): string | undefined {
  const code = value.trim().toUpperCase();
  return Object.entries(sizeWords).find(([, letters]) => letters === code)?.[0];
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

/**
 * Finds the cart lines the spoken words (normalised, positions in `skip` left out) refer to: by
 * product name, narrowed by the option values mentioned ("the blue t-shirt"); or, with no name
 * said, by option values alone ("the blue one"). Nothing said at all: no line (the caller decides
 * what "it" means).
 */
export function matchCartLines(
  lexicon: Lexicon,
  lines: readonly CartLine[],
  spoken: readonly string[],
  original: string,
  skip: ReadonlySet<number> = new Set(),
): CartLine[] {
  const configurationOf = (line: CartLine) =>
    Object.fromEntries(Object.entries(line.configuration).map(([k, v]) => [k, String(v)]));
  const optionsFit = (line: CartLine) => {
    const product = lexicon.catalog.product(line.product_id);
    if (!product) return false;
    const { constraints } = readOptions(lexicon, product, spoken, original, skip);
    return constraints.length > 0 && satisfies(configurationOf(line), constraints);
  };
  const scored = lines.map((line) => ({
    line,
    score: lexicon.nameMatch(
      norms(line.name).filter((w) => w !== "and"),
      spoken,
      skip,
    ).score,
  }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) return lines.filter(optionsFit);
  let found = scored.filter((s) => s.score === best).map((s) => s.line);
  if (found.length > 1) {
    const narrowed = found.filter(optionsFit);
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
  return value.trim().length <= 2 || /^\d+$/.test(value.trim()) ? `${axis} ${value}` : value;
}
