/**
 * The shop's calendar day (YYYY-MM-DD) of an instant, in the shop's time zone: order numbers
 * restart at the shop's midnight, not at UTC's (Kampala is UTC+3, so 22:30 UTC is already tomorrow).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function shopDay(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export const DaySchemaPattern = /^\d{4}-\d{2}-\d{2}$/;
