import type { CommandInput, CommandName, CommandResult, Reply } from "../../../shared/contract";
import type { AnsweredCall, CommandCall, CompletedCall } from "../../api/calls";
import { useT } from "../../hooks/use-t";
import { useLabClient, useLabStore } from "../../store/context";
import { labNote } from "./lab-notes";
import { pyCall, pyResult, pyStatement } from "./python";
import { pyError } from "../../../shared/python-repr";

/**
 * Runs one command for a control. Its Python line (or Lab note) goes to the
 * console before it runs and gets its outcome when the Lab answers, which
 * for a blocking call may be much later: nothing waits but this promise.
 * Every answered call is offered to the recording; a failure is shown to the
 * person.
 */
export interface RunOptions {
  /** Tidying up after a failed step (closing the socket it left): the failure stays on screen. */
  readonly cleanup?: boolean;
  /**
   * False for a call outside the session's story (closing the sockets an
   * earlier page left): the recording has no step that made those sockets,
   * so a step for them would only make it unplayable.
   */
  readonly record?: boolean;
}

export function useRunCommand(): (command: CommandCall, options?: RunOptions) => Promise<Reply<unknown>> {
  const t = useT();
  const client = useLabClient();
  const showError = useLabStore((s) => s.showError);
  const startConsoleLine = useLabStore((s) => s.startConsoleLine);
  const finishConsoleLine = useLabStore((s) => s.finishConsoleLine);
  const record = useLabStore((s) => s.record);
  const sockets = useLabStore((s) => s.sockets);
  return async (command, options = {}) => {
    const python = pyCall(command);
    const text = python ?? labNote(command, t) ?? "";
    const line = text === "" ? null : startConsoleLine(text, python === null);

    const reply: Reply<unknown> = await client.call(command.name, command.input as CommandInput<CommandName>);
    // The contract's table pairs each name with its input and result type; these unions say the same per command.
    if (options.record !== false) record({ ...command, reply } as AnsweredCall, sockets);
    if (!reply.ok) {
      showError(command.name, reply.error);
      if (line !== null) finishConsoleLine(line, { text, status: "error", outcome: pyError(reply.error) });
      return reply;
    }
    if (line !== null) {
      // Only a person's own action replaces the error they are looking at.
      if (!options.cleanup) showError(command.name, null);
      const done = { ...command, result: reply.result } as CompletedCall;
      finishConsoleLine(line, { text: pyStatement(done) ?? text, status: "ok", outcome: pyResult(done) });
    }
    return reply;
  };
}

/** `useRunCommand` for one named command: `{ value }` on success, null on failure (many results are themselves null). */
export function useCall() {
  const run = useRunCommand();
  return async function call<N extends CommandName>(name: N, input: CommandInput<N>, options?: RunOptions): Promise<{ value: CommandResult<N> } | null> {
    const reply = await run({ name, input } as CommandCall, options);
    return reply.ok ? { value: reply.result as CommandResult<N> } : null;
  };
}
