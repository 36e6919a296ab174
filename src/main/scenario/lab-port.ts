import type { CommandArgs, CommandResult, LabCommandName } from "../../shared/contract";
import type { Address } from "../../shared/socket-model";

/**
 * What running a scenario needs of a Lab: its socket commands, a socket's
 * address for "$name.port", and the event clock. The Lab in this process
 * answers `socketAddress` at once; an agent's Lab across the network
 * (console/remote-lab.ts) answers it with a round trip.
 */
export interface LabPort {
  call<N extends LabCommandName>(name: N, args: CommandArgs<N>, signal?: AbortSignal): Promise<CommandResult<N>>;
  socketAddress(fd: number): Address | Promise<Address>;
  /** The seq of the latest event. */
  readonly lastSeq: number;
}

/** The Labs of a multi-host scenario besides the local one, by host name. */
export type HostPorts = ReadonlyMap<string, LabPort>;
