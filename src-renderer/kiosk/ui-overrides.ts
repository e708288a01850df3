import type { UiOverrides } from "../stores/kiosk-store.js";

/**
 * `?idle=3&countdown=2` in the page address shortens the idle reset (`start_over=5` the order
 * confirmation's), for tests and demos. The
 * kiosk store applies these only when the app is not in kiosk mode, so a customer cannot.
 */
export function readUiOverrides(search: string): UiOverrides {
  const params = new URLSearchParams(search);
  const seconds = (name: string): number | undefined => {
    const raw = params.get(name);
    if (raw === null || !/^\d{1,5}$/.test(raw)) return undefined;
    const value = Number(raw);
    return value >= 1 ? value : undefined;
  };
  const idle = seconds("idle");
  const countdown = seconds("countdown");
  const startOver = seconds("start_over");
  return {
    ...(startOver !== undefined ? { checkoutStartOverSeconds: startOver } : {}),
    ...(idle !== undefined ? { idleTimeoutSeconds: idle } : {}),
    ...(countdown !== undefined ? { idleCountdownSeconds: countdown } : {}),
  };
}
