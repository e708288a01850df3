import { describe, expect, it } from "vitest";
import { tshirt } from "../test-support/fixtures.js";
import { choiceState, initialChoice, isSoldOut, pick } from "./variant-choice.js";

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

  it("marks a value sold out only when no variant in stock has it", () => {
    expect(isSoldOut(tshirt, "size", "XL")).toBe(true);
    expect(isSoldOut(tshirt, "size", "M")).toBe(false);
    expect(isSoldOut(tshirt, "colour", "Blue")).toBe(false);
  });

  it("moves the other options to a combination in stock rather than leaving the customer stuck", () => {
    expect(pick(tshirt, { size: "S", colour: "Blue" }, "size", "M")).toEqual({ size: "M", colour: "White" });
    expect(pick(tshirt, { size: "S", colour: "White" }, "colour", "Blue")).toEqual({
      size: "S",
      colour: "Blue",
    });
  });
});
