/**
 * The Content-Security-Policy and companion headers of every page we serve, in the browser and in
 * the Electron window alike. The renderer is one bundled script and stylesheet from our own
 * origin; it talks only to its own origin (WebSocket included) and shows catalog images from
 * there, or from https URLs a catalog may name.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
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

/** Catalog images may be SVG, which can carry script: served as inert documents. */
export const imageSecurityPolicy =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";

export const securityHeaders: Readonly<Record<string, string>> = {
  "Content-Security-Policy": contentSecurityPolicy,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), display-capture=()",
};
