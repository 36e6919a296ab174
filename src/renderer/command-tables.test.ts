import { describe, expect, expectTypeOf, it } from "vitest";
import { COMMAND_NAMES, type CommandName } from "../shared/contract";
import { STEP_OPS, type StepOp } from "../shared/scenario";
import type { PredictionTable } from "./model/lessons/predict";
import type { ValueReprTable } from "./model/lessons/py-repr";
import type { NoteTable } from "./features/console/lab-notes";
import type { EchoTable } from "./features/console/python";
import { isPythonCall, type PythonCommand, type RecorderTable, type StepTable } from "./store/to-step";

/**
 * Each per-command concern of the page is one table over the contract's
 * commands (or the scenario format's ops), so a command added to the contract
 * does not compile until every table says what it does, or that it does
 * nothing there. The `@ts-expect-error` lines below are checked by
 * `npm run typecheck` (tsconfig.web.json): each fails the type check if a
 * table without one command's entry were accepted. docs/ARCHITECTURE.md lists
 * the tables a new command goes in.
 */

/** The table's type, as a table that lacks the entry for K would have it. */
type Lacking<T, K extends keyof T> = Omit<T, K>;

declare function lacking<T, K extends keyof T>(): Lacking<T, K>;

/** Checked by tsc only: vitest never calls it. */
export function tablesLackingAnEntryDoNotCompile(): void {
  // @ts-expect-error: a command without a step entry (its step, or null)
  const steps: StepTable = lacking<StepTable, "bind">();
  // @ts-expect-error: a command without a recording entry ("step", a function, "left" or "none")
  const recorders: RecorderTable = lacking<RecorderTable, "repeat">();
  // @ts-expect-error: a Python call without saying what the REPL echoes (null for None)
  const echoes: EchoTable = lacking<EchoTable, "recv">();
  // @ts-expect-error: a command that is no Python call without its console note (or null: no line)
  const notes: NoteTable = lacking<NoteTable, "snapshot">();
  // @ts-expect-error: a scenario op without its value's repr in the lesson player
  const reprs: ValueReprTable = lacking<ValueReprTable, "recv_frame">();
  // @ts-expect-error: a scenario op without its choices for "predict"
  const predictions: PredictionTable = lacking<PredictionTable, "poll">();
  void [steps, recorders, echoes, notes, reprs, predictions];
}

/** Checked by tsc only: a command is in exactly one of the console's two tables, by whether it has a step. */
export function theConsoleTablesSplitTheCommandsByTheirStep(): void {
  expectTypeOf<keyof EchoTable | keyof NoteTable>().toEqualTypeOf<CommandName>();
  expectTypeOf<keyof EchoTable & keyof NoteTable>().toBeNever();
  // @ts-expect-error: bind is a Python call: its console line is the call, never a Lab note
  expectTypeOf<NoteTable["bind"]>();
  // @ts-expect-error: a Lab mode has no REPL echo: it is no Python call
  expectTypeOf<EchoTable["auto"]>();
  // Only a command with a step may be recorded as that step.
  expectTypeOf<"step">().toExtend<RecorderTable["bind"]>();
  expectTypeOf<"step">().not.toExtend<RecorderTable["auto"]>();
  expectTypeOf<keyof ValueReprTable>().toEqualTypeOf<StepOp>();
}

describe("the page's tables over the contract's commands", () => {
  it("name the Python calls: the socket methods, each a one-line step", () => {
    const python = COMMAND_NAMES.filter((name) => isPythonCall({ name, input: {} }));
    expectTypeOf<PythonCommand>().toEqualTypeOf<
      | "socket" | "bind" | "listen" | "accept" | "connect" | "connect_ex" | "send" | "sendall" | "sendto" | "recv" | "recvfrom"
      | "shutdown" | "close" | "settimeout" | "setblocking" | "setsockopt" | "getsockopt" | "getsockname" | "getpeername"
    >();
    expect(python).toEqual([
      "socket", "bind", "listen", "accept", "connect", "connect_ex", "send", "sendall", "sendto", "recv", "recvfrom",
      "shutdown", "close", "settimeout", "setblocking", "setsockopt", "getsockopt", "getsockname", "getpeername",
    ]);
  });

  it("cover the scenario format's ops", () => {
    expectTypeOf<(typeof STEP_OPS)[number]>().toEqualTypeOf<StepOp>();
  });
});
