import type { CommandInput, CommandName, CommandResult } from "../../../shared/contract";
import { useLabClient, useLabStore } from "../../store/context";
import { pyError } from "./python";

/**
 * Runs one command for a control: the Python line goes to the console with
 * its outcome, a failure is shown to the person, and the caller gets
 * `{ value }` on success or null on failure (many results are themselves null).
 */
export function useCall() {
  const client = useLabClient();
  const showError = useLabStore((s) => s.showError);
  const addConsoleLine = useLabStore((s) => s.addConsoleLine);
  return async function call<N extends CommandName>(
    name: N,
    input: CommandInput<N>,
    /** The Python line, or a function of the result (undefined on failure) for lines like `s3 = socket.socket()`. */
    python: string | ((result: CommandResult<N> | undefined) => string) | null,
    describe?: (result: CommandResult<N>) => string,
  ): Promise<{ value: CommandResult<N> } | null> {
    const reply = await client.call(name, input);
    const line = (result: CommandResult<N> | undefined) => (typeof python === "function" ? python(result) : python);
    if (!reply.ok) {
      showError(name, reply.error);
      const text = line(undefined);
      if (text) addConsoleLine({ python: text, outcome: pyError(reply.error), ok: false });
      return null;
    }
    const text = line(reply.result);
    if (!text) return { value: reply.result };
    // Only a person's own action replaces the error they are looking at.
    showError(name, null);
    addConsoleLine({ python: text, outcome: describe ? describe(reply.result) : "", ok: true });
    return { value: reply.result };
  };
}
