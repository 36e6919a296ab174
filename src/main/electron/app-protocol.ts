import { pathToFileURL } from "node:url";
import { net, protocol } from "electron";
import { CONTENT_SECURITY_POLICY, rendererFile, requestUrl } from "../bridge/renderer-files";
import { APP_HOST, APP_SCHEME } from "./trusted-sender";

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer from app://socket-lab/ instead of file://, so the
 * page has a real origin to check senders against and file:// stays closed.
 * The path rules are browser mode's (bridge/renderer-files.ts).
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = requestUrl(request.url);
    if (url?.host !== APP_HOST) return new Response("not found", { status: 404 });
    const target = rendererFile(rendererDir, url.pathname);
    if (!target.ok) return new Response(target.reason, { status: target.status });
    const response = await net.fetch(pathToFileURL(target.file).href);
    const headers = new Headers(response.headers);
    headers.set("content-security-policy", CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
}
