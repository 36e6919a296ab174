import type { StateCreator } from "zustand";
import { closeNames, isChartEvent, type ChartEvent } from "../model/lessons/sequence";
import { EMPTY_CHART, playerActions } from "./lesson-player";
import type { EventReducer, LabState } from "./state/lab-state";
import type { LessonsSlice } from "./state/lessons";

/** Events the sequence chart keeps; past this the oldest go, counted. */
export const CHART_CAPACITY = 5000;

export const createLessonsSlice: StateCreator<LabState, [], [], LessonsSlice> = (set, get) => ({
  lessonsOpen: false,
  presenter: false,
  predict: false,
  lessonList: null,
  playing: null,
  session: null,
  position: 0,
  pending: false,
  guess: null,
  lines: [],
  playerBusy: false,
  playerProblem: null,
  chart: EMPTY_CHART,
  setLessonsOpen: (lessonsOpen) => set({ lessonsOpen }),
  setPresenter: (presenter) => set({ presenter, ...(presenter ? { lessonsOpen: true } : {}) }),
  // Turning predict off mid-question just shows the step's result once it runs.
  setPredict: (predict) => set(predict ? { predict } : { predict, pending: false }),
  showPlayerProblem: (playerProblem) => set({ playerProblem }),
  ...playerActions(set, get),
});

/** Collects the current run's events for its sequence chart. */
export const lessonsReducer: EventReducer = (events, state) => {
  const { chart } = state;
  if (chart.from === null) return null;
  const from = chart.from;
  const added = events.filter((e): e is ChartEvent => e.seq > from && isChartEvent(e));
  if (added.length === 0) return null;
  const all = chart.events.concat(added);
  const over = Math.max(0, all.length - CHART_CAPACITY);
  // Closes are marked on the names now: the capped event list may lose them later.
  const names = closeNames(
    chart.names,
    added.filter((e) => e.type === "closed"),
  );
  return { chart: { ...chart, names, events: over > 0 ? all.slice(over) : all, trimmed: chart.trimmed + over } };
};
