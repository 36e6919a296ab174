import type { CommandInput, CommandResult, LabCommandName, Reply } from "../../../shared/contract";
import { useLabClient } from "../../store/context";

/** A command of a host's Lab (`local`: the console's own) through `hosts_call`, typed as the command itself. */
export function useHostCall() {
  const client = useLabClient();
  return async function call<N extends LabCommandName>(host: string, name: N, input: CommandInput<N>): Promise<Reply<CommandResult<N>>> {
    // hosts_call answers with the named command's own result: the contract checks its input by that command's schema.
    return (await client.call("hosts_call", { host, name, input })) as Reply<CommandResult<N>>;
  };
}
