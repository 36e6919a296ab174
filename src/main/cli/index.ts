import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findLesson, LESSONS } from "../lessons";
import { exportPython } from "../python/export";
import { partHosts } from "../python/per-host";
import { printable } from "../../shared/printable";
import { namesHosts, type Scenario } from "../../shared/scenario";
import { engineFlag, parseCommandLine, portFlag, UsageError } from "./args";
import { listConsoles, revokeConsole, runAgent } from "./agent";
import { discover, discoverRequest, scenarioText } from "./discover";
import { hostFlags } from "./hosts";
import { runScenario } from "./run";
import { loadScenarioFile, ScenarioFileError } from "./scenario-file";
import { isLoopback } from "../host/access";
import { serve } from "./serve";

const HELP = `Socket Lab: a network lab with real sockets.

Usage:
  socket-lab serve [--host 127.0.0.1] [--port N]   browser mode: serve the UI, print its URL
                   [--allow-remote]                 needed with a --host that is not loopback
  socket-lab run FILE [--format ndjson|text]       run a scenario on real sockets, print its transcript;
                                                   exit 0 when every expect holds, 1 otherwise, 2 if FILE is malformed
                   [--host NAME=PAIRING_URL]        (repeatable) run the steps marked "host": NAME on that agent's Lab
  socket-lab agent [--listen ADDR] [--port N]      let a console on another machine drive this Lab (wss, TLS);
                   [--name NAME]                    prints the pairing URL (each one pairs one console) and a short code
                   [--format text|ndjson]
  socket-lab agent --list | --revoke ID|all        the consoles paired with this agent; unpair one (or all)
  socket-lab export-python FILE                    print a Python 3 program (standard library only) doing the same,
                                                   written as the session (console lines, the REPL's output);
                                                   exits 1 naming the line where a step goes otherwise
                   [--transcript]                   instead print the lab's NDJSON transcript, as socket-lab run does
                   [--host NAME]                    a multi-host scenario: the program for that host, with the order
                                                   to start the hosts' programs in
  socket-lab lessons                               list the built-in lessons: name, file, title (tab-separated)
  socket-lab discover                              probe the LAN's discovery protocols (mDNS/DNS-SD, SSDP, WS-Discovery,
                   [--iface NAME] [--timeout S]     LLMNR, NetBIOS), listen S seconds (default 3), print one line per
                   [--protocols LIST]               device and protocol; LIST: mdns,ssdp,wsd,llmnr,nbns (the default)
                   [--name NAME]                    the name LLMNR and NetBIOS ask for
                   [--passive] [--packets]          listen only; also print every datagram as it arrives
                   [--probe ADDR:PORT:HEX]          a probe of your own, answers recognised by
                   [--match REGEX|hex:PREFIX]       a regular expression or the bytes they start with
                   [--format ndjson|text]
  socket-lab discover --scenario PROTOCOL          print that probe as a scenario (JSON) for run and export-python
                   [--iface NAME] [--name NAME]     (sent from that interface's address; the name LLMNR and NetBIOS ask for)
  serve, run, agent and discover take --engine auto|kernel|portable  which engine runs the sockets (auto: kernel on Linux)
  socket-lab --help                                this text

FILE is a scenario file (JSON or YAML) or the name of a built-in lesson, e.g.
socket-lab run half-open; a file of that name, if it exists, wins.

Browser mode listens on loopback unless --host says otherwise, and only a
page that carries the printed token may drive the lab.`;

const DEFAULT_PORT = 5747;

/** A path that exists wins; otherwise a built-in lesson of that name; otherwise a one-line usage error. */
async function loadScenario(fileOrLesson: string): Promise<Scenario> {
  if (existsSync(fileOrLesson)) return loadScenarioFile(fileOrLesson);
  const lesson = findLesson(fileOrLesson);
  if (lesson) return lesson.scenario;
  throw new UsageError(`${fileOrLesson}: no such file or lesson (lessons: ${LESSONS.map((l) => l.name).join(", ")})`);
}

