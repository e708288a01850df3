import { tokenize } from "./normalize.js";

/**
 * What a customer can ask of the offline assistant, as data: each intent's trigger words, the
 * words that block it, what it needs from the rest of the sentence (its slots), and example
 * sentences (the parser's unit tests read every one). When several intents are triggered the one
 * with the highest priority wins; the order of this list means nothing.
 *
 * A trigger is a phrase matched word for word on the normalised message; "a+b" means both words
 * somewhere in it. The words are English, never a shop's: a shop's products, options and
 * categories come from its catalog.
 */

export type IntentKind =
  | "confirm"
  | "decline"
  | "clear"
  | "nothing"
  | "correct"
  | "remove"
  | "update"
  | "view_cart"
  | "checkout"
  | "details"
  | "search"
  | "another"
  | "add"
  | "greeting"
  | "thanks"
  | "help";

/** What the rest of the sentence holds, for the intents' slot conditions. */
export interface Facts {
  words: number;
  product: boolean;
  option: boolean;
  quantity: boolean;
  reference: boolean;
  ordinal: boolean;
  price: boolean;
  category: boolean;
  negated: boolean;
  /** A product's name said right after a no: "no party hats", "not the candles". */
  negatedName: boolean;
  /** Words left that are neither request words nor the catalog's ("remove the roses" when "rose" is only a colour). */
  leftover: boolean;
  /** A product named that only one product of the catalog fits ("a teddy bear", not "a gift"). */
  oneProduct: boolean;
  /** A want said as a statement ("I'm looking for", "I'm after"), not as a question. */
  wanted: boolean;
  /** A product named with options that settle one available variant ("a gold helium balloon bunch"). */
  settled: boolean;
  /** The last reply asked to confirm emptying the cart. */
  confirming: boolean;
  /** The last reply asked which product or variant. */
  choosing: boolean;
  /** The conversation remembers the last change to the cart. */
  lastChange: boolean;
}

export interface IntentRule {
  kind: IntentKind;
  priority: number;
  triggers: string[];
  blockers?: string[];
  /** The slots the intent needs filled, said in the sentence or known from the conversation. */
  needs?: (facts: Facts) => boolean;
  /** The slots it reads, for the reader of this table. */
  slots: string[];
  examples: string[];
}

const cartWords = ["cart", "basket", "trolley", "order", "bag"];
const viewWords = [
  "show",
  "view",
  "see",
  "what",
  "whats",
  "check",
  "look",
  "display",
  "open",
  "total",
  "content",
  "list",
  "much",
  "in",
];
const addWords = [
  "want",
  "like",
  "add",
  "buy",
  "get",
  "give",
  "take",
  "need",
  "order",
  "purchase",
  "have",
  "grab",
  "put",
  "throw",
  "pick",
  "chuck",
  "ill have",
  "ill take",
  "id like",
  "id love",
  "can i have",
  "could i have",
  "i would like",
  "i will have",
  "i will take",
  "after",
  "looking for",
  "look for",
  "searching for",
];

/** Words that say what the customer wants as a statement: with a product named, they order it. */
export const wantPhrases = ["looking for", "look for", "searching for", "after"];
const negative = [
  "no",
  "nope",
  "nah",
  "not",
  "dont",
  "do not",
  "cancel",
  "keep",
  "stop",
  "never mind",
  "nevermind",
  "not now",
  "leave it",
  "keep it",
];
const affirmative = [
  "yes",
  "yeah",
  "yep",
  "yup",
  "ya",
  "sure",
  "ok",
  "okay",
  "confirm",
  "confirmed",
  "please do",
  "do it",
  "go ahead",
  "absolutely",
  "of course",
  "correct",
  "right",
  "definitely",
  "empty it",
  "clear it",
];

