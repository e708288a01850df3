import type { App } from "electron";
import type { AppConfig } from "../config/config.js";

/**
 * The desktop app keeps its data (the embedded Redis, the session secret) where Electron keeps
 * each app's own: `app.getPath("userData")`, which the installer and uninstaller know about.
 * DATA_DIR still wins when set. `npm run web` has no Electron and uses defaultDataDir() instead.
 */
export function withElectronDataDir(config: AppConfig, app: Pick<App, "getPath">): AppConfig {
  return config.dataDir ? config : { ...config, dataDir: app.getPath("userData") };
}
