import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadOrCreateOnce } from "../app/session-secret.js";
import { KioskIdSchema } from "./kiosk-record.js";

/** KIOSK_ID when set; else an id generated once into the data folder, so a kiosk keeps its name across restarts. */
export function loadOrCreateKioskId(dataDir: string): string {
  return loadOrCreateOnce(
    path.join(dataDir, "kiosk-id"),
    () => `kiosk-${randomUUID().slice(0, 8)}`,
    (file) => {
      try {
        const parsed = KioskIdSchema.safeParse(readFileSync(file, "utf8").trim());
        if (!parsed.success)
          throw new Error(`The kiosk id in ${file} is damaged; delete the file or set KIOSK_ID.`);
        return parsed.data;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
  );
}
