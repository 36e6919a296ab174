/** A command-line mistake: printed as one line, exit status 2. */
export class UsageError extends Error {}

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly flags: ReadonlyMap<string, string | true>;
}

/** Splits `cmd pos --flag value --switch` against the flags each command knows. */
export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>, switches: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (switches.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, flags };
}

export function portFlag(value: string | true | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (value === true || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not ${String(value)}`);
  }
  return port;
}
