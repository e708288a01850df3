import type { Session, WebContents } from "electron";
import type { Logger } from "../infra/logger.js";

export type HardenableContents = Pick<WebContents, "on" | "setWindowOpenHandler" | "closeDevTools">;

/**
 * Applied to every webContents the app creates (from `web-contents-created`). The kiosk page is a
 * single-page app: it never navigates, so every navigation, redirect or new window is refused,
 * whatever a link, a product description or an injected script asks for.
 */
export function hardenWebContents(
  contents: HardenableContents,
  options: { devTools: boolean; log: Logger },
): void {
  const refuse = (event: { preventDefault(): void }, what: string) => {
    event.preventDefault();
    options.log.warn(`electron: refused ${what}`);
  };
  contents.on("will-navigate", (event) => refuse(event, `navigation to ${event.url}`));
  contents.on("will-redirect", (event) => refuse(event, `a redirect to ${event.url}`));
  contents.on("will-attach-webview", (event) => refuse(event, "a webview"));
  contents.setWindowOpenHandler(({ url }) => {
    options.log.warn(`electron: refused a new window for ${url}`);
    return { action: "deny" };
  });
  if (!options.devTools) {
    // webPreferences.devTools=false already stops them; this closes any opened another way.
    contents.on("devtools-opened", () => contents.closeDevTools());
  }
}

export type HardenableSession = Pick<
  Session,
  "setPermissionRequestHandler" | "setPermissionCheckHandler" | "setDevicePermissionHandler"
>;

/** A kiosk needs no camera, microphone, location, notifications, USB or anything else: all denied. */
export function denyAllPermissions(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
