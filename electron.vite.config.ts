import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "electron-vite";

export default defineConfig({
  main: {
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
