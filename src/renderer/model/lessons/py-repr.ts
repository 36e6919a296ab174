import { fromHex } from "../../../shared/bytes";
import { errnoNumber } from "../../../shared/errors";
import { pollFlagNames } from "../../../shared/poll-flags";
import { pyReference } from "../../../shared/python-literals";
import { addressRepr, bytesRepr, exceptionLine, pollRepr, selectRepr, strRepr, tupleOf } from "../../../shared/python-repr";
import { parseReference, type Step, type StepOp, type TranscriptError, type TranscriptLine } from "../../../shared/scenario";

/**
 * A transcript line as the Python REPL would show it: the value's repr, or
 * the exception's last line (`PermissionError: [Errno 13] Permission denied`),
 * printed by the one Python printer (src/shared/python-repr.ts).
 */

export { bytesRepr };

export function hexRepr(value: unknown): string | null {
  if (typeof value === "object" && value !== null && "hex" in value && typeof value.hex === "string") return bytesRepr(fromHex(value.hex));
  return null;
}

/** A scenario reference ("$tx.port") reads as what it stands for. */
function atomRepr(value: unknown): string {
  if (typeof value === "string") {
    return pyReference(value) ?? strRepr(value);
  }
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

function isAddress(value: unknown): value is [string, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "number" && parseReference(value[0]) === null;
}

/** Lists as tuples (Python's addresses and pairs), bytes as b'…'. */
export function tupleRepr(value: unknown): string {
  const bytes = hexRepr(value);
  if (bytes !== null) return bytes;
  if (isAddress(value)) return addressRepr(value);
  if (Array.isArray(value)) return tupleOf(value.map(tupleRepr));
  return atomRepr(value);
}

export function errorRepr(error: TranscriptError): string {
  return exceptionLine(error);
}

/** An errno *name* where C would return a number (connect_ex, SO_ERROR): the number, and the name as a comment. */
function errnoResult(value: unknown): string {
  if (typeof value !== "string") return atomRepr(value);
  const code = errnoNumber(value);
  return code === 0 ? atomRepr(value) : `${code}  # ${value}`;
}

type StepOf<O extends StepOp> = Extract<Step, { readonly op: O }>;
type Repr<O extends StepOp> = (step: StepOf<O>, value: unknown) => string;

/** A value as Python writes it: None, True, a number, a string (what most steps return: None). */
const plain = (_step: Step, value: unknown): string => atomRepr(value);

/**
 * How the REPL shows each op's transcript value. Every op of the scenario
 * format has an entry, so a new one does not compile until it says how its
 * value reads.
 */
export type ValueReprTable = { [O in StepOp]: Repr<O> };

const VALUE_REPRS: ValueReprTable = {
  socket: plain,
  bind: plain,
  listen: plain,
  accept: (step, value) => {
    const [name, address] = Array.isArray(value) ? value : [step.as, null];
    return `(<socket ${String(name)}>, ${tupleRepr(address)})`;
  },
  connect: plain,
  connect_ex: (_step, value) => errnoResult(value),
  send: plain,
  sendall: plain,
  sendto: plain,
  recv: (_step, value) => hexRepr(value) ?? "None",
  recvfrom: (_step, value) => tupleRepr(value),
  shutdown: plain,
  close: plain,
  settimeout: plain,
  setblocking: plain,
  setsockopt: plain,
  getsockopt: (step, value) => {
    if (Array.isArray(value)) return tupleRepr(value);
    return step.name === "SO_ERROR" ? errnoResult(value) : atomRepr(value);
  },
  getsockname: (_step, value) => tupleRepr(value),
  getpeername: (_step, value) => tupleRepr(value),
  poll: (_step, value) => {
    if (!Array.isArray(value)) return atomRepr(value);
    const pairs = value.filter((p): p is [string, number] => Array.isArray(p) && typeof p[0] === "string" && typeof p[1] === "number");
    // The lesson knows sockets by name, not fd number: each fd reads as the expression that gives it.
    const list = pollRepr(pairs.map(([name, revents]) => [`${name}.fileno()`, revents] as const));
    const names = pairs.map(([name, revents]) => `${name}: ${pollFlagNames(revents).join(" | ")}`);
    return names.length > 0 ? `${list}  # ${names.join("; ")}` : list;
  },
  select: (_step, value) => {
    if (!Array.isArray(value)) return atomRepr(value);
    return selectRepr(value.map((names) => (Array.isArray(names) ? names.map(String) : [])));
  },
  sleep: plain,
  send_frame: plain,
  recv_frame: (_step, value) => hexRepr(value) ?? "None",
};

function reprOf<O extends StepOp>(op: O, step: StepOf<O>, value: unknown): string {
  return VALUE_REPRS[op](step, value);
}

export function valueRepr(step: Step, value: unknown): string {
  return reprOf(step.op, step, value);
}

/** What the REPL shows for this line. */
export function lineRepr(step: Step, line: TranscriptLine): string {
  return line.ok ? valueRepr(step, line.value) : errorRepr(line.error);
}
