import type { Expectation, StepOp } from "./schema";

/**
 * One line of a scenario transcript, printed as JSON by `socket-lab run` and
 * by the program `export-python --transcript` writes. The Lab runner and CPython must
 * print equal transcripts (ports aside, see normalizeTranscript). Conventions:
 *
 * - `step` is 1-based: the first step of the file is step 1, the same number
 *   parse errors use ("step 3 (bind): …").
 * - Keys come in this order: step, host, op, ok, value | error, expect_failed, expected.
 * - `host` is there only in a multi-host scenario (one whose steps name
 *   hosts): the host the step ran on, `local` for a step that names none.
 * - `error` is `{type, errno}`: `type` is the Python exception class name
 *   (`type(exc).__name__`); `errno` is the symbolic name
 *   (`errno.errorcode`, except that EAGAIN, EOPNOTSUPP and EDEADLK are
 *   preferred over their Linux aliases EWOULDBLOCK, ENOTSUP and EDEADLOCK).
 *   A socket timeout is `{"type": "TimeoutError", "errno": null}`; a
 *   name-resolution failure is `{"type": "gaierror", "errno": "EAI_NONAME"}`
 *   (the `socket.EAI_*` constant's name); a framing failure is
 *   `{"type": "FramingError", "errno": "FRAME_TOO_LARGE" | "TRUNCATED_FRAME" |
 *   "BAD_LENGTH" | "DELIMITER_IN_PAYLOAD"}`; anything without an errno
 *   (ValueError, OverflowError, …) has `errno: null`.
 * - `value` by op: bytes → `{"hex"}` (lower case); getsockname/getpeername →
 *   `[host, port]` (the first two items of Python's tuple, also for IPv6);
 *   accept → `[name, [host, port]]`; recvfrom → `[{"hex"}, [host, port]]`;
 *   send/sendto → byte count; connect_ex → `0` on success, otherwise the
 *   errno *name* (e.g. "ECONNREFUSED"), because errno numbers differ between
 *   systems; getsockopt → the integer Linux returns (booleans read back as
 *   1/0, SO_RCVBUF/SO_SNDBUF doubled as Linux does), `[onoff, seconds]` for
 *   SO_LINGER, and for SO_ERROR the pending error as connect_ex shows it
 *   (`0` or the errno name); poll → `[[name, revents]]` for each registered
 *   socket with nonzero revents, in registration order; select →
 *   `[[names], [names], [names]]`, each in the order the step listed them;
 *   recv_frame → `{"hex"}`, or `null` at a clean end of stream; every other
 *   op (including send_frame and sendall) → `null`.
 * - A failed expectation adds `"expect_failed": true` and `"expected"`: the
 *   step's `expect` with references ("$srv.port") resolved.
 *
 * Names and sockets: a name refers to the socket object its step created. A
 * name whose creating step failed stands for a closed socket. On a closed
 * socket every op fails with `OSError` EBADF, except `close`, which succeeds
 * again (as in Python). poll and select use the fd number the socket had
 * when it was created, as a C program would: after close that fd is stale
 * (POLLNVAL, or EBADF from select) or already reused by a newer socket.
 */
export interface TranscriptError {
  readonly type: string;
  readonly errno: string | null;
}

interface LineBase {
  readonly step: number;
  readonly host?: string;
  readonly op: StepOp;
  readonly expect_failed?: true;
  readonly expected?: Expectation;
}

export type TranscriptLine =
  | (LineBase & { readonly ok: true; readonly value: unknown })
  | (LineBase & { readonly ok: false; readonly error: TranscriptError });

/** Splits printed transcript text (one JSON object per line) into lines. */
export function parseTranscript(text: string): TranscriptLine[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as TranscriptLine);
}

/** Where a port sits inside the value of each op that shows an address. */
const PORT_PATHS: Partial<Record<StepOp, readonly (readonly number[])[]>> = {
  getsockname: [[1]],
  getpeername: [[1]],
  accept: [[1, 1]],
  recvfrom: [[1, 1]],
};

/**
 * Makes two runs comparable: every nonzero port in an address becomes a
 * placeholder, "$P1" for the first distinct port met, "$P2" for the next,
 * and so on (port 0 stays: it means "not bound"). The same port gets the
 * same placeholder throughout, so "the client talks to the port the server
 * bound" still shows.
 */
export function normalizeTranscript(lines: readonly (TranscriptLine | string)[]): TranscriptLine[] {
  const placeholders = new Map<number, string>();
  const rename = (port: unknown): unknown => {
    if (typeof port !== "number" || port === 0) return port;
    let name = placeholders.get(port);
    if (name === undefined) {
      name = `$P${placeholders.size + 1}`;
      placeholders.set(port, name);
    }
    return name;
  };
  return lines.map((raw) => {
    const line = typeof raw === "string" ? (JSON.parse(raw) as TranscriptLine) : raw;
    const paths = PORT_PATHS[line.op];
    if (!paths) return line;
    let out = line;
    if (out.ok) out = { ...out, value: replaceAt(out.value, paths, rename) };
    if (out.expected && "value" in out.expected) {
      out = { ...out, expected: { value: replaceAt(out.expected.value, paths, rename) } };
    }
    return out;
  });
}

function replaceAt(value: unknown, paths: readonly (readonly number[])[], f: (v: unknown) => unknown): unknown {
  let out = value;
  for (const path of paths) out = replaceOne(out, path, f);
  return out;
}

function replaceOne(value: unknown, path: readonly number[], f: (v: unknown) => unknown): unknown {
  if (path.length === 0) return f(value);
  const [head, ...rest] = path as [number, ...number[]];
  if (!Array.isArray(value) || head >= value.length) return value;
  return value.map((item, i) => (i === head ? replaceOne(item, rest, f) : item));
}
