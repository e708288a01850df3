/**
 * A held-out table of customer conversations for the offline assistant, written from how people
 * talk at a counter (indirect requests, padding, typos, units, corrections, negations, answers to
 * the assistant's own questions) and deliberately NOT from the assistant's code: whoever writes the
 * parser should not tune it to these sentences.
 *
 * Each turn says what the cart in Redis must hold afterwards, as "quantity × Product name (option
 * values in the product's axis order)", or "unchanged" when a sensible shop assistant would leave
 * the cart alone (a question, a "no", something sold out, or a request so ambiguous that it must
 * ask first).
 */

export const holdoutTags = [
  /** A plain request for one product, however indirectly phrased. */
  "add",
  /** Option values named in the request (codes, units, digits, hyphens). */
  "options",
  /** An option value or colour before the product's name. */
  "word-order",
  /** Misspelt or run-together product names. */
  "typo",
  /** "actually just 2", "make that 3", "no wait, the M6 ones": the last change is corrected. */
  "correction",
  /** "no thanks", "I don't want anything else": nothing may change. */
  "negation",
  /** The customer's answer to the assistant's question: a value, an ordinal, "the cheaper one". */
  "answer",
  /** The request leaves an option open, so the assistant must ask (a "?") and change nothing. */
  "ambiguous",
  /** "another one", "the same in blue". */
  "reference",
  /** Removing a line by naming it. */
  "remove",
  /** "what's in my cart?" */
  "view",
  /** Questions about what the shop has, with or without a price limit. */
  "search",
  /** The product or variant asked for is sold out, or the shop does not sell it. */
  "sold-out",
  /** Emptying the cart, which needs a confirmation. */
  "clear",
] as const;
export type HoldoutTag = (typeof holdoutTags)[number];

export interface HoldoutTurn {
  say: string;
  tag: HoldoutTag;
  /** The cart after the turn ("quantity × name (values)"), or "unchanged" from the turn before. */
  cart: string[] | "unchanged";
}

export interface HoldoutConversation {
  name: string;
  turns: HoldoutTurn[];
}

export type HoldoutCatalog = "sample" | "retail" | "hardware-pharmacy";

const same = "unchanged" as const;

