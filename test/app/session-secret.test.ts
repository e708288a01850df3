import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadOrCreateSessionSecret, sessionSecretFileName } from "../../src-main/app/session-secret.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-secret-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the per-install session secret", () => {
  it("is generated once, kept readable by its owner only, and the same on every start", () => {
    const dataDir = path.join(dir, "fresh", "data");
    const secret = loadOrCreateSessionSecret(dataDir);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, sessionSecretFileName);
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSessionSecret(dataDir)).toBe(secret);
    // Another install has another secret.
    expect(loadOrCreateSessionSecret(path.join(dir, "other"))).not.toBe(secret);
  });

  it("refuses a damaged secret file instead of silently replacing it", () => {
    const dataDir = path.join(dir, "damaged");
    loadOrCreateSessionSecret(dataDir);
    writeFileSync(path.join(dataDir, sessionSecretFileName), "short\n");
    expect(() => loadOrCreateSessionSecret(dataDir)).toThrow(/damaged.*Delete the file/);
  });
});
