import type { App, BrowserWindow, PowerSaveBlocker } from "electron";

/**
 * The desktop app's life around its window, as functions of Electron's objects (passed in, so the
 * tests drive them with stand-ins): one copy per kiosk, the services stopped before the process
 * goes, and the display kept awake in kiosk mode.
 */

type LifecycleApp = Pick<App, "requestSingleInstanceLock" | "quit" | "on" | "once">;
type FocusableWindow = Pick<BrowserWindow, "isMinimized" | "restore" | "focus">;

/**
 * A kiosk runs one copy. Returns false, and quits, when another copy holds the lock; otherwise a
 * second launch brings this copy's window to the front instead of opening another.
 */
export function claimSingleInstance(
  app: LifecycleApp,
  currentWindow: () => FocusableWindow | undefined,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on("second-instance", () => {
    const window = currentWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return true;
}

/**
 * Quitting waits for the services to stop (and with them an embedded redis-server, whose AOF is
 * then flushed), then quits for real.
 */
export function closeServicesBeforeQuit(
  app: LifecycleApp,
  currentServices: () => { close(): Promise<void> } | undefined,
): void {
  let closing = false;
  app.on("before-quit", (event) => {
    const services = currentServices();
    if (closing || !services) return;
    event.preventDefault();
    closing = true;
    void services.close().finally(() => app.quit());
  });
}

/** An unattended kiosk screen must not blank while it waits for customers; released on quit. */
export function keepDisplayAwake(
  app: LifecycleApp,
  blocker: Pick<PowerSaveBlocker, "start" | "stop">,
  kioskMode: boolean,
): void {
  if (!kioskMode) return;
  const id = blocker.start("prevent-display-sleep");
  app.once("will-quit", () => blocker.stop(id));
}
