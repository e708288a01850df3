import { useCallback, useEffect, useRef, useState } from "react";

const activityEvents = ["pointerdown", "keydown", "wheel", "touchstart", "input"] as const;

export interface IdleTimer {
  /** The "Are you still there?" countdown is running. */
  warning: boolean;
  secondsLeft: number;
  stillHere(): void;
}

/**
 * Watches for a customer walking away: after `timeoutSeconds` without a touch or key, a
 * `countdownSeconds` warning; when that runs out, `onExpire` (the idle reset). Any activity
 * before the warning restarts the wait; during the warning only an answer to it does.
 */
export function useIdleTimer({
  enabled,
  timeoutSeconds,
  countdownSeconds,
  onExpire,
}: {
  enabled: boolean;
  timeoutSeconds: number;
  countdownSeconds: number;
  onExpire: () => void;
}): IdleTimer {
  const [warning, setWarning] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState(countdownSeconds);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  useEffect(() => {
    if (!enabled || warning) return;
    let timer = setTimeout(warn, timeoutSeconds * 1000);
    function warn() {
      setSecondsLeft(countdownSeconds);
      setWarning(true);
    }
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(warn, timeoutSeconds * 1000);
    };
    for (const name of activityEvents)
      window.addEventListener(name, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of activityEvents) window.removeEventListener(name, restart, { capture: true });
    };
  }, [enabled, warning, timeoutSeconds, countdownSeconds]);

  useEffect(() => {
    if (!enabled || !warning) return;
    const startedAt = Date.now();
    const tick = setInterval(() => {
      const left = countdownSeconds - Math.floor((Date.now() - startedAt) / 1000);
      if (left > 0) {
        setSecondsLeft(left);
        return;
      }
      clearInterval(tick);
      setWarning(false);
      expire.current();
    }, 250);
    return () => clearInterval(tick);
  }, [enabled, warning, countdownSeconds]);

  const stillHere = useCallback(() => setWarning(false), []);
  return { warning: enabled && warning, secondsLeft, stillHere };
}
