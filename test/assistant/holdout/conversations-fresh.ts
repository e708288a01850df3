import type { HoldoutCatalog, HoldoutConversation } from "./conversations.js";

/**
 * A second held-out table, written before the tuning that took the first one past 90%, by someone
 * who had read the catalogs but not the parser: how people talk at a counter (polite padding,
 * options and colours before the product's name, codes and units such as A4, M10, 7.5 cm, 1L,
 * 20000mAh, corrections of the last change, a "no" that names nothing or names something not in
 * the cart, answers by option, by price or by their place in the list, typos, shouting).
 *
 * Nothing here may be used to tune the assistant: when a turn fails, the rule it needs is found and
 * tuned with different sentences in test/assistant/offline-conversations.test.ts. Same format as
 * ./conversations.ts.
 */

const same = "unchanged" as const;

/** Kampala Party & Gifts (UGX): the bundled sample catalog. */
const sample: HoldoutConversation[] = [
  {
    name: "a cake by weight with polite padding, a change of weight, a candle by its number",
    turns: [
      {
        say: "Good afternoon! Would it be possible to get the chocolate fudge cake, the 3 kg one?",
        tag: "options",
        cart: ["1 × Chocolate Fudge Cake (3 kg)"],
      },
      {
        say: "hmm, actually the 2kg one instead",
        tag: "correction",
        cart: ["1 × Chocolate Fudge Cake (2 kg)"],
      },
      {
        say: "plus the candle with the number 4 on it",
        tag: "options",
        cart: ["1 × Chocolate Fudge Cake (2 kg)", "1 × Number Birthday Candle (4)"],
      },
      { say: "no, I don't need a banner", tag: "negation", cart: same },
    ],
  },
  {
    name: "t-shirts with the colour first, one more in another size, a colour corrected",
    turns: [
      {
        say: "Have you got a Pink birthday t-shirt for a kid?",
        tag: "word-order",
        cart: ["1 × Birthday T-Shirt (Kids, Pink)"],
      },
      {
        say: "could I also get one in M, white",
        tag: "reference",
        cart: ["1 × Birthday T-Shirt (Kids, Pink)", "1 × Birthday T-Shirt (M, White)"],
      },
      {
        say: "sorry I meant blue, not white",
        tag: "correction",
        cart: ["1 × Birthday T-Shirt (Kids, Pink)", "1 × Birthday T-Shirt (M, Blue)"],
      },
      { say: "what does my cart look like?", tag: "view", cart: same },
    ],
  },
  {
    name: "a gift bag chosen by its number in the list, wrapping paper, then a no that names it",
    turns: [
      { say: "I need a gift bag", tag: "ambiguous", cart: [] },
      { say: "option 2", tag: "answer", cart: ["1 × Gift Bag (Medium)"] },
      {
        say: "and two rolls of the kitenge wrapping paper",
        tag: "options",
        cart: ["1 × Gift Bag (Medium)", "2 × Gift Wrapping Paper (Kitenge)"],
      },
      { say: "Actually, no wrapping paper", tag: "remove", cart: ["1 × Gift Bag (Medium)"] },
    ],
  },
  {
    name: "misspelt balloons, one more, fewer, and a foil balloon with its colour first",
    turns: [
      { say: "two gold helium baloon bunches pls", tag: "typo", cart: ["2 × Helium Balloon Bunch (Gold)"] },
      { say: "one more", tag: "reference", cart: ["3 × Helium Balloon Bunch (Gold)"] },
      { say: "Make it just two", tag: "correction", cart: ["2 × Helium Balloon Bunch (Gold)"] },
      {
        say: "and a silver number 5 foil balloon",
        tag: "word-order",
        cart: ["2 × Helium Balloon Bunch (Gold)", "1 × Number Foil Balloon (5, Silver)"],
      },
    ],
  },
  {
    name: "a hamper whose theme is asked for, a no, a budget",
    turns: [
      { say: "I'd like the baby shower hamper", tag: "ambiguous", cart: [] },
      { say: "neutral please", tag: "answer", cart: ["1 × Baby Shower Hamper (Neutral)"] },
      { say: "no I'm fine", tag: "negation", cart: same },
      { say: "do you have any flowers under 50,000?", tag: "search", cart: same },
    ],
  },
  {
    name: "roses by their stems, a sold-out size, a removal, an orchid by colour",
    turns: [
      { say: "a bouquet of 12 red roses", tag: "options", cart: ["1 × Red Rose Bouquet (12)"] },
      { say: "can I have the 24 stem one instead", tag: "sold-out", cart: same },
      { say: "Remove the roses", tag: "remove", cart: [] },
      { say: "a white potted orchid", tag: "word-order", cart: ["1 × Potted Orchid (White)"] },
    ],
  },
  {
    name: "a party pack by theme, misspelt confetti, emptying refused",
    turns: [
      {
        say: "superheroes party pack for my son's birthday",
        tag: "word-order",
        cart: ["1 × Birthday Party Pack (Superheroes)"],
      },
      {
        say: "also 3 confeti balloons",
        tag: "typo",
        cart: ["1 × Birthday Party Pack (Superheroes)", "3 × Confetti Balloons"],
      },
      { say: "start over, empty the cart", tag: "clear", cart: same },
      { say: "no, keep it", tag: "negation", cart: same },
    ],
  },
];

