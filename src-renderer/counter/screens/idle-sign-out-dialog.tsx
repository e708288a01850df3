import { useEffect, useRef } from "react";
import { nouns } from "../../../src-shared/format.js";
import { useCounterFormat } from "../use-counter-format.js";

/** The warning before an unused terminal signs itself out (COUNTER_IDLE_TIMEOUT_SECONDS). */
export function IdleSignOutDialog({
  secondsLeft,
  onStay,
  onSignOut,
}: {
  secondsLeft: number;
  onStay: () => void;
  onSignOut: () => void;
}) {
  const stay = useRef<HTMLButtonElement>(null);
  const { count } = useCounterFormat();
  useEffect(() => {
    stay.current?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog counter-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-sign-out-title"
        aria-describedby="idle-sign-out-description"
        onKeyDown={(e) => {
          if (e.key === "Escape") onStay();
        }}
      >
        <h2 id="idle-sign-out-title">Still working here?</h2>
        <p id="idle-sign-out-description">
          This terminal signs out in {count(secondsLeft, nouns.second)} because it has not been used.
        </p>
        <div className="button-row">
          <button ref={stay} type="button" className="button button--primary" onClick={onStay}>
            Stay signed in
          </button>
          <button type="button" className="button button--secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </div>
    </div>
  );
}
