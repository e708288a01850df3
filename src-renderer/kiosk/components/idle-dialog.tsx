import { useEffect, useRef, type CSSProperties } from "react";
import { nouns } from "../../../src-shared/format.js";
import { useShopFormat } from "../../components/format.js";

/** The "Are you still there?" countdown before the kiosk starts over for the next customer. */
export function IdleDialog({
  secondsLeft,
  total,
  onStay,
  onStartOver,
}: {
  secondsLeft: number;
  total: number;
  onStay: () => void;
  onStartOver: () => void;
}) {
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    stay.current?.focus();
  }, []);
  const { count } = useShopFormat();
  const progress = Math.max(0, Math.min(1, secondsLeft / total));

  return (
    <div
      className="dialog-backdrop"
      onPointerDown={(e) => {
        // A touch beside the dialog means someone is there.
        if (e.target === e.currentTarget) onStay();
      }}
    >
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-description"
        onKeyDown={(e) => {
          if (e.key === "Escape") onStay();
        }}
      >
        <div className="countdown" style={{ "--progress": progress } as CSSProperties} aria-hidden="true">
          <span>{secondsLeft}</span>
        </div>
        <h2 id="idle-title">Are you still there?</h2>
        <p id="idle-description">
          We will start over in {count(secondsLeft, nouns.second)} so the next customer gets a fresh screen.
          Your cart stays saved.
        </p>
        <div className="button-row">
          <button ref={stay} type="button" className="button button--primary button--large" onClick={onStay}>
            I&apos;m still here
          </button>
          <button type="button" className="button button--secondary button--large" onClick={onStartOver}>
            Start over
          </button>
        </div>
      </div>
    </div>
  );
}
