import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/socket-lab.js", import.meta.url));

/** A line of `socket-lab agent --format ndjson`. */
type Note = { kind: string; url?: string; code?: string };

/** A real `socket-lab agent` on loopback, for the console's pages to pair with. */
export interface LoopbackAgent {
  /** The newest pairing URL it printed, and its code. */
  pairing(): { url: string; code: string };
  /** The URL it prints once `used` consoles have paired (each pairing prints the next): waits for it. */
  pairingAfter(used: number): Promise<{ url: string; code: string }>;
  readonly port: number;
  kill(): Promise<void>;
}

export async function startAgent(name: string, configDir: string, port = 0): Promise<LoopbackAgent> {
  const child: ChildProcess = spawn(process.execPath, [BIN, "agent", "--listen", "127.0.0.1", "--port", String(port), "--name", name, "--format", "ndjson"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SOCKET_LAB_CONFIG_DIR: configDir },
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const pairings: { url: string; code: string }[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      const note = JSON.parse(line) as Note;
      if (note.kind === "pairing" && note.url && note.code) pairings.push({ url: note.url, code: note.code });
    } catch {
      // Not a note: the agent prints only notes in ndjson, so this would show in a failure's stderr.
    }
    for (const wake of [...waiters]) wake();
  });
  const next = (count: number): Promise<{ url: string; code: string }> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`agent ${name}: no pairing URL within 20 s; stderr: ${stderr}`)), 20_000);
      const check = (): void => {
        if (pairings.length <= count) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(pairings[count]!);
      };
      waiters.add(check);
      check();
    });
  const first = await next(0);
  return {
    pairing: () => pairings.at(-1)!,
    pairingAfter: next,
    port: Number(new URL(first.url.replace(/^wss:/, "https:")).port),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await once(child, "exit");
    },
  };
}
