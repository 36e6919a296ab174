import type { CommandInput, CommandResult } from "../../../shared/contract";
import type { AnsweredCall } from "../../api/calls";
import { useLabClient, useLabStore } from "../../store/context";
import { pyError } from "../../../shared/python-repr";

export interface OnceOutcome {
  readonly line: string;
  /** What Python prints, or the exception it raises. */
  readonly printed: string;
  readonly ok: boolean;
  readonly details: readonly string[];
}

type OnceName = "poll" | "select";

/**
 * Runs poll() or select() once and puts its Python line in the console, the
 * way every action does, and offers the call to the recording. The console's
 * own line builder knows only per-socket calls, so this one writes the line
 * itself.
 */
export function useOnce() {
  const client = useLabClient();
  const startConsoleLine = useLabStore((s) => s.startConsoleLine);
  const finishConsoleLine = useLabStore((s) => s.finishConsoleLine);
  const showError = useLabStore((s) => s.showError);
  const record = useLabStore((s) => s.record);
  const sockets = useLabStore((s) => s.sockets);
  return async function once<N extends OnceName>(
    name: N,
    input: CommandInput<N>,
    line: string,
    print: (result: CommandResult<N>) => { printed: string; details: string[] },
  ): Promise<OnceOutcome> {
    const id = startConsoleLine(line, false);
    const reply = await client.call(name, input);
    record({ name, input, reply } as AnsweredCall, sockets);
    if (!reply.ok) {
      const printed = pyError(reply.error);
      showError(name, reply.error);
      finishConsoleLine(id, { text: line, status: "error", outcome: printed });
      return { line, printed, ok: false, details: [] };
    }
    const { printed, details } = print(reply.result);
    finishConsoleLine(id, { text: line, status: "ok", outcome: printed });
    return { line, printed, ok: true, details };
  };
}
