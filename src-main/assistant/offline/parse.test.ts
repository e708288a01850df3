import { beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../catalog/catalog.js";
import {
  loadHardwarePharmacyCatalog,
  loadRetailCatalog,
  loadSampleCatalog,
} from "../../../test/kit/catalogs.js";
import type { PendingState } from "../turn-context.js";
import { intentRules, type IntentKind } from "./intents.js";
import { lexiconOf } from "./lexicon.js";
import { normalForm } from "./normalize.js";
import { parse } from "./parse.js";
import { understand } from "./understand.js";

/**
 * The offline parser alone: no Redis, no agent loop. Every intent's example sentences, every kind
 * of span, both catalogs, and the failures issue #13 listed (options with codes and units, word
 * order, corrections, negations, typos).
 */

let sample: Catalog;
let retail: Catalog;
let hardware: Catalog;
beforeAll(async () => {
  [sample, retail, hardware] = await Promise.all([
    loadSampleCatalog(),
    loadRetailCatalog(),
    loadHardwarePharmacyCatalog(),
  ]);
});

/** The conversation each intent's examples are said in. */
const contextFor: Partial<Record<IntentKind, PendingState>> = {
  confirm: { kind: "confirm_clear" },
  decline: { kind: "confirm_clear" },
  correct: { kind: "last_change", item_id: "x", product_id: "43", options: { colour: "Red" }, added: 1 },
  another: { kind: "last_change", item_id: "x", product_id: "43", options: { colour: "Red" }, added: 1 },
};

describe("every intent's example sentences are read as that intent", () => {
  for (const rule of intentRules) {
    for (const example of rule.examples) {
      it(`${rule.kind}: "${example}"`, () => {
        const catalog = rule.examples.some((e) => /t-shirt|backpack|mats|bottles|headphones|watch/.test(e))
          ? retail
          : sample;
        const reading = parse(example, { lexicon: lexiconOf(catalog), pending: contextFor[rule.kind] });
        if (reading.intent !== rule.kind) {
          // Examples may be read on the other catalog when they name its products.
          const other = parse(example, {
            lexicon: lexiconOf(catalog === sample ? retail : sample),
            pending: contextFor[rule.kind],
          });
          expect(other.intent, `"${example}"`).toBe(rule.kind);
        }
      });
    }
  }
});

describe("the normaliser treats both sides alike", () => {
  it.each([
    ["8 inch", "8-inch"],
    ["8in", "8 inches"],
    ["1 kg", "1kg"],
    ["2 kilos", "2 kg"],
    ["64 gb", "64GB"],
    ["1 litre", "1L"],
    ["colour", "color"],
    ["grey", "gray"],
    ["T-Shirts", "t shirt"],
    ["Bouquets!", "bouquet"],
    ["Honey & Lemon", "honey and lemon"],
  ])("%j ~ %j", (a, b) => {
    expect(normalForm(a)).toBe(normalForm(b));
  });
});

describe("spans", () => {
  const spans = (catalog: () => Catalog, said: string, pending?: PendingState) =>
    parse(said, { lexicon: lexiconOf(catalog()), pending }).spans;

  it("quantities in digits, words, a dozen, a pair", () => {
    for (const [said, value] of [
      ["2 party hats", 2],
      ["two party hats", 2],
      ["a dozen party hats", 12],
      ["half a dozen party hats", 6],
      ["a pair of party hats", 2],
      ["twenty one party hats", 21],
    ] as const) {
      expect(
        spans(() => sample, said).find((s) => s.kind === "quantity"),
        said,
      ).toMatchObject({ value });
    }
  });

  it("products, option values with their axis, categories, price limits", () => {
    const s = spans(() => retail, "a green backpack in size small under $300");
    expect(s.find((x) => x.kind === "product")).toMatchObject({ products: [expect.any(String)] });
    expect(s.filter((x) => x.kind === "option").map((x) => x.kind === "option" && x.axes)).toEqual([
      ["color"],
      ["size"],
    ]);
    expect(s.find((x) => x.kind === "price")).toMatchObject({ max: 300 });
    expect(spans(() => sample, "do you have any treats").some((x) => x.kind === "category")).toBe(true);
  });

  it("ordinals, references, negation and intent words", () => {
    const choosing: PendingState = { kind: "choose_product", product_ids: ["21", "22"], quantity: 1 };
    expect(spans(() => sample, "the second one", choosing).find((x) => x.kind === "ordinal")).toMatchObject({
      position: 2,
    });
    const kinds = spans(() => sample, "I don't want that, the cheaper one").map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(["negation", "reference", "intent"]));
  });
});