function rendererDir(): string {
  // Built layout: out/main/cli.js beside out/renderer/.
  return join(dirname(fileURLToPath(import.meta.url)), "..", "renderer");
}

/** The exit status, or "serving" for a command that keeps running until a signal. */
async function main(argv: readonly string[]): Promise<number | "serving"> {
  const line = parseCommandLine(argv);
  if (line.kind === "help") {
    console.log(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  switch (line.command) {
    case "serve": {
      const { host, port } = line.values;
      if (host !== undefined && !isLoopback(host) && !line.values["allow-remote"]) {
        throw new UsageError(`--host ${host} is not loopback: anyone who reaches it could open sockets here; add --allow-remote if you mean it`);
      }
      const dir = rendererDir();
      if (!existsSync(join(dir, "index.html"))) throw new UsageError(`no built UI in ${dir}: run npm run build first`);
      await serve({ host: host ?? "127.0.0.1", port: portFlag(port, DEFAULT_PORT), rendererDir: dir, engine: engineFlag(line.values.engine), say: console.log });
      return "serving";
    }
    case "run": {
      const format = line.values.format ?? "ndjson";
      if (format !== "ndjson" && format !== "text") throw new UsageError(`--format must be ndjson or text, not ${format}`);
      const scenario = await loadScenario(line.positionals[0]!);
      const hosts = hostFlags(line.values.host, scenario);
      const engine = engineFlag(line.values.engine);
      const note = (text: string): void => console.error(`socket-lab: run: ${printable(text, 1000)}`);
      return (await runScenario(scenario, format, (text) => console.log(text), { engine, hosts, note })) ? 0 : 1;
    }
    case "agent": {
      if (line.values.list) {
        listConsoles((text) => console.log(text));
        return 0;
      }
      if (line.values.revoke !== undefined) {
        revokeConsole(line.values.revoke, (text) => console.log(text));
        return 0;
      }
      await runAgent(line.values, engineFlag(line.values.engine), (text) => console.log(text));
      return "serving";
    }
    case "export-python": {
      const scenario = await loadScenario(line.positionals[0]!);
      const host = line.values.host;
      const hosts = partHosts(scenario.steps);
      if (namesHosts(scenario.steps) && host === undefined) {
        throw new UsageError(`export-python: this scenario runs on ${hosts.length} hosts (${hosts.join(", ")}); give --host NAME for each host's program`);
      }
      if (host !== undefined && line.values.transcript) throw new UsageError("export-python: --transcript checks one Lab's transcript; it does not go with --host");
      if (host !== undefined && !hosts.includes(host)) throw new UsageError(`export-python: no step runs on host "${host}" (this scenario's hosts: ${hosts.join(", ")})`);
      process.stdout.write(exportPython(scenario, { style: line.values.transcript ? "transcript" : "repl", ...(host === undefined ? {} : { host }) }));
      return 0;
    }
    case "discover": {
      if (line.values.scenario !== undefined) {
        console.log(scenarioText(line.values));
        return 0;
      }
      const request = discoverRequest(line.values);
      const engine = engineFlag(line.values.engine);
      await discover(request, engine, (text) => console.log(text), (text) => console.error(`socket-lab: discover: ${printable(text, 1000)}`));
      return 0;
    }
    case "lessons": {
      for (const lesson of LESSONS) console.log([lesson.name, lesson.file, lesson.title.en].join("\t"));
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // Leftover sockets of a finished scenario must not keep the process alive.
    if (code !== "serving") process.stdout.write("", () => process.exit(code));
  },
  (err: unknown) => {
    // Messages quote file names and fields from files: each line printed as escapes, never as control sequences.
    const say = (message: string): void => {
      for (const line of message.split("\n")) console.error(`socket-lab: ${printable(line, 1000)}`);
    };
    if (err instanceof UsageError || err instanceof ScenarioFileError) {
      say(err.message);
      process.exitCode = 2;
    } else {
      say(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    }
  },
);
