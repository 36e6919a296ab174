import type { CommandResult } from "../../../shared/contract";
import type { EventBatch, LabEvent } from "../../../shared/events";
import type { BroadcastSlice } from "./broadcast";
import type { ClockSlice } from "./clock";
import type { DiscoverySlice } from "./discovery";
import type { FlagsSlice } from "./flags";
import type { FramingSlice } from "./framing";
import type { HostsSlice } from "./hosts";
import type { LessonsSlice } from "./lessons";
import type { LogSlice } from "./log";
import type { RecordingSlice } from "./recording";
import type { SessionSlice } from "./session";
import type { SocketsSlice } from "./sockets";
import type { UiSlice } from "./ui";

/**
 * The page's whole state: every slice's shape, and the two ways the Lab's
 * events reach it. The shapes live in state/, below the slices that create
 * them, so a slice can see the whole state (its `get()`) without the store
 * and the slices importing each other.
 */
export interface LabState extends SocketsSlice, LogSlice, UiSlice, RecordingSlice, ClockSlice, FlagsSlice, FramingSlice, BroadcastSlice, LessonsSlice, SessionSlice, DiscoverySlice, HostsSlice {
  /** Applies one batch from the Lab in a single update: one render per batch. */
  applyEvents(batch: Pick<EventBatch, "events">): void;
  /** Replaces the socket table with the Lab's snapshot (on connect), and notes which engine runs it. */
  applySnapshot(snapshot: Pick<CommandResult<"snapshot">, "sockets" | "engine">): void;
}

/**
 * What a feature's slice makes of a batch of Lab events, computed from the
 * state before the batch: the fields it changes, or null. Every reducer sees
 * every batch, and the store applies all their changes in one update, so a
 * batch still costs one render.
 */
export type EventReducer = (events: readonly LabEvent[], state: LabState) => Partial<LabState> | null;
