#!/usr/bin/env node
// The CLI is built with the rest of the app (npm run build) into out/main/cli.js.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../out/main/cli.js", import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error("socket-lab: not built yet: run npm run build");
  process.exit(2);
}
await import(cli.href);
