import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { app, dialog, Menu, nativeTheme, shell, type BrowserWindow, type MenuItemConstructorOptions } from "electron";
import type { MenuCommand } from "../../shared/api";
import type { Lab } from "../lab/lab";
import type { Settings } from "./settings";

const HELP_URL = "https://docs.python.org/3/library/socket.html";

/**
 * The application menu. Actions on views the page owns (scenarios, the log,
 * language, presenter mode) are sent to it as MenuCommands; the Lab and the
 * window are handled here.
 */
export function installMenu(win: BrowserWindow, lab: Lab, send: (command: MenuCommand) => void, settings: Settings, save: () => void): void {
  const theme = (source: "system" | "light" | "dark"): MenuItemConstructorOptions => ({
    label: source === "system" ? "Follow the system" : source === "light" ? "Light" : "Dark",
    type: "radio",
    checked: (settings.theme ?? "system") === source,
    click: () => {
      nativeTheme.themeSource = source;
      settings.theme = source;
      save();
    },
  });

  const openScenario = async (): Promise<void> => {
    const chosen = await dialog.showOpenDialog(win, {
      title: "Open scenario",
      filters: [{ name: "Scenarios", extensions: ["json", "yaml", "yml"] }],
      properties: ["openFile"],
    });
    const path = chosen.filePaths[0];
    if (chosen.canceled || !path) return;
    send({ kind: "open-scenario", name: basename(path), text: await readFile(path, "utf8") });
  };

  const template: MenuItemConstructorOptions[] = [
    {
      label: "File",
      submenu: [
        { label: "Open Scenario…", accelerator: "CmdOrCtrl+O", click: () => void openScenario() },
        { label: "Save Scenario…", accelerator: "CmdOrCtrl+S", click: () => send({ kind: "save-scenario" }) },
        { label: "Export Log…", accelerator: "CmdOrCtrl+E", click: () => send({ kind: "export-log" }) },
        { type: "separator" },
        { role: "quit" },
      ],
    },
    { role: "editMenu" },
    {
      label: "View",
      submenu: [
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
        { type: "separator" },
        { label: "Theme", submenu: [theme("system"), theme("light"), theme("dark")] },
        {
          label: "Language",
          submenu: [
            { label: "English", click: () => send({ kind: "language", language: "en" }) },
            { label: "简体中文", click: () => send({ kind: "language", language: "zh-CN" }) },
          ],
        },
        { label: "Presenter Mode", accelerator: "F5", click: () => send({ kind: "presenter" }) },
        { type: "separator" },
        { role: "togglefullscreen" },
      ],
    },
    {
      label: "Lab",
      submenu: [
        { label: "New Socket…", accelerator: "CmdOrCtrl+N", click: () => send({ kind: "new-socket" }) },
        { label: "Close All Sockets", click: () => lab.closeAll("closed from the Lab menu") },
      ],
    },
    {
      role: "help",
      submenu: [
        { label: "Lessons", click: () => send({ kind: "lessons" }) },
        { label: "Python socket module documentation", click: () => void shell.openExternal(HELP_URL) },
        { label: `About ${app.name}`, click: () => send({ kind: "about" }) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
