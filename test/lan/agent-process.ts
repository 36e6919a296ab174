import { fileURLToPath } from "node:url";
import type { AgentNote } from "../../src/shared/sharing";
import { JsonLinesProcess } from "./json-lines";
import { spawnIn, type LanHost } from "./netns";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CLI = fileURLToPath(new URL("../../src/main/cli/index.ts", import.meta.url));
/** Node and tsx start in a second or two; a loaded 2-core machine gets slack. */
export const START_MS = 20_000;
export const PORT = 5748;

/** `socket-lab agent --format ndjson` in a host: every note it prints is a line. */
export class AgentProcess extends JsonLinesProcess<AgentNote> {
  constructor(host: LanHost, configDir: string) {
    super(
      `agent in host ${host.name}`,
      spawnIn(host.netns, process.execPath, ["--import", "tsx", CLI, "agent", "--listen", host.address, "--port", String(PORT), "--name", host.name, "--format", "ndjson"], {
        cwd: REPO,
        env: { ...process.env, SOCKET_LAB_CONFIG_DIR: configDir },
      }),
    );
  }

  static async start(host: LanHost, configDir: string): Promise<AgentProcess> {
    const agent = new AgentProcess(host, configDir);
    try {
      await agent.waitFor("its pairing URL", (n) => n.kind === "pairing", START_MS);
    } catch (err) {
      await agent.stop();
      throw err;
    }
    return agent;
  }

  /** The newest pairing URL it printed (each pairing prints the next). */
  get pairing(): Extract<AgentNote, { kind: "pairing" }> {
    return this.lines.filter((n): n is Extract<AgentNote, { kind: "pairing" }> => n.kind === "pairing").at(-1)!;
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }
}
