import type { ReactNode } from "react";
import { useStores } from "../../stores/stores-context.js";
import type { Screen } from "../../stores/nav-store.js";

export interface GoButtonProps {
  /** The screen the button opens. */
  to: Screen;
  variant?: "primary" | "secondary";
  size?: "small" | "large";
  /** The accessible name, when the visible text alone does not say which product it is about. */
  label?: string;
  children: ReactNode;
}

/** A button that opens another screen: the kiosk's most common control, built one way everywhere. */
export function GoButton({ to, variant = "secondary", size, label, children }: GoButtonProps) {
  const { nav } = useStores();
  const className = ["button", size && `button--${size}`, `button--${variant}`].filter(Boolean).join(" ");
  return (
    <button type="button" className={className} aria-label={label} onClick={() => nav.getState().go(to)}>
      {children}
    </button>
  );
}