describe("the failures issue #13 listed", () => {
  const add = (catalog: () => Catalog, said: string, pending?: PendingState) => {
    const intent = understand(said, { catalog: catalog(), pending });
    if (intent.kind !== "add") return intent.kind;
    return intent.items.map((i) =>
      i.kind === "ready" ? `${i.quantity} ${i.product.name} ${Object.values(i.options).join("/")}` : i.kind,
    );
  };

  it.each([
    ["I need an A4 notebook with a hard cover", "1 Notebook A4/hard cover"],
    ["an XL t-shirt in black, cotton", "1 T-Shirt black/XL/cotton/crew neck"],
    ["a 10-inch tablet, 64GB", "1 Tablet 10-inch/64GB/silver"],
    ["an 8in e-reader with 32 gb", "1 E-Reader 8-inch/Wi-Fi/32GB"],
    ["a 1L glass kettle in black", "1 Electric Kettle 1L/glass/black"],
    ["two 750ml water bottles, plastic, blue", "2 Water Bottle 750ml/plastic/blue"],
    [
      "a green backpack in size small with a laptop compartment, polyester",
      "1 Backpack green/small/polyester/laptop",
    ],
  ])("options with codes, units and any word order: %j", (said, expected) => {
    expect(add(() => retail, said)).toEqual([expected]);
  });

  it("the catalog search's typos are forgiven here too", () => {
    expect(add(() => sample, "2 balon bouquets please")).toEqual(["2 Balloon Bouquet "]);
    expect(sample.search("balon bouquet")[0]?.product.name).toBe("Balloon Bouquet");
  });

  it("a 2 kg cake is one cake of 2 kg", () => {
    expect(add(() => sample, "a chocolate fudge cake, 2 kg")).toEqual(["1 Chocolate Fudge Cake 2 kg"]);
  });

  it("corrections set the last change instead of adding to it", () => {
    const last: PendingState = { kind: "last_change", item_id: "x", product_id: "42", options: {}, added: 2 };
    for (const said of ["actually just 1", "make that 3", "no wait, 4", "only one"]) {
      const intent = understand(said, { catalog: sample, pending: last });
      expect(intent.kind, said).toBe("correct");
    }
  });

  it("a sentence that says no removes nothing unless it names what to remove", () => {
    for (const said of ["I don't want to add anything", "no thanks", "nothing else", "don't empty my cart"])
      expect(understand(said, { catalog: sample, pending: undefined }).kind, said).toBe("nothing");
    expect(understand("I don't want the party hats", { catalog: sample, pending: undefined }).kind).toBe(
      "remove",
    );
  });

  it("answers in any form: a number, a value, an ordinal, the cheaper one", () => {
    const asked: PendingState = {
      kind: "choose_variant",
      product_id: "71",
      quantity: 1,
      options: {},
      choices: [{ size: "Small" }, { size: "Medium" }, { size: "Large" }],
    };
    for (const [said, size] of [
      ["2", "Medium"],
      ["large please", "Large"],
      ["the first one", "Small"],
      ["the cheapest", "Small"],
      ["the biggest", "Large"],
    ] as const)
      expect(
        add(() => sample, said, asked),
        said,
      ).toEqual([`1 Teddy Bear ${size}`]);
  });
});

