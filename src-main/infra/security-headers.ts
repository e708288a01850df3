import type { Catalog } from "../catalog/catalog.js";

/**
 * The Content-Security-Policy and companion headers of every page we serve, in the browser and in
 * the Electron window alike. The renderer is one bundled script and stylesheet from our own
 * origin; it talks only to its own origin (WebSocket included) and shows catalog images from
 * there, or from the few other origins the loaded catalog's absolute image URLs name: not from
 * any https host, so injected markup cannot beacon data out through an image.
 */

/** The origins of the catalog's absolute image URLs (`https://cdn.example.com`), sorted, each once. */
export function imageOriginsOf(catalog: Pick<Catalog, "allProducts">): string[] {
  const origins = new Set<string>();
  for (const product of catalog.allProducts()) {
    if (!/^https?:\/\//i.test(product.image_url)) continue;
    try {
      const { origin } = new URL(product.image_url);
      // Only plain host sources: nothing that could end a CSP directive or add a keyword.
      if (/^https?:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin)) origins.add(origin);
    } catch {
      // An unparsable URL cannot load anyway.
    }
  }
  return [...origins].sort();
}

export function contentSecurityPolicy(imageOrigins: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self'", ...imageOrigins].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Catalog images may be SVG, which can carry script: served as inert documents. */
export const imageSecurityPolicy =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

/** The headers of every response; built once at start-up from the loaded catalog's image origins. */
export function securityHeadersFor(imageOrigins: readonly string[] = []): Readonly<Record<string, string>> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(imageOrigins),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), display-capture=()",
  };
}
