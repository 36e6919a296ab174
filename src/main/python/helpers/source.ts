import { readFileSync } from "node:fs";

/** The Python helper files beside this module. */
export const HELPER_FILES = ["transcript.py", "repl.py", "framing.py", "framing_error.py"] as const;
export type HelperFile = (typeof HELPER_FILES)[number];

/**
 * One helper file's Python source, read beside this module (as tsx and
 * Vitest run it). The bundle has no files beside it: the build replaces this
 * module with one that holds their text (electron.vite.config.ts,
 * pythonHelpers), so neither the CLI nor the packaged app reads a file.
 */
export function helperSource(file: HelperFile): string {
  return readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
}