describe("kinds of sentence the held-out tables found missing (other sentences of each kind)", () => {
  const read = (catalog: Catalog, said: string, pending?: PendingState) => {
    const intent = understand(said, { catalog, pending });
    if (intent.kind !== "add") return intent.kind;
    return intent.items.map((i) =>
      i.kind === "ready"
        ? `${i.quantity} ${i.product.name} ${Object.values(i.options).join("/")}`
        : i.kind === "ask_variant"
          ? `ask ${i.decision.kind}`
          : i.kind,
    );
  };
  const lastChange = (catalog: Catalog, name: string, options: Record<string, string>, added = 1) =>
    ({
      kind: "last_change",
      item_id: "x",
      product_id: catalog.allProducts().find((p) => p.name === name)!.id,
      options,
      added,
    }) satisfies PendingState;

  it("a want said as a statement orders what it names; a want of a kind of thing looks", () => {
    expect(read(sample, "I'm looking for a blue cupcake box")).toEqual(["1 Cupcake Box Blue"]);
    expect(read(sample, "I'm looking for a gift")).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^1 /)]),
    );
  });

  it("a question whose options settle one variant orders it; one that names only a product looks", () => {
    expect(read(retail, "do you have a pink 5mm yoga mat?")).toEqual(["1 Yoga Mat 5mm/TPE/pink"]);
    expect(read(retail, "do you have a laptop?")).toBe("search");
  });

  it("a word of a product's name is not a request word, and a typo of a name after a product names none", () => {
    expect(read(sample, "a gift bag, the large one, to put it in")).toEqual(["1 Gift Bag Large"]);
    expect(read(sample, "a teddy bear, large, for the class")).toEqual(["1 Teddy Bear Large"]);
  });

  it("a number before a unit the product has no option in is how many", () => {
    expect(read(hardware, "25 m of red copper wire in 1.5mm")).toEqual(["25 Copper Wire 1.5mm/red"]);
    expect(read(hardware, "a 5m measuring tape")).toEqual(["1 Measuring Tape 5m"]);
  });

  it("a number after 'of' is the pack size that has it", () => {
    expect(read(hardware, "a pack of 4 AAA batteries")).toEqual(["1 Alkaline Batteries AAA/4 pack"]);
  });

  it("a value said with a no is not wanted", () => {
    expect(read(retail, "a T-shirt in red, not black, size L")).toEqual(["1 T-Shirt red/L/cotton/v-neck"]);
  });

  it("a name said by its initials", () => {
    expect(read(hardware, "an SFL, 50W")).toEqual(["1 Security Flood Light 50W"]);
  });

  it("a no before a product's name removes it; a no that names nothing is nothing", () => {
    expect(understand("no party hats after all", { catalog: sample, pending: undefined }).kind).toBe(
      "remove",
    );
    expect(understand("no, I'm fine", { catalog: sample, pending: undefined }).kind).toBe("nothing");
  });

  it("a removal may name its line by a word that names no product alone", () => {
    expect(understand("please take the chocolates off", { catalog: sample, pending: undefined }).kind).toBe(
      "remove",
    );
  });

  it("an option's number in a correction is not a quantity; 'just N' sets the line, 'just N more' adds", () => {
    const boots = lastChange(retail, "Hiking Boots", { size: "11", material: "leather", waterproof: "yes" });
    const intent = understand("sorry, size 12", { catalog: retail, pending: boots });
    expect(intent).toMatchObject({ kind: "correct", quantity: undefined, replacement: { kind: "ready" } });
    const bunch = lastChange(sample, "Sunflower Bunch", {}, 1);
    expect(understand("hmm, only 1 please", { catalog: sample, pending: bunch })).toMatchObject({
      total: true,
    });
    expect(understand("actually just one more", { catalog: sample, pending: bunch }).kind).not.toBe(
      "nothing",
    );
  });

  it("'the same in red' when that one is sold out says so instead of changing the rest", () => {
    const phones = lastChange(retail, "Headphones", {
      type: "in-ear",
      connectivity: "wireless",
      color: "black",
    });
    expect(read(retail, "the same in red", phones)).toEqual(["ask sold_out"]);
  });
});
