import type { CommandResult } from "../../../shared/contract";
import type { StandardDiscoveryProtocol } from "../../../shared/discovery/contract";
import type { Undecodable } from "../../../shared/discovery/types";
import type { DiscoveryView } from "../../model/discovery/model";

/** The Discovery form, kept while the view is closed. Text fields stay text until a run starts. */
export interface DiscoveryDraft {
  /** An interface name, or "" for every interface that is up (loopback excluded). */
  readonly iface: string;
  readonly protocols: readonly StandardDiscoveryProtocol[];
  /** What LLMNR and NetBIOS ask for. */
  readonly name: string;
  readonly timeout: string;
  /** A user-defined probe: on or off, where to, what bytes, how an answer is recognised. */
  readonly probe: { readonly on: boolean; readonly address: string; readonly port: string; readonly hex: string; readonly match: string };
}

export type DiscoverySelection = { readonly kind: "device"; readonly address: string } | { readonly kind: "undecodable"; readonly datagram: Undecodable };

export interface DiscoverySlice {
  readonly discoveryOpen: boolean;
  readonly discovery: DiscoveryView;
  readonly discoveryDraft: DiscoveryDraft;
  readonly discoverySelection: DiscoverySelection | null;
  setDiscoveryOpen(open: boolean): void;
  setDiscoveryDraft(patch: Partial<DiscoveryDraft>): void;
  discoveryStarted(started: CommandResult<"discover_start">, extra: { named: boolean; custom: number }): void;
  discoveryPolled(discovery: number, poll: CommandResult<"discover_poll">): void;
  clearDiscovery(): void;
  selectDiscovery(selection: DiscoverySelection | null): void;
}
