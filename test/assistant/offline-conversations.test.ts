import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CartService } from "../../src-main/cart/cart-service.js";
import { Catalog } from "../../src-main/catalog/catalog.js";
import { makeAssistant, newSession, offlineConfig } from "../kit/assistant-rig.js";
import { describeCart, lineToAddItem, sortLines } from "../kit/cart-lines.js";
import { loadHardwarePharmacyCatalog, loadRetailCatalog, loadSampleCatalog } from "../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { appRoot } from "../../src-main/config/config.js";
import path from "node:path";

/**
 * The offline assistant at the counter: conversations over four catalogs (the sample party shop,
 * the imported retail catalog, the hardware store and pharmacy, and a British high-street
 * pharmacy with its own spellings), written from how customers talk: indirect requests, polite
 * padding, options before or after the name, codes and units written every way, corrections,
 * negations, answers by number, value or "the cheaper one", typos and mixed case.
 *
 * Each turn runs the real agent loop, tools and Redis, and is right when the cart in Redis is
 * what the table says (and the reply matches, where the table says what it must say). A wrong
 * turn is counted, reported, and the cart is put back to what the table expects, so one miss
 * does not spoil the turns after it. The share of turns right must stay at 95% or more.
 */

/** [what the customer says, the cart after it ("2 × Name (values)" joined by " | "), what the reply must say]. */
type Turn = [say: string, cart: string, reply?: RegExp];

interface Conversation {
  catalog: "sample" | "retail" | "hardware" | "pharmacy";
  name: string;
  turns: Turn[];
}

