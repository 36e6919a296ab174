// Where Electron's binary is, without triggering its download-on-require.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The electron npm package's folder, or null when it is not installed. */
export function electronPackageDir() {
  try {
    return dirname(require.resolve("electron/package.json"));
  } catch {
    return null;
  }
}

/** The Electron executable if its runtime has been fetched, else null. */
export function findElectron() {
  const dir = electronPackageDir();
  if (!dir) return null;
  const pathFile = join(dir, "path.txt");
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, "utf8").trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, "dist");
  const binary = join(base, relative);
  return existsSync(binary) ? binary : null;
}
