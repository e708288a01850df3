import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright";
import { expect } from "vitest";
import { appRoot } from "../../src-main/config/config.js";
import type { StaffRole } from "../../src-shared/counter-contract.js";
import { screenshotDir, seriousAxeViolations, type AxeFinding } from "./browser.js";

/**
 * The counter terminal in a real browser, for the e2e suites: a desk's screens (1280x800 up to
 * 1920x1080, a mouse and a keyboard), staff added as a manager adds them, photographs and axe.
 */

export const deskSizes = {
  "1280x800": { width: 1280, height: 800 },
  "1920x1080": { width: 1920, height: 1080 },
} as const;
export type DeskSize = keyof typeof deskSizes;

/**
 * Photographs the counter at both desk sizes (`counter-<name>-<size>.png`) and runs axe on each,
 * then puts the page back at the size it was. Fails on any serious or critical finding.
 */
export async function checkCounterScreen(page: Page, name: string): Promise<string[]> {
  const original = page.viewportSize();
  const findings: Record<string, AxeFinding[]> = {};
  const files: string[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  for (const size of Object.keys(deskSizes) as DeskSize[]) {
    await page.setViewportSize(deskSizes[size]);
    await page.evaluate(
      "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))",
    );
    const file = path.join(screenshotDir, `counter-${name}-${size}.png`);
    await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
    files.push(file);
    const violations = await seriousAxeViolations(page);
    if (violations.length) findings[size] = violations;
  }
  if (original) await page.setViewportSize(original);
  expect(findings, `axe-core serious/critical findings on the counter's ${name} screen`).toEqual({});
  return files;
}

/** Runs the built kioskctl with `input` on its standard input (a PIN for `--pin-stdin`). */
export function kioskctlWithInput(
  args: string[],
  env: Record<string, string>,
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(appRoot, "bin", "kioskctl.mjs"), ...args],
      { cwd: appRoot, env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** Adds a member of staff as a manager does: `kioskctl staff add <name> --role <role> --pin-stdin`. */
export async function addStaff(
  redisUrl: string,
  member: { name: string; role: StaffRole; pin: string },
): Promise<void> {
  const run = await kioskctlWithInput(
    ["staff", "add", member.name, "--role", member.role, "--pin-stdin"],
    { REDIS_URL: redisUrl, ASSISTANT_MODE: "offline" },
    `${member.pin}\n`,
  );
  if (run.code !== 0) throw new Error(`kioskctl staff add failed (${run.code}): ${run.stderr || run.stdout}`);
}

/** Signs in on the counter's sign-in screen. */
export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByLabel("PIN").fill(pin);
  await page.getByRole("button", { name: "Sign in" }).click();
}
