import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { Catalog } from "../catalog/catalog.js";
import { catalogImageUrlPrefix } from "../catalog/catalog.js";
import { COUNTER_PAGE_PATH } from "../../src-shared/counter-contract.js";

/**
 * Maps a request path to a file the app may serve: the renderer build, or a catalog image. Shared
 * by the web server and the Electron `app://` protocol so both refuse the same things: anything
 * outside the two roots (`..`, encoded or not, absolute paths, NUL bytes, symlinks that lead out),
 * and any file type not on the list below.
 */

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
};

const imageExtensions = new Set([".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"]);

export interface StaticFile {
  file: string;
  contentType: string;
  size: number;
  kind: "renderer" | "catalog-image";
  /** Vite's hashed assets never change under the same name. */
  immutable: boolean;
}

export function contentTypeOf(file: string): string | undefined {
  return contentTypes[path.extname(file).toLowerCase()];
}

/** Decodes a URL path into safe segments, or undefined when it tries to leave its root. */
export function safeSegments(urlPath: string): string[] | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.some((s) => s === ".." || s.includes(":"))) return undefined;
  return segments;
}

/** The real file behind `candidate`, only if it is a regular file that stays inside `root`. */
async function fileInside(
  root: string,
  candidate: string,
): Promise<{ file: string; size: number } | undefined> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(candidate);
    if (!real.startsWith(realRoot + path.sep)) return undefined;
    const info = await stat(real);
    return info.isFile() ? { file: real, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}

/** `/counter` of `npm run web` (COUNTER_PAGE_PATH of src-shared/counter-contract.ts). */
const COUNTER_SEGMENT = COUNTER_PAGE_PATH.slice(1);
export const COUNTER_PAGE_FILE = "counter.html";

export interface StaticRoots {
  rendererDir: string;
  /** `allProducts` gives the image origins the page's CSP allows (security-headers.ts). */
  catalog: Pick<Catalog, "imageFile" | "baseDir" | "allProducts">;
}

/**
 * Resolves `urlPath` (the path of a request URL, still percent-encoded) to a file. Paths under
 * `/catalog-images/` go to the catalog; everything else to the renderer build, where a path
 * without a file extension that matches nothing is the single-page app's `index.html`.
 */
export async function resolveStaticFile(
  roots: StaticRoots,
  urlPath: string,
): Promise<StaticFile | undefined> {
  if (urlPath.startsWith(catalogImageUrlPrefix)) {
    const segments = safeSegments(urlPath.slice(catalogImageUrlPrefix.length));
    if (!segments || segments.length === 0) return undefined;
    // The catalog decides which directory holds its images; we add the type and symlink checks.
    const candidate = roots.catalog.imageFile(urlPath);
    if (!candidate || !imageExtensions.has(path.extname(candidate).toLowerCase())) return undefined;
    const found = await fileInside(roots.catalog.baseDir, candidate);
    return (
      found && { ...found, contentType: contentTypeOf(found.file)!, kind: "catalog-image", immutable: false }
    );
  }
  let segments = safeSegments(urlPath);
  if (!segments) return undefined;
  // The counter terminal's page: /counter (and anything under it) is counter.html, whose
  // relative assets resolve under /counter/ as well as at the root.
  const page = segments[0] === COUNTER_SEGMENT ? COUNTER_PAGE_FILE : "index.html";
  if (segments[0] === COUNTER_SEGMENT) segments = segments.slice(1);
  const wanted = segments.length === 0 ? [page] : segments;
  const index = path.join(roots.rendererDir, page);
  let found = await fileInside(roots.rendererDir, path.join(roots.rendererDir, ...wanted));
  if (!found && !path.extname(wanted[wanted.length - 1]!)) found = await fileInside(roots.rendererDir, index);
  if (!found) return undefined;
  const contentType = contentTypeOf(found.file);
  if (!contentType) return undefined;
  return {
    ...found,
    contentType,
    kind: "renderer",
    immutable: segments[0] === "assets" && /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(found.file),
  };
}