/** Kampala Party & Gifts (UGX): the bundled sample catalog. */
const sample: HoldoutConversation[] = [
  {
    name: "a misspelt bouquet, then corrections of the last change",
    turns: [
      { say: "Hi there, could I get a balon bouqet please?", tag: "typo", cart: ["1 × Balloon Bouquet"] },
      { say: "actually make that 3", tag: "correction", cart: ["3 × Balloon Bouquet"] },
      {
        say: "and two party hats too",
        tag: "add",
        cart: ["3 × Balloon Bouquet", "2 × Party Hats"],
      },
      {
        say: "no wait, just one party hat",
        tag: "correction",
        cart: ["3 × Balloon Bouquet", "1 × Party Hats"],
      },
      { say: "what's in my cart now?", tag: "view", cart: same },
    ],
  },
  {
    name: "colours and sizes before the product, the same in another colour",
    turns: [
      {
        say: "I'm looking for a gold helium balloon bunch",
        tag: "word-order",
        cart: ["1 × Helium Balloon Bunch (Gold)"],
      },
      {
        say: "the same in blue",
        tag: "reference",
        cart: ["1 × Helium Balloon Bunch (Gold)", "1 × Helium Balloon Bunch (Blue)"],
      },
      {
        say: "Do you have the birthday t-shirt? A blue one in size XL for my son",
        tag: "word-order",
        cart: [
          "1 × Helium Balloon Bunch (Gold)",
          "1 × Helium Balloon Bunch (Blue)",
          "1 × Birthday T-Shirt (XL, Blue)",
        ],
      },
      {
        say: "another one",
        tag: "reference",
        cart: [
          "1 × Helium Balloon Bunch (Gold)",
          "1 × Helium Balloon Bunch (Blue)",
          "2 × Birthday T-Shirt (XL, Blue)",
        ],
      },
      { say: "I don't want to add anything else, thanks", tag: "negation", cart: same },
    ],
  },
  {
    name: "a teddy bear whose size is asked for, and a gift bag for it",
    turns: [
      { say: "can I have a teddy bear", tag: "ambiguous", cart: [] },
      { say: "Large", tag: "answer", cart: ["1 × Teddy Bear (Large)"] },
      {
        say: "and a gift bag to put it in, medium size",
        tag: "options",
        cart: ["1 × Teddy Bear (Large)", "1 × Gift Bag (Medium)"],
      },
      { say: "could you remove the gift bag", tag: "remove", cart: ["1 × Teddy Bear (Large)"] },
      { say: "no thanks", tag: "negation", cart: same },
    ],
  },
  {
    name: "cakes by weight and cupcakes by icing",
    turns: [
      {
        say: "I'd like to order a Red Velvet cake, 2kg",
        tag: "options",
        cart: ["1 × Red Velvet Cake (2 kg)"],
      },
      {
        say: "also 2 cupcake boxes with chocolate icing",
        tag: "options",
        cart: ["1 × Red Velvet Cake (2 kg)", "2 × Cupcake Box (Chocolate)"],
      },
      {
        say: "sorry, only one cupcake box",
        tag: "correction",
        cart: ["1 × Red Velvet Cake (2 kg)", "1 × Cupcake Box (Chocolate)"],
      },
      {
        say: "Could you take the red velvet cake off?",
        tag: "remove",
        cart: ["1 × Cupcake Box (Chocolate)"],
      },
      { say: "WHAT DO I HAVE IN MY CART", tag: "view", cart: same },
    ],
  },
  {
    name: "number candles and a foil balloon with its number and colour",
    turns: [
      {
        say: "I need a number 7 candle please",
        tag: "options",
        cart: ["1 × Number Birthday Candle (7)"],
      },
      {
        say: "a rose gold number foil balloon, the number 1",
        tag: "word-order",
        cart: ["1 × Number Birthday Candle (7)", "1 × Number Foil Balloon (1, Rose Gold)"],
      },
      { say: "do you have anything under 20k?", tag: "search", cart: same },
      { say: "please remove the candle", tag: "remove", cart: ["1 × Number Foil Balloon (1, Rose Gold)"] },
    ],
  },
  {
    name: "choices answered by description and by price",
    turns: [
      { say: "What cakes do you have?", tag: "search", cart: [] },
      {
        say: "the vanilla birthday cake with a gold message please",
        tag: "answer",
        cart: ["1 × Vanilla Birthday Cake (Gold)"],
      },
      { say: "I want a rose bouquet", tag: "ambiguous", cart: same },
      {
        say: "the cheaper one",
        tag: "answer",
        cart: ["1 × Vanilla Birthday Cake (Gold)", "1 × Red Rose Bouquet (6)"],
      },
    ],
  },
  {
    name: "something sold out, something the shop does not sell, and a removal phrased as a no",
    turns: [
      { say: "Can I get the balloon arch kit?", tag: "sold-out", cart: [] },
      {
        say: "ok then a happy birthday foil balloon",
        tag: "add",
        cart: ["1 × Happy Birthday Foil Balloon"],
      },
      { say: "do you sell umbrellas?", tag: "search", cart: same },
      { say: "I don't want the foil balloon anymore", tag: "remove", cart: [] },
      { say: "nope, nothing else", tag: "negation", cart: same },
    ],
  },
  {
    name: "a card for the occasion and wrapping paper by pattern",
    turns: [
      {
        say: "I'm looking for a thank you card",
        tag: "word-order",
        cart: ["1 × Greeting Card (Thank You)"],
      },
      {
        say: "and wrapping paper with hearts, 3 sheets",
        tag: "options",
        cart: ["1 × Greeting Card (Thank You)", "3 × Gift Wrapping Paper (Hearts)"],
      },
      {
        say: "make that 4",
        tag: "correction",
        cart: ["1 × Greeting Card (Thank You)", "4 × Gift Wrapping Paper (Hearts)"],
      },
      { say: "Remove the card please", tag: "remove", cart: ["4 × Gift Wrapping Paper (Hearts)"] },
    ],
  },
  {
    name: "a party pack by theme, a sash by style, and emptying the cart",
    turns: [
      {
        say: "do you have a birthday party pack in the jungle theme? I'll take one",
        tag: "options",
        cart: ["1 × Birthday Party Pack (Jungle)"],
      },
      {
        say: "and a Birthday Girl sash and tiara set",
        tag: "word-order",
        cart: ["1 × Birthday Party Pack (Jungle)", "1 × Birthday Sash & Tiara Set (Birthday Girl)"],
      },
      { say: "please empty my cart", tag: "clear", cart: same },
      { say: "yes please", tag: "clear", cart: [] },
    ],
  },
  {
    name: "a cake's size chosen by its place in the list, and a budget",
    turns: [
      { say: "I'd like a chocolate fudge cake for Saturday", tag: "ambiguous", cart: [] },
      { say: "the second one", tag: "answer", cart: ["1 × Chocolate Fudge Cake (2 kg)"] },
      { say: "Do you have gifts under 50k for a 5 year old?", tag: "search", cart: same },
      {
        say: "OK add the wooden animal puzzle",
        tag: "add",
        cart: ["1 × Chocolate Fudge Cake (2 kg)", "1 × Wooden Animal Puzzle"],
      },
    ],
  },
  {
    name: "shouted and misspelt requests",
    turns: [
      { say: "CAN I GET 2 PARTY POPERS", tag: "typo", cart: ["2 × Party Poppers"] },
      {
        say: "and a teddy bare, the small one",
        tag: "typo",
        cart: ["2 × Party Poppers", "1 × Teddy Bear (Small)"],
      },
    ],
  },
];