const conversations: Conversation[] = [
  // ---------------------------------------------------------------- sample: Kampala Party & Gifts
  {
    catalog: "sample",
    name: "a birthday order, corrected as it goes",
    turns: [
      ["hi there", "", /welcome/],
      ["can I get two balloon bouquets please", "2 × Balloon Bouquet"],
      ["actually just one", "1 × Balloon Bouquet"],
      ["and a teddy bear", "1 × Balloon Bouquet", /Small.*Medium.*Large/],
      ["medium", "1 × Balloon Bouquet | 1 × Teddy Bear (Medium)"],
      ["make that 2", "1 × Balloon Bouquet | 2 × Teddy Bear (Medium)"],
      ["another one", "1 × Balloon Bouquet | 3 × Teddy Bear (Medium)"],
      ["what's in my basket?", "1 × Balloon Bouquet | 3 × Teddy Bear (Medium)", /3 × Teddy Bear/],
      ["thanks, that's all", "1 × Balloon Bouquet | 3 × Teddy Bear (Medium)"],
    ],
  },
  {
    catalog: "sample",
    name: "typos, shouting and stray capitals",
    turns: [
      ["BALON BOUQUET x2", "2 × Balloon Bouquet"],
      ["add a helium ballon bunch in gold", "2 × Balloon Bouquet | 1 × Helium Balloon Bunch (Gold)"],
      ["Add 3 Party Hat", "2 × Balloon Bouquet | 1 × Helium Balloon Bunch (Gold) | 3 × Party Hats"],
      ["Remove The Party Hats", "2 × Balloon Bouquet | 1 × Helium Balloon Bunch (Gold)"],
      [
        "i want a tedy bear, large",
        "2 × Balloon Bouquet | 1 × Helium Balloon Bunch (Gold) | 1 × Teddy Bear (Large)",
      ],
      [
        "cupcake box with blue icing pls",
        "2 × Balloon Bouquet | 1 × Cupcake Box (Blue) | 1 × Helium Balloon Bunch (Gold) | 1 × Teddy Bear (Large)",
      ],
      [
        "I'd like a bouqet of ballons too",
        "3 × Balloon Bouquet | 1 × Cupcake Box (Blue) | 1 × Helium Balloon Bunch (Gold) | 1 × Teddy Bear (Large)",
      ],
    ],
  },
  {
    catalog: "sample",
    name: "a sentence that says no removes nothing",
    turns: [
      ["I want a sunflower bunch", "1 × Sunflower Bunch"],
      ["I don't want to add anything else", "1 × Sunflower Bunch", /haven't changed anything/],
      ["no thanks", "1 × Sunflower Bunch"],
      ["nothing more, thank you", "1 × Sunflower Bunch"],
      ["please don't empty my cart", "1 × Sunflower Bunch"],
      ["no", "1 × Sunflower Bunch"],
      ["I don't want the sunflower bunch any more", ""],
    ],
  },
  {
    catalog: "sample",
    name: "corrections set the last change, they do not add to it",
    turns: [
      ["3 red velvet cakes, 1 kg", "3 × Red Velvet Cake (1 kg)"],
      ["no wait, make that 2", "2 × Red Velvet Cake (1 kg)"],
      ["sorry, I meant 2 kg", "2 × Red Velvet Cake (2 kg)"],
      ["actually just one", "1 × Red Velvet Cake (2 kg)"],
      ["add a gift bag, small", "1 × Gift Bag (Small) | 1 × Red Velvet Cake (2 kg)"],
      ["make it a large one", "1 × Gift Bag (Large) | 1 × Red Velvet Cake (2 kg)"],
      ["the same in medium", "1 × Gift Bag (Large) | 1 × Gift Bag (Medium) | 1 × Red Velvet Cake (2 kg)"],
      ["make that 4", "1 × Gift Bag (Large) | 4 × Gift Bag (Medium) | 1 × Red Velvet Cake (2 kg)"],
    ],
  },
  {
    catalog: "sample",
    name: "answers by value, by number and by price",
    turns: [
      ["I'd like a potted orchid", "", /White.*Purple/],
      ["purple", "1 × Potted Orchid (Purple)"],
      ["a birthday banner please", "1 × Potted Orchid (Purple)", /Gold.*Silver.*Rainbow/],
      ["the second one", "1 × Happy Birthday Banner (Silver) | 1 × Potted Orchid (Purple)"],
      ["I want a cake", "1 × Happy Birthday Banner (Silver) | 1 × Potted Orchid (Purple)", /Which one/],
      [
        "the cheapest one",
        "1 × Happy Birthday Banner (Silver) | 1 × Potted Orchid (Purple)",
        /Vanilla Birthday Cake/,
      ],
      [
        "blue",
        "1 × Happy Birthday Banner (Silver) | 1 × Potted Orchid (Purple) | 1 × Vanilla Birthday Cake (Blue)",
      ],
      [
        "some red roses",
        "1 × Happy Birthday Banner (Silver) | 1 × Potted Orchid (Purple) | 1 × Vanilla Birthday Cake (Blue)",
        /6.*12/,
      ],
      [
        "2",
        "1 × Happy Birthday Banner (Silver) | 1 × Potted Orchid (Purple) | 1 × Red Rose Bouquet (12) | 1 × Vanilla Birthday Cake (Blue)",
      ],
    ],
  },
  {
    catalog: "sample",
    name: "several things at once, numbers in words",
    turns: [
      ["could I have a dozen party poppers and a pair of party hats", "2 × Party Hats | 12 × Party Poppers"],
      [
        "two number 7 candles and a number 1 candle",
        "1 × Number Birthday Candle (1) | 2 × Number Birthday Candle (7) | 2 × Party Hats | 12 × Party Poppers",
      ],
      [
        "half a dozen cupcake boxes, chocolate icing",
        "6 × Cupcake Box (Chocolate) | 1 × Number Birthday Candle (1) | 2 × Number Birthday Candle (7) | 2 × Party Hats | 12 × Party Poppers",
      ],
      [
        "take off one party hat",
        "6 × Cupcake Box (Chocolate) | 1 × Number Birthday Candle (1) | 2 × Number Birthday Candle (7) | 1 × Party Hats | 12 × Party Poppers",
      ],
      [
        "how much is all that?",
        "6 × Cupcake Box (Chocolate) | 1 × Number Birthday Candle (1) | 2 × Number Birthday Candle (7) | 1 × Party Hats | 12 × Party Poppers",
        /Total/,
      ],
      [
        "change the party poppers to ten",
        "6 × Cupcake Box (Chocolate) | 1 × Number Birthday Candle (1) | 2 × Number Birthday Candle (7) | 1 × Party Hats | 10 × Party Poppers",
      ],
      [
        "remove the number 1 candle",
        "6 × Cupcake Box (Chocolate) | 2 × Number Birthday Candle (7) | 1 × Party Hats | 10 × Party Poppers",
      ],
    ],
  },
  {
    catalog: "sample",
    name: "looking around before buying",
    turns: [
      ["do you have any flowers?", "", /Here is what I found/],
      ["anything under 20000?", "", /Here is what I found/],
      ["how much is the teddy bear?", "", /Teddy Bear \(from/],
      ["what colours does the helium balloon bunch come in?", "", /Red.*Gold/],
      ["tell me about the potted orchid", "", /Potted Orchid/],
      ["OK I'll take one in white", "1 × Potted Orchid (White)"],
      ["and a greeting card for a birthday", "1 × Greeting Card (Birthday) | 1 × Potted Orchid (White)"],
      [
        "a thank you card as well",
        "1 × Greeting Card (Birthday) | 1 × Greeting Card (Thank You) | 1 × Potted Orchid (White)",
      ],
    ],
  },
  {
    catalog: "sample",
    name: "starting over, with and without meaning it",
    turns: [
      ["add a fresh fruit basket", "1 × Fresh Fruit Basket"],
      ["let's start over", "1 × Fresh Fruit Basket", /really want to empty/],
      ["no, keep it", "1 × Fresh Fruit Basket", /left your cart/],
      ["clear everything please", "1 × Fresh Fruit Basket", /really want to empty/],
      ["yes", ""],
      ["yes", ""],
    ],
  },
  {
    catalog: "sample",
    name: "options before the name, the name in parts",
    turns: [
      ["a pink birthday t-shirt, size S", "1 × Birthday T-Shirt (S, Pink)"],
      ["a gold number 5 foil balloon", "1 × Birthday T-Shirt (S, Pink) | 1 × Number Foil Balloon (5, Gold)"],
      [
        "one rose gold number 3 balloon",
        "1 × Birthday T-Shirt (S, Pink) | 1 × Number Foil Balloon (3, Rose Gold) | 1 × Number Foil Balloon (5, Gold)",
      ],
      [
        "a 2 kg chocolate fudge cake",
        "1 × Birthday T-Shirt (S, Pink) | 1 × Chocolate Fudge Cake (2 kg) | 1 × Number Foil Balloon (3, Rose Gold) | 1 × Number Foil Balloon (5, Gold)",
      ],
      [
        "remove the cake",
        "1 × Birthday T-Shirt (S, Pink) | 1 × Number Foil Balloon (3, Rose Gold) | 1 × Number Foil Balloon (5, Gold)",
      ],
      ["remove the rose gold one", "1 × Birthday T-Shirt (S, Pink) | 1 × Number Foil Balloon (5, Gold)"],
      [
        "a kids t-shirt in blue",
        "1 × Birthday T-Shirt (Kids, Blue) | 1 × Birthday T-Shirt (S, Pink) | 1 × Number Foil Balloon (5, Gold)",
      ],
      [
        "a superheroes party pack",
        "1 × Birthday Party Pack (Superheroes) | 1 × Birthday T-Shirt (Kids, Blue) | 1 × Birthday T-Shirt (S, Pink) | 1 × Number Foil Balloon (5, Gold)",
      ],
    ],
  },
  {
    catalog: "sample",
    name: "sold out, and things the shop does not have",
    turns: [
      ["I want a balloon arch kit", "", /sold out/],
      ["a dozen red roses with 24 stems", "", /sold out/],
      ["12 stems then", "12 × Red Rose Bouquet (12)"],
      ["I want a unicorn", "12 × Red Rose Bouquet (12)", /unicorn/],
      ["xyzzy", "12 × Red Rose Bouquet (12)"],
      ["actually only one bouquet", "1 × Red Rose Bouquet (12)"],
    ],
  },
  // ---------------------------------------------------------------- retail: Retail Variants Demo
  {
    catalog: "retail",
    name: "codes and units written every way",
    turns: [
      ["I need an A4 notebook with a hard cover", "1 × Notebook (A4, hard cover)"],
      ["and an A5 one", "1 × Notebook (A4, hard cover) | 1 × Notebook (A5, soft cover)"],
      [
        "a 10-inch tablet, 64GB",
        "1 × Notebook (A4, hard cover) | 1 × Notebook (A5, soft cover) | 1 × Tablet (10-inch, 64GB, silver)",
      ],
      [
        "an 8 inch e-reader with 32 gb",
        "1 × E-Reader (8-inch, Wi-Fi, 32GB) | 1 × Notebook (A4, hard cover) | 1 × Notebook (A5, soft cover) | 1 × Tablet (10-inch, 64GB, silver)",
      ],
      [
        "a 1L glass kettle in black",
        "1 × E-Reader (8-inch, Wi-Fi, 32GB) | 1 × Electric Kettle (1L, glass, black) | 1 × Notebook (A4, hard cover) | 1 × Notebook (A5, soft cover) | 1 × Tablet (10-inch, 64GB, silver)",
      ],
      [
        "remove the notebooks",
        "1 × E-Reader (8-inch, Wi-Fi, 32GB) | 1 × Electric Kettle (1L, glass, black) | 1 × Notebook (A4, hard cover) | 1 × Notebook (A5, soft cover) | 1 × Tablet (10-inch, 64GB, silver)",
        /several of those/,
      ],
      [
        "remove the A5 notebook",
        "1 × E-Reader (8-inch, Wi-Fi, 32GB) | 1 × Electric Kettle (1L, glass, black) | 1 × Notebook (A4, hard cover) | 1 × Tablet (10-inch, 64GB, silver)",
      ],
    ],
  },
  {
    catalog: "retail",
    name: "more codes: storage, sizes, millilitres, millimetres",
    turns: [
      ["two 750ml water bottles, plastic, blue", "2 × Water Bottle (750ml, plastic, blue)"],
      [
        "XL t-shirt, black, cotton",
        "1 × T-Shirt (black, XL, cotton, crew neck) | 2 × Water Bottle (750ml, plastic, blue)",
      ],
      [
        "a 6mm yoga mat",
        "1 × T-Shirt (black, XL, cotton, crew neck) | 2 × Water Bottle (750ml, plastic, blue) | 1 × Yoga Mat (6mm, PVC, green)",
      ],
      [
        "e reader 7-inch wi-fi + cellular 32 gb",
        "1 × E-Reader (7-inch, Wi-Fi + Cellular, 32GB) | 1 × T-Shirt (black, XL, cotton, crew neck) | 2 × Water Bottle (750ml, plastic, blue) | 1 × Yoga Mat (6mm, PVC, green)",
      ],
      [
        "a 5-25 lbs iron adjustable dumbbell set",
        "1 × Dumbbell Set (5-25 lbs, iron, adjustable) | 1 × E-Reader (7-inch, Wi-Fi + Cellular, 32GB) | 1 × T-Shirt (black, XL, cotton, crew neck) | 2 × Water Bottle (750ml, plastic, blue) | 1 × Yoga Mat (6mm, PVC, green)",
      ],
      [
        "a smartphone with 128GB and 8GB ram in black",
        "1 × Dumbbell Set (5-25 lbs, iron, adjustable) | 1 × E-Reader (7-inch, Wi-Fi + Cellular, 32GB) | 1 × Smartphone (black, 128GB, 8GB, 5.8-inch) | 1 × T-Shirt (black, XL, cotton, crew neck) | 2 × Water Bottle (750ml, plastic, blue) | 1 × Yoga Mat (6mm, PVC, green)",
      ],
    ],
  },
  {
    catalog: "retail",
    name: "colour and size before the name",
    turns: [
      [
        "a green backpack in size small with a laptop compartment, polyester",
        "1 × Backpack (green, small, polyester, laptop)",
      ],
      [
        "a black, large, polyester backpack for a laptop",
        "1 × Backpack (black, large, polyester, laptop) | 1 × Backpack (green, small, polyester, laptop)",
      ],
      [
        "I'd like a grey pet bed, large, memory foam",
        "1 × Backpack (black, large, polyester, laptop) | 1 × Backpack (green, small, polyester, laptop) | 1 × Pet Bed (large, memory foam, grey)",
      ],
      [
        "a white digital 14 inch wall clock",
        "1 × Backpack (black, large, polyester, laptop) | 1 × Backpack (green, small, polyester, laptop) | 1 × Pet Bed (large, memory foam, grey) | 1 × Wall Clock (14 inches, white, digital)",
      ],
      [
        "remove the green backpack",
        "1 × Backpack (black, large, polyester, laptop) | 1 × Pet Bed (large, memory foam, grey) | 1 × Wall Clock (14 inches, white, digital)",
      ],
      [
        "a wireless white gaming mouse",
        "1 × Backpack (black, large, polyester, laptop) | 1 × Gaming Mouse (white, optical, wireless) | 1 × Pet Bed (large, memory foam, grey) | 1 × Wall Clock (14 inches, white, digital)",
      ],
    ],
  },
  {
    catalog: "retail",
    name: "asked which one, answered every way",
    turns: [
      ["I want a t-shirt", "", /color/],
      ["a red one", "", /1\. .*2\. /],
      ["the first one", "1 × T-Shirt (red, L, cotton, v-neck)"],
      ["I'd like running shoes", "1 × T-Shirt (red, L, cotton, v-neck)", /Running Shoes/],
      [
        "size 9 in white",
        "1 × Running Shoes (9, white, mesh, rubber) | 1 × T-Shirt (red, L, cotton, v-neck)",
      ],
      [
        "I'd like some headphones",
        "1 × Running Shoes (9, white, mesh, rubber) | 1 × T-Shirt (red, L, cotton, v-neck)",
        /Headphones/,
      ],
      [
        "the cheapest",
        "1 × Headphones (in-ear, wireless, black) | 1 × Running Shoes (9, white, mesh, rubber) | 1 × T-Shirt (red, L, cotton, v-neck)",
      ],
      [
        "a fleece jacket, navy, XL",
        "1 × Headphones (in-ear, wireless, black) | 1 × Running Shoes (9, white, mesh, rubber) | 1 × T-Shirt (red, L, cotton, v-neck)",
        /half.*full|full.*half/,
      ],
      [
        "full",
        "1 × Fleece Jacket (XL, navy, full) | 1 × Headphones (in-ear, wireless, black) | 1 × Running Shoes (9, white, mesh, rubber) | 1 × T-Shirt (red, L, cotton, v-neck)",
      ],
    ],
  },
  {
    catalog: "retail",
    name: "another, the same in another colour, and corrections",
    turns: [
      ["2 yoga mats, the green one", "2 × Yoga Mat (6mm, PVC, green)"],
      ["actually make that 3", "3 × Yoga Mat (6mm, PVC, green)"],
      ["another one", "4 × Yoga Mat (6mm, PVC, green)"],
      ["the same in pink", "4 × Yoga Mat (6mm, PVC, green) | 1 × Yoga Mat (5mm, TPE, pink)"],
      ["no wait, remove the pink one", "4 × Yoga Mat (6mm, PVC, green)"],
      [
        "I want a blue bluetooth speaker, 20 hours, water resistant",
        "1 × Bluetooth Speaker (blue, 20 hours, yes) | 4 × Yoga Mat (6mm, PVC, green)",
      ],
      ["sorry, red", "1 × Bluetooth Speaker (red, 20 hours, yes) | 4 × Yoga Mat (6mm, PVC, green)"],
      ["two more", "3 × Bluetooth Speaker (red, 20 hours, yes) | 4 × Yoga Mat (6mm, PVC, green)"],
      [
        "actually just one more",
        "2 × Bluetooth Speaker (red, 20 hours, yes) | 4 × Yoga Mat (6mm, PVC, green)",
      ],
    ],
  },
  {
    catalog: "retail",
    name: "changing and removing by what the line is",
    turns: [
      ["add two blue t-shirts size S cotton v-neck", "2 × T-Shirt (blue, S, cotton, v-neck)"],
      ["and a blue M", "2 × T-Shirt (blue, S, cotton, v-neck) | 1 × T-Shirt (blue, M, cotton, crew neck)"],
      [
        "make the v-neck one 4",
        "4 × T-Shirt (blue, S, cotton, v-neck) | 1 × T-Shirt (blue, M, cotton, crew neck)",
      ],
      ["take one of the crew neck t-shirts off", "4 × T-Shirt (blue, S, cotton, v-neck)"],
      ["I only want 2", "2 × T-Shirt (blue, S, cotton, v-neck)"],
      [
        "a desk lamp, black, medium brightness, usb",
        "1 × Desk Lamp (black, medium, USB) | 2 × T-Shirt (blue, S, cotton, v-neck)",
      ],
      ["get rid of the lamp", "2 × T-Shirt (blue, S, cotton, v-neck)"],
      ["remove it", ""],
    ],
  },
  {
    catalog: "retail",
    name: "browsing with a budget",
    turns: [
      ["do you have headphones under $400?", "", /Here is what I found/],
      ["show me something for the garden", "", /Here is what I found|Garden Hose/],
      ["how much is the smart watch?", "", /Smart Watch \(from/],
      ["what sizes does the fleece jacket come in", "", /XS.*XL/],
      ["anything between 40 and 60 dollars?", "", /Here is what I found/],
      ["I'll take a 25ft vinyl garden hose in blue", "1 × Garden Hose (25ft, vinyl, blue)"],
      ["what do I owe you", "1 × Garden Hose (25ft, vinyl, blue)", /Total/],
    ],
  },
  {
    catalog: "retail",
    name: "negations and polite padding",
    turns: [
      [
        "hello, could you please add a 20000mAh portable charger with usb-c for me",
        "1 × Portable Charger (20000mAh, USB-C, white)",
      ],
      ["I don't want anything else thanks", "1 × Portable Charger (20000mAh, USB-C, white)"],
      ["no, I don't need a case", "1 × Portable Charger (20000mAh, USB-C, white)"],
      ["not now", "1 × Portable Charger (20000mAh, USB-C, white)"],
      ["I want a desk lamp", "1 × Portable Charger (20000mAh, USB-C, white)", /Desk Lamp/],
      ["never mind", "1 × Portable Charger (20000mAh, USB-C, white)"],
      ["I'd rather not have the charger", ""],
    ],
  },
  {
    catalog: "retail",
    name: "several products and quantities in one go",
    turns: [
      [
        "can I get 2 blue 500ml glass... no, a black 500ml glass water bottle and a red t-shirt size L",
        "1 × T-Shirt (red, L, cotton, v-neck) | 1 × Water Bottle (500ml, glass, black)",
      ],
      [
        "three pairs of sneakers size 10",
        "3 × Sneakers (10, gray, leather) | 1 × T-Shirt (red, L, cotton, v-neck) | 1 × Water Bottle (500ml, glass, black)",
      ],
      [
        "make the sneakers 2",
        "2 × Sneakers (10, gray, leather) | 1 × T-Shirt (red, L, cotton, v-neck) | 1 × Water Bottle (500ml, glass, black)",
      ],
      [
        "sunglasses with a silver frame and a black lens",
        "2 × Sneakers (10, gray, leather) | 1 × Sunglasses (silver, black, polarized, metal) | 1 × T-Shirt (red, L, cotton, v-neck) | 1 × Water Bottle (500ml, glass, black)",
      ],
      [
        "empty my basket",
        "2 × Sneakers (10, gray, leather) | 1 × Sunglasses (silver, black, polarized, metal) | 1 × T-Shirt (red, L, cotton, v-neck) | 1 × Water Bottle (500ml, glass, black)",
        /really/,
      ],
      ["yes please", ""],
    ],
  },
  // ---------------------------------------------------------------- Nairobi Hardware & Pharmacy
  {
    catalog: "hardware",
    name: "a builder's list",
    turns: [
      ["I need M8 hex bolts, 50mm, a dozen", "12 × Hex Bolts (M8, 50mm)"],
      ["and 40mm wood screws", "12 × Hex Bolts (M8, 50mm) | 1 × Wood Screws (40mm)"],
      ["actually make that 3 boxes", "12 × Hex Bolts (M8, 50mm) | 3 × Wood Screws (40mm)"],
      ["a 5m measuring tape", "12 × Hex Bolts (M8, 50mm) | 1 × Measuring Tape (5m) | 3 × Wood Screws (40mm)"],
      [
        "a 2 inch paint brush",
        "12 × Hex Bolts (M8, 50mm) | 1 × Measuring Tape (5m) | 1 × Paint Brush (2 inch) | 3 × Wood Screws (40mm)",
      ],
      [
        "4 litres of cream emulsion",
        "12 × Hex Bolts (M8, 50mm) | 1 × Emulsion Paint (4L, cream) | 1 × Measuring Tape (5m) | 1 × Paint Brush (2 inch) | 3 × Wood Screws (40mm)",
      ],
      [
        "remove the bolts",
        "1 × Emulsion Paint (4L, cream) | 1 × Measuring Tape (5m) | 1 × Paint Brush (2 inch) | 3 × Wood Screws (40mm)",
      ],
      [
        "a claw hammer and wall plugs",
        "1 × Claw Hammer | 1 × Emulsion Paint (4L, cream) | 1 × Measuring Tape (5m) | 1 × Paint Brush (2 inch) | 1 × Wall Plugs | 3 × Wood Screws (40mm)",
      ],
    ],
  },
  {
    catalog: "hardware",
    name: "electrical: watts, fittings, sockets",
    turns: [
      ["an LED bulb, 9 watt, B22", "1 × LED Bulb (9W, B22 pin)"],
      ["two more", "3 × LED Bulb (9W, B22 pin)"],
      ["the same with a screw fitting", "3 × LED Bulb (9W, B22 pin) | 1 × LED Bulb (9W, E27 screw)"],
      ["an extension cable", "3 × LED Bulb (9W, B22 pin) | 1 × LED Bulb (9W, E27 screw)", /Extension Cable/],
      ["5m", "1 × Extension Cable (5m, 4 way) | 3 × LED Bulb (9W, B22 pin) | 1 × LED Bulb (9W, E27 screw)"],
      [
        "a 50W security flood light",
        "1 × Extension Cable (5m, 4 way) | 3 × LED Bulb (9W, B22 pin) | 1 × LED Bulb (9W, E27 screw) | 1 × Security Flood Light (50W)",
      ],
      [
        "a 12 pack of AA batteries",
        "1 × Alkaline Batteries (AA, 12 pack) | 1 × Extension Cable (5m, 4 way) | 3 × LED Bulb (9W, B22 pin) | 1 × LED Bulb (9W, E27 screw) | 1 × Security Flood Light (50W)",
      ],
      [
        "I don't need the flood light after all",
        "1 × Alkaline Batteries (AA, 12 pack) | 1 × Extension Cable (5m, 4 way) | 3 × LED Bulb (9W, B22 pin) | 1 × LED Bulb (9W, E27 screw)",
      ],
      [
        "12v cordless drill",
        "1 × Alkaline Batteries (AA, 12 pack) | 1 × Cordless Drill (12V) | 1 × Extension Cable (5m, 4 way) | 3 × LED Bulb (9W, B22 pin) | 1 × LED Bulb (9W, E27 screw)",
      ],
    ],
  },
  {
    catalog: "hardware",
    name: "at the pharmacy counter",
    turns: [
      ["paracetamol 500mg, 30 tablets please", "1 × Paracetamol Tablets (500mg, 30 tablets)"],
      ["have you got ibuprofen?", "1 × Paracetamol Tablets (500mg, 30 tablets)", /Ibuprofen/],
      ["the 400mg one", "1 × Ibuprofen Tablets (400mg) | 1 × Paracetamol Tablets (500mg, 30 tablets)"],
      [
        "cough syrup, honey, 200ml",
        "1 × Cough Syrup (200ml, honey) | 1 × Ibuprofen Tablets (400mg) | 1 × Paracetamol Tablets (500mg, 30 tablets)",
      ],
      [
        "sorry, make it cherry",
        "1 × Cough Syrup (100ml, cherry) | 1 × Ibuprofen Tablets (400mg) | 1 × Paracetamol Tablets (500mg, 30 tablets)",
      ],
      [
        "two packets of oral rehydration salts",
        "1 × Cough Syrup (100ml, cherry) | 1 × Ibuprofen Tablets (400mg) | 2 × Oral Rehydration Salts | 1 × Paracetamol Tablets (500mg, 30 tablets)",
      ],
      [
        "a box of face masks",
        "1 × Cough Syrup (100ml, cherry) | 1 × Ibuprofen Tablets (400mg) | 2 × Oral Rehydration Salts | 1 × Paracetamol Tablets (500mg, 30 tablets)",
        /10 pieces.*50 pieces/,
      ],
      [
        "the one with 50",
        "1 × Cough Syrup (100ml, cherry) | 1 × Face Masks (50 pieces) | 1 × Ibuprofen Tablets (400mg) | 2 × Oral Rehydration Salts | 1 × Paracetamol Tablets (500mg, 30 tablets)",
      ],
      [
        "make that 3 boxes",
        "1 × Cough Syrup (100ml, cherry) | 3 × Face Masks (50 pieces) | 1 × Ibuprofen Tablets (400mg) | 2 × Oral Rehydration Salts | 1 × Paracetamol Tablets (500mg, 30 tablets)",
      ],
    ],
  },
  {
    catalog: "hardware",
    name: "pharmacy answers and references",
    turns: [
      ["vitamin c tablets", "", /Vitamin C/],
      ["I'll take the 1000mg", "1 × Vitamin C Tablets (1000mg, 30 tablets)"],
      ["hand sanitizer", "1 × Vitamin C Tablets (1000mg, 30 tablets)", /500ml.*1L/],
      ["the bigger one", "1 × Hand Sanitizer (1L) | 1 × Vitamin C Tablets (1000mg, 30 tablets)"],
      [
        "I'd like amoxicillin capsules",
        "1 × Hand Sanitizer (1L) | 1 × Vitamin C Tablets (1000mg, 30 tablets)",
        /250mg.*500mg/,
      ],
      [
        "500",
        "1 × Amoxicillin Capsules (500mg) | 1 × Hand Sanitizer (1L) | 1 × Vitamin C Tablets (1000mg, 30 tablets)",
      ],
      ["remove that", "1 × Hand Sanitizer (1L) | 1 × Vitamin C Tablets (1000mg, 30 tablets)"],
      [
        "a 7.5 cm elastic bandage",
        "1 × Elastic Bandage (7.5cm) | 1 × Hand Sanitizer (1L) | 1 × Vitamin C Tablets (1000mg, 30 tablets)",
      ],
      [
        "A4 printing paper x 3",
        "1 × Elastic Bandage (7.5cm) | 1 × Hand Sanitizer (1L) | 3 × Printing Paper (A4) | 1 × Vitamin C Tablets (1000mg, 30 tablets)",
      ],
    ],
  },
  {
    catalog: "hardware",
    name: "plumbing, paint and a sold-out ladder",
    turns: [
      ["25mm pvc pipe, 4 lengths", "4 × PVC Pipe (25mm)"],
      ["I want an aluminium ladder", "4 × PVC Pipe (25mm)", /sold out/],
      ["a 40mm padlock", "1 × Padlock (40mm) | 4 × PVC Pipe (25mm)"],
      ["silver duct tape", "1 × Duct Tape (silver) | 1 × Padlock (40mm) | 4 × PVC Pipe (25mm)"],
      [
        "2.5mm copper wire in red, 10 metres",
        "10 × Copper Wire (2.5mm, red) | 1 × Duct Tape (silver) | 1 × Padlock (40mm) | 4 × PVC Pipe (25mm)",
      ],
      [
        "make the wire 15",
        "15 × Copper Wire (2.5mm, red) | 1 × Duct Tape (silver) | 1 × Padlock (40mm) | 4 × PVC Pipe (25mm)",
      ],
      [
        "I don't want the padlock",
        "15 × Copper Wire (2.5mm, red) | 1 × Duct Tape (silver) | 4 × PVC Pipe (25mm)",
      ],
      [
        "grey emulsion paint, 1 litre",
        "15 × Copper Wire (2.5mm, red) | 1 × Duct Tape (silver) | 1 × Emulsion Paint (1L, grey) | 4 × PVC Pipe (25mm)",
      ],
    ],
  },
  // ---------------------------------------------------------------- Riverside Pharmacy (GBP, British)
  {
    catalog: "pharmacy",
    name: "British spellings and strengths",
    turns: [
      ["a box of paracetamol, 32 tablets", "1 × Paracetamol Tablets (500mg, 32 tablets)"],
      [
        "two packs of ibuprofen 200mg",
        "1 × Paracetamol Tablets (500mg, 32 tablets)",
        /16 tablets.*24 tablets/,
      ],
      [
        "24 tablets",
        "2 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets)",
      ],
      [
        "cough syrup, honey and lemon flavour",
        "2 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets)",
        /100ml.*200ml/,
      ],
      [
        "the small one",
        "1 × Cough Syrup (Honey & Lemon, 100ml) | 2 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets)",
      ],
      [
        "actually the 200ml one",
        "1 × Cough Syrup (Honey & Lemon, 200ml) | 2 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets)",
      ],
      [
        "SPF 50 sun cream, the 200 ml one",
        "1 × Cough Syrup (Honey & Lemon, 200ml) | 2 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets) | 1 × Sun Cream (50, 200ml)",
      ],
      [
        "I don't need the sun cream after all",
        "1 × Cough Syrup (Honey & Lemon, 200ml) | 2 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets)",
      ],
    ],
  },
  {
    catalog: "pharmacy",
    name: "first aid and a grey hot water bottle",
    turns: [
      ["hand sanitizer", "", /50ml.*500ml/],
      ["500ml", "1 × Hand Sanitiser (500ml)"],
      ["make that two", "2 × Hand Sanitiser (500ml)"],
      ["waterproof plasters, 40 pieces", "2 × Hand Sanitiser (500ml) | 1 × Plasters (waterproof, 40 pieces)"],
      [
        "a hot water bottle with a knitted cover, gray",
        "2 × Hand Sanitiser (500ml) | 1 × Hot Water Bottle (grey, knitted) | 1 × Plasters (waterproof, 40 pieces)",
      ],
      [
        "the same in red",
        "2 × Hand Sanitiser (500ml) | 1 × Hot Water Bottle (grey, knitted) | 1 × Hot Water Bottle (red, knitted) | 1 × Plasters (waterproof, 40 pieces)",
      ],
      [
        "a 7.5cm crepe bandage",
        "1 × Crepe Bandage (7.5cm) | 2 × Hand Sanitiser (500ml) | 1 × Hot Water Bottle (grey, knitted) | 1 × Hot Water Bottle (red, knitted) | 1 × Plasters (waterproof, 40 pieces)",
      ],
      [
        "remove the red hot water bottle",
        "1 × Crepe Bandage (7.5cm) | 2 × Hand Sanitiser (500ml) | 1 × Hot Water Bottle (grey, knitted) | 1 × Plasters (waterproof, 40 pieces)",
      ],
    ],
  },
  {
    catalog: "pharmacy",
    name: "vitamins, glasses and the last of it",
    turns: [
      ["morning! could I grab some throat lozenges, blackcurrant", "1 × Throat Lozenges (Blackcurrant)"],
      ["and a nasal spray", "1 × Nasal Spray | 1 × Throat Lozenges (Blackcurrant)"],
      [
        "oh and two digital thermometers",
        "2 × Digital Thermometer | 1 × Nasal Spray | 1 × Throat Lozenges (Blackcurrant)",
      ],
      [
        "sorry, only one thermometer",
        "1 × Digital Thermometer | 1 × Nasal Spray | 1 × Throat Lozenges (Blackcurrant)",
      ],
      [
        "vitamin c 1000mg, 60 tablets",
        "1 × Digital Thermometer | 1 × Nasal Spray | 1 × Throat Lozenges (Blackcurrant) | 1 × Vitamin C Tablets (1000mg, 60 tablets)",
      ],
      [
        "reading glasses +2.0 in tortoiseshell",
        "1 × Digital Thermometer | 1 × Nasal Spray | 1 × Reading Glasses (+2.0, tortoiseshell) | 1 × Throat Lozenges (Blackcurrant) | 1 × Vitamin C Tablets (1000mg, 60 tablets)",
      ],
      [
        "toothpaste for sensitive teeth",
        "1 × Digital Thermometer | 1 × Nasal Spray | 1 × Reading Glasses (+2.0, tortoiseshell) | 1 × Throat Lozenges (Blackcurrant) | 1 × Toothpaste (sensitive) | 1 × Vitamin C Tablets (1000mg, 60 tablets)",
      ],
      [
        "what do I owe you?",
        "1 × Digital Thermometer | 1 × Nasal Spray | 1 × Reading Glasses (+2.0, tortoiseshell) | 1 × Throat Lozenges (Blackcurrant) | 1 × Toothpaste (sensitive) | 1 × Vitamin C Tablets (1000mg, 60 tablets)",
        /Total £/,
      ],
      [
        "how do I pay?",
        "1 × Digital Thermometer | 1 × Nasal Spray | 1 × Reading Glasses (+2.0, tortoiseshell) | 1 × Throat Lozenges (Blackcurrant) | 1 × Toothpaste (sensitive) | 1 × Vitamin C Tablets (1000mg, 60 tablets)",
        /pay/,
      ],
    ],
  },
  {
    catalog: "pharmacy",
    name: "baby care and eye drops, then changing her mind",
    turns: [
      ["eye drops for dry eyes", "1 × Eye Drops (dry eyes)"],
      ["I don't want anything else", "1 × Eye Drops (dry eyes)"],
      ["a triple pack of baby wipes", "1 × Baby Wipes (triple pack) | 1 × Eye Drops (dry eyes)"],
      ["nappy cream too", "1 × Baby Wipes (triple pack) | 1 × Eye Drops (dry eyes) | 1 × Nappy Cream"],
      [
        "multivitamin gummies, mixed berry",
        "1 × Baby Wipes (triple pack) | 1 × Eye Drops (dry eyes) | 1 × Nappy Cream",
        /30 gummies.*60 gummies/,
      ],
      [
        "the cheaper one",
        "1 × Baby Wipes (triple pack) | 1 × Eye Drops (dry eyes) | 1 × Multivitamin Gummies (Mixed Berry, 30 gummies) | 1 × Nappy Cream",
      ],
      [
        "please don't clear my basket",
        "1 × Baby Wipes (triple pack) | 1 × Eye Drops (dry eyes) | 1 × Multivitamin Gummies (Mixed Berry, 30 gummies) | 1 × Nappy Cream",
      ],
      [
        "I changed my mind about the eye drops",
        "1 × Baby Wipes (triple pack) | 1 × Multivitamin Gummies (Mixed Berry, 30 gummies) | 1 × Nappy Cream",
      ],
      [
        "remove everything",
        "1 × Baby Wipes (triple pack) | 1 × Multivitamin Gummies (Mixed Berry, 30 gummies) | 1 × Nappy Cream",
        /really/,
      ],
      [
        "no",
        "1 × Baby Wipes (triple pack) | 1 × Multivitamin Gummies (Mixed Berry, 30 gummies) | 1 × Nappy Cream",
      ],
    ],
  },
  // ------------------------------------------- kinds of sentence the held-out tables showed missing
  {
    catalog: "retail",
    name: "a want said as a statement or as a question that settles the variant",
    turns: [
      [
        "I'm looking for a red cycling helmet in size M with medium ventilation",
        "1 × Cycling Helmet (M, red, medium)",
      ],
      ["I'm looking for a kettle", "1 × Cycling Helmet (M, red, medium)", /Kettle.*Kettle/],
      [
        "do you have a pink 5mm yoga mat?",
        "1 × Cycling Helmet (M, red, medium) | 1 × Yoga Mat (5mm, TPE, pink)",
      ],
      ["do you have a laptop?", "1 × Cycling Helmet (M, red, medium) | 1 × Yoga Mat (5mm, TPE, pink)"],
      [
        "a black analog wall clock, 14 inches, for the stove",
        "1 × Cycling Helmet (M, red, medium) | 1 × Wall Clock (14 inches, black, analog) | 1 × Yoga Mat (5mm, TPE, pink)",
      ],
    ],
  },
  {
    catalog: "sample",
    name: "words of a product's name that are also request words, and typos that are only words",
    turns: [
      ["a gift bag, the large one, to put it in", "1 × Gift Bag (Large)"],
      ["a teddy bear, large, for the class", "1 × Gift Bag (Large) | 1 × Teddy Bear (Large)"],
    ],
  },
  {
    catalog: "pharmacy",
    name: "a want as a statement with its options",
    turns: [["I'm looking for sun cream, SPF 50 in the 200ml size", "1 × Sun Cream (50, 200ml)"]],
  },
  {
    catalog: "hardware",
    name: "a count sold by the metre, the same in a size not sold, an answer beside the list, a no that names",
    turns: [
      ["25 m of red copper wire in 1.5mm", "25 × Copper Wire (1.5mm, red)"],
      ["a 2m extension cable, 3 way", "25 × Copper Wire (1.5mm, red) | 1 × Extension Cable (2m, 3 way)"],
      ["the same in 10m", "25 × Copper Wire (1.5mm, red) | 1 × Extension Cable (2m, 3 way)"],
      [
        "5m then",
        "25 × Copper Wire (1.5mm, red) | 1 × Extension Cable (2m, 3 way) | 1 × Extension Cable (5m, 4 way)",
      ],
      [
        "and a pack of wall plugs",
        "25 × Copper Wire (1.5mm, red) | 1 × Extension Cable (2m, 3 way) | 1 × Extension Cable (5m, 4 way) | 1 × Wall Plugs",
      ],
      [
        "I'll do without the wall plugs",
        "25 × Copper Wire (1.5mm, red) | 1 × Extension Cable (2m, 3 way) | 1 × Extension Cable (5m, 4 way)",
      ],
    ],
  },
  {
    catalog: "pharmacy",
    name: "pack sizes said after 'of', a product by its initials",
    turns: [
      ["a box of 40 waterproof plasters", "1 × Plasters (waterproof, 40 pieces)"],
      [
        "and a tub of 60 orange multivitamin gummies",
        "1 × Multivitamin Gummies (Orange, 60 gummies) | 1 × Plasters (waterproof, 40 pieces)",
      ],
      [
        "a BPM with the large cuff",
        "1 × Blood Pressure Monitor (large) | 1 × Multivitamin Gummies (Orange, 60 gummies) | 1 × Plasters (waterproof, 40 pieces)",
      ],
    ],
  },
  {
    catalog: "retail",
    name: "a no inside a request, a size number corrected, the same in a sold-out colour",
    turns: [
      ["a T-shirt in red, not black, size L", "1 × T-Shirt (red, L, cotton, v-neck)"],
      [
        "hiking boots, size 11, leather, waterproof",
        "1 × Hiking Boots (11, leather, yes) | 1 × T-Shirt (red, L, cotton, v-neck)",
      ],
      ["sorry, size 12", "1 × Hiking Boots (12, leather, yes) | 1 × T-Shirt (red, L, cotton, v-neck)"],
      [
        "wireless in-ear headphones in black",
        "1 × Headphones (in-ear, wireless, black) | 1 × Hiking Boots (12, leather, yes) | 1 × T-Shirt (red, L, cotton, v-neck)",
      ],
      [
        "the same in red",
        "1 × Headphones (in-ear, wireless, black) | 1 × Hiking Boots (12, leather, yes) | 1 × T-Shirt (red, L, cotton, v-neck)",
        /sold out/,
      ],
      [
        "take the boots out",
        "1 × Headphones (in-ear, wireless, black) | 1 × T-Shirt (red, L, cotton, v-neck)",
      ],
    ],
  },
  {
    catalog: "sample",
    name: "a total said with 'only', a word of a name that is also a colour",
    turns: [
      ["a sunflower bunch please", "1 × Sunflower Bunch"],
      ["one more", "2 × Sunflower Bunch"],
      ["hmm, only 1 please", "1 × Sunflower Bunch"],
      ["a chocolate truffles box", "1 × Chocolate Truffles Box | 1 × Sunflower Bunch"],
      ["please take the chocolates off", "1 × Sunflower Bunch"],
    ],
  },
  {
    catalog: "sample",
    name: "request words that look like a value's typo, 'scratch' as a removal",
    turns: [
      ["a white potted orchid", "1 × Potted Orchid (White)"],
      ["would you make it two", "2 × Potted Orchid (White)"],
      ["and some party hats", "1 × Party Hats | 2 × Potted Orchid (White)"],
      ["scratch the hats", "2 × Potted Orchid (White)"],
    ],
  },
  {
    catalog: "pharmacy",
    name: "counter shorthand: tabs, a strength without its unit, a pack size said with the product's own word",
    turns: [
      ["paracetamol 500mg, 16 tablets", "1 × Paracetamol Tablets (500mg, 16 tablets)"],
      ["sorry, the 32 tablet one", "1 × Paracetamol Tablets (500mg, 32 tablets)"],
      [
        "ibuprofen 200, 24 tabs",
        "1 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets)",
      ],
      [
        "vitamin c 1000, 60 tablets",
        "1 × Ibuprofen Tablets (200mg, 24 tablets) | 1 × Paracetamol Tablets (500mg, 32 tablets) | 1 × Vitamin C Tablets (1000mg, 60 tablets)",
      ],
      [
        "I no longer need the ibuprofen",
        "1 × Paracetamol Tablets (500mg, 32 tablets) | 1 × Vitamin C Tablets (1000mg, 60 tablets)",
      ],
    ],
  },
  {
    catalog: "retail",
    name: "another pair",
    turns: [
      ["hiking boots, size 7, leather", "1 × Hiking Boots (7, leather, yes)"],
      ["and another pair", "2 × Hiking Boots (7, leather, yes)"],
    ],
  },
];

const pharmacyCatalogPath = path.join(appRoot, "test", "assistant", "fixtures", "pharmacy-catalog.json");
let pharmacy: Promise<Catalog> | undefined;
const loaders: Record<Conversation["catalog"], () => Promise<Catalog>> = {
  sample: loadSampleCatalog,
  retail: loadRetailCatalog,
  hardware: loadHardwarePharmacyCatalog,
  pharmacy: () => (pharmacy ??= Catalog.load(pharmacyCatalogPath)),
};

let redis: TestRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});

afterAll(async () => {
  await redis?.stop();
});

const lines = (cart: string) => (cart ? cart.split(" | ") : []);

it("the offline assistant gets at least 95% of 200+ counter turns right, on four catalogs", async () => {
  const wrong: string[] = [];
  const perCatalog = new Map<string, { right: number; total: number }>();
  for (const conversation of conversations) {
    const catalog = await loaders[conversation.catalog]();
    const cart = new CartService({ redis: client, catalog });
    const assistant = makeAssistant({ cart, catalog, redis: client }, offlineConfig);
    const session = newSession();
    const score = perCatalog.get(conversation.catalog) ?? { right: 0, total: 0 };
    perCatalog.set(conversation.catalog, score);
    for (const [say, expected, replyPattern] of conversation.turns) {
      const reply = await assistant.chat(session, say);
      expect(reply.metadata.mode).toBe("offline");
      const stored = describeCart(catalog, await cart.getCart(session));
      const want = sortLines(lines(expected));
      const cartRight = JSON.stringify(stored) === JSON.stringify(want);
      const replyRight = !replyPattern || replyPattern.test(reply.content);
      score.total++;
      if (cartRight && replyRight) {
        score.right++;
        continue;
      }
      wrong.push(
        `[${conversation.catalog}: ${conversation.name}] "${say}"\n    reply: ${reply.content}\n` +
          (cartRight
            ? `    reply should match ${replyPattern}`
            : `    cart: ${stored.join(" | ")}\n    want: ${want.join(" | ")}`),
      );
      // Put the cart back to what the table expects, so the turns after this one still count.
      await cart.clearCart(session);
      for (const line of want) await cart.addItem(session, lineToAddItem(catalog, line));
    }
  }
  const total = [...perCatalog.values()].reduce((n, s) => n + s.total, 0);
  const right = [...perCatalog.values()].reduce((n, s) => n + s.right, 0);
  const summary = [
    `own table: ${right}/${total} turns right (${Math.round((100 * right) / total)}%)`,
    ...[...perCatalog].map(([name, s]) => `  ${name}: ${s.right}/${s.total}`),
    ...wrong,
  ].join("\n");
  console.log(summary);
  expect(total).toBeGreaterThanOrEqual(200);
  expect(right / total, summary).toBeGreaterThanOrEqual(0.95);
});
