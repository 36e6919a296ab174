import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** Debian's package; Playwright's own download cannot reach its host here. */
const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export const HOW_TO_GET_CHROMIUM =
  "No Chromium found: install Debian's (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary.";

/** CHROMIUM_PATH, then the system's Chromium, then Playwright's own browser if it was installed. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) return system;
  const bundled = chromium.executablePath();
  return existsSync(bundled) ? bundled : null;
}

/** Chromium flags that keep a headless run quiet on a machine without internet. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
