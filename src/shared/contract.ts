import { z } from "zod";
import { isHex, type HexBytes } from "./bytes";
import { invalidArgument, type LabErrorInfo } from "./errors";
import { FAMILIES, SOCKET_TYPES, type Address, type SocketSnapshot } from "./socket-model";

/**
 * The one contract between the renderer and the Lab: every command's name,
 * input schema and result type. Electron IPC, the browser-mode WebSocket and
 * the CLI all dispatch through this table.
 */

const fd = z.number().int().min(0).max(1_000_000);
const port = z.number().int().min(0).max(65535);
const host = z.string().max(255);
const address = z.tuple([host, port]);
const hexBytes = z.strictObject({
  hex: z.string().refine(isHex, "hex must be an even number of hex digits"),
});
const data = z.union([z.string(), hexBytes]);
const bufsize = z.number().int().min(0).max(16 * 1024 * 1024);

export const commandSchemas = {
  socket: z.strictObject({
    family: z.enum(FAMILIES).default("AF_INET"),
    type: z.enum(SOCKET_TYPES).default("SOCK_STREAM"),
  }),
  bind: z.strictObject({ fd, address }),
  listen: z.strictObject({ fd, backlog: z.number().int().min(0).max(65535).default(128) }),
  accept: z.strictObject({ fd }),
  connect: z.strictObject({ fd, address }),
  send: z.strictObject({ fd, data }),
  recv: z.strictObject({ fd, bufsize }),
  close: z.strictObject({ fd }),
  auto: z.strictObject({ fd, accept: z.boolean().optional(), recv: z.boolean().optional() }),
  snapshot: z.strictObject({}),
} as const;

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as readonly CommandName[];

/** What a caller writes (defaults may be left out). */
export type CommandInput<N extends CommandName> = z.input<(typeof commandSchemas)[N]>;
/** What the Lab receives after parsing (defaults filled in). */
export type CommandArgs<N extends CommandName> = z.output<(typeof commandSchemas)[N]>;

export interface CommandResults {
  socket: { fd: number };
  bind: null;
  listen: null;
  accept: { fd: number; address: Address };
  connect: null;
  send: number;
  recv: HexBytes;
  close: null;
  auto: null;
  snapshot: { sockets: SocketSnapshot[]; seq: number };
}
export type CommandResult<N extends CommandName> = CommandResults[N];

export type Reply<T = unknown> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: LabErrorInfo };

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === "string" && Object.hasOwn(commandSchemas, name);
}

export type Parsed<N extends CommandName> = { ok: true; args: CommandArgs<N> } | { ok: false; error: LabErrorInfo };

/** Validates one command's arguments; the error names the field at fault. */
export function parseCommand<N extends CommandName>(name: N, input: unknown): Parsed<N> {
  const result = commandSchemas[name].safeParse(input ?? {});
  if (result.success) return { ok: true, args: result.data as CommandArgs<N> };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${name}.${issue.path.join(".")}` : name;
  return { ok: false, error: invalidArgument(`${where}: ${issue?.message ?? "invalid input"}`) };
}
