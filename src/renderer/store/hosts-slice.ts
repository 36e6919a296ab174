import type { StateCreator } from "zustand";
import { appendRows, upsertHost } from "../model/hosts/timeline";
import type { LabState } from "./state/lab-state";
import type { HostsSlice } from "./state/hosts";

export const createHostsSlice: StateCreator<LabState, [], [], HostsSlice> = (set) => ({
  hostsOpen: false,
  shareOpen: false,
  hosts: [],
  hostRows: [],
  hostRowsDropped: 0,
  hostFilter: null,
  hostExpression: "",
  hostPicked: null,
  hostsUnavailable: null,
  // One view takes the socket detail's place at a time.
  setHostsOpen: (open) => set(open ? { hostsOpen: true, discoveryOpen: false, broadcastOpen: false } : { hostsOpen: false }),
  setShareOpen: (open) => set(open ? { shareOpen: true, hostsOpen: true, discoveryOpen: false, broadcastOpen: false } : { shareOpen: false }),
  hostsPolled: (poll) =>
    set((s) => {
      const { rows, trimmed } = appendRows(s.hostRows, poll.rows);
      return { hosts: poll.hosts, hostRows: rows, hostRowsDropped: s.hostRowsDropped + poll.dropped + trimmed };
    }),
  hostAdded: (host) => set((s) => ({ hosts: upsertHost(s.hosts, host) })),
  hostRemoved: (name) => set((s) => ({ hosts: s.hosts.filter((h) => h.name !== name), hostFilter: s.hostFilter === name ? null : s.hostFilter })),
  setHostFilter: (hostFilter) => set({ hostFilter }),
  setHostExpression: (hostExpression) => set({ hostExpression }),
  pickHostRow: (hostPicked) => set({ hostPicked }),
  setHostsUnavailable: (hostsUnavailable) => set({ hostsUnavailable }),
});