/** Retail Variants Demo (USD): the third-party catalog, where only listed variants may be chosen. */
const retail: HoldoutConversation[] = [
  {
    name: "a tablet chosen by screen size and storage, then doubled",
    turns: [
      {
        say: "Hi, do you have a 10-inch tablet with 64GB? I'd like one",
        tag: "options",
        cart: ["1 × Tablet (10-inch, 64GB, silver)"],
      },
      {
        say: "actually I need two of those",
        tag: "correction",
        cart: ["2 × Tablet (10-inch, 64GB, silver)"],
      },
      { say: "what's in my basket?", tag: "view", cart: same },
    ],
  },
  {
    name: "notebooks by paper size, the cover asked for",
    turns: [
      { say: "Could I get an A4 notebook", tag: "ambiguous", cart: [] },
      { say: "hard cover", tag: "answer", cart: ["1 × Notebook (A4, hard cover)"] },
      {
        say: "and three A5 notebooks",
        tag: "options",
        cart: ["1 × Notebook (A4, hard cover)", "3 × Notebook (A5, soft cover)"],
      },
      {
        say: "make that 5",
        tag: "correction",
        cart: ["1 × Notebook (A4, hard cover)", "5 × Notebook (A5, soft cover)"],
      },
      {
        say: "no wait, just 4",
        tag: "correction",
        cart: ["1 × Notebook (A4, hard cover)", "4 × Notebook (A5, soft cover)"],
      },
    ],
  },
  {
    name: "a run-together tshirt, the same in another colour, a removal and a no",
    turns: [
      {
        say: "im looking for a tshirt, black XL",
        tag: "typo",
        cart: ["1 × T-Shirt (black, XL, cotton, crew neck)"],
      },
      {
        say: "the same in purple",
        tag: "reference",
        cart: ["1 × T-Shirt (black, XL, cotton, crew neck)", "1 × T-Shirt (purple, XL, cotton, crew neck)"],
      },
      {
        say: "remove the black tshirt",
        tag: "remove",
        cart: ["1 × T-Shirt (purple, XL, cotton, crew neck)"],
      },
      { say: "I don't want to add anything", tag: "negation", cart: same },
    ],
  },
  {
    name: "a kettle by capacity and colour, the material asked for",
    turns: [
      { say: "I need an electric kettle, 1.5L in white", tag: "ambiguous", cart: [] },
      { say: "glass", tag: "answer", cart: ["1 × Electric Kettle (1.5L, glass, white)"] },
      { say: "another one please", tag: "reference", cart: ["2 × Electric Kettle (1.5L, glass, white)"] },
    ],
  },
  {
    name: "water bottles and a phone by storage and RAM",
    turns: [
      {
        say: "can i have 2 water bottles, 1000ml stainless steel red",
        tag: "options",
        cart: ["2 × Water Bottle (1000ml, stainless steel, red)"],
      },
      { say: "Do you have smartphones with 64GB?", tag: "sold-out", cart: same },
      {
        say: "ok, a black smartphone 128GB with 8GB RAM",
        tag: "word-order",
        cart: [
          "2 × Water Bottle (1000ml, stainless steel, red)",
          "1 × Smartphone (black, 128GB, 8GB, 5.8-inch)",
        ],
      },
      {
        say: "take the water bottles out",
        tag: "remove",
        cart: ["1 × Smartphone (black, 128GB, 8GB, 5.8-inch)"],
      },
    ],
  },
  {
    name: "a fleece jacket whose zipper is asked for",
    turns: [
      { say: "a navy fleece jacket in size XL", tag: "ambiguous", cart: [] },
      { say: "full zip", tag: "answer", cart: ["1 × Fleece Jacket (XL, navy, full)"] },
      { say: "Sorry, make it 2", tag: "correction", cart: ["2 × Fleece Jacket (XL, navy, full)"] },
    ],
  },
  {
    name: "an e-reader and light bulbs by their units",
    turns: [
      {
        say: "I'd like an e-reader, 8-inch, 32GB",
        tag: "options",
        cart: ["1 × E-Reader (8-inch, Wi-Fi, 32GB)"],
      },
      {
        say: "and a led light bulb, 100W equivalent",
        tag: "options",
        cart: [
          "1 × E-Reader (8-inch, Wi-Fi, 32GB)",
          "1 × LED Light Bulb (100W equivalent, warm white, none)",
        ],
      },
      {
        say: "make the bulbs 6",
        tag: "correction",
        cart: [
          "1 × E-Reader (8-inch, Wi-Fi, 32GB)",
          "6 × LED Light Bulb (100W equivalent, warm white, none)",
        ],
      },
      { say: "what's my total?", tag: "view", cart: same },
    ],
  },
  {
    name: "a price limit, a yoga mat by colour and thickness, and no thanks",
    turns: [
      { say: "do you have anything for less than $30?", tag: "search", cart: [] },
      { say: "i want a yoga mat, pink 5mm", tag: "options", cart: ["1 × Yoga Mat (5mm, TPE, pink)"] },
      { say: "no thanks that's all", tag: "negation", cart: same },
    ],
  },
  {
    name: "running shoes, then a change of mind about the size",
    turns: [
      {
        say: "Could I get running shoes in size 10",
        tag: "options",
        cart: ["1 × Running Shoes (10, white, leather, EVA)"],
      },
      {
        say: "actually size 9 in white",
        tag: "correction",
        cart: ["1 × Running Shoes (9, white, mesh, rubber)"],
      },
      { say: "remove the shoes", tag: "remove", cart: [] },
    ],
  },
  {
    name: "garden hoses by length in feet",
    turns: [
      { say: "I'm after a 25ft garden hose", tag: "ambiguous", cart: [] },
      { say: "the blue one", tag: "answer", cart: ["1 × Garden Hose (25ft, vinyl, blue)"] },
      {
        say: "and a 50 ft one in black, latex",
        tag: "options",
        cart: ["1 × Garden Hose (25ft, vinyl, blue)", "1 × Garden Hose (50ft, latex, black)"],
      },
    ],
  },
  {
    name: "a tea kettle for a gas stove, then emptying the cart",
    turns: [
      {
        say: "a glass tea kettle, 1 liter, for a gas stove",
        tag: "word-order",
        cart: ["1 × Tea Kettle (glass, 1 liter, gas)"],
      },
      { say: "clear my cart", tag: "clear", cart: same },
      { say: "yes", tag: "clear", cart: [] },
    ],
  },
  {
    name: "perfume by scent, size and gender, and questions that change nothing",
    turns: [
      {
        say: "do u have perfume for men, woody, 100ml? i'll take it",
        tag: "options",
        cart: ["1 × Perfume (woody, 100ml, men)"],
      },
      { say: "how much is the wristwatch?", tag: "search", cart: same },
      { say: "Can I get the sneakers in size 11?", tag: "sold-out", cart: same },
      { say: "no, leave it", tag: "negation", cart: same },
    ],
  },
  {
    name: "a wall clock by diameter and a keyboard by size",
    turns: [
      {
        say: "I'd like a 12 inch wall clock",
        tag: "options",
        cart: ["1 × Wall Clock (12 inches, white, analog)"],
      },
      { say: "Add a mechanical keybaord", tag: "ambiguous", cart: same },
      { say: "none of those, thanks", tag: "negation", cart: same },
    ],
  },
  {
    name: "perfume with its options first, and a mat chosen by price",
    turns: [
      {
        say: "Could I have the woody perfume for women in 30ml",
        tag: "word-order",
        cart: ["1 × Perfume (woody, 30ml, women)"],
      },
      { say: "I want a PVC yoga mat", tag: "ambiguous", cart: same },
      {
        say: "the cheaper one",
        tag: "answer",
        cart: ["1 × Perfume (woody, 30ml, women)", "1 × Yoga Mat (4mm, PVC, blue)"],
      },
    ],
  },
  {
    name: "a misspelt mat with its options",
    turns: [
      {
        say: "I'd like a yoga matt in green, 6mm pvc",
        tag: "typo",
        cart: ["1 × Yoga Mat (6mm, PVC, green)"],
      },
    ],
  },
];

