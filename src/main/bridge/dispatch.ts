import { isCommandName, parseCommand, type Reply } from "../../shared/contract";
import { invalidArgument } from "../../shared/errors";
import type { Lab } from "../lab/lab";
import { toLabErrorInfo } from "../lab/node-errors";

/**
 * The one path from an untrusted caller to the Lab, shared by Electron IPC and
 * the browser-mode WebSocket: the name must be a command of the contract, the
 * input must fit its schema, and any failure comes back as a typed error.
 */
export async function dispatch(lab: Lab, name: unknown, input: unknown): Promise<Reply> {
  if (!isCommandName(name)) return { ok: false, error: invalidArgument(`unknown command: ${String(name).slice(0, 64)}`) };
  const parsed = parseCommand(name, input);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, result: await lab.call(name, parsed.args) };
  } catch (err) {
    return { ok: false, error: toLabErrorInfo(err) };
  }
}
