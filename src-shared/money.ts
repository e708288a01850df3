/**
 * Money is exact: amounts are integers in the currency's minor unit (UGX has none, USD has cents).
 * Decimal strings exist only at the edges (the Redis contract with the web channel, catalog files);
 * numbers with fractions never hold money.
 */

export type MinorUnits = number;

const exponentCache = new Map<string, number>();

/** The number of minor-unit digits of an ISO 4217 currency, as ICU knows it (UGX 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exponent = exponentCache.get(code);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits!;
    exponentCache.set(code, exponent);
  }
  return exponent;
}

const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string in major units ("60000", "50.88", "50.8") into minor units without
 * floating point. Rejects more fraction digits than the currency has, rather than rounding money.
 */
export function decimalToMinor(decimal: string, exponent: number): MinorUnits {
  const match = decimalPattern.exec(decimal.trim());
  if (!match) throw new RangeError(`"${decimal}" is not a decimal amount`);
  const [, sign, whole, fraction = ""] = match;
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > exponent) {
    throw new RangeError(`"${decimal}" has more than ${exponent} decimal places`);
  }
  // Exact without BigInt: every integer up to 2^53 is a double, so a digit string at or below
  // MAX_SAFE_INTEGER converts exactly, and one above it rounds to 2^53 or more and is refused.
  const minor = Number(whole! + fraction.padEnd(exponent, "0").slice(0, exponent));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${decimal}" is too large`);
  return sign ? -minor : minor;
}

/** Writes minor units as a decimal string in major units: 6000000 UGX -> "60000", 5088 USD -> "50.88". */
export function minorToDecimal(minor: MinorUnits, exponent: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units`);
  const sign = minor < 0 ? "-" : "";
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, "0");
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Multiplies a unit price by a quantity, refusing results that would lose precision. */
export function multiplyMinor(unit: MinorUnits, quantity: number): MinorUnits {
  const total = unit * quantity;
  if (!Number.isSafeInteger(total)) throw new RangeError("amount too large");
  return total;
}

const formatterCache = new Map<string, Intl.NumberFormat>();

/** Formats minor units for people: formatMoney(120000, "UGX", "en-UG") -> "UGX 120,000"; 5088 USD -> "$50.88". */
export function formatMoney(minor: MinorUnits, currency: string, locale = "en"): string {
  const key = `${locale}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatterCache.set(key, formatter);
  }
  const exponent = currencyExponent(currency);
  // Intl formats a decimal string exactly (no float rounding) since ES2023's Intl.NumberFormat v3.
  return formatter.format(minorToDecimal(minor, exponent) as unknown as number);
}
