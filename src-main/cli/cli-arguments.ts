import { InvalidArgumentError } from "commander";
import { decimalToMinor } from "../../src-shared/money.js";

/** Parsers for command-line values: a wrong value is a usage error that names what was expected. */

export function parseWholeNumber(text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new InvalidArgumentError("expects a whole number.");
  return Number(text);
}

/** Collects repeated `--option key=value` into an object. */
export function collectOption(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = text.indexOf("=");
  const key = at > 0 ? text.slice(0, at).trim() : "";
  const value = at > 0 ? text.slice(at + 1).trim() : "";
  if (!key || !value) throw new InvalidArgumentError('expects key=value, such as "size=M".');
  return { ...previous, [key]: value };
}

/** A price typed in major units ("50000", "49.99") as minor units of the catalog's currency. */
export function parsePrice(text: string, exponent: number, name: string): number {
  try {
    return decimalToMinor(text, exponent);
  } catch {
    throw new InvalidArgumentError(`${name} expects an amount such as ${exponent ? "49.99" : "50000"}.`);
  }
}
