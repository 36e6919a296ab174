import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** The page may load only its own scripts and styles and talk only to its own host. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Aliases a browser asks for on its own: the app icon (copied into the build from assets/). */
const ALIASES: Readonly<Record<string, string>> = { "/": "/index.html", "/favicon.ico": "/icon.svg" };

export type RendererFile =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403; readonly reason: string };

/**
 * Maps a request's path (still percent-encoded, as it came off the wire) to
 * a file of the built renderer, for both front doors: browser mode's HTTP
 * server and the desktop app's app:// protocol. Never a file outside `root`;
 * a path that does not decode is a 400, not an exception.
 */
export function rendererFile(root: string, encodedPath: string): RendererFile {
  let path: string;
  try {
    path = decodeURIComponent(encodedPath);
  } catch {
    return { ok: false, status: 400, reason: "malformed percent-encoding in the path" };
  }
  if (path.includes("\0")) return { ok: false, status: 400, reason: "NUL in the path" };
  const file = join(root, normalize(ALIASES[path] ?? path));
  if (!file.startsWith(root + sep)) return { ok: false, status: 403, reason: "outside the app" };
  return { ok: true, file, contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream" };
}

/** A request target ("/a?b", or an absolute "http://h/a") as a URL, or null when it is not one at all. */
export function requestUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? "/", "http://host");
  } catch {
    return null;
  }
}
