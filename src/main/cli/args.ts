import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import type { EngineChoice } from "../lab/engine/choose";

/** A command-line mistake: printed as one line, exit status 2. */
export class UsageError extends Error {}

/** Each subcommand's own options and how many positional arguments it takes: an option belongs to one command. */
export const SUBCOMMANDS = {
  serve: {
    usage: "socket-lab serve [--host 127.0.0.1] [--port N] [--allow-remote] [--engine auto|kernel|portable]",
    positionals: 0,
    options: { host: { type: "string" }, port: { type: "string" }, "allow-remote": { type: "boolean" }, engine: { type: "string" } },
  },
  run: {
    usage: "socket-lab run FILE [--format ndjson|text] [--engine auto|kernel|portable] [--host NAME=PAIRING_URL …]",
    positionals: 1,
    options: { format: { type: "string" }, engine: { type: "string" }, host: { type: "string", multiple: true } },
  },
  agent: {
    usage: "socket-lab agent [--listen ADDR] [--port N] [--name NAME] [--format text|ndjson] [--engine auto|kernel|portable] | --list | --revoke ID|all",
    positionals: 0,
    options: {
      listen: { type: "string" },
      port: { type: "string" },
      name: { type: "string" },
      format: { type: "string" },
      engine: { type: "string" },
      list: { type: "boolean" },
      revoke: { type: "string" },
    },
  },
  "export-python": { usage: "socket-lab export-python FILE [--transcript | --host NAME]", positionals: 1, options: { transcript: { type: "boolean" }, host: { type: "string" } } },
  lessons: { usage: "socket-lab lessons", positionals: 0, options: {} },
  discover: {
    usage:
      "socket-lab discover [--iface NAME] [--timeout SECONDS] [--protocols mdns,ssdp,wsd,llmnr,nbns] [--name NAME] [--passive] [--packets] [--probe ADDRESS:PORT:HEX [--match REGEX|hex:PREFIX]] [--format ndjson|text] [--engine auto|kernel|portable] | --scenario PROTOCOL [--iface NAME] [--name NAME]",
    positionals: 0,
    options: {
      iface: { type: "string" },
      timeout: { type: "string" },
      protocols: { type: "string" },
      name: { type: "string" },
      passive: { type: "boolean" },
      packets: { type: "boolean" },
      probe: { type: "string" },
      match: { type: "string" },
      scenario: { type: "string" },
      format: { type: "string" },
      engine: { type: "string" },
    },
  },
} as const satisfies Record<string, { usage: string; positionals: number; options: ParseArgsOptionsConfig }>;

export type Subcommand = keyof typeof SUBCOMMANDS;

type Values<C extends Subcommand> = {
  [K in keyof (typeof SUBCOMMANDS)[C]["options"]]?: (typeof SUBCOMMANDS)[C]["options"][K] extends { type: "boolean" }
    ? boolean
    : (typeof SUBCOMMANDS)[C]["options"][K] extends { multiple: true }
      ? string[]
      : string;
};

export type CommandLine =
  | { readonly kind: "help" }
  | { [C in Subcommand]: { readonly kind: "command"; readonly command: C; readonly positionals: readonly string[]; readonly values: Values<C> } }[Subcommand];

function isSubcommand(name: string): name is Subcommand {
  return Object.hasOwn(SUBCOMMANDS, name);
}

/**
 * `socket-lab COMMAND [ARGS]`, parsed by node:util's parseArgs against that
 * command's own options: `socket-lab lessons --port 1` is an error, and
 * `--name=a=b` keeps everything after the first `=`.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") return { kind: "help" };
  if (!isSubcommand(command)) throw new UsageError(`unknown command '${command}' (try socket-lab --help)`);
  if (rest.includes("--help") || rest.includes("-h")) return { kind: "help" };
  const spec = SUBCOMMANDS[command];
  let parsed: { values: Record<string, string | string[] | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options: spec.options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (err) {
    // parseArgs's messages name the option in their first sentence ("Unknown option '--port'. To specify…"); a sentence
    // ends at a full stop and a space, so an option with dots in its name ('--10.0.0.1') is kept whole.
    const reason = err instanceof Error ? err.message.split(/\.\s/)[0] : String(err);
    throw new UsageError(`${command}: ${reason} (usage: ${spec.usage})`);
  }
  if (parsed.positionals.length !== spec.positionals) {
    const wanted = spec.positionals === 0 ? "no arguments" : "one scenario file or lesson name";
    throw new UsageError(`${command} takes ${wanted}, got ${parsed.positionals.length} (usage: ${spec.usage})`);
  }
  return { kind: "command", command, positionals: parsed.positionals, values: parsed.values } as CommandLine;
}

/** Decimal digits only: Number() would also take "0x50", "8e1", "+80" and " 80". 0 asks for any free port. */
export function portFlag(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not ${value}`);
  }
  return port;
}

/** `--engine`: which engine runs the Lab's sockets (auto: the kernel engine where it loads). */
export function engineFlag(value: string | undefined): EngineChoice {
  const choice = value ?? "auto";
  if (choice !== "auto" && choice !== "kernel" && choice !== "portable") throw new UsageError(`--engine must be auto, kernel or portable, not ${choice}`);
  return choice;
}
