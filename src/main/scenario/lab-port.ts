import type { CommandArgs, CommandResult, LabCommandName } from "../../shared/contract";
import type { Address } from "../../shared/socket-model";

/** What running a scenario needs of a Lab: its socket commands, a socket's address for "$name.port", and the event clock. */
export interface LabPort {
  call<N extends LabCommandName>(name: N, args: CommandArgs<N>, signal?: AbortSignal): Promise<CommandResult<N>>;
  socketAddress(fd: number): Address;
  /** The seq of the latest event. */
  readonly lastSeq: number;
}
