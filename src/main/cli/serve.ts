import { configDir } from "../agent/config-dir";
import { LabSharing } from "../agent/lab-sharing";
import { LabService } from "../bridge/lab-service";
import { ConsoleHosts } from "../console/console-hosts";
import type { EngineChoice } from "../lab/engine/choose";
import { Lab } from "../lab/lab";
import { isLoopback } from "../host/access";
import { startHost } from "../host/server";

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly rendererDir: string;
  readonly engine: EngineChoice;
  /** Writes one line for the user. */
  readonly say: (line: string) => void;
}

/** `socket-lab serve`: the Lab behind the browser-mode host, until SIGINT/SIGTERM. */
export async function serve(options: ServeOptions): Promise<void> {
  if (!isLoopback(options.host)) {
    options.say(
      `warning: listening on ${options.host}, not loopback: anyone who can reach this address and learns the token can open sockets on this machine.`,
    );
  }
  const lab = new Lab({ engine: options.engine });
  options.say(engineLine(lab));
  const hosts = new ConsoleHosts(lab, { configDir: configDir() });
  const sharing = new LabSharing(new LabService(lab), configDir());
  const running = await startHost({ service: new LabService(lab, { hosts, sharing }), host: options.host, port: options.port, rendererDir: options.rendererDir });
  options.say(`Socket Lab is serving the lab at ${running.url}`);
  const stop = (): void => {
    lab.closeAll();
    void Promise.all([hosts.close(), sharing.stop(), running.close()]).then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** Which engine runs, said once at start: a fallback is worth knowing before the first socket. */
function engineLine(lab: Lab): string {
  const base = `engine: ${lab.engine.name}`;
  return lab.engineFallback ? `${base} (the kernel engine cannot run here: ${lab.engineFallback})` : base;
}
