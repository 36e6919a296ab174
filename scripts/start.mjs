// `npm start`: the desktop app when an Electron runtime exists or can be
// fetched; otherwise one line saying why, and the same UI in browser mode.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { electronPackageDir, findElectron } from "./electron-runtime.mjs";

function fetchElectron() {
  const dir = electronPackageDir();
  if (!dir) return "the electron package is not installed (run npm install)";
  console.log("Fetching the Electron runtime (first start only)…");
  const result = spawnSync(process.execPath, [join(dir, "install.js")], { encoding: "utf8", timeout: 120_000 });
  if (findElectron()) return null;
  const detail = `${result.stderr ?? ""}${result.stdout ?? ""}`.split("\n").find((line) => /error|fail/i.test(line))?.trim();
  return `its download failed${detail ? ` (${detail.slice(0, 160)})` : ""}`;
}

function forward(child) {
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

let binary = findElectron();
const why = binary ? null : fetchElectron();
binary = findElectron();

if (binary) {
  forward(spawn(binary, ["."], { stdio: "inherit" }));
} else {
  console.log(`Electron is unavailable: ${why}. Serving Socket Lab in browser mode instead.`);
  forward(spawn(process.execPath, ["bin/socket-lab.js", "serve", ...process.argv.slice(2)], { stdio: "inherit" }));
}
