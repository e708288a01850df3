import { readFile } from "node:fs/promises";
import type { CustomScheme, Protocol } from "electron";
import { imageOriginsOf, imageSecurityPolicy, securityHeadersFor } from "../infra/security-headers.js";
import { resolveStaticFile, type StaticRoots } from "../infra/static-files.js";

/**
 * The window loads `app://kiosk/` instead of file://: a real origin, so the CSP's 'self' means
 * exactly our files, the renderer's relative URLs and `/catalog-images/*` work as in the browser,
 * and nothing else on disk is reachable (file:// would expose the whole file system to the page).
 */
export const APP_SCHEME = "app";
export const APP_HOST = "kiosk";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;
/** The counter window's page (APP_ROLE=counter): the same build, its own entry. */
export const COUNTER_START_URL = `${APP_ORIGIN}/counter.html`;

/** Registered before the app is ready: standard (URLs resolve normally) and secure (a secure context). */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** True for URLs of our own pages: `app://kiosk/...`. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Answers `app://kiosk/...` requests from the renderer build and the catalog's images. */
export function createAppProtocolHandler(roots: StaticRoots): (request: Request) => Promise<Response> {
  const securityHeaders = securityHeadersFor(imageOriginsOf(roots.catalog));
  return async (request) => {
    const notFound = () => new Response("Not found", { status: 404, headers: { ...securityHeaders } });
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("Method not allowed", { status: 405, headers: { ...securityHeaders } });
    }
    if (!isAppUrl(request.url)) return notFound();
    // URL.pathname stays percent-encoded, which is what resolveStaticFile expects.
    const found = await resolveStaticFile(roots, new URL(request.url).pathname);
    if (!found) return notFound();
    const body = request.method === "HEAD" ? null : await readFile(found.file);
    return new Response(body, {
      status: 200,
      headers: {
        ...securityHeaders,
        ...(found.kind === "catalog-image" ? { "Content-Security-Policy": imageSecurityPolicy } : {}),
        "Content-Type": found.contentType,
        "Cache-Control": "no-cache",
      },
    });
  };
}

export function registerAppProtocol(protocol: Pick<Protocol, "handle">, roots: StaticRoots): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(roots));
}
