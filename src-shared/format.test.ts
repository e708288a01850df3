import { describe, expect, it } from "vitest";
import {
  countOf,
  dateTimeFormatter,
  timeOfDayFormatter,
  describeOptions,
  moneyFormatter,
  nameWithOptions,
  nouns,
} from "./format.js";

describe("writing for people in the shop's locale", () => {
  it("writes money in the shop's currency, exactly", () => {
    expect(moneyFormatter({ currency: "UGX", locale: "en" })(120_000)).toMatch(/^UGX\s120,000$/);
    expect(moneyFormatter({ currency: "USD", locale: "en-US" })(5088)).toBe("$50.88");
  });

  it("counts things with the locale's plural", () => {
    expect(countOf(1, nouns.item)).toBe("1 item");
    expect(countOf(0, nouns.item)).toBe("0 items");
    expect(countOf(2, nouns.second, "en-UG")).toBe("2 seconds");
    expect(countOf(1200, nouns.product, "en-US")).toBe("1,200 products");
  });

  it("describes a line's options in the order chosen, leaving out empty ones", () => {
    const configuration = { size: "M", colour: "Blue", engraving: "" };
    expect(describeOptions(configuration)).toBe("size: M, colour: Blue");
    expect(describeOptions(configuration, "label")).toBe("Size: M, Colour: Blue");
    expect(nameWithOptions("Birthday T-Shirt", configuration)).toBe(
      "Birthday T-Shirt (size: M, colour: Blue)",
    );
    expect(nameWithOptions("Party Hats", {})).toBe("Party Hats");
  });

  it("writes a moment on the shop's clock, not the screen's", () => {
    const at = "2026-12-03T22:30:00.000Z";
    // Kampala is UTC+3: half past one on the 4th there, whatever zone the test machine is in.
    expect(dateTimeFormatter({ locale: "en", timeZone: "Africa/Kampala" })(at)).toBe("Dec 4, 2026, 01:30");
    expect(dateTimeFormatter({ locale: "en", timeZone: "America/New_York" })(at)).toBe("Dec 3, 2026, 17:30");
  });

  it("writes the counter's time of day on the shop's clock too", () => {
    const at = "2026-12-03T09:05:00.000Z";
    expect(timeOfDayFormatter({ locale: "en", timeZone: "Africa/Kampala" })(at)).toBe("12:05 PM");
    expect(timeOfDayFormatter({ locale: "en-GB", timeZone: "Africa/Kampala" })(at)).toBe("12:05");
  });
});