/** Retail Variants Demo (USD): only listed, available variants may be chosen. */
const retail: HoldoutConversation[] = [
  {
    name: "notebooks by paper size in mixed case, the cover changed afterwards",
    turns: [
      {
        say: "do you have A5 Notebooks? i'll take two",
        tag: "options",
        cart: ["2 × Notebook (A5, soft cover)"],
      },
      {
        say: "And an a4 one with a hard cover",
        tag: "reference",
        cart: ["2 × Notebook (A5, soft cover)", "1 × Notebook (A4, hard cover)"],
      },
      {
        say: "oh wait, make the A4 one soft cover",
        tag: "correction",
        cart: ["2 × Notebook (A5, soft cover)", "1 × Notebook (A4, soft cover)"],
      },
    ],
  },
  {
    name: "a t-shirt with every option before its name",
    turns: [
      {
        say: "a blue M cotton t-shirt",
        tag: "word-order",
        cart: ["1 × T-Shirt (blue, M, cotton, crew neck)"],
      },
      { say: "actually make that 3", tag: "correction", cart: ["3 × T-Shirt (blue, M, cotton, crew neck)"] },
      { say: "I don't want anything else", tag: "negation", cart: same },
    ],
  },
  {
    name: "a tablet by screen size, answered by colour, and a charger by capacity and plug",
    turns: [
      { say: "I'm after a 7-inch tablet", tag: "ambiguous", cart: [] },
      { say: "the black one", tag: "answer", cart: ["1 × Tablet (7-inch, 128GB, black)"] },
      {
        say: "and a portable charger, 20000mAh USB-C",
        tag: "options",
        cart: ["1 × Tablet (7-inch, 128GB, black)", "1 × Portable Charger (20000mAh, USB-C, white)"],
      },
    ],
  },
  {
    name: "headphones by type and connection, corrected, then taken off",
    turns: [
      {
        say: "Could you add wireless over-ear headphones please",
        tag: "options",
        cart: ["1 × Headphones (over-ear, wireless, black)"],
      },
      { say: "no wait, wired ones", tag: "correction", cart: ["1 × Headphones (over-ear, wired, black)"] },
      { say: "take the headphones off please", tag: "remove", cart: [] },
    ],
  },
  {
    name: "a water bottle with a space before its unit, the material asked for",
    turns: [
      { say: "a 750 ml water bottle in blue", tag: "ambiguous", cart: [] },
      { say: "plastic", tag: "answer", cart: ["1 × Water Bottle (750ml, plastic, blue)"] },
      { say: "another one", tag: "reference", cart: ["2 × Water Bottle (750ml, plastic, blue)"] },
    ],
  },
  {
    name: "a desk lamp by its power source, chosen by price",
    turns: [
      { say: "I'd like a black desk lamp that runs on USB", tag: "ambiguous", cart: [] },
      { say: "the cheaper one", tag: "answer", cart: ["1 × Desk Lamp (black, low, USB)"] },
      { say: "nah that's it", tag: "negation", cart: same },
    ],
  },
  {
    name: "hiking boots by a bare size number, a sold-out wish, the cart read back",
    turns: [
      { say: "hiking boots size 8", tag: "options", cart: ["1 × Hiking Boots (8, synthetic, no)"] },
      { say: "do you have them waterproof?", tag: "sold-out", cart: same },
      { say: "what have I got so far?", tag: "view", cart: same },
    ],
  },
  {
    name: "a misspelt mouse, removed as 'it'",
    turns: [
      {
        say: "a wireless gaming mose, white",
        tag: "typo",
        cart: ["1 × Gaming Mouse (white, optical, wireless)"],
      },
      { say: "remove it", tag: "remove", cart: [] },
    ],
  },
];

