import { helperSource } from "./helpers/source";

/**
 * The helpers at the top of exported programs (the framing ones only when a
 * scenario frames messages), kept as Python files (./helpers/*.py) so a
 * student reads them exactly as they run, and python3 checks them
 * (prelude.test.ts). Every top-level name in them must be in
 * EXPORT_RESERVED_NAMES (src/shared/scenario/names.ts) so no socket name can
 * shadow it; prelude.test.ts checks that too.
 */

/** The helpers of the transcript program: run each step, print its transcript line, check its expectation. */
export const CORE_PRELUDE = helperSource("transcript.py");

/** The framing helpers' exception, which both program styles define (the transcript program always: error_of names it). */
export const FRAMING_ERROR = helperSource("framing_error.py");

/** send_frame / recv_frame with the same rules as the Lab's codecs. */
export const FRAMING_PRELUDE = helperSource("framing.py");

/**
 * The helpers of a REPL-style program (the session as a person would type
 * it): only what it takes to print an expected exception the way the REPL
 * did, and to let any other one stop the program.
 */
export const REPL_PRELUDE = helperSource("repl.py");

/** Variables a REPL-style program assigns besides the sockets: poll()'s object, accept()'s address, the caught exception. */
export const REPL_VARIABLES = ["p", "addr", "exc"] as const;
