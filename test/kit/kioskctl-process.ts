import { execFile } from "node:child_process";
import os from "node:os";
import { appRoot } from "../../src-main/config/config.js";

/** What a kioskctl process left behind. */
export interface KioskctlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kioskctl as staff run it: a separate process in the app's folder, configured only by its
 * environment. Nothing leaks in from the developer's shell (no OPENAI_API_KEY, no REDIS_URL) but
 * what `env` names. `entry` is what node runs: a bundle, the built bin, or the sources via tsx.
 */
export function runKioskctl(
  entry: string[],
  args: string[],
  env: Record<string, string>,
): Promise<KioskctlRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...entry, ...args],
      {
        cwd: appRoot,
        env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
