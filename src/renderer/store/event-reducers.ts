import { broadcastReducer } from "./broadcast-slice";
import { consoleReducer } from "./console-reducer";
import { flagsReducer } from "./flags-slice";
import { framingReducer } from "./framing-slice";
import { lessonsReducer } from "./lessons-slice";
import { logJobsReducer } from "./log-jobs";
import { sessionReducer } from "./session-slice";
import { logReducer } from "./log-slice";
import { closedReducer, kernelHistoryReducer, socketsReducer } from "./sockets-slice";
import type { EventReducer } from "./state/lab-state";

/** One line per slice that follows events: the open sockets, the log, and each feature. */
export const EVENT_REDUCERS: readonly EventReducer[] = [socketsReducer, logReducer, closedReducer, kernelHistoryReducer, flagsReducer, framingReducer, logJobsReducer, broadcastReducer, lessonsReducer, consoleReducer, sessionReducer];