/** Nairobi Hardware & Pharmacy (KES): test/fixtures/catalogs/hardware-pharmacy.json. */
const hardwarePharmacy: HoldoutConversation[] = [
  {
    name: "painkillers by strength and pack size, rehydration salts by their initials",
    turns: [
      {
        say: "Good morning, could I get paracetamol 500mg, the 30 tablets pack?",
        tag: "options",
        cart: ["1 × Paracetamol Tablets (500mg, 30 tablets)"],
      },
      { say: "make that 2 packs", tag: "correction", cart: ["2 × Paracetamol Tablets (500mg, 30 tablets)"] },
      {
        say: "and 5 sachets of ORS",
        tag: "add",
        cart: ["2 × Paracetamol Tablets (500mg, 30 tablets)", "5 × Oral Rehydration Salts"],
      },
      { say: "what's in my cart?", tag: "view", cart: same },
    ],
  },
  {
    name: "bolts by screw size and length, screws and plugs",
    turns: [
      { say: "I need ten M8 bolts, 50mm", tag: "options", cart: ["10 × Hex Bolts (M8, 50mm)"] },
      { say: "no wait, M6", tag: "correction", cart: ["10 × Hex Bolts (M6, 50mm)"] },
      {
        say: "also a box of 40mm wood screws",
        tag: "word-order",
        cart: ["10 × Hex Bolts (M6, 50mm)", "1 × Wood Screws (40mm)"],
      },
      {
        say: "and wall plugs",
        tag: "add",
        cart: ["10 × Hex Bolts (M6, 50mm)", "1 × Wood Screws (40mm)", "1 × Wall Plugs"],
      },
      { say: "remove the screws", tag: "remove", cart: ["10 × Hex Bolts (M6, 50mm)", "1 × Wall Plugs"] },
    ],
  },
  {
    name: "bulbs by wattage and fitting, one of them sold out",
    turns: [
      { say: "I want a 9W LED bulb", tag: "ambiguous", cart: [] },
      { say: "the pin one. Four of them", tag: "answer", cart: ["4 × LED Bulb (9W, B22 pin)"] },
      { say: "the same in 12W", tag: "sold-out", cart: same },
      {
        say: "ok then an 18W one",
        tag: "reference",
        cart: ["4 × LED Bulb (9W, B22 pin)", "1 × LED Bulb (18W, E27 screw)"],
      },
    ],
  },
  {
    name: "extension cables by length, the sockets asked for",
    turns: [
      {
        say: "I'm looking for an extension cable, 5 m",
        tag: "options",
        cart: ["1 × Extension Cable (5m, 4 way)"],
      },
      { say: "do you have a 10m one?", tag: "sold-out", cart: same },
      { say: "Can I get a 2m extension cable as well", tag: "ambiguous", cart: same },
      {
        say: "4 way",
        tag: "answer",
        cart: ["1 × Extension Cable (5m, 4 way)", "1 × Extension Cable (2m, 4 way)"],
      },
    ],
  },
  {
    name: "paint by volume and colour, brushes by width",
    turns: [
      {
        say: "I'd like 4L of white emulsion paint",
        tag: "options",
        cart: ["1 × Emulsion Paint (4L, white)"],
      },
      {
        say: "and a 2 inch brush",
        tag: "word-order",
        cart: ["1 × Emulsion Paint (4L, white)", "1 × Paint Brush (2 inch)"],
      },
      {
        say: "make it 3 brushes",
        tag: "correction",
        cart: ["1 × Emulsion Paint (4L, white)", "3 × Paint Brush (2 inch)"],
      },
      { say: "can you take the brushes off", tag: "remove", cart: ["1 × Emulsion Paint (4L, white)"] },
      { say: "grey emulsion, 4 litres", tag: "sold-out", cart: same },
    ],
  },
  {
    name: "copper wire by the metre, gauge and colour",
    turns: [
      {
        say: "I need 20 metres of 2.5mm copper wire in red",
        tag: "options",
        cart: ["20 × Copper Wire (2.5mm, red)"],
      },
      {
        say: "and 10 of the same in black",
        tag: "reference",
        cart: ["20 × Copper Wire (2.5mm, red)", "10 × Copper Wire (2.5mm, black)"],
      },
      { say: "I don't want anything else", tag: "negation", cart: same },
    ],
  },
  {
    name: "a thermometer asked about, then taken; cough syrup by volume and flavour",
    turns: [
      { say: "Do you have a digital thermometer?", tag: "search", cart: [] },
      { say: "great, I'll take one", tag: "answer", cart: ["1 × Digital Thermometer"] },
      {
        say: "and cough syrup, honey flavour, 200ml",
        tag: "options",
        cart: ["1 × Digital Thermometer", "1 × Cough Syrup (200ml, honey)"],
      },
      { say: "the same in cherry", tag: "sold-out", cart: same },
      {
        say: "then the 100ml cherry one",
        tag: "reference",
        cart: [
          "1 × Digital Thermometer",
          "1 × Cough Syrup (200ml, honey)",
          "1 × Cough Syrup (100ml, cherry)",
        ],
      },
    ],
  },
  {
    name: "paper by paper size",
    turns: [
      { say: "2 reams of A4 paper pls", tag: "options", cart: ["2 × Printing Paper (A4)"] },
      { say: "and one A3", tag: "reference", cart: ["2 × Printing Paper (A4)", "1 × Printing Paper (A3)"] },
      { say: "A5 printing paper too", tag: "sold-out", cart: same },
      { say: "remove the A3 paper", tag: "remove", cart: ["2 × Printing Paper (A4)"] },
    ],
  },
  {
    name: "capsules and tablets by strength, a space before the unit",
    turns: [
      {
        say: "amoxicillin 500 mg please",
        tag: "options",
        cart: ["1 × Amoxicillin Capsules (500mg)"],
      },
      { say: "Ibuprofen", tag: "ambiguous", cart: same },
      {
        say: "400mg",
        tag: "answer",
        cart: ["1 × Amoxicillin Capsules (500mg)", "1 × Ibuprofen Tablets (400mg)"],
      },
      { say: "nothing else thank you", tag: "negation", cart: same },
    ],
  },
  {
    name: "a price limit, batteries by size and pack, a sold-out ladder and a hammer",
    turns: [
      { say: "anything under 200 shillings?", tag: "search", cart: [] },
      { say: "AAA batteries, 4 pack", tag: "options", cart: ["1 × Alkaline Batteries (AAA, 4 pack)"] },
      { say: "Can I get a ladder?", tag: "sold-out", cart: same },
      {
        say: "a claw hammer then",
        tag: "add",
        cart: ["1 × Alkaline Batteries (AAA, 4 pack)", "1 × Claw Hammer"],
      },
      { say: "take out the batteries", tag: "remove", cart: ["1 × Claw Hammer"] },
    ],
  },
  {
    name: "face masks, vitamin C and a misspelt sanitiser",
    turns: [
      { say: "a pack of 50 face masks", tag: "options", cart: ["1 × Face Masks (50 pieces)"] },
      {
        say: "vitamin c 1000mg",
        tag: "options",
        cart: ["1 × Face Masks (50 pieces)", "1 × Vitamin C Tablets (1000mg, 30 tablets)"],
      },
      {
        say: "and a 1L hand sanitiser",
        tag: "typo",
        cart: [
          "1 × Face Masks (50 pieces)",
          "1 × Vitamin C Tablets (1000mg, 30 tablets)",
          "1 × Hand Sanitizer (1L)",
        ],
      },
      {
        say: "no no, I don't want the vitamins",
        tag: "remove",
        cart: ["1 × Face Masks (50 pieces)", "1 × Hand Sanitizer (1L)"],
      },
    ],
  },
  {
    name: "a padlock and a tape measure chosen by number and by ordinal",
    turns: [
      { say: "I want a padlock", tag: "ambiguous", cart: [] },
      { say: "number 2", tag: "answer", cart: ["1 × Padlock (40mm)"] },
      { say: "and a measuring tape", tag: "ambiguous", cart: same },
      { say: "the first one", tag: "answer", cart: ["1 × Padlock (40mm)", "1 × Measuring Tape (3m)"] },
    ],
  },
  {
    name: "misspelt medicine and tools",
    turns: [
      {
        say: "parcetamol 1000mg, 10 tablets",
        tag: "typo",
        cart: ["1 × Paracetamol Tablets (1000mg, 10 tablets)"],
      },
      {
        say: "and a claw hamer",
        tag: "typo",
        cart: ["1 × Paracetamol Tablets (1000mg, 10 tablets)", "1 × Claw Hammer"],
      },
    ],
  },
];

export const holdoutConversations: Record<HoldoutCatalog, HoldoutConversation[]> = {
  sample,
  retail,
  "hardware-pharmacy": hardwarePharmacy,
};
