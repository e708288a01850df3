import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistantReply } from "../../src-shared/assistant.js";
import { CartService } from "../../src-main/cart/cart-service.js";
import { describeCart, sortLines } from "../kit/cart-lines.js";
import { loadRetailCatalog, loadSampleCatalog } from "../kit/catalogs.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";
import { makeAssistant, newSession, offlineConfig } from "../kit/assistant-rig.js";

/**
 * The offline assistant over a table of conversations on both catalogs: each step is what a
 * customer types and the cart Redis must hold afterwards (plus, where it matters, what the reply
 * says or which action card it carries). Every step runs the real agent loop, tools and Redis.
 */

interface Step {
  say: string;
  /** The cart after the step: "quantity × name (option values in the product's axis order)". */
  cart: string[];
  reply?: RegExp;
  action?: string;
}

interface Conversation {
  name: string;
  steps: Step[];
}

const sample: Conversation[] = [
  {
    name: "adds, changes, removes and empties with confirmation",
    steps: [
      {
        say: "I want 2 balloon bouquets",
        cart: ["2 × Balloon Bouquet"],
        action: "item_added",
        reply: /^\(Offline mode\) Added 2 × Balloon Bouquet \(UGX\s120,000\)/,
      },
      { say: "add three party hats", cart: ["2 × Balloon Bouquet", "3 × Party Hats"] },
      {
        say: "make the balloon bouquets 5",
        cart: ["5 × Balloon Bouquet", "3 × Party Hats"],
        action: "quantity_updated",
      },
      { say: "remove the party hats", cart: ["5 × Balloon Bouquet"], action: "item_removed" },
      { say: "add one more balloon bouquet", cart: ["6 × Balloon Bouquet"] },
      { say: "remove 2 balloon bouquets", cart: ["4 × Balloon Bouquet"] },
      {
        say: "what's in my cart?",
        cart: ["4 × Balloon Bouquet"],
        action: "cart_viewed",
        reply: /4 × Balloon Bouquet/,
      },
      {
        say: "I'd like to pay",
        cart: ["4 × Balloon Bouquet"],
        action: "checkout_offered",
        reply: /Tap "Check out" to review your order/,
      },
      { say: "check out", cart: ["4 × Balloon Bouquet"], action: "checkout_offered" },
      { say: "empty my cart", cart: ["4 × Balloon Bouquet"], reply: /Do you really want to empty your cart/ },
      { say: "yes", cart: [], action: "cart_cleared", reply: /Your cart is now empty/ },
    ],
  },
  {
    name: "asks for options it was not given, and understands the answer",
    steps: [
      { say: "I'd like a helium balloon bunch", cart: [], reply: /Which Helium Balloon Bunch.*Red.*Gold/ },
      { say: "gold please", cart: ["1 × Helium Balloon Bunch (Gold)"] },
      {
        say: "add a dozen cupcake boxes with pink icing",
        cart: ["12 × Cupcake Box (Pink)", "1 × Helium Balloon Bunch (Gold)"],
      },
      {
        say: "I want a teddy bear",
        cart: ["12 × Cupcake Box (Pink)", "1 × Helium Balloon Bunch (Gold)"],
        reply: /Small.*Medium.*Large/,
      },
      {
        say: "the second one",
        cart: ["12 × Cupcake Box (Pink)", "1 × Helium Balloon Bunch (Gold)", "1 × Teddy Bear (Medium)"],
      },
      {
        say: "add 2 number 5 candles",
        cart: [
          "12 × Cupcake Box (Pink)",
          "1 × Helium Balloon Bunch (Gold)",
          "2 × Number Birthday Candle (5)",
          "1 × Teddy Bear (Medium)",
        ],
      },
      {
        say: "make the teddy bear 2",
        cart: [
          "12 × Cupcake Box (Pink)",
          "1 × Helium Balloon Bunch (Gold)",
          "2 × Number Birthday Candle (5)",
          "2 × Teddy Bear (Medium)",
        ],
      },
      {
        say: "take the cupcakes out",
        cart: [
          "1 × Helium Balloon Bunch (Gold)",
          "2 × Number Birthday Candle (5)",
          "2 × Teddy Bear (Medium)",
        ],
        action: "item_removed",
      },
      {
        say: "I want a red rose bouquet with 12 stems",
        cart: [
          "1 × Helium Balloon Bunch (Gold)",
          "2 × Number Birthday Candle (5)",
          "1 × Red Rose Bouquet (12)",
          "2 × Teddy Bear (Medium)",
        ],
      },
    ],
  },
  {
    name: "several products in one sentence, words for numbers, and a choice between products",
    steps: [
      {
        say: "can I have two balloon bouquets and a birthday banner in silver",
        cart: ["2 × Balloon Bouquet", "1 × Happy Birthday Banner (Silver)"],
      },
      {
        say: "I want half a dozen party poppers",
        cart: ["2 × Balloon Bouquet", "1 × Happy Birthday Banner (Silver)", "6 × Party Poppers"],
      },
      {
        say: "add a chocolate fudge cake, 2 kg",
        cart: [
          "2 × Balloon Bouquet",
          "1 × Chocolate Fudge Cake (2 kg)",
          "1 × Happy Birthday Banner (Silver)",
          "6 × Party Poppers",
        ],
      },
      {
        say: "I want a cake",
        cart: [
          "2 × Balloon Bouquet",
          "1 × Chocolate Fudge Cake (2 kg)",
          "1 × Happy Birthday Banner (Silver)",
          "6 × Party Poppers",
        ],
        reply: /several.*Red Velvet Cake.*Which one/,
        action: "products_found",
      },
      {
        say: "red velvet",
        cart: [
          "2 × Balloon Bouquet",
          "1 × Chocolate Fudge Cake (2 kg)",
          "1 × Happy Birthday Banner (Silver)",
          "6 × Party Poppers",
        ],
        reply: /Which Red Velvet Cake/,
      },
      {
        say: "1 kg",
        cart: [
          "2 × Balloon Bouquet",
          "1 × Chocolate Fudge Cake (2 kg)",
          "1 × Happy Birthday Banner (Silver)",
          "6 × Party Poppers",
          "1 × Red Velvet Cake (1 kg)",
        ],
      },
      {
        say: "change the party poppers to 10",
        cart: [
          "2 × Balloon Bouquet",
          "1 × Chocolate Fudge Cake (2 kg)",
          "1 × Happy Birthday Banner (Silver)",
          "10 × Party Poppers",
          "1 × Red Velvet Cake (1 kg)",
        ],
      },
      {
        say: "I don't want the birthday banner anymore",
        cart: [
          "2 × Balloon Bouquet",
          "1 × Chocolate Fudge Cake (2 kg)",
          "10 × Party Poppers",
          "1 × Red Velvet Cake (1 kg)",
        ],
      },
    ],
  },
  {
    name: "answers what it cannot do without touching the cart",
    steps: [
      { say: "add a party hat", cart: ["1 × Party Hats"] },
      {
        say: "do you have anything under 10000?",
        cart: ["1 × Party Hats"],
        action: "products_found",
        reply: /Here is what I found/,
      },
      { say: "empty the cart", cart: ["1 × Party Hats"], reply: /Say "yes"/ },
      { say: "no, keep it", cart: ["1 × Party Hats"], reply: /left your cart as it is/ },
      { say: "yes", cart: ["1 × Party Hats"] },
      {
        say: "hello",
        cart: ["1 × Party Hats"],
        reply: /welcome to Kampala Party & Gifts.*offline assistant/,
      },
      {
        say: "xyzzy plugh",
        cart: ["1 × Party Hats"],
        reply: /offline assistant, so I understand simple requests/,
      },
      { say: "I want a unicorn", cart: ["1 × Party Hats"], reply: /(don't have|couldn't find) "unicorn"/ },
      {
        say: "I want 1000000000 balloon bouquets",
        cart: ["1 × Party Hats"],
        reply: /^\(Offline mode\) Sorry/,
      },
      {
        say: "remove the teddy bear",
        cart: ["1 × Party Hats"],
        reply: /couldn't find "teddy bear" in your cart/,
      },
    ],
  },
];

