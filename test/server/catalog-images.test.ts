import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCatalogPath } from "../../src-main/config/config.js";
import { startShell, type Shell } from "../kit/shell-harness.js";

/**
 * What the page may load as images, and which images the server hands out: a shop whose catalog
 * names one image on a CDN, and whose image folder also holds a file no product names.
 */

let dir: string;
let shell: Shell;
let sample: Shell;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "kiosk-catalog-images-"));
  const sampleDir = path.dirname(defaultCatalogPath);
  cpSync(path.join(sampleDir, "images"), path.join(dir, "images"), { recursive: true });
  writeFileSync(path.join(dir, "images", "draft-not-for-sale.svg"), "<svg><text>secret</text></svg>");
  const catalog = JSON.parse(readFileSync(defaultCatalogPath, "utf8")) as {
    products: Array<{ id: string; image: string }>;
  };
  catalog.products.find((p) => p.id === "45")!.image = "https://cdn.shop.example:8443/balloons/45.png";
  writeFileSync(path.join(dir, "catalog.json"), JSON.stringify(catalog));
  shell = await startShell({ env: { CATALOG_PATH: path.join(dir, "catalog.json") } });
  sample = await startShell({ redis: shell.redis });
});
afterAll(async () => {
  await sample?.close();
  await shell?.close();
  rmSync(dir, { recursive: true, force: true });
});

function imgSrc(csp: string | null): string | undefined {
  return csp?.split("; ").find((directive) => directive.startsWith("img-src"));
}

describe("Content-Security-Policy img-src", () => {
  it("allows our own origin plus exactly the image hosts the loaded catalog uses", async () => {
    const page = await fetch(`${shell.origin}/`);
    expect(imgSrc(page.headers.get("content-security-policy"))).toBe(
      "img-src 'self' https://cdn.shop.example:8443",
    );
    expect(page.headers.get("content-security-policy")).not.toMatch(/\bdata:|\bblob:|https: /);
  });

  it("is only 'self' for a catalog whose images are all its own", async () => {
    const page = await fetch(`${sample.origin}/`);
    expect(imgSrc(page.headers.get("content-security-policy"))).toBe("img-src 'self'");
    // The 404 page carries the same policy.
    const missing = await fetch(`${sample.origin}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(imgSrc(missing.headers.get("content-security-policy"))).toBe("img-src 'self'");
  });
});

describe("catalog images", () => {
  it("serves the images products name, and nothing else in their folder", async () => {
    const named = shell.services.catalog.product("42")!.image_url;
    expect((await fetch(`${shell.origin}${named}`)).status).toBe(200);
    const draft = await fetch(`${shell.origin}/catalog-images/images/draft-not-for-sale.svg`);
    expect(draft.status).toBe(404);
    expect(await draft.text()).not.toContain("secret");
    // The image that product 45 named before its catalog moved it to the CDN is no longer served.
    expect((await fetch(`${sample.origin}/catalog-images/images/happy-birthday-balloon.svg`)).status).toBe(
      200,
    );
    expect((await fetch(`${shell.origin}/catalog-images/images/happy-birthday-balloon.svg`)).status).toBe(
      404,
    );
  });
});
