import type { HoldoutCatalog, HoldoutConversation } from "./conversations.js";

/**
 * A third held-out table, written after the tuning that took the other two to 100%, to measure how
 * far that tuning carried to sentences nobody had tuned it for: 28/37 (76%) at its first run. Its
 * misses were then read like the other tables' (the rules they pointed to were tuned on other
 * sentences of their kind), so its score after that is no longer an unseen figure: the next table
 * written should be. Same format as ./conversations.ts.
 */

const same = "unchanged" as const;

/** Kampala Party & Gifts (UGX). */
const sample: HoldoutConversation[] = [
  {
    name: "balloons for a mum, more of them, a foil number, a removal said as 'scratch'",
    turns: [
      {
        say: "Morning! I'd love a red helium balloon bunch for my mum",
        tag: "add",
        cart: ["1 × Helium Balloon Bunch (Red)"],
      },
      { say: "could you make that three?", tag: "correction", cart: ["3 × Helium Balloon Bunch (Red)"] },
      {
        say: "and the number foil balloon in gold, number 8",
        tag: "options",
        cart: ["3 × Helium Balloon Bunch (Red)", "1 × Number Foil Balloon (8, Gold)"],
      },
      { say: "scratch the foil balloon", tag: "remove", cart: ["3 × Helium Balloon Bunch (Red)"] },
    ],
  },
  {
    name: "a cake by weight, a sold-out weight, another weight",
    turns: [
      { say: "a 1 kg red velvet cake", tag: "options", cart: ["1 × Red Velvet Cake (1 kg)"] },
      { say: "can I get the 3kg instead?", tag: "sold-out", cart: same },
      { say: "fine, 2 kg then", tag: "correction", cart: ["1 × Red Velvet Cake (2 kg)"] },
      { say: "what's the total?", tag: "view", cart: same },
    ],
  },
  {
    name: "a card asked for as a question, more of it, a no naming something else, emptying",
    turns: [
      {
        say: "do you do greeting cards for a wedding?",
        tag: "options",
        cart: ["1 × Greeting Card (Wedding)"],
      },
      { say: "two of them actually", tag: "correction", cart: ["2 × Greeting Card (Wedding)"] },
      { say: "I don't want any party poppers", tag: "negation", cart: same },
      { say: "empty the basket", tag: "clear", cart: same },
    ],
  },
];

/** Retail Variants Demo (USD). */
const retail: HoldoutConversation[] = [
  {
    name: "a backpack whose material is asked, a coffee maker, taken back",
    turns: [
      { say: "Can I grab a grey backpack, large, the hydration one", tag: "ambiguous", cart: [] },
      { say: "polyester", tag: "answer", cart: ["1 × Backpack (grey, large, polyester, hydration)"] },
      {
        say: "and a coffee maker, black, 8 cups",
        tag: "options",
        cart: [
          "1 × Backpack (grey, large, polyester, hydration)",
          "1 × Coffee Maker (black, 8 cups, espresso, built-in grinder)",
        ],
      },
      {
        say: "hmm no, remove the coffee maker",
        tag: "remove",
        cart: ["1 × Backpack (grey, large, polyester, hydration)"],
      },
    ],
  },
  {
    name: "British spelling, a charger by plug and capacity, the capacity changed",
    turns: [
      {
        say: "polarised sunglasses with a silver metal frame",
        tag: "options",
        cart: ["1 × Sunglasses (silver, black, polarized, metal)"],
      },
      {
        say: "a USB-C portable charger, 10000mAh",
        tag: "options",
        cart: [
          "1 × Portable Charger (10000mAh, USB-C, blue)",
          "1 × Sunglasses (silver, black, polarized, metal)",
        ],
      },
      {
        say: "actually the 20000mAh one",
        tag: "correction",
        cart: [
          "1 × Portable Charger (20000mAh, USB-C, white)",
          "1 × Sunglasses (silver, black, polarized, metal)",
        ],
      },
      { say: "thanks that's everything", tag: "negation", cart: same },
    ],
  },
  {
    name: "earbuds whose water resistance is asked, one more pair, the trolley read back",
    turns: [
      { say: "I'd like wireless earbuds, blue, 8 hours battery", tag: "ambiguous", cart: [] },
      { say: "IPX4 please", tag: "answer", cart: ["1 × Wireless Earbuds (blue, 8 hours, IPX4)"] },
      { say: "oh and one more pair", tag: "reference", cart: ["2 × Wireless Earbuds (blue, 8 hours, IPX4)"] },
      { say: "what have i got in my trolley", tag: "view", cart: same },
    ],
  },
];

/** Nairobi Hardware & Pharmacy (KES). */
const hardwarePharmacy: HoldoutConversation[] = [
  {
    name: "capsules by strength, boxes of tablets, the pack size corrected",
    turns: [
      {
        say: "Hi, I need some amoxicillin, 250mg",
        tag: "options",
        cart: ["1 × Amoxicillin Capsules (250mg)"],
      },
      {
        say: "and 2 boxes of paracetamol, 1000 mg, 30 tablets",
        tag: "options",
        cart: ["1 × Amoxicillin Capsules (250mg)", "2 × Paracetamol Tablets (1000mg, 30 tablets)"],
      },
      {
        say: "sorry, the 10 tablet packs",
        tag: "correction",
        cart: ["1 × Amoxicillin Capsules (250mg)", "2 × Paracetamol Tablets (1000mg, 10 tablets)"],
      },
      { say: "no that's all for today", tag: "negation", cart: same },
    ],
  },
  {
    name: "a drill by voltage, a sold-out voltage, a tape measure in other words, a removal",
    turns: [
      { say: "a 12V cordless drill", tag: "options", cart: ["1 × Cordless Drill (12V)"] },
      { say: "do you have the 18V?", tag: "sold-out", cart: same },
      {
        say: "a tape measure, 8 metres",
        tag: "word-order",
        cart: ["1 × Cordless Drill (12V)", "1 × Measuring Tape (8m)"],
      },
      { say: "take the drill off please", tag: "remove", cart: ["1 × Measuring Tape (8m)"] },
    ],
  },
  {
    name: "shortened words, a strength without its unit, a removal, emptying confirmed",
    turns: [
      {
        say: "vitamin c 500 mg, 60 tabs",
        tag: "options",
        cart: ["1 × Vitamin C Tablets (500mg, 60 tablets)"],
      },
      {
        say: "ibuprofen 400",
        tag: "options",
        cart: ["1 × Ibuprofen Tablets (400mg)", "1 × Vitamin C Tablets (500mg, 60 tablets)"],
      },
      { say: "I no longer need the vitamin C", tag: "remove", cart: ["1 × Ibuprofen Tablets (400mg)"] },
      { say: "clear it all", tag: "clear", cart: same },
      { say: "yes", tag: "clear", cart: [] },
    ],
  },
];

export const unseenHoldoutConversations: Record<HoldoutCatalog, HoldoutConversation[]> = {
  sample,
  retail,
  "hardware-pharmacy": hardwarePharmacy,
};
