import type { LabEvent } from "../../shared/events";
import { broadcastReducer } from "./broadcast-slice";
import { consoleReducer } from "./console-reducer";
import { flagsReducer } from "./flags-slice";
import { framingReducer } from "./framing-slice";
import { kernelHistoryReducer } from "./kernel-history";
import { lessonsReducer } from "./lessons-slice";
import { logJobsReducer } from "./log-jobs";
import { sessionReducer } from "./session-slice";
import { logReducer } from "./log-slice";
import { closedReducer, socketsReducer } from "./sockets-slice";
import type { LabState } from "./store";

/**
 * What a feature's slice makes of a batch of Lab events, computed from the
 * state before the batch: the fields it changes, or null. Every reducer sees
 * every batch, and the store applies all their changes in one update, so a
 * batch still costs one render.
 */
export type EventReducer = (events: readonly LabEvent[], state: LabState) => Partial<LabState> | null;

/** One line per slice that follows events: the open sockets, the log, and each feature. */
export const EVENT_REDUCERS: readonly EventReducer[] = [socketsReducer, logReducer, closedReducer, kernelHistoryReducer, flagsReducer, framingReducer, logJobsReducer, broadcastReducer, lessonsReducer, consoleReducer, sessionReducer];
