import { errorCodes } from "../../src-shared/errors.js";

const fallback = "Something went wrong. Please try again or ask a member of staff.";
const knownCodes: ReadonlySet<string> = new Set(errorCodes);

/**
 * The words shown to a customer when a request fails. Only errors that crossed the contract as an
 * AppError carry a message written for people; anything else (a bug, a dropped socket) could hold
 * internals, so it gets the plain fallback.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === "string" && knownCodes.has(code) && typeof message === "string" && message.trim()) {
      return message;
    }
  }
  return fallback;
}
