import { isCommandName, parseCommand, type Reply } from "../../shared/contract";
import { invalidArgument } from "../../shared/errors";
import { INPUT_BOUNDS, jsonBoundsProblem } from "../../shared/json-bounds";
import type { LabService } from "./lab-service";
import { toLabErrorInfo } from "../lab/node-errors";

/**
 * The one path from an untrusted caller to the Lab, shared by Electron IPC and
 * the browser-mode WebSocket: the name must be a command of the contract, the
 * input must fit its schema, and any failure comes back as a typed error.
 */
export async function dispatch(service: LabService, name: unknown, input: unknown, signal?: AbortSignal): Promise<Reply> {
  // IPC may deliver any structured-clone value; no input may make this throw instead of answering.
  if (!isCommandName(name)) return { ok: false, error: invalidArgument(`unknown command: ${describe(name)}`) };
  // Before the schema recurses into it: a value nested thousands deep would overflow the stack.
  const oversized = jsonBoundsProblem(input, INPUT_BOUNDS);
  if (oversized) return { ok: false, error: invalidArgument(`${name}: the input may not be ${oversized}`) };
  let parsed: ReturnType<typeof parseCommand<typeof name>>;
  try {
    parsed = parseCommand(name, input);
  } catch (err) {
    // A value the schema library cannot even inspect (e.g. a typed array where a tuple belongs) is bad input too.
    return { ok: false, error: invalidArgument(`${name}: ${err instanceof Error ? err.message : "invalid input"}`) };
  }
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, result: await service.call(name, parsed.args, signal) };
  } catch (err) {
    return { ok: false, error: toLabErrorInfo(err) };
  }
}

function describe(value: unknown): string {
  return typeof value === "string" ? value.slice(0, 64) : `a ${value === null ? "null" : typeof value}`;
}
