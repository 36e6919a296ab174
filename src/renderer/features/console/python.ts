import type { HexBytes } from "../../../shared/bytes";
import { fromHex } from "../../../shared/bytes";
import { errnoName } from "../../../shared/errors";
import { stepCall, stepLines } from "../../../shared/python-steps";
import { addressRepr, bytesRepr, intRepr, strRepr, tupleOf } from "../../../shared/python-repr";
import type { Address } from "../../../shared/socket-model";
import type { CommandCall, Completed, CompletedCall } from "../../api/calls";
import { commandStep, isPythonCall, socketName, type PythonCommand } from "../../store/to-step";

/**
 * The console's text: each command as the scenario step it is, written by
 * the same printer as the exported program (src/shared/python-steps.ts), and
 * results and exceptions as CPython prints them (src/shared/python-repr.ts).
 */

/** The Python variable a lab socket stands for in transcripts: fd 5 → s5. */
export const pyName = socketName;

export { commandStep };

/** An address as a person writes it in a call: `('127.0.0.1', 9000)`. */
export function pyAddress([host, port]: Address): string {
  return tupleOf([strRepr(host), intRepr(port)]);
}

export const pyBytes = bytesRepr;

export function pyBytesHex(data: HexBytes): string {
  return bytesRepr(fromHex(data.hex));
}


/** The Python expression a command runs, or null for commands that are the Lab's own (auto modes, policies). */
export function pyCall(call: CommandCall): string | null {
  const step = commandStep(call);
  return step === null ? null : stepCall(step);
}

/** The line as it reads once it ran: calls that create a socket assign it to its name. */
export function pyStatement(done: CompletedCall): string | null {
  const step = commandStep(done);
  if (step === null) return null;
  if (step.op === "socket" && done.name === "socket") return stepLines({ ...step, as: pyName(done.result.fd) }).join("; ");
  if (step.op === "accept" && done.name === "accept") return stepLines({ ...step, as: pyName(done.result.fd) }).join("; ");
  return stepCall(step);
}

/** An errno number with its name as a comment: `111  # ECONNREFUSED`. */
function errnoValue(code: number): string {
  const name = code === 0 ? null : errnoName(code);
  return name ? `${code}  # ${name}` : intRepr(code);
}

/** What the REPL prints for a call's result. */
type Echo<N extends PythonCommand> = (done: Completed<N>) => string;

/**
 * What the REPL echoes for each Python call's result; null where the call
 * returns None, which the REPL does not print. Every command with a Python
 * step has an entry (the others have theirs in lab-notes.ts), so a new one
 * does not compile until it says what it prints.
 */
export type EchoTable = { [N in PythonCommand]: Echo<N> | null };

const ECHOES: EchoTable = {
  socket: null, // the line assigns it: s3 = socket.socket(…)
  bind: null,
  listen: null,
  accept: ({ result }) => `# addr = ${addressRepr(result.address)}`, // the line assigns the socket: s5, addr = s3.accept()
  connect: null,
  connect_ex: ({ result }) => errnoValue(result),
  send: ({ result }) => intRepr(result),
  sendall: null,
  sendto: ({ result }) => intRepr(result),
  recv: ({ result }) => pyBytesHex(result),
  recvfrom: ({ result }) => tupleOf([pyBytesHex(result.data), result.address ? addressRepr(result.address) : "None"]),
  shutdown: null,
  close: null,
  settimeout: null,
  setblocking: null,
  setsockopt: null,
  getsockopt: ({ input, result }) => {
    if (typeof result !== "number") return tupleOf([intRepr(result[0]), intRepr(result[1])]);
    return input.name === "SO_ERROR" ? errnoValue(result) : intRepr(result);
  },
  getsockname: ({ result }) => addressRepr(result),
  getpeername: ({ result }) => addressRepr(result),
};

function echo<N extends PythonCommand>(done: Completed<N>): string {
  return ECHOES[done.name]?.(done) ?? "";
}

/** What the Python REPL would echo for the result ("" for None, and for what is no Python call). */
export function pyResult(done: CompletedCall): string {
  return isPythonCall(done) ? echo(done) : "";
}
