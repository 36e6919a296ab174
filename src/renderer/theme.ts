import { THEMES, type Theme } from "../shared/preferences";

export type { Theme };

/* The choice is remembered in this browser (or window). */

const STORAGE_KEY = "socket-lab.theme";

export function savedTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return THEMES.find((theme) => theme === saved) ?? "system";
}

export function saveTheme(theme: Theme): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, theme);
}

/** Sets the root's color-scheme through data-theme (see styles.css); "system" leaves it to the system. */
export function applyTheme(theme: Theme): void {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** The next theme of the header's toggle: system → light → dark → system. */
export function nextTheme(theme: Theme): Theme {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
}
