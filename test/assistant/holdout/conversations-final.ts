import type { HoldoutCatalog, HoldoutConversation } from "./conversations.js";

/**
 * A final held-out table, written by someone who had read the three catalogs and the FORMAT of
 * ./conversations.ts but neither the parser nor the other tables: how people talk at a counter
 * (indirect requests, options and colours before the product's name, units and codes such as
 * 2kg, 500 ml, 10-inch, A4, M8, quantities in words, corrections of the last change, a "no" that
 * names something not in the cart, removals by name, answers by value, by price or by place in the
 * list, typos and shouting). Nothing here may be used to tune the assistant. Same format as
 * ./conversations.ts.
 */

const same = "unchanged" as const;

/** Kampala Party & Gifts (UGX): the bundled sample catalog. */
const sample: HoldoutConversation[] = [
  {
    name: "a jungle party pack, a number candle and half a dozen poppers",
    turns: [
      {
        say: "Good morning! I'm after a birthday party pack, the jungle one please",
        tag: "options",
        cart: ["1 × Birthday Party Pack (Jungle)"],
      },
      {
        say: "and a number 5 candle",
        tag: "options",
        cart: ["1 × Birthday Party Pack (Jungle)", "1 × Number Birthday Candle (5)"],
      },
      {
        say: "Could I also get half a dozen party poppers?",
        tag: "add",
        cart: ["1 × Birthday Party Pack (Jungle)", "1 × Number Birthday Candle (5)", "6 × Party Poppers"],
      },
    ],
  },
  {
    name: "cakes by weight, a sold-out size, then a corrected quantity",
    turns: [
      {
        say: "Hi, could I get a 2kg chocolate fudge cake?",
        tag: "options",
        cart: ["1 × Chocolate Fudge Cake (2 kg)"],
      },
      { say: "and a red velvet, 3 kg", tag: "sold-out", cart: same },
      {
        say: "ok, the red velvet in 2kg then",
        tag: "options",
        cart: ["1 × Chocolate Fudge Cake (2 kg)", "1 × Red Velvet Cake (2 kg)"],
      },
      {
        say: "actually make it 2",
        tag: "correction",
        cart: ["1 × Chocolate Fudge Cake (2 kg)", "2 × Red Velvet Cake (2 kg)"],
      },
    ],
  },
  {
    name: "t-shirts: colour corrected, a sold-out size, then a kids' one",
    turns: [
      {
        say: "Can I have two white birthday t-shirts in size M?",
        tag: "word-order",
        cart: ["2 × Birthday T-Shirt (M, White)"],
      },
      { say: "no, the blue ones", tag: "correction", cart: ["2 × Birthday T-Shirt (M, Blue)"] },
      { say: "and one XL in pink", tag: "sold-out", cart: same },
      {
        say: "a kids size white one then",
        tag: "reference",
        cart: ["2 × Birthday T-Shirt (M, Blue)", "1 × Birthday T-Shirt (Kids, White)"],
      },
    ],
  },
  {
    name: "a dozen-rose bouquet and a card whose occasion is asked",
    turns: [
      {
        say: "I'd like a bouquet of 12 red roses please",
        tag: "options",
        cart: ["1 × Red Rose Bouquet (12)"],
      },
      { say: "and a greeting card", tag: "ambiguous", cart: same },
      {
        say: "anniversary",
        tag: "answer",
        cart: ["1 × Red Rose Bouquet (12)", "1 × Greeting Card (Anniversary)"],
      },
    ],
  },
  {
    name: "a misspelt teddy and a gift bag chosen by size and by place, then the teddy removed",
    turns: [
      { say: "id like a tedy bear pls", tag: "ambiguous", cart: [] },
      { say: "the large one", tag: "answer", cart: ["1 × Teddy Bear (Large)"] },
      { say: "and a gift bag", tag: "ambiguous", cart: same },
      {
        say: "the second one",
        tag: "answer",
        cart: ["1 × Teddy Bear (Large)", "1 × Gift Bag (Medium)"],
      },
      { say: "actually take the teddy bear out", tag: "remove", cart: ["1 × Gift Bag (Medium)"] },
    ],
  },
  {
    name: "foil numbers for a 30th, gold helium bunches, and no candles",
    turns: [
      {
        say: "I need foil number balloons for my dad's 30th, a 3 and a 0, both silver",
        tag: "options",
        cart: ["1 × Number Foil Balloon (3, Silver)", "1 × Number Foil Balloon (0, Silver)"],
      },
      {
        say: "plus a couple of Helium balloon bunches in GOLD",
        tag: "options",
        cart: [
          "1 × Number Foil Balloon (3, Silver)",
          "1 × Number Foil Balloon (0, Silver)",
          "2 × Helium Balloon Bunch (Gold)",
        ],
      },
      { say: "no thanks, I don't need candles", tag: "negation", cart: same },
    ],
  },
];

