import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface ServedLab {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

const BIN = fileURLToPath(new URL("../bin/socket-lab.js", import.meta.url));

/** Starts a real `socket-lab serve` on a free loopback port and reads the URL it prints. */
/** `nodeArgs` go to Node itself (a heap cap, say), `extraArgs` to `socket-lab serve`, `env` to its environment (a config directory, say). */
export async function serveLab(extraArgs: readonly string[] = [], nodeArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServedLab> {
  const child = spawn(process.execPath, [...nodeArgs, BIN, "serve", "--port", "0", ...extraArgs], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/\S+\?token=\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`socket-lab serve exited (${code}): ${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get("token") ?? "",
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
