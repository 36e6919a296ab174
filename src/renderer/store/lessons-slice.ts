import type { StateCreator } from "zustand";
import type { LabApi } from "../../shared/api";
import type { LocalizedText, Scenario, TranscriptLine } from "../../shared/scenario";
import { closeNames, isChartEvent, type ChartEvent, type NameAssignment } from "../model/lessons/sequence";
import type { EventReducer } from "./event-reducers";
import { EMPTY_CHART, playerActions } from "./lesson-player";
import type { LabState } from "./store";

/** Events the sequence chart keeps; past this the oldest go, counted. */
export const CHART_CAPACITY = 5000;

export interface LessonInfo {
  readonly name: string;
  readonly file: string;
  readonly title: LocalizedText;
  readonly scenario: Scenario;
}

/** What the player plays: a built-in lesson or a scenario file. */
export interface Playing {
  readonly kind: "lesson" | "file";
  readonly name: string;
  readonly title: LocalizedText | null;
  readonly scenario: Scenario;
}

export interface LessonChart {
  /** Events after this seq belong to the current run; null when nothing plays. */
  readonly from: number | null;
  readonly events: readonly ChartEvent[];
  readonly trimmed: number;
  readonly names: readonly NameAssignment[];
}

/** A prediction: which choice was picked for which step (0-based). */
export interface Guess {
  readonly step: number;
  readonly choice: number | null;
}

export interface LessonsSlice {
  readonly lessonsOpen: boolean;
  readonly presenter: boolean;
  readonly predict: boolean;
  readonly lessonList: readonly LessonInfo[] | null;
  readonly playing: Playing | null;
  readonly session: number | null;
  /** Steps run so far in this session. */
  readonly position: number;
  /** Predict mode: step `position` is shown, waiting for the class's guess before it runs. */
  readonly pending: boolean;
  readonly guess: Guess | null;
  readonly lines: readonly TranscriptLine[];
  readonly playerBusy: boolean;
  readonly playerProblem: string | null;
  readonly chart: LessonChart;
  setLessonsOpen(open: boolean): void;
  setPresenter(on: boolean): void;
  setPredict(on: boolean): void;
  loadLessons(api: LabApi): Promise<void>;
  play(api: LabApi, playing: Playing): Promise<void>;
  next(api: LabApi): Promise<void>;
  reveal(api: LabApi, choice: number | null): Promise<void>;
  back(api: LabApi): Promise<void>;
  runAll(api: LabApi): Promise<void>;
  resetLesson(api: LabApi): Promise<void>;
  /** Ends the session (its sockets close) and leaves the player empty. */
  stopLesson(api: LabApi): Promise<void>;
  showPlayerProblem(problem: string | null): void;
}

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