/** A retail shop (USD) whose products are sold only as listed variants. */
const retail: HoldoutConversation[] = [
  {
    name: "a 10-inch tablet and a charger named by colour and capacity, then two chargers",
    turns: [
      {
        say: "Hi, could I get the 10-inch tablet in gold?",
        tag: "options",
        cart: ["1 × Tablet (10-inch, 128GB, gold)"],
      },
      {
        say: "and a black portable charger, the 20000mAh one",
        tag: "word-order",
        cart: ["1 × Tablet (10-inch, 128GB, gold)", "1 × Portable Charger (20000mAh, Wireless, black)"],
      },
      {
        say: "actually make that two chargers",
        tag: "correction",
        cart: ["1 × Tablet (10-inch, 128GB, gold)", "2 × Portable Charger (20000mAh, Wireless, black)"],
      },
    ],
  },
  {
    name: "a sold-out notebook size, then the A5 one, then three of them",
    turns: [
      { say: "Can I get an A6 notebook?", tag: "sold-out", cart: [] },
      { say: "ok, an A5 one then", tag: "reference", cart: ["1 × Notebook (A5, soft cover)"] },
      { say: "make it three", tag: "correction", cart: ["3 × Notebook (A5, soft cover)"] },
    ],
  },
  {
    name: "misspelt sunglasses by frame and lens colour, a watch, and a sold-out watch",
    turns: [
      {
        say: "Sunglases with a silver frame and blue lenses please",
        tag: "typo",
        cart: ["1 × Sunglasses (silver, blue, non-polarized, plastic)"],
      },
      {
        say: "and a wristwatch, leather strap, white dial",
        tag: "options",
        cart: ["1 × Sunglasses (silver, blue, non-polarized, plastic)", "1 × Wristwatch (leather, white)"],
      },
      {
        say: "and a second watch with a metal strap and a blue dial",
        tag: "sold-out",
        cart: same,
      },
    ],
  },
  {
    name: "an electric kettle whose options are asked, a coffee maker, then the kettle removed",
    turns: [
      { say: "I'd like an electric kettle", tag: "ambiguous", cart: [] },
      {
        say: "1.5 litre, white, plastic",
        tag: "answer",
        cart: ["1 × Electric Kettle (1.5L, plastic, white)"],
      },
      {
        say: "and a stainless steel coffee maker with the built-in grinder",
        tag: "word-order",
        cart: [
          "1 × Electric Kettle (1.5L, plastic, white)",
          "1 × Coffee Maker (stainless steel, 4 cups, drip, built-in grinder)",
        ],
      },
      {
        say: "take the kettle out please",
        tag: "remove",
        cart: ["1 × Coffee Maker (stainless steel, 4 cups, drip, built-in grinder)"],
      },
    ],
  },
  {
    name: "a misspelt keyboard by its specs, a 1000-piece puzzle, a couple of earbuds, no mouse",
    turns: [
      {
        say: "could i get a mechanical keybord, tactile switches, white backlight, 80%",
        tag: "typo",
        cart: ["1 × Mechanical Keyboard (tactile, white, 80%)"],
      },
      {
        say: "and a 1000 piece fantasy jigsaw puzzle",
        tag: "options",
        cart: [
          "1 × Mechanical Keyboard (tactile, white, 80%)",
          "1 × Jigsaw Puzzle (1000, fantasy, intermediate)",
        ],
      },
      {
        say: "a couple of blue earbuds too, 8 hours battery, IPX4",
        tag: "options",
        cart: [
          "1 × Mechanical Keyboard (tactile, white, 80%)",
          "1 × Jigsaw Puzzle (1000, fantasy, intermediate)",
          "2 × Wireless Earbuds (blue, 8 hours, IPX4)",
        ],
      },
      { say: "no thanks, I don't need a mouse", tag: "negation", cart: same },
    ],
  },
  {
    name: "a sold-out phone colour, a black phone by storage and RAM, then the cart emptied",
    turns: [
      { say: "Do you have a gold smartphone?", tag: "sold-out", cart: [] },
      {
        say: "then the black one with 128GB storage and 4GB of RAM",
        tag: "reference",
        cart: ["1 × Smartphone (black, 128GB, 4GB, 6.5-inch)"],
      },
      { say: "CLEAR MY CART", tag: "clear", cart: same },
      { say: "yes", tag: "clear", cart: [] },
    ],
  },
];

