import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The per-install secret that signs resume tokens (src-main/api/session-tokens.ts), generated once
 * and kept in the data folder, readable by the app's user only. Created atomically: the web server
 * and the desktop app may start at the same moment, and both must end up with the same secret.
 */

export const sessionSecretFileName = "session-secret";

/** 32 random bytes, hex: 64 characters. */
const SECRET_BYTES = 32;
const minLength = 32;

export function loadOrCreateSessionSecret(dataDir: string): string {
  return loadOrCreateOnce(
    path.join(dataDir, sessionSecretFileName),
    () => randomBytes(SECRET_BYTES).toString("hex"),
    readSecret,
  );
}

/**
 * A value generated once into `file` and read from it ever after (the session secret, the
 * kiosk's id). Created atomically, so two processes starting at the same moment agree.
 */
export function loadOrCreateOnce(
  file: string,
  make: () => string,
  read: (file: string) => string | undefined,
): string {
  const existing = read(file);
  if (existing !== undefined) return existing;

  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, make() + "\n", { mode: 0o600 });
  try {
    // link() fails if the file exists: whoever links first wins, and nobody sees a half-written file.
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  const value = read(file);
  if (value === undefined) throw new Error(`Could not create ${file}.`);
  return value;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < minLength) {
    throw new Error(
      `The session secret at ${file} is damaged (shorter than ${minLength} characters). ` +
        "Delete the file to make a new one (screens then start new sessions), or set SESSION_SECRET.",
    );
  }
  try {
    // A copy restored from a backup may have lost its permissions.
    if (process.platform !== "win32") chmodSync(file, 0o600);
  } catch {
    // Not ours to change (another user's file): still readable, so still usable.
  }
  return secret;
}
