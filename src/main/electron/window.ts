import { BrowserWindow, session, shell } from "electron";
import { APP_ORIGIN } from "./app-protocol";

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

export function createMainWindow(preload: string): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    title: "Socket Lab",
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload },
  });
  win.once("ready-to-show", () => win.show());
  win.webContents.on("will-navigate", (event, url) => {
    if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOW_LIST.some((prefix) => url.startsWith(prefix))) void shell.openExternal(url);
    return { action: "deny" };
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
