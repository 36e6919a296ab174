import { createStore } from "zustand/vanilla";
import type { CommandResult } from "../../shared/contract";
import type { EventBatch } from "../../shared/events";
import { createBroadcastSlice, type BroadcastSlice } from "./broadcast-slice";
import { createClockSlice, type ClockSlice } from "./clock-slice";
import { createDiscoverySlice, type DiscoverySlice } from "./discovery-slice";
import { EVENT_REDUCERS } from "./event-reducers";
import { createFlagsSlice, type FlagsSlice } from "./flags-slice";
import { createFramingSlice, type FramingSlice } from "./framing-slice";
import { historiesFromSnapshot } from "./kernel-history";
import { createLogSlice, type LogSlice } from "./log-slice";
import { createLessonsSlice, type LessonsSlice } from "./lessons-slice";
import { createRecordingSlice, type RecordingSlice } from "./recording-slice";
import { createSessionSlice, type SessionSlice } from "./session-slice";
import { createSocketsSlice, type SocketsSlice } from "./sockets-slice";
import { createUiSlice, type UiSlice } from "./ui-slice";

export interface LabState extends SocketsSlice, LogSlice, UiSlice, RecordingSlice, ClockSlice, FlagsSlice, FramingSlice, BroadcastSlice, LessonsSlice, SessionSlice, DiscoverySlice {
  /** Applies one batch from the Lab in a single update: one render per batch. */
  applyEvents(batch: Pick<EventBatch, "events">): void;
  /** Replaces the socket table with the Lab's snapshot (on connect), and notes which engine runs it. */
  applySnapshot(snapshot: Pick<CommandResult<"snapshot">, "sockets" | "engine">): void;
}

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
