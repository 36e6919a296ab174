import type { StateCreator } from "zustand";
import type { CommandResult } from "../../shared/contract";
import { STANDARD_PROTOCOLS, type StandardDiscoveryProtocol } from "../../shared/discovery/contract";
import type { Undecodable } from "../../shared/discovery/types";
import { applyPoll, clearView, EMPTY_VIEW, startRun, type DiscoveryView } from "../model/discovery/model";
import type { LabState } from "./store";

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

const DRAFT: DiscoveryDraft = {
  iface: "",
  protocols: [...STANDARD_PROTOCOLS],
  name: "",
  timeout: "3",
  probe: { on: false, address: "255.255.255.255", port: "", hex: "", match: "" },
};

export const createDiscoverySlice: StateCreator<LabState, [], [], DiscoverySlice> = (set) => ({
  discoveryOpen: false,
  discovery: EMPTY_VIEW,
  discoveryDraft: DRAFT,
  discoverySelection: null,
  // One view takes the socket detail's place at a time: Discovery or Broadcast.
  setDiscoveryOpen: (open) => set(open ? { discoveryOpen: true, broadcastOpen: false } : { discoveryOpen: false }),
  setDiscoveryDraft: (patch) => set((s) => ({ discoveryDraft: { ...s.discoveryDraft, ...patch } })),
  discoveryStarted: (started, extra) => set((s) => ({ discovery: startRun(s.discovery, started, extra) })),
  discoveryPolled: (discovery, poll) => set((s) => ({ discovery: applyPoll(s.discovery, discovery, poll) })),
  clearDiscovery: () => set((s) => ({ discovery: clearView(s.discovery), discoverySelection: null })),
  selectDiscovery: (discoverySelection) => set({ discoverySelection }),
});
