import { describe, expect, it } from "vitest";
import { currencyExponent, decimalToMinor, formatMoney, minorToDecimal } from "./money.js";

describe("money", () => {
  it("knows currency exponents", () => {
    expect(currencyExponent("UGX")).toBe(0);
    expect(currencyExponent("USD")).toBe(2);
  });

  it("parses decimal strings exactly", () => {
    expect(decimalToMinor("60000", 0)).toBe(60000);
    expect(decimalToMinor("50.88", 2)).toBe(5088);
    expect(decimalToMinor("50.8", 2)).toBe(5080);
    expect(decimalToMinor("0.10", 2)).toBe(10);
    expect(decimalToMinor("2674.40", 2)).toBe(267440);
    // 0.1 + 0.2 style float errors cannot happen: 1.15 * 100 = 114.99999999999999 in floats.
    expect(decimalToMinor("1.15", 2)).toBe(115);
  });

  it("refuses amounts it would have to round", () => {
    expect(() => decimalToMinor("60000.5", 0)).toThrow(/decimal places/);
    expect(() => decimalToMinor("1.005", 2)).toThrow(/decimal places/);
    expect(() => decimalToMinor("abc", 2)).toThrow(/not a decimal/);
    expect(decimalToMinor("60000.00", 0)).toBe(60000);
  });

  it("is exact up to the largest safe integer and refuses anything above it", () => {
    expect(decimalToMinor("9007199254740991", 0)).toBe(Number.MAX_SAFE_INTEGER);
    expect(decimalToMinor("90071992547409.91", 2)).toBe(Number.MAX_SAFE_INTEGER);
    expect(decimalToMinor("-9007199254740991", 0)).toBe(-Number.MAX_SAFE_INTEGER);
    expect(decimalToMinor("0009007199254740991", 0)).toBe(Number.MAX_SAFE_INTEGER);
    // 2^53 + 1 is not a double: it would round to 2^53, and 2^53 itself is no longer safe.
    expect(() => decimalToMinor("9007199254740993", 0)).toThrow(/too large/);
    expect(() => decimalToMinor("9007199254740992", 0)).toThrow(/too large/);
    expect(() => decimalToMinor("90071992547409.92", 2)).toThrow(/too large/);
    expect(() => decimalToMinor("1" + "0".repeat(400), 0)).toThrow(/too large/);
  });

  it("writes decimal strings as the web channel does", () => {
    expect(minorToDecimal(60000, 0)).toBe("60000");
    expect(minorToDecimal(5088, 2)).toBe("50.88");
    expect(minorToDecimal(5, 2)).toBe("0.05");
    expect(minorToDecimal(-5, 2)).toBe("-0.05");
  });

  it("formats for the screen with Intl.NumberFormat", () => {
    expect(formatMoney(120000, "UGX")).toBe("UGX\u00a0120,000");
    expect(formatMoney(5088, "USD")).toBe("$50.88");
  });
});
