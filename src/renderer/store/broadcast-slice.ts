import type { StateCreator } from "zustand";
import type { NetworkInterfaceInfo } from "../../shared/socket-model";
import { broadcastTargets } from "../model/broadcast/addresses";
import { EMPTY_CAST_LOG, trackCasts } from "../model/broadcast/responders";
import type { EventReducer, LabState } from "./state/lab-state";
import type { BroadcastSlice } from "./state/broadcast";

/** Finished jobs kept for their progress bar; running ones always stay. */
const FINISHED_JOBS_KEPT = 20;

export const interfaceKey = (i: Pick<NetworkInterfaceInfo, "name" | "address">): string => `${i.name} ${i.address}`;

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}

export const createBroadcastSlice: StateCreator<LabState, [], [], BroadcastSlice> = (set) => ({
  broadcastOpen: false,
  interfaces: null,
  broadcastTargets: broadcastTargets([]),
  castLog: EMPTY_CAST_LOG,
  repeatJobs: new Map(),
  memberships: new Map(),
  soBroadcast: new Map(),
  senderFd: null,
  sourceKey: null,
  selectedCast: null,
  // The tutorial's port and message.
  senderDraft: { mode: "subnet", other: "", port: "12345", payload: "Hi there!", everyMs: "500", times: "5" },
  sendError: null,
  setSenderDraft: (patch) => set((s) => ({ senderDraft: { ...s.senderDraft, ...patch } })),
  setSendError: (sendError) => set({ sendError }),
  // One view takes the socket detail's place at a time: Discovery, Broadcast or Hosts.
  setBroadcastOpen: (broadcastOpen) => set(broadcastOpen ? { broadcastOpen, discoveryOpen: false, hostsOpen: false } : { broadcastOpen }),
  setInterfaces: (list) => set({ interfaces: list, broadcastTargets: broadcastTargets(list) }),
  setSender: (senderFd) => set({ senderFd }),
  setSourceKey: (sourceKey) => set({ sourceKey }),
  selectCast: (selectedCast) => set({ selectedCast }),
  noteSoBroadcast: (fd, on) => set((s) => ({ soBroadcast: new Map(s.soBroadcast).set(fd, on) })),
  noteMembership: (fd, action, m) =>
    set((s) => {
      const current = (s.memberships.get(fd) ?? []).filter((g) => g.group !== m.group || g.iface !== m.iface);
      return { memberships: new Map(s.memberships).set(fd, action === "join" ? [...current, m] : current) };
    }),
  clearCasts: () => set({ castLog: EMPTY_CAST_LOG, selectedCast: null }),
});

/** Responders from data events, job progress, and forgetting what belonged to closed sockets. */
export const broadcastReducer: EventReducer = (events, state) => {
  const castLog = trackCasts(state.castLog, events, state.broadcastTargets);
  let { repeatJobs: jobs, memberships, soBroadcast, senderFd } = state;
  for (const event of events) {
    if (event.type === "job") {
      const next = new Map(jobs).set(event.job, { job: event.job, fd: event.fd, sent: event.sent, total: event.total, done: event.done, error: event.error });
      const finished = [...next.values()].filter((j) => j.done);
      for (const old of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) next.delete(old.job);
      jobs = next;
    } else if (event.type === "closed") {
      // The fd may be reused by a new socket: nothing known about the old one applies to it.
      memberships = without(memberships, event.fd);
      soBroadcast = without(soBroadcast, event.fd);
      if (senderFd === event.fd) senderFd = null;
    }
  }
  const same = castLog === state.castLog && jobs === state.repeatJobs && memberships === state.memberships && soBroadcast === state.soBroadcast;
  if (same && senderFd === state.senderFd) return null;
  return { castLog, repeatJobs: jobs, memberships, soBroadcast, senderFd };
};
