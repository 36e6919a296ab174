import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from "electron";
import type { MenuCommand } from "../../shared/api";
import type { Preferences, Theme } from "../../shared/preferences";
import type { Lab } from "../lab/lab";
import { translate } from "../../shared/i18n";
import type { MenuKey } from "../../shared/i18n/catalog";

const HELP_URL = "https://docs.python.org/3/library/socket.html";

/**
 * The application menu, in the page's language, its theme and language
 * items checked as the page has them (installed again when they change).
 * Actions on what the page owns (scenarios, the log, language, theme,
 * presenter mode) are sent to it as MenuCommands; the page reports its
 * preferences back. The Lab and the window are handled here.
 */
export function installMenu(win: BrowserWindow, lab: Lab, send: (command: MenuCommand) => void, { language, theme: current }: Preferences): void {
  const t = (key: MenuKey): string => translate(language, key);
  const theme = (source: Theme): MenuItemConstructorOptions => ({
    label: source === "system" ? t("menu.themeSystem") : source === "light" ? t("menu.themeLight") : t("menu.themeDark"),
    type: "radio",
    checked: current === source,
    click: () => send({ kind: "theme", theme: source }),
  });

  const openScenario = async (): Promise<void> => {
    const chosen = await dialog.showOpenDialog(win, {
      title: t("menu.openScenarioTitle"),
      filters: [{ name: t("menu.scenarioFiles"), extensions: ["json", "yaml", "yml"] }],
      properties: ["openFile"],
    });
    const path = chosen.filePaths[0];
    if (chosen.canceled || !path) return;
    send({ kind: "open-scenario", name: basename(path), text: await readFile(path, "utf8") });
  };

  const template: MenuItemConstructorOptions[] = [
    {
      label: t("menu.file"),
      submenu: [
        { label: t("menu.openScenario"), accelerator: "CmdOrCtrl+O", click: () => void openScenario() },
        { label: t("menu.saveScenario"), accelerator: "CmdOrCtrl+S", click: () => send({ kind: "save-scenario" }) },
        { label: t("menu.exportLog"), accelerator: "CmdOrCtrl+E", click: () => send({ kind: "export-log" }) },
        { type: "separator" },
        { role: "quit", label: t("menu.quit") },
      ],
    },
    {
      // Electron's own labels for these roles are English outside macOS.
      label: t("menu.edit"),
      submenu: [
        { role: "undo", label: t("menu.undo") },
        { role: "redo", label: t("menu.redo") },
        { type: "separator" },
        { role: "cut", label: t("menu.cut") },
        { role: "copy", label: t("menu.copy") },
        { role: "paste", label: t("menu.paste") },
        { role: "selectAll", label: t("menu.selectAll") },
      ],
    },
    {
      label: t("menu.view"),
      submenu: [
        { role: "resetZoom", label: t("menu.resetZoom") },
        { role: "zoomIn", label: t("menu.zoomIn") },
        { role: "zoomOut", label: t("menu.zoomOut") },
        { type: "separator" },
        { label: t("menu.theme"), submenu: [theme("system"), theme("light"), theme("dark")] },
        {
          label: t("menu.language"),
          submenu: [
            { label: "English", type: "radio", checked: language === "en", click: () => send({ kind: "language", language: "en" }) },
            { label: "简体中文", type: "radio", checked: language === "zh-CN", click: () => send({ kind: "language", language: "zh-CN" }) },
          ],
        },
        { label: t("menu.presenter"), accelerator: "F5", click: () => send({ kind: "presenter" }) },
        { type: "separator" },
        { role: "togglefullscreen", label: t("menu.fullScreen") },
      ],
    },
    {
      label: t("menu.lab"),
      submenu: [
        { label: t("menu.newSocket"), accelerator: "CmdOrCtrl+N", click: () => send({ kind: "new-socket" }) },
        { label: t("menu.closeAll"), click: () => lab.closeAll("closed from the Lab menu") },
        { type: "separator" },
        { label: t("menu.hosts"), click: () => send({ kind: "hosts" }) },
        { label: t("menu.share"), click: () => send({ kind: "share" }) },
      ],
    },
    {
      role: "help",
      label: t("menu.help"),
      submenu: [
        { label: t("menu.lessons"), click: () => send({ kind: "lessons" }) },
        { label: t("menu.pythonDocs"), click: () => void shell.openExternal(HELP_URL) },
        { label: t("menu.about"), click: () => send({ kind: "about" }) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
