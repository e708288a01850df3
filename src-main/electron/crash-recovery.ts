import type { WebContents } from "electron";
import type { Logger } from "../infra/logger.js";

export interface CrashRecoveryOptions {
  log: Logger;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A page that stays up this long after loading counts as recovered: the back-off starts over. */
  stableAfterMs?: number;
  /** Told of every crash (the fleet's heartbeat counts them). */
  onCrash?: () => void;
}

/**
 * An unattended kiosk must come back by itself when its renderer dies (out of memory, a GPU
 * fault), but a page that crashes on load must not spin: reloads back off 1 s, 2 s, 4 s ... up
 * to a minute, and the delay resets once a load has stayed up for a while.
 */
export function reloadOnCrash(
  contents: Pick<WebContents, "on" | "reload" | "isDestroyed">,
  options: CrashRecoveryOptions,
): () => void {
  const base = options.baseDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 60_000;
  const stableAfter = options.stableAfterMs ?? 60_000;
  let crashes = 0;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let stableTimer: ReturnType<typeof setTimeout> | undefined;

  contents.on("render-process-gone", (_event, details) => {
    if (details.reason === "clean-exit") return;
    options.onCrash?.();
    clearTimeout(stableTimer);
    const delay = Math.min(max, base * 2 ** crashes);
    crashes++;
    options.log.error(`electron: the page stopped (${details.reason}); reloading in ${delay} ms`);
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      if (!contents.isDestroyed()) contents.reload();
    }, delay);
  });
  contents.on("did-finish-load", () => {
    clearTimeout(stableTimer);
    stableTimer = setTimeout(() => (crashes = 0), stableAfter);
  });
  return () => {
    clearTimeout(reloadTimer);
    clearTimeout(stableTimer);
  };
}
