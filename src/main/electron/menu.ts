import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from "electron";
import type { MenuCommand } from "../../shared/api";
import type { Preferences, Theme } from "../../shared/preferences";
import type { Lab } from "../lab/lab";
import { MENU_TEXT } from "./menu-text";

const HELP_URL = "https://docs.python.org/3/library/socket.html";

/**
 * The application menu, in the page's language, its theme and language
 * items checked as the page has them (installed again when they change).
 * Actions on what the page owns (scenarios, the log, language, theme,
 * presenter mode) are sent to it as MenuCommands; the page reports its
 * preferences back. The Lab and the window are handled here.
 */
export function installMenu(win: BrowserWindow, lab: Lab, send: (command: MenuCommand) => void, { language, theme: current }: Preferences): void {
  const m = MENU_TEXT[language];
  const theme = (source: Theme): MenuItemConstructorOptions => ({
    label: source === "system" ? m.themeSystem : source === "light" ? m.themeLight : m.themeDark,
    type: "radio",
    checked: current === source,
    click: () => send({ kind: "theme", theme: source }),
  });

  const openScenario = async (): Promise<void> => {
    const chosen = await dialog.showOpenDialog(win, {
      title: m.openScenarioTitle,
      filters: [{ name: m.scenarioFiles, extensions: ["json", "yaml", "yml"] }],
      properties: ["openFile"],
    });
    const path = chosen.filePaths[0];
    if (chosen.canceled || !path) return;
    send({ kind: "open-scenario", name: basename(path), text: await readFile(path, "utf8") });
  };

  const template: MenuItemConstructorOptions[] = [
    {
      label: m.file,
      submenu: [
        { label: m.openScenario, accelerator: "CmdOrCtrl+O", click: () => void openScenario() },
        { label: m.saveScenario, accelerator: "CmdOrCtrl+S", click: () => send({ kind: "save-scenario" }) },
        { label: m.exportLog, accelerator: "CmdOrCtrl+E", click: () => send({ kind: "export-log" }) },
        { type: "separator" },
        { role: "quit", label: m.quit },
      ],
    },
    {
      // Electron's own labels for these roles are English outside macOS.
      label: m.edit,
      submenu: [
        { role: "undo", label: m.undo },
        { role: "redo", label: m.redo },
        { type: "separator" },
        { role: "cut", label: m.cut },
        { role: "copy", label: m.copy },
        { role: "paste", label: m.paste },
        { role: "selectAll", label: m.selectAll },
      ],
    },
    {
      label: m.view,
      submenu: [
        { role: "resetZoom", label: m.resetZoom },
        { role: "zoomIn", label: m.zoomIn },
        { role: "zoomOut", label: m.zoomOut },
        { type: "separator" },
        { label: m.theme, submenu: [theme("system"), theme("light"), theme("dark")] },
        {
          label: m.language,
          submenu: [
            { label: "English", type: "radio", checked: language === "en", click: () => send({ kind: "language", language: "en" }) },
            { label: "简体中文", type: "radio", checked: language === "zh-CN", click: () => send({ kind: "language", language: "zh-CN" }) },
          ],
        },
        { label: m.presenter, accelerator: "F5", click: () => send({ kind: "presenter" }) },
        { type: "separator" },
        { role: "togglefullscreen", label: m.fullScreen },
      ],
    },
    {
      label: m.lab,
      submenu: [
        { label: m.newSocket, accelerator: "CmdOrCtrl+N", click: () => send({ kind: "new-socket" }) },
        { label: m.closeAll, click: () => lab.closeAll("closed from the Lab menu") },
      ],
    },
    {
      role: "help",
      label: m.help,
      submenu: [
        { label: m.lessons, click: () => send({ kind: "lessons" }) },
        { label: m.pythonDocs, click: () => void shell.openExternal(HELP_URL) },
        { label: m.about, click: () => send({ kind: "about" }) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
