import type { LabApi } from "../../../shared/api";
import type { LocalizedText, Scenario, TranscriptLine } from "../../../shared/scenario";
import type { ChartEvent, NameAssignment } from "../../model/lessons/sequence";

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