/** Nairobi Hardware & Pharmacy (KES): test/fixtures/catalogs/hardware-pharmacy.json. */
const hardwarePharmacy: HoldoutConversation[] = [
  {
    name: "a strength with a story around it, a bandage width with a space, a removal and a no",
    turns: [
      {
        say: "Hello, my daughter has a fever, could I have some ibuprofen 200mg?",
        tag: "options",
        cart: ["1 × Ibuprofen Tablets (200mg)"],
      },
      {
        say: "and the elastic bandage, 7.5 cm",
        tag: "options",
        cart: ["1 × Ibuprofen Tablets (200mg)", "1 × Elastic Bandage (7.5cm)"],
      },
      { say: "Actually I don't need the bandage", tag: "remove", cart: ["1 × Ibuprofen Tablets (200mg)"] },
      { say: "no, that's everything", tag: "negation", cart: same },
    ],
  },
  {
    name: "bolts that are not sold in that size, then another screw size, then more",
    turns: [
      { say: "20 M10 hex bolts 30mm", tag: "sold-out", cart: [] },
      { say: "ok M8 then", tag: "reference", cart: ["20 × Hex Bolts (M8, 30mm)"] },
      { say: "make it 25", tag: "correction", cart: ["25 × Hex Bolts (M8, 30mm)"] },
    ],
  },
  {
    name: "paint by volume and colour, brushes by width, fewer brushes, a price question",
    turns: [
      { say: "a 1L tin of cream emulsion", tag: "options", cart: ["1 × Emulsion Paint (1L, cream)"] },
      {
        say: "and two 4 inch paint brushes",
        tag: "options",
        cart: ["1 × Emulsion Paint (1L, cream)", "2 × Paint Brush (4 inch)"],
      },
      {
        say: "sorry, only one brush",
        tag: "correction",
        cart: ["1 × Emulsion Paint (1L, cream)", "1 × Paint Brush (4 inch)"],
      },
      { say: "how much is the cordless drill?", tag: "search", cart: same },
    ],
  },
  {
    name: "bulbs by fitting with the wattage asked for, then a sold-out other fitting",
    turns: [
      { say: "three E27 LED bulbs", tag: "ambiguous", cart: [] },
      { say: "12W", tag: "answer", cart: ["3 × LED Bulb (12W, E27 screw)"] },
      { say: "the same but B22", tag: "sold-out", cart: same },
    ],
  },
  {
    name: "shouted wire by the metre, misspelt tape, a no that names something not sold",
    turns: [
      {
        say: "15 METRES OF GREEN COPPER WIRE, 4MM",
        tag: "options",
        cart: ["15 × Copper Wire (4mm, green)"],
      },
      {
        say: "and a rol of duct tape, silver",
        tag: "typo",
        cart: ["15 × Copper Wire (4mm, green)", "1 × Duct Tape (silver)"],
      },
      { say: "i dont want any ladder", tag: "negation", cart: same },
    ],
  },
  {
    name: "cough syrup answered by flavour, a pipe by diameter, emptying confirmed",
    turns: [
      { say: "cough syrup please", tag: "ambiguous", cart: [] },
      { say: "cherry", tag: "answer", cart: ["1 × Cough Syrup (100ml, cherry)"] },
      {
        say: "a 25mm PVC pipe",
        tag: "options",
        cart: ["1 × Cough Syrup (100ml, cherry)", "1 × PVC Pipe (25mm)"],
      },
      { say: "clear everything", tag: "clear", cart: same },
      { say: "yes please", tag: "clear", cart: [] },
    ],
  },
  {
    name: "batteries by pack and size, a sold-out sanitiser size, then another size",
    turns: [
      { say: "a 12 pack of AA batteries", tag: "options", cart: ["1 × Alkaline Batteries (AA, 12 pack)"] },
      { say: "hand sanitizer 50ml", tag: "sold-out", cart: same },
      {
        say: "500ml then",
        tag: "reference",
        cart: ["1 × Alkaline Batteries (AA, 12 pack)", "1 × Hand Sanitizer (500ml)"],
      },
    ],
  },
];

export const freshHoldoutConversations: Record<HoldoutCatalog, HoldoutConversation[]> = {
  sample,
  retail,
  "hardware-pharmacy": hardwarePharmacy,
};
