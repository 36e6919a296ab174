import type { StateCreator } from "zustand";
import type { EventReducer, LabState } from "./state/lab-state";
import type { SessionSlice } from "./state/session";

export const createSessionSlice: StateCreator<LabState, [], [], SessionSlice> = (set) => ({
  labInstance: null,
  labSeq: 0,
  unclaimed: [],
  restoreNote: null,
  startSession: (labInstance, seq, unclaimed) => set((state) => ({ labInstance, labSeq: Math.max(state.labSeq, seq), unclaimed })),
  keepUnclaimed: () => set({ unclaimed: [] }),
  setRestoreNote: (restoreNote) => set({ restoreNote }),
});

/** A closed socket is no longer the banner's question (and its fd may be reused by a socket of this page). */
export const sessionReducer: EventReducer = (events, state) => {
  if (state.unclaimed.length === 0) return null;
  const closed = new Set(events.flatMap((e) => (e.type === "closed" ? [e.fd] : [])));
  if (closed.size === 0) return null;
  const unclaimed = state.unclaimed.filter((fd) => !closed.has(fd));
  return unclaimed.length === state.unclaimed.length ? null : { unclaimed };
};