const retail: Conversation[] = [
  {
    name: "chooses T-shirt variants from the options named, and changes the right line",
    steps: [
      { say: "I want a t-shirt", cart: [], reply: /Which T-Shirt would you like\?.*color: .*size: / },
      { say: "blue, size M", cart: ["1 × T-Shirt (blue, M, cotton, crew neck)"], reply: /\$50\.88/ },
      {
        say: "add two blue t-shirts size S cotton v-neck",
        cart: ["1 × T-Shirt (blue, M, cotton, crew neck)", "2 × T-Shirt (blue, S, cotton, v-neck)"],
      },
      {
        say: "make the t-shirts 3",
        cart: ["1 × T-Shirt (blue, M, cotton, crew neck)", "2 × T-Shirt (blue, S, cotton, v-neck)"],
        reply: /several of those.*Which one/,
      },
      {
        say: "make the crew neck t-shirt 3",
        cart: ["3 × T-Shirt (blue, M, cotton, crew neck)", "2 × T-Shirt (blue, S, cotton, v-neck)"],
      },
      {
        say: "remove the v-neck t-shirt",
        cart: ["3 × T-Shirt (blue, M, cotton, crew neck)"],
        action: "item_removed",
      },
      {
        say: "I'd like half a dozen yoga mats",
        cart: ["3 × T-Shirt (blue, M, cotton, crew neck)"],
        reply: /Which Yoga Mat.*1\. .*2\. .*3\. /,
      },
      {
        say: "the second one",
        cart: ["3 × T-Shirt (blue, M, cotton, crew neck)", "6 × Yoga Mat (4mm, PVC, blue)"],
      },
      {
        say: "I want a dozen running shoes size 9 black",
        cart: [
          "12 × Running Shoes (9, black, synthetic, rubber)",
          "3 × T-Shirt (blue, M, cotton, crew neck)",
          "6 × Yoga Mat (4mm, PVC, blue)",
        ],
      },
      {
        say: "remove 2 running shoes",
        cart: [
          "10 × Running Shoes (9, black, synthetic, rubber)",
          "3 × T-Shirt (blue, M, cotton, crew neck)",
          "6 × Yoga Mat (4mm, PVC, blue)",
        ],
      },
      {
        say: "clear my cart",
        cart: [
          "10 × Running Shoes (9, black, synthetic, rubber)",
          "3 × T-Shirt (blue, M, cotton, crew neck)",
          "6 × Yoga Mat (4mm, PVC, blue)",
        ],
      },
      { say: "yes please", cart: [] },
    ],
  },
  {
    name: "narrows many variants, refuses sold-out ones and offers the closest",
    steps: [
      {
        say: "I want 2 water bottles, 750ml, stainless steel, blue",
        cart: ["2 × Water Bottle (750ml, stainless steel, blue)"],
      },
      {
        say: "add a backpack",
        cart: ["2 × Water Bottle (750ml, stainless steel, blue)"],
        reply: /Which Backpack/,
      },
      {
        say: "navy, large, polyester, laptop compartment",
        cart: [
          "1 × Backpack (navy, large, polyester, laptop)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
      },
      {
        say: "I want a pair of hiking boots size 10 leather waterproof",
        cart: [
          "1 × Backpack (navy, large, polyester, laptop)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
        reply: /sold out\. Available: 1\. size 10, synthetic/,
      },
      {
        say: "1",
        cart: [
          "1 × Backpack (navy, large, polyester, laptop)",
          "2 × Hiking Boots (10, synthetic, yes)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
      },
      {
        say: "I want a red bluetooth speaker with 20 hours battery, not water resistant",
        cart: [
          "1 × Backpack (navy, large, polyester, laptop)",
          "1 × Bluetooth Speaker (red, 20 hours, no)",
          "2 × Hiking Boots (10, synthetic, yes)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
      },
      {
        say: "I want a camera",
        cart: [
          "1 × Backpack (navy, large, polyester, laptop)",
          "1 × Bluetooth Speaker (red, 20 hours, no)",
          "2 × Hiking Boots (10, synthetic, yes)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
        reply: /Action Camera.*Digital Camera.*Indoor Security Camera/,
      },
      {
        say: "take the backpack out",
        cart: [
          "1 × Bluetooth Speaker (red, 20 hours, no)",
          "2 × Hiking Boots (10, synthetic, yes)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
      },
      {
        say: "how much is the smart watch?",
        cart: [
          "1 × Bluetooth Speaker (red, 20 hours, no)",
          "2 × Hiking Boots (10, synthetic, yes)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
        reply: /Smart Watch \(from \$/,
        action: "products_found",
      },
      {
        say: "do you have headphones under $100?",
        cart: [
          "1 × Bluetooth Speaker (red, 20 hours, no)",
          "2 × Hiking Boots (10, synthetic, yes)",
          "2 × Water Bottle (750ml, stainless steel, blue)",
        ],
        reply: /couldn't find anything for "headphones" under \$100\.00/,
      },
    ],
  },
];

let redis: TestRedis;
let client: Redis;

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});

afterAll(async () => {
  await redis?.stop();
});

for (const [catalogName, load, conversations] of [
  ["sample catalog (UGX)", loadSampleCatalog, sample],
  ["retail catalog (USD, variants)", loadRetailCatalog, retail],
] as const) {
  describe(`offline assistant on the ${catalogName}`, () => {
    for (const conversation of conversations) {
      it(conversation.name, async () => {
        const catalog = await load();
        const cart = new CartService({ redis: client, catalog });
        const assistant = makeAssistant({ cart, catalog, redis: client }, offlineConfig);
        const session = newSession();
        for (const step of conversation.steps) {
          const reply: AssistantReply = await assistant.chat(session, step.say);
          const where = `after "${step.say}" (reply: ${reply.content})`;
          expect(reply.metadata.mode, where).toBe("offline");
          expect(reply.content, where).toMatch(/^\(Offline mode\) /);
          const stored = await cart.getCart(session);
          expect(describeCart(catalog, stored), where).toEqual(sortLines(step.cart));
          if (step.reply) expect(reply.content, where).toMatch(step.reply);
          if (step.action) expect(reply.metadata.action?.type, where).toBe(step.action);
          const action = reply.metadata.action;
          if (action && "cart_items" in action) {
            expect(action.cart_items, where).toEqual(stored.items);
            expect(action.cart_total, where).toBe(stored.cart_total);
          }
        }
      });
    }
  });
}

it("the table holds at least 40 utterances", () => {
  const count = [...sample, ...retail].reduce((n, c) => n + c.steps.length, 0);
  expect(count).toBeGreaterThanOrEqual(40);
});

describe("two lines of one product with no options, as the web channel can write them (#14)", () => {
  async function cartWithTwoBouquetLines(session: string): Promise<void> {
    // Python's salted hash() gave each web-channel process its own item id for the same line.
    for (const [itemId, quantity] of [
      ["42_-3074457345618258602", "1"],
      ["42_8124561237788123", "5"],
    ] as const) {
      await client.sadd(`cart:${session}:items`, itemId);
      await client.hset(`cart:${session}:item:${itemId}`, {
        product_id: "42",
        name: "Balloon Bouquet",
        price: "60000",
        quantity,
        configuration: "{}",
      });
    }
  }

  for (const { say, cart: after } of [
    { say: "remove the balloon bouquets", cart: [] },
    { say: "make the balloon bouquets 3", cart: ["3 × Balloon Bouquet"] },
    { say: "remove 2 balloon bouquets", cart: ["4 × Balloon Bouquet"] },
  ]) {
    it(`"${say}" changes them as one line, without asking which`, async () => {
      const catalog = await loadSampleCatalog();
      const cart = new CartService({ redis: client, catalog });
      const assistant = makeAssistant({ cart, catalog, redis: client }, offlineConfig);
      const session = newSession();
      await cartWithTwoBouquetLines(session);
      const reply = await assistant.chat(session, say);
      expect(reply.content).not.toMatch(/\(\)|Which one/);
      expect(describeCart(catalog, await cart.getCart(session)), reply.content).toEqual(after);
    });
  }
});