export const intentRules: IntentRule[] = [
  {
    kind: "confirm",
    priority: 100,
    triggers: affirmative,
    blockers: ["not", "dont", "no", "keep", "wait"],
    needs: (f) => f.confirming,
    slots: [],
    examples: ["yes", "yes please", "ok go ahead", "sure, empty it"],
  },
  {
    kind: "decline",
    priority: 99,
    triggers: negative,
    needs: (f) => f.confirming,
    slots: [],
    examples: ["no", "no, keep it", "don't", "never mind"],
  },
  {
    kind: "clear",
    priority: 90,
    triggers: [
      "clear+cart",
      "clear+basket",
      "clear+everything",
      "clear+all",
      "clear+it",
      "clear+order",
      "empty+cart",
      "empty+basket",
      "empty+everything",
      "empty+it",
      "empty+all",
      "reset+cart",
      "wipe+cart",
      "remove+everything",
      "remove+all",
      "delete+everything",
      "delete+all",
      "take+everything",
      "cancel+everything",
      "cancel+order",
      "start over",
      "start again",
      "get rid of everything",
      "scrap+everything",
      "scrap+all",
    ],
    blockers: ["dont", "not", "never", "all of the", "all the"],
    slots: [],
    examples: [
      "empty my cart",
      "clear the basket please",
      "remove everything",
      "let's start over",
      "cancel my whole order",
    ],
  },
  {
    kind: "nothing",
    priority: 80,
    triggers: [
      "no",
      "not",
      "dont",
      "nothing",
      "none",
      "nope",
      "nah",
      "never mind",
      "nevermind",
      "neither",
      "forget it",
    ],
    // "I don't want the banner any more" names what to remove: that is a removal.
    needs: (f) => f.negated && !f.product && !f.option && !f.ordinal && !(f.reference && f.lastChange),
    slots: [],
    examples: [
      "I don't want to add anything",
      "no thanks",
      "nothing for now",
      "nah, never mind",
      "none of those",
    ],
  },
  {
    kind: "correct",
    priority: 85,
    triggers: [
      "actually",
      "make that",
      "make it",
      "no wait",
      "wait",
      "instead",
      "i meant",
      "i mean",
      "sorry",
      "change that",
      "change it",
      "oops",
      "only",
      "just",
      "rather",
      "scratch that",
      "correction",
    ],
    blockers: [
      "another",
      "also",
      "as well",
      "remove",
      "delete",
      "take out",
      "take off",
      "dont want",
      "get rid of",
    ],
    needs: (f) => f.lastChange && (f.quantity || f.option) && !f.product,
    slots: ["quantity", "option"],
    examples: [
      "actually just 2",
      "make that 3",
      "no wait, 4",
      "sorry, I meant blue",
      "only one",
      "make it gold",
    ],
  },
  {
    kind: "remove",
    priority: 70,
    triggers: [
      "remove",
      "delete",
      "take out",
      "take off",
      "take away",
      "take+out",
      "take+off",
      "take+away",
      "drop",
      "get rid of",
      "cancel",
      "minus",
      "dont want",
      "do not want",
      "no longer want",
      "no longer need",
      "scratch",
      "dont need",
      "do not need",
      "dont like",
      "changed my mind about",
      "rather not",
      "not have",
      "not take",
      "skip the",
      "no more",
      "put back",
      "put+back",
      "leave out",
      "without",
    ],
    // Words that name no product may still name a line of the cart ("the roses"): the cart decides.
    needs: (f) => f.product || f.reference || f.option || f.ordinal || f.quantity || f.category || f.leftover,
    slots: ["product", "option", "reference", "quantity"],
    examples: [
      "remove the party hats",
      "take the cupcakes out",
      "I don't want the banner anymore",
      "drop one of the t-shirts",
      "get rid of it",
    ],
  },
  {
    // A no that names a product removes it (when it is in the cart); a no that names nothing is "nothing".
    kind: "remove",
    priority: 82,
    triggers: ["no", "not", "without", "none of the"],
    needs: (f) => f.negatedName,
    slots: ["product"],
    examples: ["no party hats after all", "not the banner then", "no candles, thanks"],
  },
  {
    kind: "update",
    priority: 60,
    triggers: [
      "make",
      "change",
      "set",
      "update",
      "adjust",
      "increase",
      "decrease",
      "reduce",
      "only want",
      "only need",
      "should be",
      "bump",
      "up the",
      "i want only",
      "instead of",
      "only",
      "just",
      "actually",
      "sorry",
      "i meant",
    ],
    needs: (f) => f.quantity,
    slots: ["product", "option", "reference", "quantity"],
    examples: [
      "make the balloon bouquets 5",
      "change the party poppers to 10",
      "set the t-shirts to 2",
      "reduce the mats to one",
    ],
  },
  {
    kind: "view_cart",
    priority: 55,
    triggers: [
      ...cartWords.flatMap((c) => viewWords.map((v) => `${c}+${v}`)),
      "my total",
      "the total",
      "how much do i owe",
      "what do i owe",
      "what have i got",
      "what have i ordered",
      "what have i added",
      "what did i order",
      "what did i add",
      "how much is it all",
      "how much altogether",
      "what have i chosen",
      "whats in",
      "so far",
      "how much+all",
      "altogether",
      "in total",
      "how much+everything",
    ],
    blockers: ["remove", "add", "clear", "empty", "delete", "pay", "checkout"],
    slots: [],
    examples: [
      "what's in my cart?",
      "show me my basket",
      "what's my total",
      "how much do I owe you",
      "what have I got so far",
    ],
  },
  {
    kind: "checkout",
    priority: 50,
    triggers: [
      "checkout",
      "check out",
      "pay",
      "payment",
      "pay now",
      "buy now",
      "place+order",
      "ready to pay",
      "settle",
    ],
    blockers: ["add", "do you"],
    slots: [],
    examples: ["I want to check out", "how do I pay?", "ready to pay"],
  },
  {
    kind: "details",
    priority: 45,
    triggers: [
      "tell me about",
      "tell me more",
      "more about",
      "detail",
      "describe",
      "more info",
      "more information",
      "what size",
      "what color",
      "what option",
      "what kind",
      "what type",
      "which size",
      "which color",
      "which option",
      "how much is",
      "how much are",
      "how much does",
      "how much for",
      "price of",
      "cost of",
      "what does+cost",
      "come in",
      "what is the",
      "what are the",
      "is there a",
      "does it",
    ],
    needs: (f) => f.product || (f.reference && f.lastChange),
    slots: ["product"],
    examples: [
      "how much is the smart watch?",
      "tell me about the teddy bear",
      "what colours does the backpack come in",
    ],
  },
  {
    kind: "search",
    priority: 40,
    triggers: [
      "do you have",
      "do you sell",
      "do you stock",
      "do you carry",
      "have you got",
      "got any",
      "show me",
      "looking for",
      "look for",
      "search",
      "find",
      "browse",
      "recommend",
      "suggest",
      "anything",
      "something",
      "any",
      "what kind of",
      "options for",
      "cheap",
      "cheapest",
      "affordable",
      "what do you",
      "what else",
      "idea",
      "is there",
    ],
    blockers: ["add", "i want", "id like", "i would like", "ill take", "give me", "ill have", "can i have"],
    // "I'm looking for a thank you card" and "do you have the blue one in XL?" name what to add; "I'm
    // looking for a gift" and "do you have a digital thermometer?" ask what there is.
    needs: (f) => !f.product || (!(f.wanted && f.oneProduct) && !f.settled),
    slots: ["product", "category", "price"],
    examples: [
      "do you have anything under 10000?",
      "I'm looking for a gift",
      "show me your cheapest bottles",
      "do you sell headphones",
    ],
  },
  {
    kind: "another",
    priority: 38,
    triggers: [
      "another",
      "one more",
      "same again",
      "the same",
      "same",
      "again",
      "more",
      "one extra",
      "extra one",
    ],
    needs: (f) => f.lastChange && !f.product,
    slots: ["quantity", "option"],
    examples: ["another one please", "one more", "the same in blue", "same again", "and another in red"],
  },
  {
    kind: "add",
    priority: 30,
    triggers: addWords,
    needs: (f) => f.product || f.category || f.option || f.choosing || !f.negated,
    slots: ["product", "option", "quantity"],
    examples: [
      "I want 2 balloon bouquets",
      "can I get a teddy bear, medium",
      "can I have a green backpack in size large please",
      "I'll take three party hats",
    ],
  },
  {
    kind: "greeting",
    priority: 20,
    triggers: [
      "hi",
      "hello",
      "hey",
      "hallo",
      "good morning",
      "good afternoon",
      "good evening",
      "good day",
      "howdy",
      "morning",
      "hiya",
    ],
    blockers: ["help", "cart", ...addWords],
    needs: (f) => f.words <= 5 && !f.product,
    slots: [],
    examples: ["hello", "hi there", "good morning"],
  },
  {
    kind: "thanks",
    priority: 21,
    triggers: [
      "thanks",
      "thank you",
      "thank u",
      "cheers",
      "great",
      "perfect",
      "awesome",
      "nice",
      "cool",
      "brilliant",
      "lovely",
      "that is all",
      "thats all",
      "thats it",
      "all good",
    ],
    needs: (f) => f.words <= 6 && !f.product && !f.quantity,
    slots: [],
    examples: ["thanks", "thank you so much", "perfect, that's all", "cheers"],
  },
  {
    kind: "help",
    priority: 10,
    triggers: [
      "help",
      "what can you do",
      "how does this work",
      "how does it work",
      "how do i",
      "who are you",
      "what are you",
    ],
    blockers: ["pay", "checkout"],
    slots: [],
    examples: ["help", "what can you do?", "how does this work"],
  },
];

