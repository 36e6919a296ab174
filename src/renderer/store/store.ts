import { createStore } from "zustand/vanilla";
import type { CommandResult } from "../../shared/contract";
import type { EventBatch } from "../../shared/events";
import type { SocketSnapshot, TcpState } from "../../shared/socket-model";
import { createBroadcastSlice, type BroadcastSlice } from "./broadcast-slice";
import { createClockSlice, type ClockSlice } from "./clock-slice";
import { createDiscoverySlice, type DiscoverySlice } from "./discovery-slice";
import { EVENT_REDUCERS } from "./event-reducers";
import { createFlagsSlice, type FlagsSlice } from "./flags-slice";
import { createFramingSlice, type FramingSlice } from "./framing-slice";
import { historiesFromSnapshot } from "./kernel-history";
import { appendBounded, createLogSlice, toLogEntry, type LogEntry, type LogSlice } from "./log-slice";
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
      // Copied on the first change only: a batch of data events leaves the socket table (and its views) alone.
      let sockets: Map<number, SocketSnapshot> | null = null;
      let previousState: Map<number, TcpState> | null = null;
      const added: LogEntry[] = [];
      let selectedFd = state.selectedFd;
      for (const event of events) {
        const before = (sockets ?? state.sockets).get(event.fd);
        const entry = toLogEntry(event, before);
        if (entry && entry.seq > state.logFloor) added.push(entry);
        if (event.type !== "created" && event.type !== "state" && event.type !== "closed") continue;
        sockets ??= new Map(state.sockets);
        previousState ??= new Map(state.previousState);
        if (event.type === "created") {
          sockets.set(event.fd, event.socket);
          previousState.delete(event.fd);
        } else if (event.type === "state") {
          sockets.set(event.fd, event.socket);
          if (before && before.state !== event.socket.state) previousState.set(event.fd, before.state);
        } else {
          sockets.delete(event.fd);
          previousState.delete(event.fd);
          if (selectedFd === event.fd) selectedFd = null;
        }
      }
      let features: Partial<LabState> = {};
      for (const reduce of EVENT_REDUCERS) features = { ...features, ...reduce(events, state) };
      const tables = sockets && previousState ? { sockets, previousState } : {};
      const lastSeq = events.at(-1)?.seq ?? 0;
      const read = lastSeq > state.labSeq ? { labSeq: lastSeq } : {};
      set({ ...features, ...tables, ...read, selectedFd, ...appendBounded(state.log, added, state.logDropped) });
    },
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;
