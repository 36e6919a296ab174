import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { app } from "electron";
import { Lab } from "../lab/lab";
import { registerAppScheme, serveRenderer } from "./app-protocol";
import { setupIpc } from "./ipc";
import { createMainWindow } from "./window";

const here = dirname(fileURLToPath(import.meta.url));

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

const lab = new Lab();

void app.whenReady().then(() => {
  serveRenderer(join(here, "..", "renderer"));
  const win = createMainWindow(join(here, "..", "preload", "index.cjs"));
  const teardown = setupIpc(lab, win.webContents);
  win.on("closed", teardown);
  app.on("second-instance", () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
});

app.on("window-all-closed", () => app.quit());
app.on("before-quit", () => lab.closeAll());