/** A trigger as normalised parts, each a word sequence: "a+b" needs both, anywhere. */
export interface CompiledTrigger {
  parts: string[][];
}

function compile(trigger: string): CompiledTrigger {
  return { parts: trigger.split("+").map((part) => tokenize(part).map((t) => t.raw)) };
}

/** Every word some trigger is made of. */
export const triggerWords = new Set(
  intentRules.flatMap((rule) =>
    rule.triggers.flatMap((t) => tokenize(t.replace(/\+/g, " ")).map((w) => w.raw)),
  ),
);

export const compiledRules = intentRules.map((rule) => ({
  rule,
  triggers: rule.triggers.map(compile),
  blockers: (rule.blockers ?? []).map(compile),
}));

/** Where a word sequence occurs in the words, or -1. */
export function indexOfSequence(words: readonly string[], sequence: readonly string[]): number {
  outer: for (let i = 0; i + sequence.length <= words.length; i++) {
    for (let k = 0; k < sequence.length; k++) if (words[i + k] !== sequence[k]) continue outer;
    return i;
  }
  return -1;
}

export function triggered(words: readonly string[], trigger: CompiledTrigger): boolean {
  return trigger.parts.every((part) => part.length > 0 && indexOfSequence(words, part) >= 0);
}

/** The intent the words ask for: among the rules triggered, not blocked and with their slots, the highest priority. */
export function chooseIntent(words: readonly string[], facts: Facts): IntentKind | undefined {
  let best: IntentRule | undefined;
  for (const { rule, triggers, blockers } of compiledRules) {
    if (best && best.priority >= rule.priority) continue;
    if (!triggers.some((t) => triggered(words, t))) continue;
    if (blockers.some((b) => triggered(words, b))) continue;
    if (rule.needs && !rule.needs(facts)) continue;
    best = rule;
  }
  return best?.kind;
}
