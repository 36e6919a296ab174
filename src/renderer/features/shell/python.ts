import type { HexBytes } from "../../../shared/bytes";
import { fromHex } from "../../../shared/bytes";
import { errnoName, gaiError, strerror, type LabErrorInfo } from "../../../shared/errors";
import { stepCall, stepLines } from "../../../shared/python-steps";
import { addressRepr, bytesRepr, exceptionLine, intRepr, strRepr, tupleOf } from "../../../shared/python-repr";
import type { Address } from "../../../shared/socket-model";
import type { CommandCall, CompletedCall } from "../../api/calls";
import { commandStep, socketName } from "../../store/to-step";

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

/**
 * How Python shows the exception: `ConnectionRefusedError: [Errno 111] Connection refused`.
 * What the Lab adds beyond Python's own text follows as a comment, so the line stays Python.
 */
export function pyError(error: LabErrorInfo): string {
  const line = exceptionLine(error);
  const text = error.errno === null ? null : error.type === "gaierror" ? gaiError(error.errno)?.[1] : strerror(error.errno);
  const prefix = text ? `${text}: ` : null;
  const detail = prefix !== null && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : null;
  return detail ? `${line}  # ${detail}` : line;
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

/** What the Python REPL would echo for the result ("" for None). */
export function pyResult(done: CompletedCall): string {
  switch (done.name) {
    case "accept":
      return `# addr = ${addressRepr(done.result.address)}`;
    case "connect_ex":
      return errnoValue(done.result);
    case "send":
    case "sendto":
      return intRepr(done.result);
    case "recv":
      return pyBytesHex(done.result);
    case "recvfrom":
      return tupleOf([pyBytesHex(done.result.data), done.result.address ? addressRepr(done.result.address) : "None"]);
    case "getsockname":
    case "getpeername":
      return addressRepr(done.result);
    case "getsockopt": {
      const value = done.result;
      if (typeof value !== "number") return tupleOf([intRepr(value[0]), intRepr(value[1])]);
      return done.input.name === "SO_ERROR" ? errnoValue(value) : intRepr(value);
    }
    default:
      return "";
  }
}
