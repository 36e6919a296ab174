import { LabService } from "../bridge/lab-service";
import { Lab } from "../lab/lab";
import { isLoopback } from "../host/access";
import { startHost } from "../host/server";

export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly rendererDir: string;
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
  const lab = new Lab();
  const running = await startHost({ service: new LabService(lab), host: options.host, port: options.port, rendererDir: options.rendererDir });
  options.say(`Socket Lab is serving the lab at ${running.url}`);
  const stop = (): void => {
    lab.closeAll();
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
