import type { LabErrorInfo } from "../../../shared/errors";
import type { JobProgress } from "../../../shared/events";
import type { NetworkInterfaceInfo } from "../../../shared/socket-model";
import type { CastLog } from "../../model/broadcast/responders";

export interface Membership {
  readonly group: string;
  readonly iface: string | null;
}

/** Where the sender sends: Python's '<broadcast>', the picked interface's subnet broadcast, or any address. */
export type DestinationMode = "limited" | "subnet" | "other";

/** The sender's form, kept while the panel is closed. Text fields stay text until sent. */
export interface SenderDraft {
  readonly mode: DestinationMode;
  readonly other: string;
  readonly port: string;
  readonly payload: string;
  readonly everyMs: string;
  readonly times: string;
}

export interface BroadcastSlice {
  readonly broadcastOpen: boolean;
  /** This host's interfaces, once asked for. */
  readonly interfaces: readonly NetworkInterfaceInfo[] | null;
  /** Every destination that is a broadcast here (loopback's included). */
  readonly broadcastTargets: ReadonlySet<string>;
  /** Every broadcast and multicast sent, with who answered (bounded). */
  readonly castLog: CastLog;
  readonly repeatJobs: ReadonlyMap<number, JobProgress>;
  /** Groups each socket joined through the panel: the Lab's snapshot does not list them. */
  readonly memberships: ReadonlyMap<number, readonly Membership[]>;
  /** SO_BROADCAST as last set or read, per socket. */
  readonly soBroadcast: ReadonlyMap<number, boolean>;
  readonly senderFd: number | null;
  /** The interface picked as the source: "name address". */
  readonly sourceKey: string | null;
  readonly selectedCast: number | null;
  readonly senderDraft: SenderDraft;
  /** The sender's last failed send, explained beside the form. */
  readonly sendError: { readonly fd: number; readonly error: LabErrorInfo } | null;
  setSenderDraft(patch: Partial<SenderDraft>): void;
  setSendError(error: { readonly fd: number; readonly error: LabErrorInfo } | null): void;
  setBroadcastOpen(open: boolean): void;
  setInterfaces(list: readonly NetworkInterfaceInfo[]): void;
  setSender(fd: number | null): void;
  setSourceKey(key: string | null): void;
  selectCast(id: number | null): void;
  noteSoBroadcast(fd: number, on: boolean): void;
  noteMembership(fd: number, action: "join" | "leave", membership: Membership): void;
  clearCasts(): void;
}