/** Nairobi Hardware & Pharmacy (KES): the tests' own third catalog. */
const hardwarePharmacy: HoldoutConversation[] = [
  {
    name: "paracetamol by strength and pack, sachets, sanitiser in ml, and no thermometer",
    turns: [
      {
        say: "Hello, could I get paracetamol, 500mg, the 30 tablet pack?",
        tag: "options",
        cart: ["1 × Paracetamol Tablets (500mg, 30 tablets)"],
      },
      {
        say: "and two sachets of oral rehydration salts",
        tag: "add",
        cart: ["1 × Paracetamol Tablets (500mg, 30 tablets)", "2 × Oral Rehydration Salts"],
      },
      {
        say: "some 500 ml hand sanitiser too",
        tag: "options",
        cart: [
          "1 × Paracetamol Tablets (500mg, 30 tablets)",
          "2 × Oral Rehydration Salts",
          "1 × Hand Sanitizer (500ml)",
        ],
      },
      { say: "no, I don't need a thermometer, thanks", tag: "negation", cart: same },
    ],
  },
  {
    name: "amoxicillin chosen by price, then ibuprofen corrected to the other strength",
    turns: [
      { say: "I'm after amoxicillin capsules", tag: "ambiguous", cart: [] },
      { say: "the cheaper one", tag: "answer", cart: ["1 × Amoxicillin Capsules (250mg)"] },
      {
        say: "and ibuprofen 400mg",
        tag: "options",
        cart: ["1 × Amoxicillin Capsules (250mg)", "1 × Ibuprofen Tablets (400mg)"],
      },
      {
        say: "actually make that 200mg",
        tag: "correction",
        cart: ["1 × Amoxicillin Capsules (250mg)", "1 × Ibuprofen Tablets (200mg)"],
      },
    ],
  },
  {
    name: "bulbs by wattage and fitting, a sold-out fitting, a flood light, and a look at the cart",
    turns: [
      { say: "three 9 watt B22 bulbs please", tag: "options", cart: ["3 × LED Bulb (9W, B22 pin)"] },
      { say: "and a 12W B22 one", tag: "sold-out", cart: same },
      {
        say: "a 50W security flood light",
        tag: "options",
        cart: ["3 × LED Bulb (9W, B22 pin)", "1 × Security Flood Light (50W)"],
      },
      { say: "what have I got so far?", tag: "view", cart: same },
    ],
  },
  {
    name: "paint by volume and colour, brushes by width corrected to three, a sold-out grey",
    turns: [
      {
        say: "a 4-litre tin of cream emulsion paint",
        tag: "word-order",
        cart: ["1 × Emulsion Paint (4L, cream)"],
      },
      {
        say: "and a couple of 2 inch paint brushes",
        tag: "options",
        cart: ["1 × Emulsion Paint (4L, cream)", "2 × Paint Brush (2 inch)"],
      },
      {
        say: "actually make it 3",
        tag: "correction",
        cart: ["1 × Emulsion Paint (4L, cream)", "3 × Paint Brush (2 inch)"],
      },
      { say: "GREY paint in 4 litres too", tag: "sold-out", cart: same },
    ],
  },
  {
    name: "ten bolts by screw size and length, a 12 pack of batteries, then the batteries removed",
    turns: [
      { say: "Ten M8 hex bolts, 50mm long", tag: "options", cart: ["10 × Hex Bolts (M8, 50mm)"] },
      {
        say: "plus a 12 pack of AA batteries",
        tag: "options",
        cart: ["10 × Hex Bolts (M8, 50mm)", "1 × Alkaline Batteries (AA, 12 pack)"],
      },
      { say: "remove the batteries", tag: "remove", cart: ["10 × Hex Bolts (M8, 50mm)"] },
    ],
  },
  {
    name: "printing paper whose size is asked, then a misspelt extension cable by length and sockets",
    turns: [
      { say: "I need some printing paper", tag: "ambiguous", cart: [] },
      { say: "A4 please", tag: "answer", cart: ["1 × Printing Paper (A4)"] },
      {
        say: "and a 5 metre four-way exension cable",
        tag: "typo",
        cart: ["1 × Printing Paper (A4)", "1 × Extension Cable (5m, 4 way)"],
      },
    ],
  },
];

export const finalHoldoutConversations: Record<HoldoutCatalog, HoldoutConversation[]> = {
  sample,
  retail,
  "hardware-pharmacy": hardwarePharmacy,
};
