import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const noElectron = {
  paths: [{ name: "electron", message: "The Lab is plain Node: it must run without Electron (CLI, browser mode, tests)." }],
  patterns: [{ group: ["**/electron/**", "../electron/*"], message: "The Lab must not depend on the Electron shell." }],
};

const rawIpc = {
  paths: [
    {
      name: "electron",
      importNames: ["ipcMain", "ipcRenderer"],
      message: "Raw IPC lives only in src/main/electron/ipc.ts and preload.ts; go through the contract.",
    },
  ],
};

/** The Lab sits below everything in src/main: it may import only shared/ and its own folder. */
const labLayer = {
  ...noElectron,
  patterns: [
    ...noElectron.patterns,
    {
      regex: "^(\\.\\./)+(scenario|python|lessons|host|cli|electron|bridge|discovery)(/|$)",
      message: "The Lab is the bottom layer of src/main: scenario sessions, lessons, the exporter, discovery and the front doors are composed above it (bridge/lab-service.ts).",
    },
  ],
};

/** The contract imports nothing from either side of it. */
const sharedLayer = {
  ...noElectron,
  patterns: [...noElectron.patterns, { regex: "^(\\.\\./)+(main|renderer)(/|$)", message: "src/shared is the contract: it imports nothing from main or renderer." }],
};

const noElectronInRenderer = { name: "electron", message: "The renderer reaches the Lab only through LabClient." };

/** The renderer's layers, bottom up: model (pure), store, hooks, components, features. Each imports only from below (and from shared/, where the catalogs are). */
function rendererLayer(above, message) {
  return { paths: [noElectronInRenderer], patterns: [{ regex: `^(\\.\\./)+(${above.join("|")})(/|$)`, message }] };
}

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "build/**", "node_modules/**", "test-results/**", "playwright-report/**", "**/*.tmp.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/renderer/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": ["error", { paths: [noElectronInRenderer] }],
    },
  },
  { files: ["src/renderer/model/**/*.ts"], rules: { "no-restricted-imports": ["error", rendererLayer(["store", "hooks", "features", "api"], "model is pure code below the store and the features: it imports only shared/ and itself.")] } },
  { files: ["src/renderer/store/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", rendererLayer(["hooks", "features"], "The store sits below the features: move what it needs into src/renderer/model.")] } },
  { files: ["src/renderer/hooks/**/*.ts"], rules: { "no-restricted-imports": ["error", rendererLayer(["features"], "Hooks sit below the features.")] } },
  { files: ["src/renderer/components/**/*.tsx"], rules: { "no-restricted-imports": ["error", rendererLayer(["features", "store"], "Components are widgets the features share: they take what they show as props.")] } },
  { files: ["src/main/lab/**/*.ts"], rules: { "no-restricted-imports": ["error", labLayer] } },
  { files: ["src/shared/**/*.ts"], rules: { "no-restricted-imports": ["error", sharedLayer] } },
  { files: ["src/main/**/*.ts"], ignores: ["src/main/electron/ipc.ts", "src/main/electron/preload.ts", "src/main/lab/**"], rules: { "no-restricted-imports": ["error", rawIpc] } },
);
