import type { StateCreator } from "zustand";
import { STANDARD_PROTOCOLS } from "../../shared/discovery/contract";
import { applyPoll, clearView, EMPTY_VIEW, startRun } from "../model/discovery/model";
import type { LabState } from "./state/lab-state";
import type { DiscoveryDraft, DiscoverySlice } from "./state/discovery";

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
  // One view takes the socket detail's place at a time: Discovery, Broadcast or Hosts.
  setDiscoveryOpen: (open) => set(open ? { discoveryOpen: true, broadcastOpen: false, hostsOpen: false } : { discoveryOpen: false }),
  setDiscoveryDraft: (patch) => set((s) => ({ discoveryDraft: { ...s.discoveryDraft, ...patch } })),
  discoveryStarted: (started, extra) => set((s) => ({ discovery: startRun(s.discovery, started, extra) })),
  discoveryPolled: (discovery, poll) => set((s) => ({ discovery: applyPoll(s.discovery, discovery, poll) })),
  clearDiscovery: () => set((s) => ({ discovery: clearView(s.discovery), discoverySelection: null })),
  selectDiscovery: (discoverySelection) => set({ discoverySelection }),
});
