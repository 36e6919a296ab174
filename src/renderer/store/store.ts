import { createStore } from "zustand/vanilla";
import { createBroadcastSlice } from "./broadcast-slice";
import { createClockSlice } from "./clock-slice";
import { createDiscoverySlice } from "./discovery-slice";
import { EVENT_REDUCERS } from "./event-reducers";
import { createFlagsSlice } from "./flags-slice";
import { createFramingSlice } from "./framing-slice";
import { createHostsSlice } from "./hosts-slice";
import { historiesFromSnapshot } from "./kernel-history";
import { createLogSlice } from "./log-slice";
import { createLessonsSlice } from "./lessons-slice";
import { createRecordingSlice } from "./recording-slice";
import { createSessionSlice } from "./session-slice";
import { createSocketsSlice } from "./sockets-slice";
import { createUiSlice } from "./ui-slice";
import type { LabState } from "./state/lab-state";

export function createLabStore() {
  return createStore<LabState>()((set, get, api) => ({
    ...createSocketsSlice(set, get, api),
    ...createLogSlice(set, get, api),
    ...createUiSlice(set, get, api),
    ...createRecordingSlice(set, get, api),
    ...createBroadcastSlice(set, get, api),
    ...createLessonsSlice(set, get, api),
    ...createClockSlice(set, get, api),
    ...createFlagsSlice(set, get, api),
    ...createFramingSlice(set, get, api),
    ...createSessionSlice(set, get, api),
    ...createDiscoverySlice(set, get, api),
    ...createHostsSlice(set, get, api),
    applySnapshot: ({ sockets: list, engine }) =>
      set({
        sockets: new Map(list.map((s) => [s.fd, s])),
        previousState: new Map(),
        closedSockets: new Map(),
        kernelHistory: historiesFromSnapshot(list),
        engine,
      }),
    applyEvents: ({ events }) => {
      const state = get();
      let changes: Partial<LabState> = {};
      for (const reduce of EVENT_REDUCERS) changes = { ...changes, ...reduce(events, state) };
      const lastSeq = events.at(-1)?.seq ?? 0;
      set({ ...changes, ...(lastSeq > state.labSeq ? { labSeq: lastSeq } : {}) });
    },
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;
