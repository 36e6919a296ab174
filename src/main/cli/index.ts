import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, portFlag, UsageError } from "./args";
import { serve } from "./serve";

const HELP = `Socket Lab: a network lab with real sockets.

Usage:
  socket-lab serve [--host 127.0.0.1] [--port N]   browser mode: serve the UI, print its URL
  socket-lab --help                                this text

Browser mode listens on loopback unless --host says otherwise, and only a
page that carries the printed token may drive the lab.`;

const DEFAULT_PORT = 5747;

function rendererDir(): string {
  // Built layout: out/main/cli.js beside out/renderer/.
  return join(dirname(fileURLToPath(import.meta.url)), "..", "renderer");
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, new Set(["host", "port"]), new Set(["help"]));
  if (args.flags.has("help") || args.command === "help") {
    console.log(HELP);
    return 0;
  }
  switch (args.command) {
    case "serve": {
      if (args.positional.length > 0) throw new UsageError(`serve takes no arguments, got ${args.positional[0]}`);
      const host = args.flags.get("host");
      if (host === true) throw new UsageError("--host needs a value");
      const dir = rendererDir();
      if (!existsSync(join(dir, "index.html"))) throw new UsageError(`no built UI in ${dir}: run npm run build first`);
      await serve({ host: host ?? "127.0.0.1", port: portFlag(args.flags.get("port"), DEFAULT_PORT), rendererDir: dir, say: console.log });
      return -1;
    }
    case undefined:
      console.log(HELP);
      return 2;
    default:
      throw new UsageError(`unknown command '${args.command}' (try socket-lab --help)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`socket-lab: ${err.message}`);
      process.exitCode = 2;
    } else {
      console.error(`socket-lab: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    }
  },
);
