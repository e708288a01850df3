import { useEffect, useRef } from "react";

/**
 * A USB barcode scanner types like a keyboard and presses Enter. When the focus is in a text field,
 * the field gets the scan (the search boxes find on Enter); anywhere else (nothing focused, a
 * button, a list) this listener collects the characters and, on Enter, hands them to `onScan`
 * instead of letting Enter press whatever button has the focus. A pause of a second starts over,
 * so stray keys never add up to a search.
 */

const MIN_LENGTH = 3;
const RESET_AFTER_MS = 1_000;

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !["button", "submit", "checkbox", "radio", "reset"].includes(target.type)
  );
}

export function useScanner(enabled: boolean, onScan: (text: string) => void): void {
  const handler = useRef(onScan);
  useEffect(() => {
    handler.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!enabled) return;
    let buffer = "";
    let last = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTextEntry(event.target)) return;
      const now = performance.now();
      if (now - last > RESET_AFTER_MS) buffer = "";
      last = now;
      if (event.key === "Enter") {
        const text = buffer.trim();
        buffer = "";
        if (text.length >= MIN_LENGTH) {
          event.preventDefault();
          event.stopPropagation();
          handler.current(text);
        }
        return;
      }
      if (event.key.length === 1) buffer += event.key;
    };
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [enabled]);
}
