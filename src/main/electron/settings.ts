import { join } from "node:path";
import { app } from "electron";
import { readSettings, writeSettings, type Settings } from "./settings-file";

export type { Settings } from "./settings-file";

function file(): string {
  return join(app.getPath("userData"), "settings.json");
}

export function loadSettings(): Settings {
  return readSettings(file());
}

export function saveSettings(settings: Settings): void {
  writeSettings(file(), settings);
}
