import { BrowserWindow, session, shell } from "electron";
import { APP_ORIGIN, isAppUrl } from "./trusted-sender";

/** The window's web preferences: the Electron security checklist, in one place. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** Links a person may open in their own browser. */
const EXTERNAL_ALLOW_LIST = ["https://docs.python.org/"];

export function createMainWindow(preload: string, bounds?: { x: number; y: number; width: number; height: number }): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    title: "Socket Lab",
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload },
  });
  win.once("ready-to-show", () => win.show());
  win.webContents.on("will-navigate", (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOW_LIST.some((prefix) => url.startsWith(prefix))) void shell.openExternal(url);
    return { action: "deny" };
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
