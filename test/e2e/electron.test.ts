/**
 * The desktop app itself, driven by Playwright's Electron support: the built main process, the
 * sandboxed preload and the renderer on app://kiosk, against a private redis-server. It needs the
 * Electron binary, which cannot be downloaded everywhere (not in this project's CI): without it the
 * suite is skipped and says why. Page code is passed as strings (the Node tsconfig has no DOM).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { _electron as electron, type ElectronApplication, type Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bridgeMethodNames } from "../../src-shared/bridge.js";
import { appRoot } from "../../src-main/config/config.js";
import { startTestRedis, type TestRedis } from "../kit/redis.js";

function electronBinary(): string | undefined {
  const pathFile = path.join(appRoot, "node_modules", "electron", "path.txt");
  if (!existsSync(pathFile)) return undefined;
  // Read like electron/index.js does, without requiring it (it throws when the binary is missing).
  const relative = readFileSync(pathFile, "utf8");
  const binary = path.join(appRoot, "node_modules", "electron", "dist", relative);
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const built = ["dist/electron/main.mjs", "dist/electron/preload.cjs", "dist/renderer/index.html"].every((f) =>
  existsSync(path.join(appRoot, f)),
);
const skipReason = !binary
  ? "the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); install it to run the desktop e2e suite"
  : !built
    ? "the app is not built; run `npm run build` first"
    : undefined;
if (skipReason) console.log(`electron e2e: skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)("desktop app (Electron)", () => {
  let redis: TestRedis;
  let dataDir: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    redis = await startTestRedis();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "kiosk-electron-"));
    app = await electron.launch({
      executablePath: binary,
      args: [appRoot],
      cwd: appRoot,
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        DATA_DIR: dataDir,
        ASSISTANT_MODE: "offline",
        KIOSK_MODE: "false",
        DEV_TOOLS: "false",
      },
    });
    page = await app.firstWindow();
    await page.waitForLoadState("domcontentloaded");
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("loads the renderer from app://kiosk with the window hardened", async () => {
    expect(page.url()).toBe("app://kiosk/index.html");
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      // Not in the typings, but present: the preferences the renderer was actually created with.
      const contents = window!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
      return contents.getLastWebPreferences();
    });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(await page.evaluate("typeof require + ' ' + typeof process + ' ' + typeof module")).toBe(
      "undefined undefined undefined",
    );
  });

  it("exposes exactly the contract's methods on window.kiosk, and nothing else of Electron", async () => {
    expect(await page.evaluate("Object.keys(window.kiosk).sort()")).toEqual([...bridgeMethodNames].sort());
    expect(await page.evaluate("typeof window.ipcRenderer + ' ' + typeof window.electron")).toBe(
      "undefined undefined",
    );
  });

  it("answers requests as Result envelopes, refuses invalid input, and delivers a cart change made in Redis", async () => {
    const started = (await page.evaluate("window.kiosk.sessionStart({})")) as {
      ok: boolean;
      value: { session_id: string };
    };
    expect(started.ok).toBe(true);
    const session = started.value.session_id;
    expect(await page.evaluate("window.kiosk.cartAdd({ product_id: '42', quantity: 0 })")).toMatchObject({
      ok: false,
      error: { code: "invalid_input" },
    });
    await page.evaluate(
      "window.__changes = []; window.kiosk.onCartChanged((e) => window.__changes.push(e.cart.item_count))",
    );
    expect(await page.evaluate("window.kiosk.cartAdd({ product_id: '42', quantity: 2 })")).toMatchObject({
      ok: true,
      value: { item_count: 2 },
    });
    // A write by the web channel (plain HSET, no publish) reaches the window too.
    const client = redis.client();
    const [itemId] = await client.smembers(`cart:${session}:items`);
    await client.hset(`cart:${session}:item:${itemId}`, "quantity", "5");
    await expect.poll(() => page.evaluate("window.__changes"), { timeout: 5_000 }).toContain(5);
  });

  it("refuses navigation and new windows", async () => {
    await page.evaluate("window.location.href = 'https://example.com/'").catch(() => {});
    await page.waitForTimeout(300);
    expect(page.url()).toBe("app://kiosk/index.html");
    expect(await page.evaluate("window.open('https://example.com/') === null")).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
