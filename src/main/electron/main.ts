import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { app, nativeTheme, type BrowserWindow } from "electron";
import type { MenuCommand } from "../../shared/api";
import { IPC_CHANNELS } from "../../shared/api";
import type { Preferences } from "../../shared/preferences";
import { configDir } from "../agent/config-dir";
import { LabSharing } from "../agent/lab-sharing";
import { LabService } from "../bridge/lab-service";
import { ConsoleHosts } from "../console/console-hosts";
import { Lab } from "../lab/lab";
import { registerAppScheme, serveRenderer } from "./app-protocol";
import { setupIpc } from "./ipc";
import { installMenu } from "./menu";
import { loadSettings, saveSettings } from "./settings";
import { createMainWindow } from "./window";

const here = dirname(fileURLToPath(import.meta.url));

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

const lab = new Lab();
const service = new LabService(lab, { hosts: new ConsoleHosts(lab, { configDir: configDir() }), sharing: new LabSharing(new LabService(lab), configDir()) });
const settings = loadSettings();
const save = (): void => saveSettings(settings);

/** Remembers where the window was, debounced: resize and move fire continuously while dragging. */
function rememberBounds(win: BrowserWindow): void {
  let timer: NodeJS.Timeout | null = null;
  const store = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      settings.maximized = win.isMaximized();
      if (!win.isMaximized() && !win.isMinimized()) settings.bounds = win.getBounds();
      save();
    }, 300);
  };
  win.on("resize", store);
  win.on("move", store);
}

void app.whenReady().then(() => {
  nativeTheme.themeSource = settings.theme ?? "system";
  serveRenderer(join(here, "..", "renderer"));
  const win = createMainWindow(join(here, "..", "preload", "index.cjs"), settings.bounds);
  if (settings.maximized) win.maximize();
  rememberBounds(win);
  const send = (command: MenuCommand): void => {
    if (!win.isDestroyed()) win.webContents.send(IPC_CHANNELS.menu, command);
  };
  const current = (): Preferences => ({ language: settings.language ?? "en", theme: settings.theme ?? "system" });
  const teardown = setupIpc(service, win.webContents, (preferences) => {
    const { language, theme } = current();
    if (preferences.language === language && preferences.theme === theme) return;
    settings.language = preferences.language;
    settings.theme = preferences.theme;
    save();
    nativeTheme.themeSource = preferences.theme;
    installMenu(win, lab, send, preferences);
  });
  installMenu(win, lab, send, current());
  win.on("closed", teardown);
  app.on("second-instance", () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
});

app.on("window-all-closed", () => app.quit());
// Every socket is closed before the process goes, and the log says so.
app.on("before-quit", () => lab.closeAll("Socket Lab is quitting"));
