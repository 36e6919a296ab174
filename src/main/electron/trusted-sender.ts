import type { WebFrameMain } from "electron";

/** The scheme and host the renderer is served from (app-protocol.ts); kept here so this check needs no Electron at run time. */
export const APP_SCHEME = "app";
export const APP_HOST = "socket-lab";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Whether a URL belongs to the app's own page. Node's URL gives custom
 * schemes an opaque origin ("null"), so scheme and host are compared instead.
 */
export function isAppUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only the app's own page, in its top frame, may drive the Lab. */
export function isTrustedSender(frame: Pick<WebFrameMain, "url" | "parent"> | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
