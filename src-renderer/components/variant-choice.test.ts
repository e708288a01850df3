import { describe, expect, it } from "vitest";
import { tshirt } from "../test-support/fixtures.js";
import { choiceState } from "../../src-shared/variants.js";
import { initialChoice, isSoldOut, pick } from "./variant-choice.js";

describe("choosing a variant", () => {
  it("starts on the first variant in stock", () => {
    expect(initialChoice(tshirt)).toEqual({ size: "S", colour: "White" });
  });

  it("prices the chosen variant and refuses one that is sold out", () => {
    expect(choiceState(tshirt, { size: "M", colour: "White" })).toEqual({
      unitPrice: 30000,
      unavailable: null,
    });
    expect(choiceState(tshirt, { size: "M", colour: "Blue" })).toEqual({
      unitPrice: 30000,
      unavailable: "sold_out",
    });
    expect(choiceState(tshirt, { size: "XL", colour: "Blue" }).unitPrice).toBe(35000);
  });

  it("marks a value sold out next to the values chosen now", () => {
    expect(isSoldOut(tshirt, { size: "S", colour: "White" }, "size", "XL")).toBe(true);
    expect(isSoldOut(tshirt, { size: "S", colour: "White" }, "size", "M")).toBe(false);
    expect(isSoldOut(tshirt, { size: "S", colour: "White" }, "colour", "Blue")).toBe(false);
    expect(isSoldOut(tshirt, { size: "M", colour: "White" }, "colour", "Blue")).toBe(true);
  });

  it("keeps a value made only with other values enabled, and picking it moves those", () => {
    // S is not made in Blue here; only XL is, and it is in stock.
    const partial = {
      ...tshirt,
      variants: tshirt.variants
        .filter((v) => v.id !== "81-s-blue")
        .map((v) => (v.id === "81-xl-blue" ? { ...v, available: true } : v)),
    };
    expect(isSoldOut(partial, { size: "S", colour: "White" }, "colour", "Blue")).toBe(false);
    expect(pick(partial, { size: "S", colour: "White" }, "colour", "Blue")).toEqual({
      size: "XL",
      colour: "Blue",
    });
  });

  it("moves the other options to a combination in stock rather than leaving the customer stuck", () => {
    expect(pick(tshirt, { size: "S", colour: "Blue" }, "size", "M")).toEqual({ size: "M", colour: "White" });
    expect(pick(tshirt, { size: "S", colour: "White" }, "colour", "Blue")).toEqual({
      size: "S",
      colour: "Blue",
    });
  });
});
