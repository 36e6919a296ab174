import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "electron-vite";
import { normalizePath, type Plugin } from "vite";
import { HELPER_FILES } from "./src/main/python/helpers/source";

/**
 * The exporter's Python helpers are .py files that helpers/source.ts reads
 * beside itself, as tsx and Vitest run it. The bundle (out/main/chunks, in
 * an ASAR when packaged) has no .py files beside it, so the build replaces
 * that module with one that holds their text.
 */
function pythonHelpers(): Plugin {
  const dir = resolve("src/main/python/helpers");
  const module = normalizePath(resolve(dir, "source.ts"));
  return {
    name: "socket-lab:python-helpers",
    load(id) {
      if (normalizePath(id) !== module) return null;
      const sources: Record<string, string> = {};
      for (const file of HELPER_FILES) {
        const path = resolve(dir, file);
        this.addWatchFile(path);
        sources[file] = readFileSync(path, "utf8");
      }
      return [
        `const SOURCES = ${JSON.stringify(sources)};`,
        `export const HELPER_FILES = ${JSON.stringify(HELPER_FILES)};`,
        "export function helperSource(file) {",
        "  if (!Object.hasOwn(SOURCES, file)) throw new Error(`no Python helper ${file}`);",
        "  return SOURCES[file];",
        "}",
      ].join("\n");
    },
  };
}

export default defineConfig({
  main: {
    plugins: [pythonHelpers()],
    build: {
      rolldownOptions: {
        input: {
          // The Electron shell and the plain-Node CLI share one bundle graph:
          // both drive the same Lab.
          index: resolve("src/main/electron/main.ts"),
          cli: resolve("src/main/cli/index.ts"),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve("src/main/electron/preload.ts") },
        // Sandboxed preloads cannot be ES modules.
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: resolve("src/renderer"),
    // assets/ holds the app icon, copied to the build's root: the page's icon and browser mode's /favicon.ico.
    publicDir: resolve("assets"),
    build: {
      minify: true,
      rolldownOptions: { input: resolve("src/renderer/index.html") },
    },
    plugins: [react()],
  },
});
